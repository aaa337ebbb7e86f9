"""Who counts as a minor for community correction (社区矫正法第五十二条、第五十八条). Pure rules: no database."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.age import age_on, is_minor_on
from sqjz.statute.rules.minors import minor_rules_apply


def eighteenth_birthday(birth: date) -> date:
    """An independent oracle: the 18th birthday (28 February for a 29 February birth in a common year)."""
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:
        return date(birth.year + 18, 2, 28)


def adult_from(birth: date) -> date:
    """The first day a person is 18 周岁: the day after the 18th birthday (法释〔2006〕1号第二条)."""
    return eighteenth_birthday(birth) + timedelta(days=1)


def test_sixteen_at_the_offence_applies():
    decision = minor_rules_apply(
        birth_date=date(2010, 6, 1), offence_date=date(2026, 7, 1), term_start=date(2027, 1, 15)
    )
    assert decision.outcome is True
    assert "犯罪时16周岁" in decision.reasons


def test_seventeen_at_the_offence_and_eighteen_at_the_start_applies():
    decision = minor_rules_apply(
        birth_date=date(2008, 9, 10), offence_date=date(2026, 3, 1), term_start=date(2026, 11, 28)
    )
    assert decision.outcome is True
    assert decision.reasons[:2] == ("犯罪时17周岁", "矫正开始时18周岁")


def test_offence_on_the_eighteenth_birthday_is_still_a_minor_at_the_offence():
    """周岁 counts from the day after the birthday (法释〔2006〕1号第二条): on the 18th birthday the person is 17."""
    decision = minor_rules_apply(
        birth_date=date(2008, 11, 28), offence_date=date(2026, 11, 28), term_start=date(2027, 3, 1)
    )
    assert decision.outcome is True
    assert "犯罪时17周岁" in decision.reasons
    assert any("法释〔2006〕1号" in article for article in decision.articles)


def test_offence_the_day_after_the_eighteenth_birthday_does_not_apply():
    decision = minor_rules_apply(
        birth_date=date(2008, 11, 28), offence_date=date(2026, 11, 29), term_start=date(2027, 3, 1)
    )
    assert decision.outcome is False
    assert "犯罪时18周岁" in decision.reasons


def test_offence_the_day_before_the_eighteenth_birthday_applies():
    assert minor_rules_apply(
        birth_date=date(2008, 11, 28), offence_date=date(2026, 11, 27), term_start=date(2027, 3, 1)
    ).outcome


def test_adult_throughout_does_not_apply():
    assert not minor_rules_apply(
        birth_date=date(1990, 5, 17), offence_date=date(2026, 1, 5), term_start=date(2026, 8, 1)
    ).outcome


def test_decision_names_the_rule_and_its_articles():
    decision = minor_rules_apply(
        birth_date=date(2010, 6, 1), offence_date=date(2026, 7, 1), term_start=date(2027, 1, 15)
    )
    assert decision.rule == "MINOR_RULES_APPLY"
    assert "社区矫正法第五十八条" in decision.articles
    assert "刑事诉讼法第二百八十六条" in decision.articles


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2008, 2, 29), 0),
        (date(2009, 2, 28), 0),
        (date(2009, 3, 1), 1),
        (date(2012, 2, 28), 3),
        (date(2012, 2, 29), 3),  # a leap year: the birthday itself; the year is complete from the next day
        (date(2012, 3, 1), 4),
        (date(2026, 2, 28), 17),
        (date(2026, 3, 1), 18),
    ],
)
def test_born_on_29_february_turns_a_year_older_on_1_march(on, age):
    assert age_on(date(2008, 2, 29), on) == age


def test_age_changes_on_the_day_after_the_birthday():
    birth = date(1990, 5, 17)
    assert age_on(birth, date(2026, 5, 16)) == 35
    assert age_on(birth, date(2026, 5, 17)) == 35  # the birthday itself
    assert age_on(birth, date(2026, 5, 18)) == 36
    assert age_on(birth, date(2026, 12, 31)) == 36


def test_born_on_29_february_is_a_minor_on_28_february_of_the_eighteenth_year():
    birth = date(2008, 2, 29)
    assert minor_rules_apply(birth_date=birth, offence_date=date(2026, 2, 28), term_start=date(2026, 9, 1)).outcome
    assert not minor_rules_apply(birth_date=birth, offence_date=date(2026, 3, 1), term_start=date(2026, 9, 1)).outcome


def test_a_minor_on_a_day_is_under_eighteen_until_the_day_after_the_eighteenth_birthday():
    birth = date(2008, 11, 28)
    assert is_minor_on(birth_date=birth, on=date(2026, 11, 28))
    assert not is_minor_on(birth_date=birth, on=date(2026, 11, 29))


births = st.dates(min_value=date(1930, 1, 1), max_value=date(2025, 12, 31))
spans = st.integers(min_value=0, max_value=40_000)


@given(birth=births, first=spans, extra=spans)
def test_age_never_decreases_as_the_day_moves_on(birth, first, extra):
    earlier = birth + timedelta(days=first)
    later = earlier + timedelta(days=extra)
    assert 0 <= age_on(birth, earlier) <= age_on(birth, later)


@given(birth=births, days=spans)
def test_age_is_eighteen_or_more_exactly_from_the_day_after_the_eighteenth_birthday(birth, days):
    on = birth + timedelta(days=days)
    assert (age_on(birth, on) >= 18) == (on >= adult_from(birth))
    assert is_minor_on(birth_date=birth, on=on) == (on < adult_from(birth))


@given(birth=births, years=st.integers(min_value=1, max_value=90))
def test_on_every_birthday_the_person_is_still_a_year_younger(birth, years):
    """法释〔2006〕1号第二条: 周岁 counts from the day after the birthday."""
    try:
        birthday = birth.replace(year=birth.year + years)
    except ValueError:  # 29 February in a common year: the last day of February
        birthday = date(birth.year + years, 2, 28)
    assert age_on(birth, birthday) == years - 1
    assert age_on(birth, birthday + timedelta(days=1)) == years


@given(
    birth=births,
    to_offence=st.integers(min_value=10 * 365, max_value=60 * 365),
    to_start=st.integers(min_value=0, max_value=5 * 365),
)
def test_rules_apply_exactly_when_under_eighteen_at_the_offence_or_the_start(birth, to_offence, to_start):
    offence = birth + timedelta(days=to_offence)
    start = offence + timedelta(days=to_start)
    decision = minor_rules_apply(birth_date=birth, offence_date=offence, term_start=start)
    turns_18 = adult_from(birth)
    assert decision.outcome == (offence < turns_18 or start < turns_18)
    assert decision.rule == "MINOR_RULES_APPLY"
    assert "社区矫正法第五十八条" in decision.articles


@given(birth=births, offence_days=spans, start_days=spans)
def test_rules_apply_if_either_date_is_before_the_eighteenth_birthday_whatever_their_order(
    birth, offence_days, start_days
):
    offence, start = birth + timedelta(days=offence_days), birth + timedelta(days=start_days)
    turns_18 = adult_from(birth)
    assert minor_rules_apply(birth_date=birth, offence_date=offence, term_start=start).outcome == (
        min(offence, start) < turns_18
    )
