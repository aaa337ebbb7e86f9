"""Test records for proposals: approved warnings (not corrected) for a person, and a proposal taken by the services
through drafting, deliberation (a passing resolution of the 红塔区 committee) and sending."""

from datetime import timedelta

from django.utils import timezone

from sqjz.committee import selectors as committee_selectors
from sqjz.committee import services as committee
from sqjz.committee.tests.helpers import held_meeting, hongta_committee, past
from sqjz.enforcement.models import Measure
from sqjz.proposals import services


def warn(w, s, n: int = 2, days_ago: int = 20) -> None:
    """`n` warnings decided by the county agency, not corrected."""
    for i in range(n):
        Measure.objects.create(
            supervisee=s,
            kind=Measure.Kind.WARNING,
            status=Measure.Status.APPROVED,
            proposal="多次违反报告规定",
            grounds_rule="WARNING_GROUNDS",
            proposed_by=w.users["office_officer"],
            decided_by=w.users["county_head"],
            decided_on=timezone.localdate() - timedelta(days=days_ago - i),
        )


def draft_revocation(w, person="A", arrest=False, actor="county_officer"):
    return services.proposal_draft(
        actor=w.users[actor],
        supervisee=w.people[person],
        kind="probation_revocation",
        findings={},
        statement="受到两次警告仍不改正。",
        chosen_evidence="2026年11月3日谈话笔录",
        arrest_requested=arrest,
    )


def deliberate(w, p, outcome="passed", text=""):
    """The 红塔区 committee (set up if missing) resolves the proposal's matter."""
    from sqjz.committee.models import Committee

    if not Committee.objects.filter(unit=w.units["hongta_agency"], members__isnull=False).exists():
        hongta_committee(w, timezone.localdate() - timedelta(days=60))
    from sqjz.committee.models import Matter

    matter = Matter.objects.get(pk=p.matter_id)
    meeting = held_meeting(w, [matter], at=past(1))
    members = committee_selectors.present_voters(meeting)
    choice = "agree" if outcome == "passed" else "disagree"
    return committee.matter_deliberate(
        actor=w.users["county_officer"],
        meeting_id=meeting.pk,
        matter_id=matter.pk,
        votes={m.pk: (choice, "意见") for m in members},
        outcome=outcome,
        text=text or ("同意提请。" if outcome == "passed" else "证据不足，不同意提请。"),
    )


def sent_revocation(w, person="A", arrest=False):
    p = draft_revocation(w, person, arrest)
    services.proposal_submit(actor=w.users["county_officer"], proposal_id=p.pk)
    p.refresh_from_db()
    deliberate(w, p)
    return services.proposal_send(actor=w.users["county_head"], proposal_id=p.pk)


def sent_commutation(w, person="A"):
    """A commutation of a probationer for a major meritorious act, through the committee (where its settings say),
    sent to the intermediate court."""
    p = services.proposal_draft(
        actor=w.users["county_officer"],
        supervisee=w.people[person],
        kind="commutation",
        findings={"merit": "major_merit", "sentence": "fixed_term"},
        statement="在缓刑考验期内有重大立功表现。",
    )
    p = services.proposal_submit(actor=w.users["county_officer"], proposal_id=p.pk)
    if p.matter_id:
        deliberate(w, p)
    return services.proposal_send(actor=w.users["county_head"], proposal_id=p.pk)
