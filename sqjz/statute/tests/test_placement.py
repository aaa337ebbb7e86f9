"""Placement (THREE_NO_PERSON, PLACEMENT_CAPACITY). Pure rules: no database. The worked examples run in
test_registry.py; here are the properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.assistance import WORK
from sqjz.statute.rules.placement import occupancy, placement_capacity, three_no_person

CTX = Context.default()
FIRST = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=60).map(lambda n: FIRST + timedelta(days=n))
stays = st.lists(
    st.tuples(days, st.one_of(st.none(), st.integers(min_value=0, max_value=30))).map(
        lambda t: (t[0], None if t[1] is None else t[0] + timedelta(days=t[1]))
    ),
    max_size=8,
)


@given(st.booleans(), st.sampled_from(sorted(WORK)), st.booleans())
def test_a_person_is_three_no_only_when_all_three_hold(housing, work, family):
    decision = three_no_person(CTX, stable_housing=housing, work=work, family_to_turn_to=family)
    assert decision.outcome is (not housing and work in ("unemployed", "unable") and not family)
    assert decision.articles[0] == "玉溪市实施意见三(三)3"
    # Each condition that fails is named as such.
    failing = [not housing, work in ("unemployed", "unable"), not family].count(False)
    assert sum("不符合" in r for r in decision.reasons[:3]) == failing


@given(st.integers(min_value=1, max_value=6), days, stays)
def test_a_placement_is_allowed_exactly_when_every_day_from_its_start_has_a_free_place(capacity, placed_on, others):
    decision = placement_capacity(CTX, capacity=capacity, placed_on=placed_on, stays=others)
    horizon = max([placed_on, *(start for start, _ in others)])
    every_day = (placed_on + timedelta(days=n) for n in range((horizon - placed_on).days + 1))
    assert decision.outcome is all(occupancy(others, day) < capacity for day in every_day)


@given(days, stays)
def test_a_stay_occupies_from_its_first_day_until_the_day_it_ends(day, others):
    assert occupancy(others, day) == sum(1 for s, e in others if s <= day and (e is None or day < e))
    # The day a person leaves, the place is free for the next.
    assert occupancy([(day, day + timedelta(days=1))], day + timedelta(days=1)) == 0


@given(st.integers(min_value=1, max_value=6), days, stays)
def test_more_room_never_refuses_what_less_room_allowed(capacity, placed_on, others):
    smaller = placement_capacity(CTX, capacity=capacity, placed_on=placed_on, stays=others).outcome
    larger = placement_capacity(CTX, capacity=capacity + 1, placed_on=placed_on, stays=others).outcome
    assert larger or not smaller


def test_bad_input_is_a_programming_error():
    with pytest.raises(ValueError):
        three_no_person(CTX, stable_housing=False, work="retired", family_to_turn_to=False)
    with pytest.raises(ValueError):
        placement_capacity(CTX, capacity=0, placed_on=FIRST, stays=[])
