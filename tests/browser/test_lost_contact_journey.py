"""Issue 11 §4: 李娜 records a search attempt for a person out of contact, issues the notice to the police (copied to
the procuratorate), and closes the case when the person is found; the page shows the measure for the whole span."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sqjz.lostcontact.models import LostContact
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_office_searches_notifies_and_closes_as_found(live_world, page):
    person = live_world.people["A"]
    today = timezone.localdate()
    LostContact.objects.create(
        supervisee=person,
        since=today - timedelta(days=3),
        trigger="officer",
        trigger_reasons="电话关机",
        opened_on=today - timedelta(days=2),
    )
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/{person.pk}/")
    page.locator("#main").get_by_role("link", name="失联查找").click()
    assert page.get_by_test_id("day-counter").inner_text().count("第3日") == 1
    assert "训诫情形" in page.get_by_test_id("ground").inner_text()

    moment = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.locator("#attempt_attempted_at").fill(moment)
    page.locator("#attempt_method").select_option(label="走访家属")
    page.locator("#attempt_contacted").fill("母亲 李某")
    page.locator("#attempt_result").fill("称其外出务工，不知去向")
    page.get_by_test_id("save-attempt").click()
    assert "母亲 李某" in page.get_by_test_id("attempts").inner_text()

    page.get_by_test_id("issue-notice").click()
    assert "已通报" in page.get_by_test_id("police-notified").inner_text()

    page.locator("#close_outcome").select_option(label="查找到本人")
    page.locator("#close_restored_on").fill(today.isoformat())
    page.locator("#close_outcome_note").fill("在昆明务工，已返回")
    page.get_by_test_id("close-case").click()
    closed = page.get_by_test_id("closed-case")
    assert "查找到本人" in closed.inner_text()
    assert "训诫情形" in page.get_by_test_id("closing-measure").inner_text()
    assert page.get_by_test_id("no-open-case").is_visible()
    assert LostContact.objects.get(supervisee=person).state == "closed"
