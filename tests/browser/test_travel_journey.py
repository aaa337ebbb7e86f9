"""journeys.md: 李娜 approves a 6-day travel request herself (the rule panel says the office may, up to 7 days);
an 18-day request waits for 王强 at the county, who approves it."""

import pytest
from django.utils import timezone

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def apply(page, days: int, start: str) -> None:
    page.locator("#travel_purpose").select_option(label="就医")
    page.locator("#travel_destination").fill("昆明市")
    page.locator("#travel_evidence").fill("医院住院通知书")
    page.locator("#travel_reason").fill("母亲住院，前往陪护")
    page.locator("#travel_start").fill(start)
    page.locator("#travel_days").fill(str(days))
    page.get_by_role("button", name="登记申请").click()


def test_office_approves_six_days_and_the_county_eighteen(live_world, page):
    person = live_world.people["A"]
    start = (timezone.localdate() + timezone.timedelta(days=3)).isoformat()
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/{person.pk}/")
    page.locator("#main").get_by_role("link", name="外出审批").click()
    apply(page, 6, start)
    leave = page.get_by_test_id("leave").first
    assert "司法所（受委托）" in leave.inner_text()
    leave.get_by_test_id("decide").click()
    assert page.get_by_test_id("leave-status").first.inner_text() == "已批准"

    apply(page, 18, start)
    pending = page.get_by_test_id("leave").filter(has_text="待审批")
    assert "本次外出由县级社区矫正机构审批" in pending.get_by_test_id("decide-blocked").inner_text()
    sign_in(page, "county_head", PASSWORD)
    page.goto(f"{page.base_url}/supervision/travel/")
    page.get_by_role("link", name=person.name).click()
    page.get_by_test_id("leave").filter(has_text="待审批").get_by_test_id("decide").click()
    statuses = [s.inner_text() for s in page.get_by_test_id("leave-status").all()]
    assert statuses == ["已批准", "已批准"]
