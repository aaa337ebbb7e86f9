"""Issue 11's second journey in a real browser: two good quarters → a commendation proposed by the office (李娜) and
approved by the county head (王强) with its decision document → the level stepped down to 宽管 by the county →
the daily app check-in becomes weekly from the next day."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sqjz.intake.selectors import level_history
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Supervisee
from tests.browser.conftest import sign_in
from tests.browser.people import graded_probationer
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_two_good_quarters_commendation_and_a_level_stepped_down_from_the_next_day(live_world, page):
    s = graded_probationer(live_world, "周良好", ("pass", "good", "good"))
    url = f"{page.base_url}/enforcement/{s.pk}/"
    today = timezone.localdate()
    tomorrow = today + timedelta(days=1)

    # 李娜: the grade's 应当表扬 comes as a commendation pre-filled with the assessment as its fact.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/{s.pk}/")
    page.locator("#main").get_by_role("link", name="奖惩", exact=True).click()
    expect(page.locator("#propose_kind")).to_have_value("commendation")
    assert page.locator("#propose_facts input[type=checkbox]").first.is_checked()
    page.locator("#propose_proposal").fill("连续两次考核良好，认定为优秀，建议给予表扬。")
    page.get_by_test_id("propose").click()
    row = page.get_by_test_id("measure-commendation")
    expect(row).to_contain_text("待县级机构决定")
    expect(row).to_contain_text("社区矫正法第二十八条")

    # 王强 approves: the 表扬决定书 is numbered by 红塔区's agency.
    sign_in(page, "county_head", PASSWORD)
    page.goto(url)
    row = page.get_by_test_id("measure-commendation")
    row.locator("select").select_option(label="同意")
    row.get_by_test_id("decide-commendation").click()
    row = page.get_by_test_id("measure-commendation")
    expect(row).to_contain_text("已决定")
    number = s.measures.get().document.number
    expect(row.get_by_role("link", name=number)).to_be_visible()

    # 李娜 proposes the level the rule gives for the next period; 王强 decides it.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(url)
    expect(page.get_by_test_id("level-proposal")).to_contain_text("宽管")
    page.get_by_test_id("propose-level").click()
    expect(page.get_by_test_id("pending-review")).to_contain_text("宽管")
    sign_in(page, "county_head", PASSWORD)
    page.goto(url)
    page.locator("#level_decision").select_option(label="同意")
    page.get_by_test_id("decide-level").click()
    levels = page.get_by_test_id("levels")
    expect(levels).to_contain_text(f"{tomorrow.year}年{tomorrow.month}月{tomorrow.day}日起：宽管")

    # The check-ins follow the level history: still daily today, once in 7 days from tomorrow.
    history = level_history(Supervisee.objects.filter(pk=s.pk))[s.pk]
    missed = RULES["CHECKIN_MISSED"]
    ctx = statute_context()
    assert missed(ctx, since=today, today=tomorrow, levels=history, checkin_days=[]).outcome is not None
    week = tomorrow + timedelta(days=6)
    assert missed(ctx, since=tomorrow, today=week, levels=history, checkin_days=[]).outcome is None
    assert missed(ctx, since=tomorrow, today=week + timedelta(days=1), levels=history, checkin_days=[]).outcome
