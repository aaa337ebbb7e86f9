"""The secretary of the 红塔区 review committee (张丽, county_officer) schedules a meeting on a pending difficult
case, records who attended (one member away), the votes of the voting members present and the resolution."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.committee import services
from sqjz.committee.tests.helpers import hongta_committee
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_secretary_schedules_records_attendance_votes_and_the_resolution(live_world, page):
    w = live_world
    _, members = hongta_committee(w, timezone.localdate() - timedelta(days=30))
    matter = services.matter_submit(
        actor=w.users["office_officer"],
        supervisee=w.people["A"],
        kind="difficult_case",
        title="是否调整为严格管理",
        summary="两次未按时报告。",
    )
    chair, secretary, one, two, _ = members
    sign_in(page, "county_officer", PASSWORD)
    page.goto(f"{page.base_url}/committee/")
    page.get_by_test_id("schedule").click()
    started = timezone.localtime() - timedelta(hours=1)
    page.locator("#meeting_held_at").fill(started.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#meeting_place").fill("第一会议室")
    page.get_by_label(f"{w.people['A'].name}：是否调整为严格管理").check()
    page.get_by_test_id("schedule-submit").click()
    assert "是否调整为严格管理" in page.get_by_test_id("agenda-item").inner_text()

    page.locator(f"#attendance_present_{two.pk}").uncheck()
    page.locator(f"#attendance_reason_{two.pk}").fill("出差")
    page.get_by_test_id("attendance-submit").click()
    assert "达到法定人数" in page.get_by_test_id("majority-rule").inner_text()

    for member, choice in ((chair, "同意"), (secretary, "同意"), (one, "不同意")):
        page.locator(f"#m{matter.pk}_choice_{member.pk}").select_option(label=choice)
    page.locator(f"#m{matter.pk}_opinion_{one.pk}").fill("证据尚不充分")
    page.locator(f"#m{matter.pk}_outcome").select_option(label="通过")
    page.locator(f"#m{matter.pk}_text").fill("同意调整为严格管理。")
    page.set_default_timeout(60_000)  # the 评议意见 is rendered (DOCX, PDF) as the request commits
    page.get_by_test_id("resolve-submit").click()
    assert "通过" in page.get_by_test_id("outcome").inner_text()
