"""表扬 grounds and who decides the agency's measures (社区矫正法第二十八条, 实施办法第三十三条至第三十五条).
Pure rules; the worked examples run in test_registry.py."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.rules.measures import DECIDED, Decider, commendation_grounds, measure_decider

TYPES = ("control", "probation", "parole", "temporary_release")
FLAGS = ("outstanding_conduct", "assessment_excellent", "assessment_commendable", "meritorious_act")


@given(
    correction_type=st.sampled_from(TYPES),
    flags=st.fixed_dictionaries({f: st.booleans() for f in FLAGS}),
    uncorrected=st.integers(min_value=0, max_value=5),
)
def test_a_commendation_ground_holds_exactly_when_a_fact_is_outstanding_and_nothing_is_uncorrected(
    correction_type, flags, uncorrected
):
    decision = commendation_grounds(
        correction_type=correction_type, today=date(2026, 6, 1), measures_uncorrected=uncorrected, **flags
    )
    expected = [f for f in FLAGS if flags[f]] if not uncorrected else []
    assert decision.outcome.available == bool(expected)
    assert list(decision.outcome.grounds) == expected
    assert "社区矫正法第二十八条" in decision.articles
    assert all(decision.reasons)


@given(measure=st.sampled_from(sorted(DECIDED)))
def test_the_county_agency_decides_every_measure_the_office_proposes(measure):
    decision = measure_decider(measure=measure)
    assert decision.outcome == Decider("judicial_office", "county_agency")
    assert decision.articles and "县级社区矫正机构决定" in decision.reasons[0]


def test_unknown_inputs_are_programming_errors():
    with pytest.raises(ValueError):
        commendation_grounds(correction_type="house_arrest", today=date(2026, 6, 1))
    with pytest.raises(ValueError):
        measure_decider(measure="revocation")
