"""Issue 11's second journey in a real browser: two good quarters → a commendation proposed by the office (李娜) and
approved by the county head (王强) with its decision document → the level stepped down to 宽管 by the county →
the daily app check-in becomes weekly from the next day."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import assessment_periods
from sqjz.assessment.services import assessment_record
from sqjz.intake.models import LevelDecision
from sqjz.intake.selectors import level_history
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import add_months
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.models import AppEnrolment
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD, SuperviseeFactory

pytestmark = pytest.mark.browser


def two_good_quarters(world) -> Supervisee:
    """A probationer of 玉兴, 300 days into the term, on 普管 since the intake period ended, checking in daily by
    phone, graded 合格, 良好, 良好."""
    today = timezone.localdate()
    start = today - timedelta(days=300)
    s = SuperviseeFactory(
        name="周良好",
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        judgment_effective_date=start,
        term_start=start,
        term_end=start + timedelta(days=729),
    )
    office = world.users["office_officer"]
    for day, level in ((start, "strict"), (add_months(start, 2), "ordinary")):
        LevelDecision.objects.create(
            supervisee=s,
            level=level,
            effective_from=day,
            rule="SUPERVISION_LEVEL",
            articles="",
            reasons="",
            decided_by=office,
        )
    AppEnrolment.objects.create(supervisee=s, enrolled_on=today - timedelta(days=5), enrolled_by=office)
    periods = assessment_periods(statute_context(), term_start=start, term_end=s.term_end, until=today)
    for period, grade in zip(periods, ("pass", "good", "good"), strict=True):
        assessment_record(
            actor=office,
            supervisee=s,
            assessment=QuarterlyAssessment(
                period_end=period.end,
                grade=grade,
                law_abiding="守法。",
                compliance="服从。",
                education="参加。",
                community_service="参加。",
                assessed_on=period.end,
            ),
        )
    return s


def test_two_good_quarters_commendation_and_a_level_stepped_down_from_the_next_day(live_world, page):
    s = two_good_quarters(live_world)
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
