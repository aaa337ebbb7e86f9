"""The demo's transfer in progress (issue 13 §3, Demo): a person of 凤凰街道 (红塔区) moving to 星云街道 (江川区),
consulted by 红塔区 and awaiting 江川区's reply; each county's accounts see their part. Built on the test world
with the demo's names mapped to its users."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.demo.transfers import seed_transfers
from sqjz.inbox.models import InboxItem
from tests.factories import UserFactory


def test_a_transfer_from_hongta_awaits_jiangchuans_reply_and_both_counties_see_it(world):
    users = {
        "zhaoyang": world.users["other_office_officer"],  # 凤凰街道
        "zhangli": world.users["county_officer"],
    }
    t = seed_transfers(today=timezone.localdate(), users=users)
    assert t is not None and t.status == "consulting" and t.supervisee == world.people["B"]
    assert seed_transfers(today=timezone.localdate(), users=users) is None  # once
    item = InboxItem.objects.get(kind="transfer_reply", state="open")
    assert item.actor_unit == world.units["jiangchuan_agency"]
    zhouli = UserFactory(username="zhouli", role=Role.OFFICE_OFFICER, unit=world.units["xingyun"])
    for user in (world.users["other_county_officer"], world.users["other_procurator"], zhouli, users["zhangli"]):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(reverse("supervision:transfer_detail", args=[t.pk])).status_code == 200, user
    receiving = Client()
    receiving.force_login(world.users["other_county_officer"], backend="django.contrib.auth.backends.ModelBackend")
    assert "执行地变更回复意见" in receiving.get(reverse("workbench:home")).content.decode()
