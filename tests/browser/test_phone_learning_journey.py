"""Issue 14 §1, learning on the phone: 李娜 publishes a text course and assigns it; the person opens it on the phone,
cannot mark it finished at once (half its hours must pass), finishes it later, and the office sees it finished."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.intake.models import LevelDecision
from sqjz.learning.models import Assignment
from sqjz.supervision.checkins.services import app_enrol
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


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


def test_the_person_studies_a_course_on_the_phone_and_the_office_sees_it_finished(live_world, page, phone):
    a, officer = live_world.people["A"], live_world.users["office_officer"]
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/learning/")
    page.get_by_test_id("new-course").click()
    page.locator("#course_title").fill("《社区矫正法》要点")
    page.locator("#course_hours").fill("1")
    page.locator("#course_body").fill("社区矫正对象应当遵守法律、行政法规，服从社区矫正机构的管理。")
    page.get_by_role("button", name="发布，下一步布置").click()
    assert "《社区矫正法》要点" in page.get_by_test_id("course-title").inner_text()
    page.get_by_test_id("assign").get_by_label(a.name).check()
    page.get_by_role("button", name="布置", exact=True).click()
    assert "未开始" in page.get_by_test_id("assignments").inner_text()

    LevelDecision.objects.create(
        supervisee=a,
        level="ordinary",
        effective_from=timezone.localdate() - timedelta(days=100),
        rule="SUPERVISION_LEVEL",
        articles="—",
        reasons="—",
        decided_by=officer,
    )
    _, password = app_enrol(actor=officer, supervisee=a)
    sign_in(phone, live_world.users["supervisee"].username, password)
    phone.goto(f"{phone.base_url}/app/")
    phone.get_by_test_id("learning-link").click()
    phone.get_by_text("《社区矫正法》要点").click()
    assert "服从社区矫正机构的管理" in phone.get_by_test_id("course-content").inner_text()
    phone.get_by_test_id("finish").click()
    assert "至少学习一半时间方可确认学完" in phone.content()
    assignment = Assignment.objects.get(supervisee=a)
    assert assignment.completed_at is None
    # Half an hour later (the clock moved back in the record rather than forward on the server).
    Assignment.objects.filter(pk=assignment.pk).update(started_at=timezone.now() - timedelta(minutes=31))
    phone.get_by_test_id("finish").click()
    assert "您已于" in phone.get_by_test_id("finished").inner_text()

    page.reload()
    assert "已学完" in page.get_by_test_id("assignments").inner_text()
