"""The escalation ladder 训诫 → 警告 → 治安管理处罚 → 撤销 / 收监 (实施办法第三十四条至第四十九条,
最高法解释第五百一十六条、第五百四十三条). Pure rules: no database. The worked examples run in test_registry.py."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.parameters import ParameterSet, Version
from sqjz.statute.registry import Context, all_rules
from sqjz.statute.rules.discipline import (
    ADMONITION_GROUNDS_TEXT,
    MEASURE_RANK,
    POLICE_PENALTY_GROUNDS_TEXT,
    REVOCATION_GROUNDS_TEXT,
    WARNING_GROUNDS_TEXT,
    Grounds,
    Proposal,
    admonition_grounds,
    lost_contact_level,
    police_penalty_proposal,
    revocation_proposal,
    warning_grounds,
)

TYPES = ("control", "probation", "parole", "temporary_release")
TODAY = date(2026, 11, 28)


def one_month_after(day: date) -> date:
    """An independent oracle: the same day of the next month, or that month's last day if it is shorter."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- LOST_CONTACT_LEVEL ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("correction_type", "days", "measure"),
    [
        ("probation", 0, "none"),
        ("probation", 1, "admonition"),
        ("probation", 10, "admonition"),
        ("probation", 11, "warning"),
        ("parole", 30, "warning"),
        ("control", 365, "warning"),
        ("temporary_release", 0, "none"),
        ("temporary_release", 1, "admonition"),
        ("temporary_release", 10, "admonition"),
        ("temporary_release", 11, "warning"),
        ("temporary_release", 30, "warning"),
    ],
)
def test_days_out_of_contact_give_the_measure(correction_type, days, measure):
    since = date(2026, 6, 1)
    decision = lost_contact_level(correction_type=correction_type, since=since, until=since + timedelta(days=days))
    assert decision.outcome == measure


def test_one_month_from_31_january_ends_on_the_last_day_of_february():
    at_end = lost_contact_level(correction_type="probation", since=date(2027, 1, 31), until=date(2027, 2, 28))
    past = lost_contact_level(correction_type="probation", since=date(2027, 1, 31), until=date(2027, 3, 1))
    assert at_end.outcome == "warning"
    assert past.outcome == "revocation"
    assert "2027年2月28日" in past.explain()
    leap = lost_contact_level(correction_type="parole", since=date(2028, 1, 31), until=date(2028, 2, 29))
    assert leap.outcome == "warning"


def test_reasons_cite_the_days_and_the_article():
    decision = lost_contact_level(correction_type="probation", since=date(2026, 3, 2), until=date(2026, 3, 13))
    assert "11日" in decision.explain()
    assert "实施办法第三十五条" in decision.explain()
    assert "实施办法第三十五条" in decision.articles
    assert "刑事诉讼法第一百零五条" in decision.articles
    assert {use.code for use in decision.parameters} == {
        "LOST_CONTACT_ADMONITION_MAX_DAYS",
        "LOST_CONTACT_REVOCATION_MONTHS",
    }


def test_contact_cannot_be_restored_before_it_was_lost():
    with pytest.raises(ValueError):
        lost_contact_level(correction_type="probation", since=date(2026, 3, 2), until=date(2026, 3, 1))


def test_unknown_correction_type_is_refused():
    with pytest.raises(ValueError):
        lost_contact_level(correction_type="bail", since=date(2026, 3, 2), until=date(2026, 3, 3))


starts = st.dates(min_value=date(2020, 7, 1), max_value=date(2030, 12, 31))
days = st.integers(min_value=0, max_value=400)


@given(correction_type=st.sampled_from(TYPES), since=starts, first=days, extra=days)
def test_the_measure_never_decreases_as_days_out_of_contact_grow(correction_type, since, first, extra):
    earlier = lost_contact_level(correction_type=correction_type, since=since, until=since + timedelta(days=first))
    later = lost_contact_level(
        correction_type=correction_type, since=since, until=since + timedelta(days=first + extra)
    )
    assert MEASURE_RANK[earlier.outcome] <= MEASURE_RANK[later.outcome]


@given(correction_type=st.sampled_from(("probation", "parole")), since=starts, span=days)
def test_revocation_exactly_when_contact_is_lost_for_more_than_a_month(correction_type, since, span):
    until = since + timedelta(days=span)
    decision = lost_contact_level(correction_type=correction_type, since=since, until=until)
    assert (decision.outcome == "revocation") == (until > one_month_after(since))


@given(since=starts, span=days)
def test_control_is_never_revoked_and_temporary_release_is_committed_past_a_month_or_on_refusal(since, span):
    """Issue 11: one day out of contact made a 暂予监外执行 person "committal". Out of contact is graded by its days
    like any other type; committal only past one month or when refusing to report is found."""
    until = since + timedelta(days=span)
    assert lost_contact_level(correction_type="control", since=since, until=until).outcome in (
        "none",
        "admonition",
        "warning",
    )
    by_days = lost_contact_level(correction_type="temporary_release", since=since, until=until).outcome
    assert (by_days == "committal") == (until > one_month_after(since))
    assert by_days != "revocation"
    refused = lost_contact_level(correction_type="temporary_release", since=since, until=until, refused_to_report=True)
    assert refused.outcome == ("committal" if span else "none")


def test_refusing_to_report_is_a_finding_about_temporary_release_only():
    with pytest.raises(ValueError):
        lost_contact_level(
            correction_type="probation", since=date(2026, 3, 2), until=date(2026, 3, 5), refused_to_report=True
        )
    with pytest.raises(ValueError):
        revocation_proposal(correction_type="parole", today=date(2026, 6, 1), refused_to_report=True)


def test_a_short_absence_of_a_temporary_release_person_is_explained_not_committed():
    decision = lost_contact_level(correction_type="temporary_release", since=date(2026, 3, 2), until=date(2026, 3, 5))
    assert decision.outcome == "admonition"
    assert "不构成收监执行的情形" in decision.explain()
    assert "实施办法第三十四条" in decision.articles


@given(correction_type=st.sampled_from(TYPES), since=starts, span=days, refused=st.booleans())
def test_the_grounds_rules_agree_with_the_lost_contact_level(correction_type, since, span, refused):
    refused = refused and correction_type == "temporary_release"
    until = since + timedelta(days=span)
    today = until + timedelta(days=3)
    level = lost_contact_level(
        correction_type=correction_type, since=since, until=until, refused_to_report=refused
    ).outcome
    contact = {"out_of_contact_since": since, "out_of_contact_until": until, "today": today}
    admonition = admonition_grounds(correction_type=correction_type, **contact).outcome
    warning = warning_grounds(correction_type=correction_type, **contact).outcome
    flags = {"refused_to_report": True} if refused else {}
    revocation = revocation_proposal(correction_type=correction_type, **contact, **flags).outcome
    assert ("lost_contact_short" in admonition.grounds) == (0 < span <= 10)
    assert ("lost_contact_long" in warning.grounds) == (span > 10)
    assert (level == "revocation") == ("lost_contact_over_month" in revocation.grounds)
    assert (level == "committal") == ("lost_contact" in revocation.grounds)


def test_still_out_of_contact_is_counted_to_today():
    decision = revocation_proposal(
        correction_type="probation", today=date(2026, 5, 3), out_of_contact_since=date(2026, 4, 2)
    )
    assert decision.outcome.grounds == ("lost_contact_over_month",)
    assert warning_grounds(
        correction_type="probation", today=date(2026, 4, 12), out_of_contact_since=date(2026, 4, 2)
    ).outcome == Grounds(False)


# --- Grounds rules: the 2-vs-1 edges ---------------------------------------------------------------------------


@pytest.mark.parametrize("correction_type", TYPES)
def test_two_uncorrected_admonitions_ground_a_warning_and_one_does_not(correction_type):
    one = warning_grounds(correction_type=correction_type, today=TODAY, admonitions_uncorrected=1)
    two = warning_grounds(correction_type=correction_type, today=TODAY, admonitions_uncorrected=2)
    assert one.outcome == Grounds(False)
    assert two.outcome == Grounds(True, ("admonitions_uncorrected",))
    assert "受到2次训诫仍不改正" in two.explain()


@pytest.mark.parametrize(
    ("correction_type", "proposal"),
    [("probation", "撤销缓刑"), ("parole", "撤销假释"), ("temporary_release", "收监执行")],
)
def test_two_uncorrected_warnings_ground_the_proposal_and_one_does_not(correction_type, proposal):
    one = revocation_proposal(correction_type=correction_type, today=TODAY, warnings_uncorrected=1).outcome
    two = revocation_proposal(correction_type=correction_type, today=TODAY, warnings_uncorrected=2).outcome
    assert not one.available and one.proposal == proposal
    assert two.available and two.grounds == ("warnings_uncorrected",) and two.proposal == proposal


def test_proposals_go_to_the_right_authority():
    court = "原审人民法院或者执行地人民法院"
    assert revocation_proposal(correction_type="probation", today=TODAY).outcome.addressee == court
    assert revocation_proposal(correction_type="parole", today=TODAY).outcome.addressee == court
    assert (
        revocation_proposal(correction_type="temporary_release", today=TODAY).outcome.addressee
        == "执行地或者原社区矫正决定机关"
    )


def test_a_police_penalty_still_not_corrected_grounds_revocation_of_probation_and_committal():
    for correction_type in ("probation", "temporary_release"):
        outcome = revocation_proposal(
            correction_type=correction_type, today=TODAY, police_penalties_uncorrected=1
        ).outcome
        assert outcome.grounds == ("police_penalty_uncorrected",)
    parole = revocation_proposal(correction_type="parole", today=TODAY, police_penalties_uncorrected=1)
    assert not parole.outcome.available
    assert "未列假释犯" in parole.explain()


def test_control_has_no_revocation_whatever_the_facts():
    decision = revocation_proposal(
        correction_type="control",
        today=TODAY,
        warnings_uncorrected=5,
        police_penalties_uncorrected=2,
        prohibition_breach="serious",
        supervision_breach="serious",
        out_of_contact_since=date(2026, 1, 1),
    )
    assert decision.outcome == Proposal(False)
    assert "管制" in decision.explain()


@pytest.mark.parametrize("conduct_on", [date(2025, 12, 31), date(2026, 1, 1)])
def test_parole_is_not_listed_for_a_police_penalty(conduct_on):
    decision = police_penalty_proposal(correction_type="parole", conduct_on=conduct_on, supervision_breach="serious")
    assert decision.outcome == Grounds(False)
    assert "未列假释犯" in decision.explain()
    for correction_type in ("control", "probation", "temporary_release"):
        decision = police_penalty_proposal(
            correction_type=correction_type, conduct_on=conduct_on, supervision_breach="serious"
        )
        assert decision.outcome.available


def test_the_public_order_law_is_the_text_in_force_on_the_day_of_the_conduct():
    """Conduct before 2026-01-01 cites the 2012 text (art. 60(4)) with its figures; conduct from that day the 2025
    text (art. 72), whose figures are not shown until read against the official text."""
    before = police_penalty_proposal(
        correction_type="probation", conduct_on=date(2025, 12, 31), supervision_breach="more_serious"
    )
    after = police_penalty_proposal(
        correction_type="probation", conduct_on=date(2026, 1, 1), supervision_breach="more_serious"
    )
    assert "治安管理处罚法（2012）第六十条第（四）项" in before.articles
    assert "二百元以上五百元以下罚款" in before.explain()
    assert "治安管理处罚法（2025）第七十二条" in after.articles
    assert "第六十条" not in " ".join(after.articles)
    assert "五百元" not in after.explain()
    assert [u.effective_from for u in (*before.parameters, *after.parameters)] == [date(2020, 7, 1), date(2026, 1, 1)]


@given(st.dates(min_value=date(2020, 7, 1), max_value=date(2030, 12, 31)), st.sampled_from(TYPES[:2] + TYPES[3:]))
def test_the_cited_text_changes_exactly_on_the_day_the_revision_took_effect(conduct_on, correction_type):
    decision = police_penalty_proposal(
        correction_type=correction_type, conduct_on=conduct_on, supervision_breach="serious"
    )
    revised = conduct_on >= date(2026, 1, 1)
    assert ("治安管理处罚法（2025）第七十二条" in decision.articles) == revised
    assert ("治安管理处罚法（2012）第六十条第（四）项" in decision.articles) != revised


def test_temporary_release_grounds_that_need_a_prior_warning():
    without = revocation_proposal(
        correction_type="temporary_release",
        today=TODAY,
        refused_reexamination_report=True,
        left_area_without_approval=True,
    )
    assert without.outcome.grounds == ()
    assert "应先依法给予警告" in without.explain()
    warned = revocation_proposal(
        correction_type="temporary_release",
        today=TODAY,
        refused_reexamination_report=True,
        left_area_without_approval=True,
        warnings_uncorrected=1,
    )
    assert warned.outcome.grounds == ("left_area_warned", "reexamination_warned")


def test_grounds_of_temporary_release_alone():
    decision = revocation_proposal(
        correction_type="temporary_release",
        today=TODAY,
        conditions_not_met=True,
        grounds_ceased=True,
        guarantor_lost=True,
    )
    assert decision.outcome.grounds == ("conditions_not_met", "grounds_ceased", "guarantor_lost")
    assert "刑事诉讼法第二百六十八条" in decision.articles


@pytest.mark.parametrize(
    ("correction_type", "facts"),
    [
        ("parole", {"prohibition_breach": "minor"}),
        ("temporary_release", {"prohibition_breach": "serious"}),
        ("probation", {"refused_reexamination_report": True}),
        ("probation", {"supervision_breach": "very"}),
    ],
)
def test_facts_that_cannot_apply_to_the_type_are_refused(correction_type, facts):
    with pytest.raises(ValueError):
        warning_grounds(correction_type=correction_type, today=TODAY, **facts)


def test_each_severity_tier_grounds_the_measure_its_text_names():
    def grounds(rule, severity):
        return rule(correction_type="probation", today=TODAY, supervision_breach=severity).outcome.grounds

    assert grounds(admonition_grounds, "minor") == ("minor_supervision_breach",)
    assert grounds(admonition_grounds, "more_serious") == ()
    assert grounds(warning_grounds, "more_serious") == ("more_serious_supervision_breach",)
    assert grounds(warning_grounds, "minor") == ()
    assert grounds(revocation_proposal, "serious") == ("other_serious_breach",)
    assert grounds(revocation_proposal, "more_serious") == ()


def test_every_ground_code_has_a_chinese_text_and_an_article():
    tables = [ADMONITION_GROUNDS_TEXT, WARNING_GROUNDS_TEXT, POLICE_PENALTY_GROUNDS_TEXT]
    tables += list(REVOCATION_GROUNDS_TEXT.values())
    for table in tables:
        for code, (text, article) in table.items():
            assert code.isascii() and text and article, code


# --- Properties of the grounds ---------------------------------------------------------------------------------

severities = st.sampled_from((None, "minor", "more_serious", "serious"))
counts = st.integers(min_value=0, max_value=5)


@st.composite
def revocation_facts(draw):
    correction_type = draw(st.sampled_from(TYPES))
    facts = {
        "correction_type": correction_type,
        "today": TODAY,
        "warnings_uncorrected": draw(counts),
        "police_penalties_uncorrected": draw(counts),
        "supervision_breach": draw(severities),
        "left_area_without_approval": draw(st.booleans()),
    }
    if correction_type in ("control", "probation"):
        facts["prohibition_breach"] = draw(st.sampled_from((None, "minor", "serious")))
    if correction_type == "temporary_release":
        for name in ("refused_reexamination_report", "conditions_not_met", "grounds_ceased", "guarantor_lost"):
            facts[name] = draw(st.booleans())
    if draw(st.booleans()):
        since = draw(st.dates(min_value=date(2026, 1, 1), max_value=TODAY))
        facts["out_of_contact_since"] = since
        facts["out_of_contact_until"] = draw(st.dates(min_value=since, max_value=TODAY))
    return facts


@given(facts=revocation_facts(), more=st.integers(min_value=1, max_value=5))
def test_more_uncorrected_warnings_never_make_a_revocation_ground_disappear(facts, more):
    before = revocation_proposal(**facts).outcome
    after = revocation_proposal(**{**facts, "warnings_uncorrected": facts["warnings_uncorrected"] + more}).outcome
    assert set(before.grounds) <= set(after.grounds)
    assert before.available <= after.available


@given(facts=revocation_facts(), more=st.integers(min_value=1, max_value=5))
def test_more_uncorrected_police_penalties_never_make_a_revocation_ground_disappear(facts, more):
    before = revocation_proposal(**facts).outcome
    after = revocation_proposal(
        **{**facts, "police_penalties_uncorrected": facts["police_penalties_uncorrected"] + more}
    ).outcome
    assert set(before.grounds) <= set(after.grounds)


@given(facts=revocation_facts())
def test_a_proposal_is_available_exactly_when_a_ground_holds_and_never_for_control(facts):
    decision = revocation_proposal(**facts)
    outcome = decision.outcome
    assert outcome.available == bool(outcome.grounds)
    assert set(outcome.grounds) <= set(REVOCATION_GROUNDS_TEXT.get(facts["correction_type"], {}))
    if facts["correction_type"] == "control":
        assert outcome == Proposal(False)
    assert decision.reasons and all(decision.reasons)


@given(correction_type=st.sampled_from(TYPES), admonitions=counts, more=st.integers(min_value=1, max_value=5))
def test_more_uncorrected_admonitions_never_make_the_warning_ground_disappear(correction_type, admonitions, more):
    before = warning_grounds(correction_type=correction_type, today=TODAY, admonitions_uncorrected=admonitions)
    after = warning_grounds(correction_type=correction_type, today=TODAY, admonitions_uncorrected=admonitions + more)
    assert set(before.outcome.grounds) <= set(after.outcome.grounds)
    assert before.outcome.available == (admonitions >= 2)


# --- Parameter versions ----------------------------------------------------------------------------------------


def test_a_province_raising_admonitions_for_a_warning_keeps_earlier_decisions():
    changed = date(2027, 1, 1)
    ctx = Context(
        ParameterSet.defaults().with_versions(
            {"ADMONITIONS_FOR_WARNING": [Version(3, changed, "某省实施细则（测试）")]}
        ),
        Context.default().calendar,
    )
    rule = all_rules()["WARNING_GROUNDS"]
    before = rule(ctx, correction_type="probation", today=changed - timedelta(days=1), admonitions_uncorrected=2)
    after = rule(ctx, correction_type="probation", today=changed, admonitions_uncorrected=2)
    assert before.outcome.available
    assert not after.outcome.available
    (used_before,) = before.parameters
    (used_after,) = after.parameters
    assert (used_before.value, used_before.effective_from) == (2, date(2020, 7, 1))
    assert (used_after.value, used_after.effective_from, used_after.source) == (3, changed, "某省实施细则（测试）")


def test_lost_contact_figures_are_read_on_the_day_contact_was_lost():
    changed = date(2027, 1, 1)
    ctx = Context(
        ParameterSet.defaults().with_versions({"LOST_CONTACT_ADMONITION_MAX_DAYS": [Version(7, changed, "测试")]}),
        Context.default().calendar,
    )
    rule = all_rules()["LOST_CONTACT_LEVEL"]
    # Lost on 2026-12-25 (old figure 10), 9 days: still 训诫 although the new figure is in force when found.
    old = rule(ctx, correction_type="control", since=date(2026, 12, 25), until=date(2027, 1, 3))
    new = rule(ctx, correction_type="control", since=date(2027, 1, 2), until=date(2027, 1, 11))
    assert old.outcome == "admonition"
    assert new.outcome == "warning"
    assert old.parameters[0].value == 10 and new.parameters[0].value == 7
