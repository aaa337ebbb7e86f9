"""分类管理: strict / ordinary / lenient supervision and what each level requires (LOCAL figures, statute.md §8).
Pure rules: no database. The worked examples run in test_registry.py."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months
from sqjz.statute.parameters import LAW_IN_FORCE, PARAMETERS_BY_CODE, ParameterSet, Version
from sqjz.statute.registry import Context, all_rules
from sqjz.statute.rules.supervision import LEVELS, REQUIREMENT_LABELS, supervision_level, supervision_level_requirements

INTAKE = date(2025, 6, 1)
TODAY = date(2026, 8, 1)


def level(**facts) -> str:
    return supervision_level(**{"intake_date": INTAKE, "today": TODAY, **facts}).outcome


def test_new_intake_is_strict_until_two_months_are_complete():
    intake = date(2026, 3, 31)
    two_months = add_months(intake, 2)  # 2026-05-31
    assert level(intake_date=intake, today=two_months - timedelta(days=1)) == "strict"
    assert level(intake_date=intake, today=two_months) == "ordinary"


@pytest.mark.parametrize(
    "ground",
    [
        {"high_risk": True},
        {"admonitions": 2},
        {"warnings": 1},
        {"police_penalties": 1},
        {"failed_assessment": True},
    ],
)
def test_each_strict_ground_forces_strict_from_any_level(ground):
    for current in (None, "strict", "ordinary", "lenient"):
        assert level(current_level=current, consecutive_commendations=5, meritorious_act=True, **ground) == "strict"


def test_one_admonition_is_not_enough_for_strict():
    assert level(current_level="ordinary", admonitions=1) == "ordinary"


def test_reasons_name_each_criterion_that_applied():
    decision = supervision_level(intake_date=INTAKE, today=TODAY, current_level="ordinary", admonitions=3, warnings=1)
    text = decision.explain()
    assert "受到训诫3次" in text and "受到警告1次" in text and "由普管转为严管" in text


def test_lenient_after_six_months_on_ordinary_with_good_grades():
    facts = {"current_level": "ordinary", "ordinary_since": date(2026, 2, 1)}
    assert level(grades_on_ordinary=["pass", "good"], **facts) == "lenient"
    assert level(grades_on_ordinary=["pass", "pass"], **facts) == "ordinary"
    assert level(grades_on_ordinary=["good", "fail"], **facts) == "ordinary"
    assert level(grades_on_ordinary=[], **facts) == "ordinary"


def test_other_lenient_criteria():
    assert level(current_level="ordinary", consecutive_commendations=3) == "lenient"
    assert level(current_level="ordinary", consecutive_commendations=2) == "ordinary"
    assert level(current_level="ordinary", meritorious_act=True) == "lenient"
    assert level(current_level="ordinary", low_risk=True) == "lenient"


def test_lenient_stays_lenient_without_a_strict_ground():
    assert level(current_level="lenient") == "lenient"


def test_inconsistent_facts_are_refused():
    with pytest.raises(ValueError):
        level(high_risk=True, low_risk=True)
    with pytest.raises(ValueError):
        level(current_level="medium")
    with pytest.raises(ValueError):
        level(intake_date=TODAY + timedelta(days=1))


@st.composite
def classification_facts(draw):
    intake = draw(st.dates(min_value=date(2020, 7, 1), max_value=date(2030, 1, 1)))
    today = intake + timedelta(days=draw(st.integers(min_value=0, max_value=1500)))
    current = draw(st.sampled_from((None, "strict", "ordinary", "lenient")))
    risk = draw(st.sampled_from(("high", "low", None)))
    facts = {
        "intake_date": intake,
        "today": today,
        "current_level": current,
        "high_risk": risk == "high",
        "low_risk": risk == "low",
        "admonitions": draw(st.integers(min_value=0, max_value=4)),
        "warnings": draw(st.integers(min_value=0, max_value=2)),
        "police_penalties": draw(st.integers(min_value=0, max_value=2)),
        "failed_assessment": draw(st.booleans()),
        "consecutive_commendations": draw(st.integers(min_value=0, max_value=5)),
        "meritorious_act": draw(st.booleans()),
        "grades_on_ordinary": draw(st.lists(st.sampled_from(("good", "pass", "fail")), max_size=4)),
    }
    if current == "ordinary" and draw(st.booleans()):
        facts["ordinary_since"] = draw(st.dates(min_value=intake, max_value=today))
    return facts


def has_strict_ground(facts) -> bool:
    return (
        facts["today"] < add_months(facts["intake_date"], 2)
        or facts["high_risk"]
        or facts["admonitions"] >= 2
        or facts["warnings"] >= 1
        or facts["police_penalties"] >= 1
        or facts["failed_assessment"]
    )


@given(facts=classification_facts())
def test_strict_exactly_when_a_strict_ground_holds(facts):
    decision = supervision_level(**facts)
    assert (decision.outcome == "strict") == has_strict_ground(facts)
    assert decision.outcome in LEVELS
    assert decision.reasons and all(decision.reasons)


@given(facts=classification_facts(), extra=st.sampled_from(("admonitions", "warnings", "police_penalties")))
def test_more_measures_never_make_supervision_more_lenient(facts, extra):
    order = {"lenient": 0, "ordinary": 1, "strict": 2}
    before = supervision_level(**facts).outcome
    after = supervision_level(**{**facts, extra: facts[extra] + 2}).outcome
    assert after == "strict"
    assert order[after] >= order[before]


# --- SUPERVISION_LEVEL_REQUIREMENTS ----------------------------------------------------------------------------


def test_every_level_has_every_requirement_and_strict_asks_most():
    on = date(2026, 6, 1)
    requirements = {lvl: supervision_level_requirements(level=lvl, on=on).outcome for lvl in LEVELS}
    for values in requirements.values():
        assert set(values) == set(REQUIREMENT_LABELS)
    for key in REQUIREMENT_LABELS:
        strict, ordinary, lenient = (requirements[lvl][key] for lvl in ("strict", "ordinary", "lenient"))
        if key == "app_checkin_days":  # an interval: strict checks in at least as often
            assert 0 < strict <= ordinary <= lenient
        else:
            assert strict >= ordinary >= lenient, key
    assert requirements["strict"]["study_hours_per_month"] == 12
    assert requirements["strict"]["public_benefit_hours_per_month"] == 12


def test_the_parameter_is_local_and_editable():
    for code in (
        "SUPERVISION_LEVEL_REQUIREMENTS",
        "STRICT_INTAKE_MONTHS",
        "STRICT_ADMONITIONS",
        "LENIENT_ORDINARY_MONTHS",
        "LENIENT_CONSECUTIVE_COMMENDATIONS",
    ):
        assert PARAMETERS_BY_CODE[code].editable, code


def test_a_province_setting_its_own_requirements_from_a_date_keeps_the_version():
    changed = date(2027, 1, 1)
    defaults = PARAMETERS_BY_CODE["SUPERVISION_LEVEL_REQUIREMENTS"].default
    province = {lvl: dict(values) for lvl, values in defaults.items()}
    province["strict"]["study_hours_per_month"] = 16
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {"SUPERVISION_LEVEL_REQUIREMENTS": [Version(province, changed, "云南省分类管理办法（测试）")]}
        ),
        Context.default().calendar,
    )
    rule = all_rules()["SUPERVISION_LEVEL_REQUIREMENTS"]
    before = rule(ctx, level="strict", on=changed - timedelta(days=1))
    after = rule(ctx, level="strict", on=changed)
    assert before.outcome["study_hours_per_month"] == 12
    assert after.outcome["study_hours_per_month"] == 16
    assert before.parameters[0].effective_from == LAW_IN_FORCE
    assert after.parameters[0].source == "云南省分类管理办法（测试）"
    assert "教育学习16小时/月" in after.explain()
    # The outcome is a copy: changing it does not change the parameter.
    after.outcome["study_hours_per_month"] = 0
    assert rule(ctx, level="strict", on=changed).outcome["study_hours_per_month"] == 16


def test_a_province_lengthening_the_intake_period_applies_to_later_intakes():
    changed = date(2027, 1, 1)
    ctx = Context(
        ParameterSet.defaults().with_versions({"STRICT_INTAKE_MONTHS": [Version(3, changed, "测试")]}),
        Context.default().calendar,
    )
    rule = all_rules()["SUPERVISION_LEVEL"]
    # Taken in before the change: two months, even when classified after it.
    earlier = rule(ctx, intake_date=date(2026, 12, 15), today=date(2027, 2, 20))
    assert earlier.outcome == "ordinary"
    assert {u.code: u for u in earlier.parameters}["STRICT_INTAKE_MONTHS"].value == 2
    # Taken in on the day of the change: three months.
    later = rule(ctx, intake_date=changed, today=date(2027, 3, 20))
    assert later.outcome == "strict"
    assert {u.code: u for u in later.parameters}["STRICT_INTAKE_MONTHS"].effective_from == changed


def test_unknown_level_is_refused():
    with pytest.raises(ValueError):
        supervision_level_requirements(level="medium", on=date(2026, 6, 1))
