"""减刑 by correction type (刑法第七十八条; 最高法减刑假释规定第十八条; 社区矫正法第三十三条). No database."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months
from sqjz.statute.registry import Context
from sqjz.statute.rules.commutation import ADDRESSEE, MERITS, Commutation, commutation_grounds, commuted_term_end

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


# ------------------------------------------------------------------------------------- the term after commutation

starts = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


def term_end(correction_type, start, end, new_end, sentence=None):
    return commuted_term_end(
        Context.default(),
        correction_type=correction_type,
        term_start=start,
        term_end=end,
        new_term_end=new_end,
        sentence=sentence,
    )


@given(st.sampled_from(TYPES), starts, st.integers(1, 2000), st.integers(-2100, 2100))
def test_a_commuted_term_ends_before_the_old_end_and_after_the_start(correction_type, start, length, shift):
    end = start + timedelta(days=length)
    new_end = end + timedelta(days=shift)
    decision = term_end(correction_type, start, end, new_end, "detention" if correction_type == "probation" else None)
    if not start < new_end < end:
        assert not decision.outcome.allowed
    elif correction_type != "probation":
        assert decision.outcome.allowed


@given(starts, st.sampled_from(["detention", "fixed_term", None]), st.integers(1, 800))
def test_a_probationers_shortened_test_period_keeps_its_floor(start, sentence, days):
    floor = {"detention": 2, "fixed_term": 12, None: 2}[sentence]
    earliest = add_months(start, floor) - timedelta(days=1)
    end = start + timedelta(days=1500)
    new_end = start + timedelta(days=days)
    decision = term_end("probation", start, end, new_end, sentence)
    assert decision.outcome.earliest == earliest
    assert decision.outcome.allowed == (new_end >= earliest)
    assert "最高法减刑假释规定第十八条" in decision.articles
