"""Intake rules: hand-over documents, the announcement and the team's composition."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.age import age_on
from sqjz.statute.registry import RULES
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS, TEAM_MEMBER_KINDS, required_documents

members = st.lists(
    st.tuples(st.sampled_from(sorted(TEAM_MEMBER_KINDS)), st.sampled_from(["male", "female"]), st.booleans()),
    max_size=8,
)


@given(members, members, st.booleans(), st.booleans())
def test_adding_members_never_adds_a_problem(team, more, female, minor):
    before = set(RULES["TEAM_COMPOSITION"](supervisee_female=female, minor=minor, members=team).outcome)
    after = set(RULES["TEAM_COMPOSITION"](supervisee_female=female, minor=minor, members=team + more).outcome)
    assert after <= before


@given(st.sampled_from(["control", "probation", "parole", "temporary_release"]), st.booleans(), st.data())
def test_missing_documents_are_exactly_the_required_ones_not_received(kind, minor, data):
    required = required_documents(kind, minor)
    received = data.draw(st.lists(st.sampled_from(required), unique=True))
    missing = RULES["HANDOVER_DOCUMENTS"](correction_type=kind, received_documents=received, minor=minor).outcome
    assert set(missing) == set(required) - set(received)


def test_a_minors_announcement_must_be_private_with_the_guardian():
    decision = RULES["INTAKE_ANNOUNCEMENT"](
        minor_at_offence=True,
        birth_date=date(2010, 3, 1),
        held_on=date(2026, 11, 27),
        items=ANNOUNCEMENT_ITEMS,
        public=False,
        guardian_present=True,
        signed=True,
    )
    assert decision.outcome == ()
    assert "社区矫正法第五十四条" in decision.articles


def test_offended_as_a_minor_and_adult_on_the_day_the_announcement_is_private_without_a_guardian():
    """Sealing follows the age at the offence; a guardian exists only while the person is under 18."""
    facts = {
        "minor_at_offence": True,
        "birth_date": date(2008, 8, 8),
        "held_on": date(2026, 11, 27),
        "items": ANNOUNCEMENT_ITEMS,
        "guardian_present": False,
        "signed": True,
    }
    assert RULES["INTAKE_ANNOUNCEMENT"](**facts, public=False).outcome == ()
    assert RULES["INTAKE_ANNOUNCEMENT"](**facts, public=True).outcome == (
        "犯罪时未成年的社区矫正对象，入矫宣告不得公开进行",
    )


@given(
    birth=st.dates(min_value=date(1990, 1, 1), max_value=date(2015, 12, 31)),
    held_after_birth=st.integers(min_value=0, max_value=30 * 366),
    minor_at_offence=st.booleans(),
)
def test_the_guardian_is_required_exactly_while_the_person_is_under_eighteen(birth, held_after_birth, minor_at_offence):
    held_on = birth + timedelta(days=held_after_birth)
    decision = RULES["INTAKE_ANNOUNCEMENT"](
        minor_at_offence=minor_at_offence,
        birth_date=birth,
        held_on=held_on,
        items=ANNOUNCEMENT_ITEMS,
        public=False,
        guardian_present=False,
        signed=True,
    )
    assert ("未成年人的入矫宣告应当有监护人到场" in decision.outcome) == (age_on(birth, held_on) < 18)
