"""Intake rules: hand-over documents, the announcement and the team's composition."""

from hypothesis import given
from hypothesis import strategies as st

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
        minor=True, items=ANNOUNCEMENT_ITEMS, public=False, guardian_present=True, signed=True
    )
    assert decision.outcome == ()
    assert "社区矫正法第五十四条" in decision.articles
