"""Proposals' services: each kind refused when its statute rule does not allow it (the message names the rule and
its articles), the committee gate, the documents, the clocks (48 hours; no holiday roll in custody), the receiving
body's jurisdiction, and the outcomes (revocation → terminated; police penalty → counted)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from sqjz.discharge.models import Termination
from sqjz.documents.models import Document
from sqjz.enforcement.selectors import level_facts, level_proposal
from sqjz.outbox.models import Delivery
from sqjz.proposals import selectors, services
from sqjz.proposals.models import Proposal
from sqjz.proposals.services import ProposalError
from sqjz.proposals.tests.helpers import deliberate, draft_revocation, sent_commutation, sent_revocation, warn
from sqjz.supervisees.models import Status, Supervisee

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def test_a_revocation_without_grounds_cannot_be_saved_and_the_message_names_the_rule(world):
    warn(world, world.people["A"], 1)
    with pytest.raises(ProposalError) as refused:
        draft_revocation(world)
    assert (
        "提请撤销缓刑、假释、收监执行的情形" in refused.value.message
        or "最高法解释第五百四十三条" in refused.value.message
    )
    assert "社区矫正法第四十六条" in refused.value.message
    assert not Proposal.objects.exists()


def test_two_uncorrected_warnings_ground_a_probation_revocation_to_the_original_court(world):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world)
    assert p.status == Proposal.Status.DRAFT
    assert p.addressee == world.units["hongta_court"]
    assert "warnings_uncorrected" in p.grounds
    assert "最高法解释第五百四十三条" in p.grounds_articles


def test_the_revocation_kind_must_fit_the_correction_type(world):
    warn(world, world.people["A"], 2)
    with pytest.raises(ProposalError) as refused:
        services.proposal_draft(
            actor=world.users["county_officer"],
            supervisee=world.people["A"],
            kind="parole_revocation",
            findings={},
            statement="x",
        )
    assert refused.value.field == "kind" and "缓刑" in refused.value.message


def test_a_police_penalty_needs_a_serious_enough_breach_and_cites_the_law_of_the_day_of_the_conduct(world):
    s = world.people["A"]
    kwargs = {
        "actor": world.users["office_officer"],
        "supervisee": s,
        "kind": "police_penalty",
        "statement": "违反规定",
    }
    with pytest.raises(ProposalError) as refused:
        services.proposal_draft(**kwargs, findings={"conduct_on": timezone.localdate(), "supervision_breach": "minor"})
    assert "实施办法第三十六条" in refused.value.message
    p = services.proposal_draft(
        **kwargs, findings={"conduct_on": timezone.localdate(), "supervision_breach": "more_serious"}
    )
    assert p.addressee == world.units["hongta_police"]
    assert "治安管理处罚法" in p.grounds_articles


def test_a_commutation_of_a_probationer_needs_a_major_meritorious_act(world):
    kwargs = {
        "actor": world.users["county_officer"],
        "supervisee": world.people["A"],
        "kind": "commutation",
        "statement": "立功",
    }
    with pytest.raises(ProposalError) as refused:
        services.proposal_draft(**kwargs, findings={"merit": "merit"})
    assert "最高法减刑假释规定第十八条" in refused.value.message
    p = services.proposal_draft(**kwargs, findings={"merit": "major_merit", "sentence": "fixed_term"})
    assert p.addressee == world.units["city_court"]


def test_an_arrest_request_goes_only_with_a_revocation(world):
    with pytest.raises(ProposalError) as refused:
        services.proposal_draft(
            actor=world.users["county_officer"],
            supervisee=world.people["A"],
            kind="commutation",
            findings={"merit": "major_merit"},
            statement="x",
            arrest_requested=True,
        )
    assert refused.value.field == "arrest_requested"


def test_the_office_cannot_draft_for_another_office(world):
    warn(world, world.people["B"], 2)
    with pytest.raises(ProposalError):
        draft_revocation(world, person="B", actor="office_officer")


def test_a_revocation_goes_to_the_committee_and_cannot_be_sent_before_a_passing_resolution(world):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world)
    with pytest.raises(ProposalError, match="审核委员会"):
        services.proposal_send(actor=world.users["county_head"], proposal_id=p.pk)
    p = services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    assert p.status == Proposal.Status.DELIBERATING and p.matter_id
    with pytest.raises(ProposalError, match="评议通过后方可"):
        services.proposal_send(actor=world.users["county_head"], proposal_id=p.pk)
    deliberate(world, p, outcome="rejected")
    p.refresh_from_db()
    assert p.status == Proposal.Status.STOPPED and "不通过" in p.resolution
    with pytest.raises(ProposalError, match="不通过"):
        services.proposal_send(actor=world.users["county_head"], proposal_id=p.pk)


def test_only_the_county_head_signs(world):
    warn(world, world.people["A"], 2)
    p = draft_revocation(world)
    services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    p.refresh_from_db()
    deliberate(world, p)
    with pytest.raises(ProposalError, match="负责人签发"):
        services.proposal_send(actor=world.users["county_officer"], proposal_id=p.pk)


def test_sending_issues_the_documents_copied_to_the_procuratorate_and_freezes_the_evidence(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world, arrest=True)
    assert p.status == Proposal.Status.SENT
    assert p.document.kind == Document.Kind.PROBATION_REVOCATION_PROPOSAL
    assert p.arrest_document.kind == Document.Kind.ARREST_REQUEST
    assert list(p.document.content["copy_to"]) == ["红塔区人民检察院"]
    sources = {e["source"] for e in p.evidence}
    assert "县级社区矫正机构决定" in sources and "承办人员提交" in sources
    assert "通过" in p.resolution
    # The receiving court has no interface in the world: the notice is recorded as delivered on paper (decision 0042).
    pushed = Delivery.objects.get(kind="proposal")
    assert (pushed.agency, pushed.document, pushed.state) == (p.addressee, p.document, "no_endpoint")
    assert pushed.payload["arrest_document_number"] == p.arrest_document.number


@pytest.mark.parametrize("in_custody, due", [(False, date(2026, 10, 8)), (True, date(2026, 10, 4))])
def test_the_ruling_clock_is_30_days_rolled_over_holidays_only_when_not_in_custody(world, in_custody, due):
    with time_machine.travel(datetime(2026, 9, 4, 10, 0, tzinfo=TZ), tick=False):
        warn(world, world.people["A"], 2, days_ago=5)
        p = sent_revocation(world, arrest=True)
        assert p.arrest_due == datetime(2026, 9, 6, 10, 0, tzinfo=TZ)
        assert p.deadline == date(2026, 10, 8)
        if in_custody:
            p = services.arrest_decide(
                actor=world.users["judge"], proposal_id=p.pk, arrested=True, decided_on=date(2026, 9, 4)
            )
            assert p.custody_until == date(2026, 10, 4)
        assert p.deadline == due


def test_the_receiving_body_sees_and_decides_only_what_is_addressed_to_its_unit(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    assert list(selectors.received_list(world.users["judge"])) == [p]
    for other in ("prison_officer", "county_police", "police"):
        assert not selectors.received_list(world.users[other]).exists()
        with pytest.raises(ProposalError):
            services.proposal_decide(
                actor=world.users[other],
                proposal_id=p.pk,
                granted=True,
                decided_on=timezone.localdate(),
                ruling_number="（2026）云0402刑更1号",
            )
    assert p in selectors.proposals_for(world.users["procurator"])
    assert p not in selectors.proposals_for(world.users["other_procurator"])


def test_a_draft_is_not_shown_to_the_receiving_body(world):
    warn(world, world.people["A"], 2)
    draft_revocation(world)
    assert not selectors.proposals_for(world.users["judge"]).exists()


def test_the_court_revokes_and_the_correction_terminates(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    p = services.proposal_decide(
        actor=world.users["judge"],
        proposal_id=p.pk,
        granted=True,
        decided_on=timezone.localdate(),
        ruling_number="（2026）云0402刑更12号",
    )
    assert p.status == Proposal.Status.GRANTED and not p.entered_by_agency
    s = Supervisee.objects.get(pk=world.people["A"].pk)
    assert s.status == Status.TERMINATED
    t = Termination.objects.get(supervisee=s)
    assert t.cause == "probation_revoked" and "刑更12号" in t.basis


def test_a_refusal_closes_the_proposal_and_the_person_stays(world):
    warn(world, world.people["A"], 2)
    p = sent_revocation(world)
    p = services.proposal_decide(
        actor=world.users["county_officer"],
        proposal_id=p.pk,
        granted=False,
        decided_on=timezone.localdate(),
        ruling_number="（2026）云0402刑更13号",
        note="证据不足",
    )
    assert p.status == Proposal.Status.REFUSED and p.entered_by_agency
    assert Supervisee.objects.get(pk=world.people["A"].pk).status == Status.UNDER_CORRECTION


def test_a_police_penalty_imposed_counts_until_corrected_and_grounds_a_revocation(world):
    s = world.people["A"]
    p = services.proposal_draft(
        actor=world.users["office_officer"],
        supervisee=s,
        kind="police_penalty",
        findings={"conduct_on": timezone.localdate() - timedelta(days=3), "supervision_breach": "more_serious"},
        statement="违反外出规定，情节较重",
    )
    p = services.proposal_submit(actor=world.users["county_officer"], proposal_id=p.pk)
    assert p.status == Proposal.Status.READY  # police penalties need no deliberation
    p = services.proposal_send(actor=world.users["county_head"], proposal_id=p.pk)
    assert p.deadline is None and p.document.kind == Document.Kind.POLICE_PENALTY_PROPOSAL
    with pytest.raises(ProposalError) as refused:
        services.proposal_decide(
            actor=world.users["county_police"],
            proposal_id=p.pk,
            granted=True,
            decided_on=timezone.localdate(),
            ruling_number="红公（治）决字〔2026〕1号",
        )
    assert refused.value.field == "imposed"
    services.proposal_decide(
        actor=world.users["county_police"],
        proposal_id=p.pk,
        granted=True,
        decided_on=timezone.localdate(),
        ruling_number="红公（治）决字〔2026〕1号",
        imposed="警告",
    )
    assert selectors.police_penalties(s.pk) == (1, 1)
    assert level_facts(s, timezone.localdate())["police_penalties"] == 1  # the level review counts it: 严管
    assert "受到治安管理处罚1次" in level_proposal(s, timezone.localdate()).explain()
    revocation = draft_revocation(world)
    assert "police_penalty_uncorrected" in revocation.grounds
    services.penalty_correct(actor=world.users["office_officer"], proposal_id=p.pk, corrected_on=timezone.localdate())
    assert selectors.police_penalties(s.pk) == (1, 0)
    assert level_facts(s, timezone.localdate())["police_penalties"] == 0


def test_discharge_terminates_on_a_ruling_only_for_the_type_it_ends(world):
    from sqjz.discharge.services import DischargeError, termination_on_ruling

    with pytest.raises(DischargeError) as refused:
        termination_on_ruling(
            recorded_by=world.users["judge"],
            supervisee_id=world.people["A"].pk,
            cause="parole_revoked",
            terminated_on=timezone.localdate(),
            basis="（2026）云0402刑更1号",
        )
    assert refused.value.field == "cause"
    closing = termination_on_ruling(
        recorded_by=world.users["judge"],
        supervisee_id=world.people["A"].pk,
        cause="probation_revoked",
        terminated_on=timezone.localdate(),
        basis="红塔区人民法院（2026）云0402刑更1号",
    )
    assert closing.documents[0].kind == Document.Kind.TERMINATION_NOTICE
    with pytest.raises(DischargeError):
        termination_on_ruling(
            recorded_by=world.users["judge"],
            supervisee_id=world.people["A"].pk,
            cause="probation_revoked",
            terminated_on=timezone.localdate(),
            basis="x",
        )


def test_a_commutation_granted_moves_the_term_end_within_the_law(world):
    """A probationer (有期徒刑一年，缓刑二年, 100 days into the test period) commuted for a major meritorious act: the
    ruling's term end is refused below the one-year floor and above the old end, and moves the term end otherwise."""
    a = world.people["A"]
    old_end, start = a.term_end, a.term_start
    p = sent_commutation(world)
    today = timezone.localdate()

    def decide(new_term_end):
        return services.proposal_decide(
            actor=world.users["county_head"],
            proposal_id=p.pk,
            granted=True,
            decided_on=today,
            ruling_number="（2026）云04刑更3号",
            imposed="缓刑考验期缩减为一年六个月",
            new_term_end=new_term_end,
        )

    for wrong in (None, start + timedelta(days=300), old_end + timedelta(days=1)):
        with pytest.raises(ProposalError) as refused:
            decide(wrong)
        assert refused.value.field == "new_term_end"
    assert "最高法减刑假释规定第十八条" in refused.value.message and "早于原期满日" in refused.value.message
    a.refresh_from_db()
    assert a.term_end == old_end and Proposal.objects.get(pk=p.pk).status == Proposal.Status.SENT

    new_end = old_end - timedelta(days=180)
    p = decide(new_end)
    a.refresh_from_db()
    assert a.term_end == new_end and p.commuted_term_end == new_end and p.status == Proposal.Status.GRANTED
    assert "变更为" in p.decision_note
    assert a.history.first().history_user == world.users["county_head"]
