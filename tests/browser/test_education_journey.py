"""Issue 14 §1: 李娜 organises a group education session, enrols her people (a minor is not offered for an adults'
session), takes the roll after it is held, and sees the hours on a person's page against the level's requirement."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.education.models import Attendance
from sqjz.intake.models import LevelDecision
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_office_organises_a_session_takes_the_roll_and_sees_the_hours(live_world, page):
    a, m = live_world.people["A"], live_world.people["M"]
    LevelDecision.objects.create(
        supervisee=a,
        level="ordinary",
        effective_from=timezone.localdate() - timedelta(days=60),
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=live_world.users["county_head"],
    )
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/education/")
    page.get_by_test_id("new-session").click()
    page.locator("#session_theme").select_option(label="法治警示")
    page.locator("#session_topic").fill("禁毒警示教育")
    page.locator("#session_held_on").fill(timezone.localdate().isoformat())
    page.locator("#session_hours").fill("2.5")
    page.locator("#session_teacher").fill("红塔区禁毒办 王警官")
    page.locator("#session_place").fill("玉兴街道司法所会议室")
    page.get_by_role("button", name="登记，下一步报名").click()
    assert "禁毒警示教育" in page.get_by_test_id("session-title").inner_text()
    enrol = page.get_by_test_id("enrol")
    assert a.name in enrol.inner_text() and m.name not in enrol.inner_text()  # minors apart (法 52)
    enrol.get_by_label(a.name).check()
    enrol.get_by_role("button", name="报名").click()
    roll = page.get_by_test_id("roll-call")
    roll.get_by_label("到场").check()
    roll.get_by_role("button", name="保存点名结果").click()
    assert "到场1人" in page.get_by_test_id("attendance").inner_text()
    assert Attendance.objects.get(supervisee=a).present is True

    page.goto(f"{page.base_url}/supervisees/{a.pk}/")
    page.locator("#main").get_by_role("link", name="教育学习").click()
    month = page.get_by_test_id(f"month-{timezone.localdate():%Y-%m}").inner_text()
    assert "2.5 / 8" in month and "尚差教育学习5.5小时、个别教育1次" in month
