"""Assistance (ASSISTANCE_ELIGIBILITY, ASSISTANCE_ASSESSMENT_DUE, ASSISTANCE_REFERRAL_FOLLOW_UP). Pure rules: no
database. The worked examples run in test_registry.py; here are the properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.age import age_on
from sqjz.statute.registry import Context
from sqjz.statute.rules.assistance import (
    BODIES,
    KINDS,
    WORK,
    assistance_assessment_due,
    assistance_eligibility,
    assistance_referral_follow_up,
    reason_for,
)

CTX = Context.default()
DAY = date(2026, 11, 28)
FLAGS = (
    "is_minor",
    "is_female",
    "is_disabled",
    "employer_in_difficulty",
    "wants_training",
    "wants_startup",
    "compulsory_education_completed",
    "wants_further_study",
    "income_below_minimum",
    "severe_hardship",
    "insured",
    "unemployment_benefit_qualified",
    "needs_legal_aid",
)
facts = st.fixed_dictionaries(
    {
        "birth_date": st.dates(min_value=date(1940, 1, 1), max_value=date(2014, 12, 31)),
        "work": st.sampled_from(tuple(WORK)),
        **{flag: st.booleans() for flag in FLAGS},
    }
)


@given(facts)
def test_every_kind_is_decided_with_its_reason_and_the_responsible_body_first(f):
    decision = assistance_eligibility(CTX, assessment_day=DAY, **f)
    assert set(decision.outcome) <= set(KINDS)
    assert list(decision.outcome) == [k for k in KINDS if k in decision.outcome]  # in the order of KINDS
    for code, kind in KINDS.items():
        line = reason_for(decision, code)
        if code in decision.outcome:
            bodies = decision.outcome[code]
            assert bodies[0] == kind.body and len(set(bodies)) == len(bodies) and set(bodies) <= set(BODIES)
            assert BODIES[kind.body] in line and "不符合条件" not in line
            assert set(kind.articles) <= set(decision.articles)
        else:
            assert "不符合条件" in line and kind.articles[0] in line


@given(facts)
def test_training_jobs_and_start_ups_only_from_the_working_age(f):
    decision = assistance_eligibility(CTX, assessment_day=DAY, **f)
    if age_on(f["birth_date"], DAY) < 16:
        assert not {"vocational_training", "job_referral", "startup_support"} & set(decision.outcome)
    else:
        assert ("vocational_training" in decision.outcome) == f["wants_training"]
        assert ("job_referral" in decision.outcome) == (f["work"] == "unemployed")


@given(facts)
def test_schooling_for_minors_without_compulsory_education_and_the_groups_that_help(f):
    decision = assistance_eligibility(CTX, assessment_day=DAY, **f)
    assert ("schooling" in decision.outcome) == (f["is_minor"] and not f["compulsory_education_completed"])
    assert ("minimum_living" in decision.outcome) == f["income_below_minimum"]  # 应保尽保
    assert ("temporary_relief" in decision.outcome) == f["severe_hardship"]
    assert ("social_insurance" in decision.outcome) == (not f["insured"])
    for bodies in decision.outcome.values():
        assert ("youth_league" in bodies) == f["is_minor"]
        assert ("womens_federation" in bodies) == f["is_female"]
        assert ("disabled_federation" in bodies) == f["is_disabled"]


@given(facts, st.sampled_from(FLAGS[3:6] + FLAGS[7:10] + FLAGS[11:]))
def test_a_need_found_never_takes_help_away(f, flag):
    """Finding one more need (a yes where the answer is a need) never makes the person eligible for less."""
    before = assistance_eligibility(CTX, assessment_day=DAY, **(f | {flag: False})).outcome
    after = assistance_eligibility(CTX, assessment_day=DAY, **(f | {flag: True})).outcome
    assert set(before) <= set(after)


@given(st.dates(min_value=date(2021, 1, 1), max_value=date(2026, 12, 1)))
def test_the_deadlines_count_the_local_days_and_roll_past_holidays(start):
    for decide, facts_name, days in (
        (assistance_assessment_due, "reported_on", 30),
        (assistance_referral_follow_up, "followed_up_on", 60),
    ):
        decision = decide(CTX, **{facts_name: start})
        due = decision.outcome.due
        assert start + timedelta(days=days) <= due <= start + timedelta(days=days + 10)
        assert decision.reasons[-1] == "地方做法，非法定期限"


def test_an_unknown_work_status_is_a_programming_error():
    with pytest.raises(ValueError):
        assistance_eligibility(CTX, birth_date=date(1990, 1, 1), assessment_day=DAY, work="retired")
