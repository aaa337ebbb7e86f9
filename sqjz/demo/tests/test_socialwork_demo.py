"""The demo's social work (issue 14 §5, §6, Demo): 红塔区's contract with this year's delivered services, one milestone
paid, the first half evaluated; 陈晓's and 何平's own work on their home pages, one of 何平's people due a visit. Built
on the test world (its social worker and volunteer are A's), with the demo's names mapped to its users."""

from datetime import date, datetime

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.demo.socialwork import seed_socialwork
from sqjz.inbox.models import InboxItem
from sqjz.socialwork.models import ContractEvaluation, HelpRecord, ServiceContract
from sqjz.supervisees.models import CaseAssignment

TODAY = date(2026, 11, 25)


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@time_machine.travel(TODAY)
def test_the_contract_has_delivered_services_and_the_helpers_have_their_work(world):
    users = {
        "zhangli": world.users["county_officer"],
        "chenxiao": world.users["social_worker"],
        "heping": world.users["volunteer"],
    }
    assigned = timezone.make_aware(datetime(2026, 8, 1, 9, 0))
    CaseAssignment.objects.filter(supervisee=world.people["A"]).update(assigned_at=assigned)
    seed_socialwork(today=TODAY, users=users)
    contract = ServiceContract.objects.get()
    delivered = HelpRecord.objects.filter(contract=contract)
    assert delivered.count() >= 3 and set(delivered.values_list("helper", flat=True)) == {users["chenxiao"].pk}
    assert contract.milestones.filter(paid_on__isnull=False).count() == 1
    assert ContractEvaluation.objects.get(contract=contract).conclusion == "passed"
    count = HelpRecord.objects.count()
    seed_socialwork(today=TODAY, users=users)
    assert HelpRecord.objects.count() == count  # once
    page = _client(users["zhangli"]).get(reverse("socialwork:contract", args=[contract.pk])).content.decode()
    assert "红塔区启航社会工作服务中心" in page and 'data-testid="delivered-visit"' in page
    # 何平 saw A forty days ago: due a visit, on his workbench.
    item = InboxItem.objects.get(kind="help_due", actor_user=users["heping"], state="open")
    assert item.supervisee_id == world.people["A"].pk
    assert world.people["A"].name in _client(users["heping"]).get(reverse("workbench:home")).content.decode()
    mine = _client(users["chenxiao"]).get(reverse("socialwork:records")).content.decode()
    assert "上门走访" in mine and contract.title in mine
