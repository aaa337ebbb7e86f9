"""journeys.md, 王强 (head of 红塔区's agency): he signs in and finds, as his own items, the 18-day travel request and
the investigation opinion the office submitted, and the discharge of a person whose term ends today; he opens the
travel item from his workbench and approves it. A court user signs in and sees no badge and nothing to 办理."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sqjz.inbox.services import inbox_refresh
from sqjz.investigation.models import Investigation
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.models import TravelLeave
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_county_head_finds_his_approvals_and_a_court_user_has_nothing_to_do(live_world, page):
    today = timezone.localdate()
    a, b = live_world.people["A"], live_world.people["B"]
    TravelLeave.objects.create(
        supervisee=a,
        purpose="medical",
        reason="母亲住院，前往陪护",
        destination="昆明市",
        start=today + timedelta(days=3),
        days=18,
        applied_on=today,
        evidence="医院住院通知书",
        level=TravelLeave.Level.COUNTY_AGENCY,
        level_reasons="外出18日，超过司法所受委托审批的7日",
        lead_time_note="",
        recorded_by=live_world.users["office_officer"],
    )
    Investigation.objects.filter(pk=live_world.investigation.pk).update(status=Investigation.Status.PENDING_APPROVAL)
    Supervisee.objects.filter(pk=b.pk).update(term_start=today - timedelta(days=400), term_end=today)
    inbox_refresh()

    sign_in(page, "county_head", PASSWORD)
    assert page.get_by_test_id("inbox-count").inner_text() == "待我办理 3"
    mine = page.get_by_test_id("inbox")
    assert mine.locator("tr", has_text="外出审批").filter(has_text=a.name).count() == 1
    assert mine.locator("tr", has_text="调查评估意见审批").filter(has_text=live_world.investigation.name).count() == 1
    ending = mine.locator("tr", has_text="期满解除矫正").filter(has_text=b.name)
    assert "今日到期" in ending.inner_text() and "矫正期满解除矫正" in ending.inner_text()
    assert "TERM_END_DISCHARGE" not in page.locator("#main").inner_text()

    mine.locator("tr", has_text="外出审批").get_by_role("link", name="办理").click()
    page.get_by_test_id("leave").filter(has_text="待审批").get_by_test_id("decide").click()
    assert page.get_by_test_id("leave-status").first.inner_text() == "已批准"
    page.goto(f"{page.base_url}/")
    assert page.get_by_test_id("inbox-count").inner_text() == "待我办理 2"
    assert page.get_by_test_id("inbox").locator("tr", has_text="外出审批").count() == 0

    sign_in(page, "judge", PASSWORD)  # a court acts only on the proposals sent to it: none here
    assert page.get_by_test_id("inbox-empty").is_visible()
    assert page.get_by_role("link", name="办理", exact=True).count() == 0
    assert page.get_by_role("link", name="手机签到").count() == 0  # no officer-only menu


def test_the_discharge_item_appears_for_the_county_on_the_last_day(live_world, page):
    today = timezone.localdate()
    a = live_world.people["A"]
    Supervisee.objects.filter(pk=a.pk).update(term_start=date(2025, 1, 1), term_end=today + timedelta(days=1))
    inbox_refresh()
    sign_in(page, "county_officer", PASSWORD)
    assert page.get_by_test_id("inbox").locator("tr", has_text="期满解除矫正").count() == 0
    Supervisee.objects.filter(pk=a.pk).update(term_end=today)
    inbox_refresh()
    page.goto(f"{page.base_url}/")
    row = page.get_by_test_id("inbox").locator("tr", has_text="期满解除矫正")
    assert a.name in row.inner_text()
    row.get_by_role("link", name="办理").click()
    assert page.url.endswith(f"/discharge/{a.pk}/")
