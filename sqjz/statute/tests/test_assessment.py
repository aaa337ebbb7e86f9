"""The city's quarterly grades and their consequences (SUP-6, SUP-7; 玉溪市实施意见二(一)). Pure rules: no database.
The worked examples run in test_registry.py."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months
from sqjz.statute.parameters import LAW_IN_FORCE, ParameterSet, Version
from sqjz.statute.registry import Context, all_rules
from sqjz.statute.rules.assessment import GradeConsequences, assessment_due, quarterly_grade_consequences

TYPES = ("control", "probation", "parole", "temporary_release")
ON = date(2026, 9, 30)


def consequences(grades, correction_type="probation", **facts) -> GradeConsequences:
    return quarterly_grade_consequences(grades=grades, correction_type=correction_type, assessed_on=ON, **facts).outcome


def test_two_consecutive_goods_at_the_end_are_excellent_and_require_a_commendation():
    assert consequences(["good", "good"]) == GradeConsequences(True, "required", False, None)
    # The two goods must be the latest two.
    assert consequences(["good", "good", "pass"]).excellent is False
    assert consequences(["good", "good", "pass"]).commendation == "possible"


def test_one_good_needs_outstanding_education_to_be_excellent():
    assert consequences(["good"]).commendation is None
    assert consequences(["good"], outstanding_education=True).commendation == "required"
    # Outstanding education with a latest grade that is not good is not 优秀.
    assert consequences(["good", "pass"], outstanding_education=True).excellent is False


def test_two_goods_in_total_may_be_commended_and_one_may_not():
    assert consequences(["good", "pass", "pass"]).commendation is None
    assert consequences(["good", "pass", "good", "fail"]).commendation == "possible"


def test_two_fails_need_not_be_consecutive():
    outcome = consequences(["fail", "good", "pass", "fail"], "parole")
    assert outcome.serious_circumstances_possible
    assert outcome.proposal == "撤销假释建议"


def test_one_fail_is_not_serious_and_correction_clears_two():
    assert not consequences(["pass", "fail"]).serious_circumstances_possible
    assert not consequences(["fail", "fail"], corrected_after_fails=True).serious_circumstances_possible


@pytest.mark.parametrize(
    ("correction_type", "proposal", "article"),
    [
        ("probation", "撤销缓刑建议", "社区矫正法第四十六条"),
        ("parole", "撤销假释建议", "社区矫正法第四十六条"),
        ("temporary_release", "收监执行建议", "社区矫正法第四十九条"),
        ("control", None, None),
    ],
)
def test_the_proposal_follows_the_correction_type(correction_type, proposal, article):
    decision = quarterly_grade_consequences(grades=["fail", "fail"], correction_type=correction_type, assessed_on=ON)
    assert decision.outcome.proposal == proposal
    assert decision.outcome.serious_circumstances_possible
    if article:
        assert article in decision.articles
    assert "玉溪市进一步加强社区矫正工作的实施意见二(一)" in decision.articles
    assert "社区矫正法第二十八条" in decision.articles


def test_the_reasons_quote_the_grades_in_chinese():
    decision = quarterly_grade_consequences(grades=["pass", "good", "good"], correction_type="parole", assessed_on=ON)
    assert "合格、良好、良好" in decision.explain()
    assert "应当给予表扬" in decision.explain()


def test_unknown_grades_and_types_are_refused():
    with pytest.raises(ValueError):
        consequences(["excellent"])
    with pytest.raises(ValueError):
        consequences(["good"], "bail")


grade_lists = st.lists(st.sampled_from(("good", "pass", "fail")), max_size=12)


@given(grades=grade_lists, outstanding=st.booleans(), corrected=st.booleans(), correction_type=st.sampled_from(TYPES))
def test_required_commendation_exactly_when_excellent(grades, outstanding, corrected, correction_type):
    outcome = consequences(grades, correction_type, outstanding_education=outstanding, corrected_after_fails=corrected)
    assert (outcome.commendation == "required") == outcome.excellent


@given(grades=grade_lists, outstanding=st.booleans(), correction_type=st.sampled_from(TYPES))
def test_adding_a_fail_never_turns_no_commendation_into_a_required_one(grades, outstanding, correction_type):
    before = consequences(grades, correction_type, outstanding_education=outstanding)
    after = consequences([*grades, "fail"], correction_type, outstanding_education=outstanding)
    assert after.commendation != "required"
    if before.commendation is None:
        assert after.commendation is None


@given(grades=st.lists(st.sampled_from(("pass", "fail")), max_size=12), outstanding=st.booleans())
def test_no_good_grade_never_yields_a_commendation(grades, outstanding):
    outcome = consequences(grades, outstanding_education=outstanding)
    assert outcome.commendation is None
    assert not outcome.excellent


@given(grades=grade_lists, corrected=st.booleans(), correction_type=st.sampled_from(TYPES))
def test_serious_circumstances_exactly_on_two_fails_not_corrected_in_any_order(grades, corrected, correction_type):
    outcome = consequences(grades, correction_type, corrected_after_fails=corrected)
    assert outcome.serious_circumstances_possible == (grades.count("fail") >= 2 and not corrected)
    assert consequences(
        sorted(grades), correction_type, corrected_after_fails=corrected
    ).serious_circumstances_possible == (outcome.serious_circumstances_possible)
    assert (outcome.proposal is not None) == (outcome.serious_circumstances_possible and correction_type != "control")


@given(grades=grade_lists)
def test_another_fail_never_takes_serious_circumstances_away(grades):
    assert (
        consequences(grades).serious_circumstances_possible
        <= consequences([*grades, "fail"]).serious_circumstances_possible
    )


def test_a_province_changing_the_fail_count_keeps_earlier_decisions_with_their_version():
    changed = date(2027, 1, 1)
    source = "某市考核办法修订（测试）"
    ctx = Context(
        ParameterSet.defaults().with_versions({"FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES": [Version(3, changed, source)]}),
        Context.default().calendar,
    )
    rule = all_rules()["QUARTERLY_GRADE_CONSEQUENCES"]
    facts = {"grades": ["fail", "pass", "fail"], "correction_type": "probation"}
    before = rule(ctx, assessed_on=changed - timedelta(days=1), **facts)
    after = rule(ctx, assessed_on=changed, **facts)
    assert before.outcome.serious_circumstances_possible and before.outcome.proposal == "撤销缓刑建议"
    assert not after.outcome.serious_circumstances_possible and after.outcome.proposal is None
    used_before = {use.code: use for use in before.parameters}["FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES"]
    used_after = {use.code: use for use in after.parameters}["FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES"]
    assert (used_before.value, used_before.effective_from) == (2, LAW_IN_FORCE)
    assert (used_after.value, used_after.effective_from, used_after.source) == (3, changed, source)
    assert "未达到3次" in after.explain()
    # With a third fail the new figure is met again.
    assert rule(ctx, assessed_on=changed, grades=["fail", "fail", "fail"], correction_type="probation").outcome.proposal


# --- ASSESSMENT_DUE --------------------------------------------------------------------------------------------


def test_quarters_are_counted_from_the_term_start_not_the_calendar():
    assert assessment_due(term_start=date(2026, 2, 10), today=date(2026, 3, 31)).outcome == date(2026, 5, 10)


def test_a_start_on_the_31st_does_not_drift():
    start = date(2026, 5, 31)
    dues = []
    today = start
    for _ in range(4):
        due = assessment_due(term_start=start, today=today).outcome
        dues.append(due)
        today = due + timedelta(days=1)
    assert dues == [date(2026, 8, 31), date(2026, 11, 30), date(2027, 2, 28), date(2027, 5, 31)]


@given(
    start=st.dates(min_value=date(2020, 7, 1), max_value=date(2030, 12, 31)),
    offset=st.integers(min_value=0, max_value=5 * 366),
)
def test_the_next_assessment_is_the_first_quarter_end_on_or_after_today(start, offset):
    today = start + timedelta(days=offset)
    decision = assessment_due(term_start=start, today=today)
    due = decision.outcome
    quarter_ends = [add_months(start, 3 * k) for k in range(1, 30)]
    assert due in quarter_ends
    assert due >= today
    previous = quarter_ends[quarter_ends.index(due) - 1] if quarter_ends.index(due) else start
    assert previous < today or due == quarter_ends[0]
    assert decision.parameters[0].code == "ASSESSMENT_PERIOD_MONTHS"
