"""Funding (FUNDING_SUBSIDY). Pure rule: no database. The worked examples run in test_registry.py; here are the
properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.parameters import ParameterSet, Version
from sqjz.statute.registry import Context
from sqjz.statute.rules.funding import days_in_year, funding_subsidy

CTX = Context.default()
years = st.integers(min_value=2021, max_value=2035)
person_days = st.integers(min_value=0, max_value=700_000 * 366)


def amount(year: int, days: int, ctx: Context = CTX) -> Decimal:
    return funding_subsidy(ctx, year=year, person_days=days).outcome


@given(years, st.integers(min_value=1, max_value=5000))
def test_a_full_year_of_each_person_earns_the_yearly_figure(year, people):
    assert amount(year, days_in_year(year)) == Decimal("1000.00")
    assert amount(year, people * days_in_year(year)) == Decimal(1000 * people)


@given(years, person_days, person_days)
def test_split_periods_add_up_to_the_whole_within_a_fen(year, a, b):
    assert abs(amount(year, a) + amount(year, b) - amount(year, a + b)) <= Decimal("0.01")


@given(years, person_days, st.integers(min_value=0, max_value=10_000))
def test_more_person_days_never_earn_less(year, days, more):
    assert amount(year, days + more) >= amount(year, days)


@given(years, person_days)
def test_rounded_to_the_fen_with_reasons_and_the_figure_used(year, days):
    decision = funding_subsidy(CTX, year=year, person_days=days)
    assert decision.outcome == decision.outcome.quantize(Decimal("0.01"))
    assert decision.parameters[0].code == "FUNDING_SUBSIDY_PER_PERSON_YEAR"
    assert decision.articles == ("玉溪市实施意见六(二)",)
    assert str(days) in decision.reasons[1] and f"{decision.outcome:f}元" in decision.reasons[-1]


def test_leap_years_have_366_days():
    assert days_in_year(2028) == 366 and days_in_year(2026) == 365 and days_in_year(2100) == 365


def test_a_new_figure_applies_from_the_next_full_year():
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {"FUNDING_SUBSIDY_PER_PERSON_YEAR": [Version(1200, date(2027, 7, 1), "省财政厅通知")]}
        ),
        CTX.calendar,
    )
    assert amount(2027, 365, ctx) == Decimal("1000.00")
    assert amount(2028, 366, ctx) == Decimal("1200.00")


def test_negative_person_days_are_refused():
    with pytest.raises(ValueError):
        funding_subsidy(CTX, year=2026, person_days=-1)
