"""Education (EDUCATION_APART_FROM_ADULTS, EDUCATION_MONTH_PROGRESS). Pure rules: no database. The worked examples
run in test_registry.py; here are the properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.education import education_apart_from_adults, education_month_progress

CTX = Context.default()
levels = st.sampled_from(("strict", "ordinary", "lenient"))
months = st.dates(min_value=date(2021, 1, 1), max_value=date(2028, 12, 31))
hours = st.decimals(min_value=0, max_value=200, places=1)
times = st.integers(min_value=0, max_value=40)


@given(st.booleans(), st.booleans())
def test_minors_and_adults_never_share_a_session(minor, for_minors):
    decision = education_apart_from_adults(CTX, person_is_minor=minor, session_for_minors=for_minors)
    assert decision.outcome is (minor == for_minors)
    assert decision.articles == ("社区矫正法第五十二条",)


@given(levels, months, hours, times)
def test_the_shortfalls_are_what_is_left_of_the_requirement_and_never_negative(level, month, done, sessions):
    decision = education_month_progress(CTX, level=level, month=month, study_hours=done, individual_sessions=sessions)
    out = decision.outcome
    assert out["hours_short"] == max(out["hours_due"] - done, 0)
    assert out["individual_short"] == max(out["individual_due"] - sessions, 0)
    met = not out["hours_short"] and not out["individual_short"]
    assert met == ("已达到要求" in decision.reasons[-1])
    # More done never leaves more short.
    more = education_month_progress(
        CTX, level=level, month=month, study_hours=done + Decimal("1"), individual_sessions=sessions + 1
    ).outcome
    assert more["hours_short"] <= out["hours_short"] and more["individual_short"] <= out["individual_short"]


@given(levels, months)
def test_the_requirement_is_the_month_s_whatever_its_day(level, month):
    first = education_month_progress(CTX, level=level, month=month.replace(day=1), study_hours=0, individual_sessions=0)
    any_day = education_month_progress(CTX, level=level, month=month, study_hours=0, individual_sessions=0)
    assert first.outcome == any_day.outcome


def test_bad_input_is_a_programming_error():
    with pytest.raises(ValueError):
        education_month_progress(CTX, level="loose", month=date(2026, 11, 1), study_hours=0, individual_sessions=0)
    with pytest.raises(ValueError):
        education_month_progress(
            CTX, level="strict", month=date(2026, 11, 1), study_hours=Decimal("-1"), individual_sessions=0
        )
