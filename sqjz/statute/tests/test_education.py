"""Education (EDUCATION_APART_FROM_ADULTS, EDUCATION_MONTH_PROGRESS). Pure rules: no database. The worked examples
run in test_registry.py; here are the properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.education import community_service_fit, education_apart_from_adults, education_month_progress

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


@given(levels, months, hours, times, hours, st.booleans())
def test_the_shortfalls_are_what_is_left_of_the_requirement_and_never_negative(
    level, month, done, sessions, served, able
):
    facts = {"level": level, "month": month, "study_hours": done, "individual_sessions": sessions}
    decision = education_month_progress(CTX, **facts, service_hours=served, able_to_work=able)
    out = decision.outcome
    assert out["hours_short"] == max(out["hours_due"] - done, 0)
    assert out["individual_short"] == max(out["individual_due"] - sessions, 0)
    assert out["service_short"] == max(out["service_due"] - served, 0)
    if not able:
        assert out["service_due"] == 0 and any("无劳动能力" in r for r in decision.reasons)
    met = not out["hours_short"] and not out["individual_short"] and not out["service_short"]
    assert met == ("已达到要求" in decision.reasons[-1])
    # More done never leaves more short.
    more = education_month_progress(
        CTX,
        **(facts | {"study_hours": done + 1, "individual_sessions": sessions + 1}),
        service_hours=served + 1,
        able_to_work=able,
    ).outcome
    assert more["hours_short"] <= out["hours_short"] and more["individual_short"] <= out["individual_short"]
    assert more["service_short"] <= out["service_short"]


@given(st.sampled_from(("light", "moderate", "heavy")), st.integers(min_value=10, max_value=90), st.booleans())
def test_an_activity_fits_within_its_age_band_and_only_light_work_for_the_unwell(demand, age, unwell):
    day = date(2026, 11, 28)
    born = date(day.year - age - 1, 12, 31)  # turned `age` on the last birthday
    decision = community_service_fit(CTX, demand=demand, birth_date=born, day=day, health_limited=unwell)
    low, high = {"light": (16, None), "moderate": (16, 60), "heavy": (18, 55)}[demand]
    in_band = age >= low and (high is None or age <= high)
    assert decision.outcome is (in_band and (demand == "light" or not unwell))
    assert decision.articles == ("社区矫正法第四十二条", "人民检察院刑事诉讼规则第六百四十三条")


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
