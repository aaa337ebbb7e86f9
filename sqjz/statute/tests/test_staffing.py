"""Staffing (STAFFING_WORKLOAD, VILLAGE_SPECIALIST_NEEDED, EVALUATORS_PER_VILLAGE). Pure rules: no database. The
worked examples run in test_registry.py; here are the properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.parameters import ParameterSet, Version
from sqjz.statute.registry import Context
from sqjz.statute.rules.staffing import evaluators_per_village, staffing_workload, village_specialist_needed

CTX = Context.default()
DAY = date(2026, 11, 28)
counts = st.integers(min_value=0, max_value=500)
people = st.fixed_dictionaries({}, optional=dict.fromkeys(("strict", "ordinary", "lenient", "unset"), counts))


@given(people, counts)
def test_the_workload_is_the_weighted_sum_and_one_worker_serves_thirty_rounded_up(by_level, workers):
    decision = staffing_workload(CTX, on=DAY, people=by_level, social_workers=workers)
    out = decision.outcome
    weights = {"strict": Decimal(2), "ordinary": Decimal(1), "lenient": Decimal("0.5"), "unset": Decimal(1)}
    assert out["workload"] == sum((weights[k] * n for k, n in by_level.items()), Decimal(0))
    assert (out["workers_needed"] - 1) * 30 < out["workload"] <= out["workers_needed"] * 30
    assert out["workers_short"] == max(out["workers_needed"] - workers, 0)
    assert decision.articles == ("社区矫正法第十一条", "玉溪市实施意见四(一)")
    assert ("尚缺" in decision.reasons[-1]) == bool(out["workers_short"])


@given(people, counts, st.sampled_from(("strict", "ordinary", "lenient", "unset")))
def test_one_more_person_never_needs_fewer_workers_and_one_more_worker_never_leaves_more_short(
    by_level, workers, level
):
    before = staffing_workload(CTX, on=DAY, people=by_level, social_workers=workers).outcome
    more = by_level | {level: by_level.get(level, 0) + 1}
    after = staffing_workload(CTX, on=DAY, people=more, social_workers=workers).outcome
    assert after["workers_needed"] >= before["workers_needed"] and after["workload"] > before["workload"]
    helped = staffing_workload(CTX, on=DAY, people=by_level, social_workers=workers + 1).outcome
    assert helped["workers_short"] <= before["workers_short"]


def test_the_weights_and_the_caseload_come_from_the_parameters_in_force():
    later = date(2027, 1, 1)
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {
                "STAFFING_LEVEL_WEIGHTS": [
                    Version({"strict": 3, "ordinary": 1, "lenient": 1, "unset": 1}, later, "县司法局文件")
                ],
                "SOCIAL_WORKER_WORKLOAD": [Version(20, later, "县司法局文件")],
            }
        ),
        CTX.calendar,
    )
    facts = {"people": {"strict": 10, "lenient": 10}, "social_workers": 0}
    assert staffing_workload(ctx, on=DAY, **facts).outcome["workload"] == Decimal(25)
    assert staffing_workload(ctx, on=later, **facts).outcome == {
        "workload": Decimal(40),
        "workers_needed": 2,
        "workers_short": 2,
    }


@given(counts, counts)
def test_a_village_needs_a_specialist_from_five_people_and_one_in_post_meets_it(n, specialists):
    out = village_specialist_needed(CTX, on=DAY, people_in_village=n, specialists=specialists).outcome
    assert out["specialist_needed"] is (n >= 5)
    assert out["specialist_short"] is (n >= 5 and specialists == 0)


@given(counts, counts)
def test_a_village_with_people_needs_three_evaluators(n, evaluators):
    out = evaluators_per_village(CTX, on=DAY, people_in_village=n, evaluators=evaluators).outcome
    assert out["evaluators_due"] == (3 if n else 0)
    assert out["evaluators_short"] == max(out["evaluators_due"] - evaluators, 0)


def test_bad_input_is_a_programming_error():
    with pytest.raises(ValueError):
        staffing_workload(CTX, on=DAY, people={"loose": 1}, social_workers=0)
    with pytest.raises(ValueError):
        staffing_workload(CTX, on=DAY, people={"strict": -1}, social_workers=0)
    with pytest.raises(ValueError):
        village_specialist_needed(CTX, on=DAY, people_in_village=-1, specialists=0)
    with pytest.raises(ValueError):
        evaluators_per_village(CTX, on=DAY, people_in_village=1, evaluators=-1)
