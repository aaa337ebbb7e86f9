"""Saved although wrong (issue 10), beyond the register: the investigation's commission (the person's name, an
offence in the future, a region code that is none), a correction team member's name and an account's name are
refused with a Chinese message on the field."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sqjz.accounts.admin import UserCreateForm
from sqjz.accounts.models import Role
from sqjz.intake.models import TeamMember
from sqjz.intake.tests.test_intake import member, reported
from sqjz.investigation.models import Investigation
from sqjz.investigation.tests.test_workflow import commission
from tests.factories import resident_id

TODAY = date(2026, 11, 27)


@time_machine.travel(TODAY)
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "\u200b\u200c", "不可见或改变文字方向"),
        ("name", "\u202e查调陈", "不可见或改变文字方向"),
        ("name", "？？", "姓名应包含文字"),
        ("offence_date", "2027-02-01", "犯罪时间不能晚于今天"),
        ("id_number", resident_id("000000", date(1995, 4, 1), 77), "地区码（000000）"),
        ("id_number", resident_id("990101", date(1995, 4, 1), 77), "地区码（990101）"),
    ],
)
def test_a_commission_that_cannot_be_true_is_refused(world, login, field, value, message):
    client = login(world.users["office_officer"])
    response = client.post(reverse("investigation:create"), commission(world, **{field: value}))
    assert response.status_code in (200, 400)
    assert message in str(response.context["form"].errors[field])
    assert not Investigation.objects.filter(commission_number=commission(world)["commission_number"]).exists()


@time_machine.travel(TODAY)
def test_a_team_members_invisible_name_is_refused(world, login):
    client = login(world.users["office_officer"])
    s = reported(world, client)
    response = member(client, s, "village", "\u2067\u2069")
    assert response.status_code == 400 and "不可见或改变文字方向" in response.content.decode()
    assert not TeamMember.objects.filter(supervisee=s, kind="village").exists()


def test_an_accounts_invisible_name_is_refused(world):
    form = UserCreateForm(
        data={
            "username": "newofficer",
            "full_name": "王\u200b芳",
            "role": Role.OFFICE_OFFICER,
            "unit": world.yuxing.pk,
            "password1": "Kq7#mZp2vL9x",
            "password2": "Kq7#mZp2vL9x",
        }
    )
    assert not form.is_valid()
    assert "不可见或改变文字方向" in str(form.errors["full_name"])
