"""Proposals on the person's timeline: drafted, withdrawn (with the reason), sent (with the document number), arrest
and decision."""

from django.urls import reverse

from sqjz.proposals.models import Proposal
from sqjz.timeline.registry import Event, at, kind, name, source

PROPOSALS = kind("proposals", "提请", 155)


@source
def proposal_events(s):
    for p in Proposal.objects.filter(supervisee=s).select_related(
        "drafted_by", "sent_by", "decided_by", "withdrawn_by", "document", "addressee"
    ):
        url = reverse("proposals:detail", args=[p.pk])
        what = p.get_kind_display()
        yield Event(p.drafted_at, PROPOSALS, f"起草{what}", name(p.drafted_by), url)
        if p.withdrawn_at:
            yield Event(p.withdrawn_at, PROPOSALS, f"撤回{what}：{p.withdrawn_reason}", name(p.withdrawn_by), url)
        if p.sent_at:
            number = f"（{p.document.number}）" if p.document else ""
            yield Event(p.sent_at, PROPOSALS, f"{what}已签发，送{p.addressee.name}{number}", name(p.sent_by), url)
        if p.arrest_decided_on:
            yield Event(at(p.arrest_decided_on), PROPOSALS, f"人民法院{p.get_arrest_decision_display()}", "", url)
        if p.decided_on:
            result = "采纳" if p.status == Proposal.Status.GRANTED else "不予采纳"
            yield Event(at(p.decided_on), PROPOSALS, f"{what}：{result}（{p.ruling_number}）", name(p.decided_by), url)
