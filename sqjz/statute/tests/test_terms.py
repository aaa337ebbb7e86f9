"""矫正期限的法定范围 (刑法第三十八条、第六十九条、第七十三条、第八十三条). Pure rules: no database. The worked examples
run in test_registry.py."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months
from sqjz.statute.rules.terms import TermRange, correction_term_range

starts = st.dates(min_value=date(2020, 7, 1), max_value=date(2035, 12, 31))
BOUNDS = {"detention": (2, 12), "imprisonment": (12, 60), "": (2, 60)}


def term(kind: str, start: date, end: date, penalty: str = "") -> TermRange:
    return correction_term_range(correction_type=kind, start=start, end=end, original_penalty=penalty).outcome


def test_a_ninety_year_probation_is_refused_naming_the_article_and_the_last_lawful_day():
    decision = correction_term_range(
        correction_type="probation", start=date(2026, 11, 24), end=date(2116, 11, 23), original_penalty=""
    )
    assert not decision.outcome.allowed
    assert decision.articles == ("刑法第七十三条",)
    assert "缓刑考验期限为2个月以上5年以下" in decision.reasons[0]
    assert "最迟至2031年11月24日" in decision.reasons[1]


def test_control_has_no_shortest_term_because_custody_counts_double():
    assert term("control", date(2026, 11, 24), date(2026, 12, 3)).allowed
    assert not term("control", date(2026, 11, 24), date(2029, 11, 25)).allowed


def test_parole_and_temporary_release_have_no_statutory_longest_term():
    for kind in ("parole", "temporary_release"):
        assert term(kind, date(2026, 11, 24), date(2060, 1, 1)) == TermRange(True, None, None)


def test_an_end_not_after_the_start_is_never_lawful():
    for kind in ("control", "probation", "parole", "temporary_release"):
        assert not term(kind, date(2026, 11, 24), date(2026, 11, 24)).allowed


@pytest.mark.parametrize(("kind", "penalty"), [("probation", "fine"), ("life", "")])
def test_unknown_codes_are_rejected(kind, penalty):
    with pytest.raises(ValueError):
        correction_term_range(
            correction_type=kind, start=date(2026, 1, 1), end=date(2027, 1, 1), original_penalty=penalty
        )


@given(start=starts, days=st.integers(min_value=1, max_value=40 * 366), penalty=st.sampled_from(sorted(BOUNDS)))
def test_a_probation_is_lawful_exactly_within_the_months_of_article_73(start, days, penalty):
    end = start + timedelta(days=days)
    shortest, longest = BOUNDS[penalty]
    expected = add_months(start, shortest) - timedelta(days=1) <= end <= add_months(start, longest)
    assert term("probation", start, end, penalty).allowed == expected


@given(start=starts, days=st.integers(min_value=1, max_value=40 * 366))
def test_control_is_lawful_exactly_up_to_three_years(start, days):
    end = start + timedelta(days=days)
    assert term("control", start, end).allowed == (end <= add_months(start, 36))
