"""手机APP签到: missed periods and the follow-up deadline (CHECKIN_MISSED). Pure rule: no database. The worked
examples run in test_registry.py."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.parameters import PARAMETERS_BY_CODE, ParameterSet, Version
from sqjz.statute.registry import Context
from sqjz.statute.rules.checkin import checkin_missed

SINCE = date(2026, 11, 2)  # a Monday


def missed(today, checkins, levels=((date(2026, 1, 1), "strict"),), since=SINCE, ctx=None):
    return checkin_missed(ctx, since=since, today=today, levels=list(levels), checkin_days=checkins)


def test_today_is_never_judged_before_it_ends():
    decision = missed(date(2026, 11, 3), [SINCE])
    assert decision.outcome is None  # 11-03 itself is still open


def test_a_day_without_a_check_in_is_missed_once_it_has_passed():
    decision = missed(date(2026, 11, 4), [SINCE])
    assert decision.outcome.due == date(2026, 11, 4)
    assert decision.facts["missed"] == [(date(2026, 11, 3), date(2026, 11, 3))]
    assert "11月3日" in decision.explain() and "严管每1日" in decision.explain()


def test_follow_up_due_after_the_first_missed_period_rolls_over_a_weekend():
    # Friday 11-06 missed; Saturday 11-07 is not a working day: the officer follows up on Monday.
    days = [SINCE + timedelta(days=i) for i in range(4)]
    decision = missed(date(2026, 11, 10), days)
    assert decision.outcome.due == date(2026, 11, 9)
    assert decision.outcome.rolled_from == date(2026, 11, 7)
    assert len(decision.facts["missed"]) == 4  # 11-06 … 11-09


def test_weekly_periods_for_lenient_supervision():
    lenient = ((date(2026, 1, 1), "lenient"),)
    assert missed(date(2026, 11, 9), [date(2026, 11, 8)], lenient).outcome is None  # the last day counts
    assert missed(date(2026, 11, 9), [], lenient).outcome.due == date(2026, 11, 9)
    assert missed(date(2026, 11, 8), [], lenient).outcome is None  # the week has not ended


def test_the_level_in_force_on_each_period_sets_its_length():
    # Strict until 11-05, then lenient: 11-02…04 daily (all missed), weekly from 11-05.
    levels = ((date(2026, 9, 1), "strict"), (date(2026, 11, 5), "lenient"))
    decision = missed(date(2026, 11, 13), [date(2026, 11, 10)], levels)
    assert decision.facts["missed"] == [(date(2026, 11, d), date(2026, 11, d)) for d in (2, 3, 4)]


def test_a_level_without_app_check_ins_misses_nothing():
    table = PARAMETERS_BY_CODE["SUPERVISION_LEVEL_REQUIREMENTS"].default
    no_app = {level: {**req, "app_checkin_days": 0} for level, req in table.items()}
    params = ParameterSet.defaults().with_versions(
        {"SUPERVISION_LEVEL_REQUIREMENTS": [Version(no_app, date(2026, 11, 1), "test")]}
    )
    ctx = Context(params, Context.default().calendar)
    assert missed(date(2026, 11, 20), [], ctx=ctx).outcome is None


def test_the_decision_records_the_parameter_versions_it_read():
    decision = missed(date(2026, 11, 4), [])
    codes = {p.code for p in decision.parameters}
    assert codes == {"SUPERVISION_LEVEL_REQUIREMENTS", "CHECKIN_FOLLOW_UP_DAYS"}


day_offsets = st.sets(st.integers(min_value=0, max_value=60), max_size=61)


@given(day_offsets, st.integers(min_value=1, max_value=60), st.sampled_from(["strict", "ordinary", "lenient"]))
def test_follow_up_is_never_due_before_the_missed_period_ends(offsets, span, level):
    today = SINCE + timedelta(days=span)
    decision = missed(today, [SINCE + timedelta(days=o) for o in offsets], ((date(2026, 1, 1), level),))
    for start, end in decision.facts.get("missed", []):
        assert SINCE <= start <= end < today
    if decision.outcome is not None:
        assert decision.outcome.due > decision.facts["missed"][0][1]


@given(day_offsets, st.integers(min_value=0, max_value=60), st.integers(min_value=1, max_value=60))
def test_checking_in_more_never_adds_a_missed_period(offsets, extra, span):
    today = SINCE + timedelta(days=span)
    levels = ((date(2026, 1, 1), "strict"), (date(2026, 11, 20), "lenient"))
    fewer = missed(today, [SINCE + timedelta(days=o) for o in offsets], levels)
    more = missed(today, [SINCE + timedelta(days=o) for o in offsets | {extra}], levels)
    assert set(more.facts.get("missed", [])) <= set(fewer.facts.get("missed", []))


def test_an_unanswered_spot_check_is_missed_even_on_a_day_with_a_check_in():
    today = date(2026, 11, 6)
    days = [SINCE + timedelta(days=i) for i in range(5)]  # every day checked in, 11-06 too far
    decision = checkin_missed(
        None,
        since=SINCE,
        today=today,
        levels=[(date(2026, 1, 1), "strict")],
        checkin_days=days,
        unanswered_spot_checks=[date(2026, 11, 4), date(2026, 10, 30), today],
    )
    assert decision.facts["missed"] == [(date(2026, 11, 4), date(2026, 11, 4)), (today, today)]
    assert decision.outcome.due == date(2026, 11, 5)
    assert "随机抽查未在时限内应答2次" in decision.explain()


def test_a_spot_check_is_answered_within_the_minutes_the_parameter_sets():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from sqjz.statute.rules.checkin import spot_check_answer_due

    asked = datetime(2026, 11, 28, 7, 10, tzinfo=ZoneInfo("UTC"))  # 15:10 in China
    decision = spot_check_answer_due(requested_at=asked)
    assert decision.outcome == datetime(2026, 11, 28, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert "15:40前" in decision.explain()


def due(since, today, levels, checkins):
    from sqjz.statute.rules.checkin import checkin_due

    return checkin_due(None, since=since, today=today, levels=list(levels), checkin_days=checkins)


def test_the_period_due_today_follows_the_same_periods_as_missed_check_ins():
    strict = [(date(2026, 10, 1), "strict")]
    decision = due(date(2026, 11, 20), date(2026, 11, 28), strict, [date(2026, 11, 28)])
    assert decision.outcome == (date(2026, 11, 28), date(2026, 11, 28), True)
    assert decision.explain().endswith("本期（11月28日）已签到，下一周期自11月29日开始")


@given(
    st.integers(min_value=0, max_value=40),
    st.lists(st.integers(min_value=0, max_value=40), max_size=10),
    st.sampled_from(["strict", "ordinary", "lenient"]),
)
def test_the_period_due_contains_today_and_is_done_exactly_when_a_check_in_falls_in_it(span, offsets, level):
    since = date(2026, 11, 2)
    today = since + timedelta(days=span)
    checkins = [since + timedelta(days=o) for o in offsets if o <= span]
    start, end, done = due(since, today, [(date(2026, 1, 1), level)], checkins).outcome
    assert since <= start <= today <= end
    assert done == any(start <= d <= end for d in checkins)
    # The periods before it are the ones CHECKIN_MISSED judges: missing none of them when each has a check-in.
    every_day = [since + timedelta(days=i) for i in range(span + 1)]
    assert (
        checkin_missed(
            None, since=since, today=today, levels=[(date(2026, 1, 1), level)], checkin_days=every_day
        ).outcome
        is None
    )
