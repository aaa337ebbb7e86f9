"""失联: when missed check-ins become lost contact (LOST_CONTACT_START) and when the police are due to be told
(LOST_CONTACT_POLICE_NOTICE_DUE). Pure rules: no database. The worked examples run in test_registry.py."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.parameters import ParameterSet, Version
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.lostcontact import lost_contact_police_notice_due, lost_contact_start

MONDAY = date(2026, 11, 16)
days = st.integers(min_value=0, max_value=60)


def start(today, last, missed=(), unreached=(), ctx=None):
    return lost_contact_start(
        ctx or Context.default(),
        today=today,
        last_contact=last,
        missed_periods=list(missed),
        unreached_follow_ups=list(unreached),
    )


def daily(first: date, last: date):
    return [(first + timedelta(days=i), first + timedelta(days=i)) for i in range((last - first).days + 1)]


def test_a_follow_up_that_did_not_reach_the_person_opens_the_case_at_once():
    decision = start(date(2026, 11, 18), MONDAY, daily(date(2026, 11, 17), date(2026, 11, 17)), [date(2026, 11, 18)])
    assert decision.outcome == MONDAY
    assert "核实未能联系上本人" in decision.explain()


def test_no_follow_up_within_the_follow_up_days_opens_the_case_the_day_after():
    missed = daily(date(2026, 11, 17), date(2026, 11, 18))
    assert start(date(2026, 11, 18), MONDAY, missed[:1]).outcome is None  # the follow-up is due today
    assert start(date(2026, 11, 19), MONDAY, missed).outcome == MONDAY


def test_a_check_in_after_the_missed_day_is_contact():
    assert start(date(2026, 11, 20), date(2026, 11, 18), daily(date(2026, 11, 17), date(2026, 11, 17))).outcome is None


def test_a_follow_up_before_the_last_contact_does_not_count():
    decision = start(date(2026, 11, 19), date(2026, 11, 18), [], [date(2026, 11, 17)])
    assert decision.outcome is None


def test_the_follow_up_figure_is_read_from_the_parameters():
    params = ParameterSet.defaults().with_versions({"CHECKIN_FOLLOW_UP_DAYS": [Version(3, date(2026, 1, 1), "test")]})
    ctx = Context(params, Context.default().calendar)
    missed = daily(date(2026, 11, 17), date(2026, 11, 19))
    assert start(date(2026, 11, 20), MONDAY, missed, ctx=ctx).outcome is None  # due 11-20
    assert start(date(2026, 11, 21), MONDAY, missed, ctx=ctx).outcome == MONDAY


def test_a_person_who_did_not_report_in_is_out_of_contact_from_the_deadline():
    rule = RULES["LOST_CONTACT_START"]
    assert rule(today=date(2026, 11, 10), report_in_due=date(2026, 11, 10)).outcome is None
    assert rule(today=date(2026, 11, 11), report_in_due=date(2026, 11, 10)).outcome == date(2026, 11, 10)


@given(gap=st.integers(min_value=1, max_value=40), after=days)
def test_the_day_of_lost_contact_is_always_the_last_contact_and_never_later_than_today(gap, after):
    last = MONDAY
    today = last + timedelta(days=gap + after)
    missed = daily(last + timedelta(days=1), today - timedelta(days=1))
    decision = start(today, last, missed)
    assert decision.outcome in (None, last)
    if decision.outcome is not None:
        assert decision.outcome <= today


@given(gap=st.integers(min_value=2, max_value=40))
def test_whole_days_without_a_check_in_after_the_follow_up_days_always_open_a_case(gap):
    # Ten days without any contact is lost contact whatever day of the week it began (the follow-up is 1 day,
    # a weekend or the National Day holiday rolls it to at most the next working day).
    today = MONDAY + timedelta(days=gap + 9)
    missed = daily(MONDAY + timedelta(days=1), today - timedelta(days=1))
    assert start(today, MONDAY, missed).outcome == MONDAY


@given(later=st.lists(st.integers(min_value=1, max_value=30), max_size=5))
def test_contact_after_every_missed_period_never_opens_a_case(later):
    today = MONDAY + timedelta(days=40)
    missed = [(MONDAY + timedelta(days=d), MONDAY + timedelta(days=d)) for d in later]
    last = max([MONDAY, *(s for s, _ in missed)]) + timedelta(days=1)
    assert start(today, min(last, today), missed).outcome is None


@given(opened=st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31)))
def test_the_police_are_due_one_calendar_day_after_the_search_starts_never_rolled(opened):
    decision = lost_contact_police_notice_due(Context.default(), opened_on=opened)
    assert decision.outcome.due == opened + timedelta(days=1)
    assert decision.outcome.rolled_from is None
