"""Issue 14 §6 on a cheap phone: the person sees the month's hours against the level, signs up for the office's
coming session, and sends a written report (思想汇报) that the office then reads."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.education import services
from sqjz.education.models import Attendance, EducationSession, PersonalReport
from sqjz.intake.models import LevelDecision
from sqjz.supervision.checkins.services import app_enrol
from tests.browser.conftest import sign_in


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


pytestmark = pytest.mark.browser


def test_the_person_signs_up_and_sends_a_report_from_the_phone(live_world, phone):
    a, officer = live_world.people["A"], live_world.users["office_officer"]
    today = timezone.localdate()
    LevelDecision.objects.create(
        supervisee=a,
        level="ordinary",
        effective_from=today - timedelta(days=100),
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=officer,
    )
    coming = services.session_create(
        actor=officer,
        session=EducationSession(
            theme="family",
            topic="家庭关系与亲情修复",
            held_on=today + timedelta(days=5),
            hours=2,
            place="司法所",
            teacher="李娜",
        ),
    )
    _, password = app_enrol(actor=officer, supervisee=a)
    sign_in(phone, live_world.users["supervisee"].username, password)
    phone.goto(f"{phone.base_url}/app/")
    phone.get_by_test_id("education-link").click()
    assert "应完成8小时" in phone.get_by_test_id("my-month").inner_text()
    card = phone.get_by_test_id(f"upcoming-session-{coming.pk}")
    card.get_by_role("button", name="报名参加").click()
    assert "已报名，请按时参加" in phone.get_by_test_id(f"upcoming-session-{coming.pk}").inner_text()
    assert Attendance.objects.filter(session=coming, supervisee=a).exists()

    phone.goto(f"{phone.base_url}/app/")
    phone.get_by_test_id("reports-link").click()
    phone.get_by_label("汇报内容").fill("本月按时签到，在单位正常上班，参加了社区组织的环境整治，思想稳定，家庭和睦。")
    phone.get_by_role("button", name="提交思想汇报").click()
    assert "待司法所阅示" in phone.get_by_test_id("my-reports").inner_text()
    assert PersonalReport.objects.filter(supervisee=a, read_at__isnull=True).count() == 1
