"""Counselling rules (CRISIS_FOLLOW_UP_DUE, COUNSELLING_FOLLOWS_ASSESSMENT). Pure rules: no database. The worked
examples run in test_registry.py; here are the properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.counselling import RESULTS, counselling_follows_assessment, crisis_follow_up_due

CTX = Context.default()
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31))


@given(days)
def test_a_high_risk_case_is_followed_up_sooner_and_never_later_for_a_holiday(last):
    high = crisis_follow_up_due(CTX, risk="high", last_contact=last).outcome
    medium = crisis_follow_up_due(CTX, risk="medium", last_contact=last).outcome
    assert last < high < medium
    assert high == last + timedelta(days=3) and medium == last + timedelta(days=7)


@pytest.mark.parametrize("result", sorted(RESULTS))
def test_only_severe_problems_and_crises_open_a_crisis_case(result):
    outcome = counselling_follows_assessment(CTX, result=result).outcome
    assert (outcome == "crisis_case") == (result in ("severe", "crisis"))


def test_unknown_codes_are_programming_errors():
    with pytest.raises(ValueError):
        crisis_follow_up_due(CTX, risk="low", last_contact=date(2026, 11, 25))
    with pytest.raises(ValueError):
        counselling_follows_assessment(CTX, result="fine")
