"""减刑 by correction type (刑法第七十八条; 最高法减刑假释规定第十八条; 社区矫正法第三十三条). No database."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.commutation import ADDRESSEE, MERITS, Commutation, commutation_grounds

TODAY = date(2026, 11, 30)
TYPES = ("control", "probation", "parole", "temporary_release")
merits = st.sampled_from([None, *MERITS])


def grounds(correction_type, merit, sentence=None):
    return commutation_grounds(
        Context.default(), correction_type=correction_type, today=TODAY, merit=merit, sentence=sentence
    )


@given(merits)
def test_probation_is_commuted_only_on_a_major_meritorious_act(merit):
    decision = grounds("probation", merit, "fixed_term")
    assert decision.outcome.available == (merit == "major_merit")
    assert not decision.outcome.mandatory  # 可以, never 应当
    assert "最高法减刑假释规定第十八条" in decision.articles


def test_a_probationers_shortened_test_period_has_the_criminal_laws_floor():
    text = grounds("probation", "major_merit").explain()
    assert "拘役的不少于2个月" in text and "有期徒刑的不少于12个月" in text


@given(merits)
def test_parole_test_period_is_not_commuted(merit):
    assert grounds("parole", merit).outcome == Commutation(False)


@given(st.sampled_from(["control", "temporary_release"]), merits)
def test_while_the_sentence_is_executed_repentance_or_merit_may_and_a_major_merit_must(correction_type, merit):
    outcome = grounds(correction_type, merit).outcome
    assert outcome.available == (merit is not None)
    assert outcome.mandatory == (merit == "major_merit")


@given(st.sampled_from(TYPES), merits)
def test_an_available_commutation_goes_to_an_intermediate_court_copied_to_the_procuratorate(correction_type, merit):
    decision = grounds(correction_type, merit)
    if decision.outcome.available:
        assert decision.outcome.addressee == ADDRESSEE
        assert "抄送同级人民检察院" in decision.explain()
    else:
        assert decision.outcome.addressee is None
