"""The "511" mentoring rules (MENTORING_OCCASION_OF_CHANGE, MENTORING_VISIT_DUE, MENTORING_VISIT_ESCALATION). Pure
rules: no database. The worked examples run in test_registry.py; here are the properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.mentoring import (
    CHANGES,
    OCCASIONS,
    mentoring_occasion_of_change,
    mentoring_visit_due,
    mentoring_visit_escalation,
)

CTX = Context.default()
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2027, 12, 31))


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_every_change_but_residence_is_one_of_the_five_occasions(change):
    decision = mentoring_occasion_of_change(CTX, change=change)
    if change == "residence":
        assert decision.outcome is None and "实施办法第三十条" in decision.articles
    else:
        assert decision.outcome in OCCASIONS and "玉溪市实施意见三(三)2" in decision.articles


def test_an_unknown_change_is_a_programming_error():
    with pytest.raises(ValueError):
        mentoring_occasion_of_change(CTX, change="lottery")


@given(days)
def test_the_visit_is_due_seven_days_on_or_the_next_working_day(known_on):
    due = mentoring_visit_due(CTX, known_on=known_on).outcome
    assert due.due >= known_on + timedelta(days=7)
    assert CTX.calendar.is_working_day(due.due)
    assert due.due - (known_on + timedelta(days=7)) < timedelta(days=10)  # no holiday run is longer


@given(days)
def test_escalation_follows_the_visit_deadline(known_on):
    due = mentoring_visit_due(CTX, known_on=known_on).outcome.due
    escalates = mentoring_visit_escalation(CTX, visit_due=due).outcome.due
    assert escalates >= due + timedelta(days=3) and CTX.calendar.is_working_day(escalates)
