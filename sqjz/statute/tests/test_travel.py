"""外出 and 执行地变更 (社区矫正法第二十七条; 实施办法第二十六至三十一条). Pure rules: no database. The worked
examples run in test_registry.py; here are the properties and the parameter-version behaviour."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months, shipped_calendar
from sqjz.statute.parameters import SHIPPED, ParameterSet, Version
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.travel import (
    APPROVAL_RANK,
    busiest_window,
    frequent_travel_permit_expiry,
    is_city_district,
    transfer_application_lead_time,
    travel_leave_approver,
    travel_leave_lead_time,
    travel_return_due,
)

CALENDAR = shipped_calendar()
YUNNAN = Version(14, date(2027, 1, 1), "云南省细则")

days_2020s = st.dates(min_value=date(2020, 7, 1), max_value=date(2027, 12, 31))
trips = st.lists(st.tuples(days_2020s, st.integers(min_value=1, max_value=40)), max_size=6)


def approve(start, days, approved_trips=(), delegated=True, ctx=None):
    return travel_leave_approver(
        ctx, start=start, days=days, approved_trips=list(approved_trips), office_delegated=delegated
    )


def naive_busiest_total(start, days, others, months=2):
    """An independent oracle: every two-month window touching the trip, counted day by day."""
    away = {start + timedelta(days=i) for i in range(days)}
    for s, n in others:
        away |= {s + timedelta(days=i) for i in range(n)}
    last = start + timedelta(days=days - 1)
    best = 0
    for offset in range(days + 70):
        end = start + timedelta(days=offset)
        first = add_months(end, -months) + timedelta(days=1)
        if first <= last:
            best = max(best, sum(1 for d in away if first <= d <= end))
    return best


# Approval level


@pytest.mark.parametrize(
    ("days", "delegated", "level"),
    [
        (1, True, "judicial_office"),
        (7, True, "judicial_office"),
        (7, False, "county_agency"),
        (8, True, "county_agency"),
        (30, True, "county_agency"),
        (31, True, "city_agency"),
        (31, False, "city_agency"),
    ],
)
def test_approval_thresholds_include_the_stated_number(days, delegated, level):
    assert approve(date(2026, 11, 2), days, delegated=delegated).outcome == level


def test_thirty_days_in_two_months_plus_one_goes_to_the_city_agency_and_the_procuratorate_is_informed():
    decision = approve(date(2026, 11, 20), 1, [(date(2026, 10, 12), 20), (date(2026, 11, 5), 10)])
    assert decision.outcome == "city_agency"
    assert decision.facts["window_total"] == 31
    assert (decision.facts["window_start"], decision.facts["window_end"]) == (date(2026, 9, 21), date(2026, 11, 20))
    assert any("同级人民检察院" in reason for reason in decision.reasons)
    assert any("累计外出31日" in reason for reason in decision.reasons)


def test_exactly_thirty_days_in_two_months_stays_with_the_county_agency():
    decision = approve(date(2026, 11, 20), 1, [(date(2026, 10, 12), 19), (date(2026, 11, 5), 10)])
    assert decision.facts["window_total"] == 30
    assert decision.outcome == "judicial_office"
    assert not any("人民检察院" in reason for reason in decision.reasons)


def test_a_day_covered_by_two_trips_counts_once():
    decision = approve(date(2026, 11, 2), 5, [(date(2026, 11, 2), 5), (date(2026, 11, 5), 3)])
    assert decision.facts["window_total"] == 6


def test_days_outside_the_two_months_do_not_count():
    # 2026-09-20 is the day before the window that ends on 2026-11-20 begins (2026-09-21).
    decision = approve(date(2026, 11, 20), 1, [(date(2026, 8, 22), 30)])
    assert decision.facts["window_total"] == 1
    inside = approve(date(2026, 11, 20), 1, [(date(2026, 8, 23), 30)])  # its last day, 2026-09-21, is inside
    assert inside.facts["window_total"] == 2


def test_leave_already_approved_for_later_counts_too():
    decision = approve(date(2026, 11, 20), 7, [(date(2026, 12, 1), 25)])
    assert decision.facts["window_total"] == 32
    assert decision.outcome == "city_agency"


def test_decision_records_the_facts_and_the_four_parameters():
    decision = approve(date(2026, 11, 2), 3)
    assert decision.rule == "TRAVEL_LEAVE_APPROVER"
    assert decision.facts["window_total"] == 3
    assert decision.facts["last_day"] == date(2026, 11, 4)
    assert [use.code for use in decision.parameters] == [
        "TRAVEL_OFFICE_MAX_DAYS",
        "TRAVEL_COUNTY_MAX_DAYS",
        "TRAVEL_WINDOW_MONTHS",
        "TRAVEL_WINDOW_MAX_DAYS",
    ]
    assert "实施办法第二十七条" in decision.articles


@pytest.mark.parametrize("days", [0, -3])
def test_a_trip_needs_at_least_one_day(days):
    with pytest.raises(ValueError):
        approve(date(2026, 11, 2), days)


def test_a_province_raising_the_office_limit_changes_the_approver_only_from_its_effective_date():
    ctx = Context(ParameterSet.defaults().with_versions({"TRAVEL_OFFICE_MAX_DAYS": [YUNNAN]}), CALENDAR)
    before = approve(date(2026, 12, 20), 10, ctx=ctx)
    on_the_day = approve(date(2027, 1, 1), 10, ctx=ctx)
    after = approve(date(2027, 1, 5), 10, ctx=ctx)
    assert before.outcome == "county_agency"
    assert on_the_day.outcome == after.outcome == "judicial_office"
    assert approve(date(2027, 1, 5), 15, ctx=ctx).outcome == "county_agency"

    used_before = next(use for use in before.parameters if use.code == "TRAVEL_OFFICE_MAX_DAYS")
    used_after = next(use for use in after.parameters if use.code == "TRAVEL_OFFICE_MAX_DAYS")
    assert (used_before.value, used_before.source) == (7, SHIPPED)
    assert (used_after.value, used_after.effective_from, used_after.source) == (14, date(2027, 1, 1), "云南省细则")
    assert any("14日以内" in reason for reason in after.reasons)
    # The default context is unaffected.
    assert approve(date(2027, 1, 5), 10).outcome == "county_agency"


@given(
    start=days_2020s,
    days=st.integers(min_value=1, max_value=60),
    more=st.integers(min_value=0, max_value=60),
    others=trips,
    delegated=st.booleans(),
)
def test_approval_level_never_decreases_as_the_trip_grows(start, days, more, others, delegated):
    shorter = approve(start, days, others, delegated)
    longer = approve(start, days + more, others, delegated)
    assert APPROVAL_RANK[shorter.outcome] <= APPROVAL_RANK[longer.outcome]
    assert shorter.facts["window_total"] <= longer.facts["window_total"]


@given(start=days_2020s, days=st.integers(min_value=1, max_value=45), others=trips, delegated=st.booleans())
def test_city_agency_exactly_when_over_thirty_days_at_once_or_in_two_months(start, days, others, delegated):
    decision = approve(start, days, others, delegated)
    total = naive_busiest_total(start, days, others)
    assert decision.facts["window_total"] == total
    assert (decision.outcome == "city_agency") == (days > 30 or total > 30)
    if decision.outcome != "city_agency":
        assert decision.outcome == ("judicial_office" if days <= 7 and delegated else "county_agency")


@given(start=days_2020s, days=st.integers(min_value=1, max_value=45), others=trips)
def test_the_reported_window_is_two_months_long_touches_the_trip_and_holds_the_total(start, days, others):
    first, end, total = busiest_window(start, days, others, 2)
    last = start + timedelta(days=days - 1)
    assert first == add_months(end, -2) + timedelta(days=1)
    assert first <= last and end >= start
    assert total >= sum(1 for i in range(days) if first <= start + timedelta(days=i) <= end) >= 1


# Lead time, return day, frequent-travel permit


def test_applying_three_days_ahead_is_in_time_and_two_days_is_a_warning_not_a_refusal():
    assert travel_leave_lead_time(applied_on=date(2026, 11, 2), start=date(2026, 11, 5)).outcome is True
    late = travel_leave_lead_time(applied_on=date(2026, 11, 3), start=date(2026, 11, 5))
    assert late.outcome is False
    assert any("不是不予批准的理由" in reason for reason in late.reasons)
    assert late.facts["days_ahead"] == 2


@given(applied=days_2020s, ahead=st.integers(min_value=-5, max_value=30))
def test_lead_time_is_in_time_exactly_from_three_days_ahead(applied, ahead):
    decision = travel_leave_lead_time(applied_on=applied, start=applied + timedelta(days=ahead))
    assert decision.outcome == (ahead >= 3)


@given(start=days_2020s, days=st.integers(min_value=1, max_value=90))
def test_return_day_is_the_last_day_of_leave_and_matches_the_approver(start, days):
    due = travel_return_due(start=start, days=days)
    assert due.outcome == start + timedelta(days=days - 1)
    assert due.outcome == approve(start, days).facts["last_day"]
    assert any("按期返回并销假" in reason for reason in due.reasons)


def test_return_day_is_not_moved_by_a_holiday():
    assert travel_return_due(start=date(2026, 10, 1), days=5).outcome == date(2026, 10, 5)


@given(approved=days_2020s)
def test_frequent_travel_permit_runs_six_months_and_is_not_extended_by_holidays(approved):
    decision = frequent_travel_permit_expiry(approved_on=approved)
    assert decision.outcome == add_months(approved, 6)
    assert 181 <= (decision.outcome - approved).days <= 184
    assert decision.parameters[0].code == "FREQUENT_TRAVEL_PERMIT_MONTHS"


def test_frequent_travel_permit_follows_a_new_parameter_version():
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {"FREQUENT_TRAVEL_PERMIT_MONTHS": [Version(12, date(2027, 1, 1), "云南省细则")]}
        ),
        CALENDAR,
    )
    assert frequent_travel_permit_expiry(ctx, approved_on=date(2026, 12, 31)).outcome == date(2027, 6, 30)
    decision = frequent_travel_permit_expiry(ctx, approved_on=date(2027, 1, 1))
    assert decision.outcome == date(2028, 1, 1)
    assert decision.parameters[0].source == "云南省细则"


# Change of the place of execution

TRANSFER_DEADLINES = {
    "TRANSFER_CONSULT_DEADLINE": ("application_received", 5),
    "TRANSFER_REPLY_DEADLINE": ("request_received", 5),
    "TRANSFER_REFUSAL_NOTICE_DEADLINE": ("decided_on", 5),
    "TRANSFER_FILE_HANDOVER_DEADLINE": ("decided_on", 5),
    "TRANSFER_RECEIPT_DEADLINE": ("files_received", 5),
    "TRANSFER_REPORT_IN_DEADLINE": ("decision_received", 7),
}


@pytest.mark.parametrize("code", sorted(TRANSFER_DEADLINES))
def test_transfer_deadline_over_the_2026_national_day_holiday(code):
    fact, days = TRANSFER_DEADLINES[code]
    start = date(2026, 10, 2) - timedelta(days=days)  # the nominal last day is 2 October
    decision = RULES[code](**{fact: start})
    assert decision.outcome.rolled_from == date(2026, 10, 2)
    assert decision.outcome.due == date(2026, 10, 8)
    assert "顺延" in decision.reasons[0]
    assert "刑事诉讼法第一百零五条" in decision.articles


@pytest.mark.parametrize("code", sorted(TRANSFER_DEADLINES))
def test_transfer_deadline_on_an_adjusted_working_saturday_does_not_roll(code):
    fact, days = TRANSFER_DEADLINES[code]
    decision = RULES[code](**{fact: date(2026, 10, 10) - timedelta(days=days)})
    assert decision.outcome.due == date(2026, 10, 10)
    assert decision.outcome.rolled_from is None


@given(code=st.sampled_from(sorted(TRANSFER_DEADLINES)), start=st.dates(date(2004, 1, 1), date(2028, 12, 31)))
def test_transfer_deadline_is_never_early_lands_on_a_working_day_and_is_at_most_ten_days_late(code, start):
    fact, days = TRANSFER_DEADLINES[code]
    deadline = RULES[code](**{fact: start}).outcome
    nominal = start + timedelta(days=days)
    assert deadline.due >= nominal > start
    assert CALENDAR.is_working_day(deadline.due)
    assert (deadline.due - nominal).days <= 10
    assert (deadline.rolled_from is not None) == (deadline.due != nominal)


def test_transfer_report_in_period_follows_a_new_parameter_version_and_records_it():
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {"TRANSFER_REPORT_IN_DAYS": [Version(10, date(2027, 1, 1), "云南省细则")]}
        ),
        CALENDAR,
    )
    before = RULES["TRANSFER_REPORT_IN_DEADLINE"](ctx, decision_received=date(2026, 12, 21))
    after = RULES["TRANSFER_REPORT_IN_DEADLINE"](ctx, decision_received=date(2027, 1, 4))
    assert before.outcome.due == date(2026, 12, 28)
    assert after.outcome.due == date(2027, 1, 14)
    assert (before.parameters[0].value, after.parameters[0].value) == (7, 10)
    assert after.parameters[0].source == "云南省细则"


def test_transfer_application_one_month_ahead_is_a_reminder_not_a_refusal():
    assert transfer_application_lead_time(applied_on=date(2026, 11, 2), move_on=date(2026, 12, 2)).outcome
    late = transfer_application_lead_time(applied_on=date(2026, 11, 2), move_on=date(2026, 12, 1))
    assert late.outcome is False
    assert late.facts["earliest_move_on"] == date(2026, 12, 2)
    assert any("不是不予受理的理由" in reason for reason in late.reasons)


@given(applied=days_2020s, ahead=st.integers(min_value=0, max_value=90))
def test_transfer_application_in_time_exactly_from_one_month_ahead(applied, ahead):
    move = applied + timedelta(days=ahead)
    assert transfer_application_lead_time(applied_on=applied, move_on=move).outcome == (move >= add_months(applied, 1))


CTX = Context(ParameterSet.defaults(), CALENDAR)
codes = st.integers(min_value=1, max_value=99).map(lambda n: f"5304{n:02d}")


@given(st.lists(codes, min_size=1, max_size=12, unique=True), st.data())
def test_home_area_holds_the_home_county_and_only_districts_besides(city, data):
    """The person's own county is always in; a district adds exactly the city's other districts; a county or a
    county-level city is on its own; and any two districts of a city share one home area."""
    county = data.draw(st.sampled_from(city))
    area = RULES["HOME_AREA"](CTX, county=county, city_counties=city).outcome
    assert county in area and list(area) == sorted(area)
    districts = sorted(c for c in city if is_city_district(c))
    assert area == (tuple(districts) if is_city_district(county) else (county,))
    for other in districts:
        if is_city_district(county):
            assert RULES["HOME_AREA"](CTX, county=other, city_counties=city).outcome == area


@pytest.mark.parametrize(
    ("code", "district"), [("530402", True), ("530420", True), ("530421", False), ("530481", False)]
)
def test_a_district_is_told_by_its_code(code, district):
    assert is_city_district(code) is district


def test_a_malformed_code_is_refused():
    with pytest.raises(ValueError, match="6位数字"):
        is_city_district("5304")
