"""Proposals' to-dos: the county agency submits drafts and the county head signs those ready; while a proposal
waits for the receiving body, the county agency watches its clock (overdue: red in the inbox) and the receiving
body (court, public security, prison with an account) sees it to decide."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.proposals.models import Proposal
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context
from sqjz.statute.text import cn_datetime
from sqjz.supervisees.permissions import NOTHING

AREA = "proposals"
S = Proposal.Status


def _proposals(ids: list[int] | None, *statuses: str):
    qs = Proposal.objects.filter(status__in=statuses).select_related("supervisee__judicial_office")
    return qs if ids is None else qs.filter(pk__in=ids)


def _label(p: Proposal) -> str:
    return f"{p.supervisee.name} {p.get_kind_display()}"


def _due_on(p: Proposal, today: date) -> Decision:
    if p.arrest_requested and not p.arrest_decision and p.arrest_due:
        return Decision(
            rule="ARREST_DECISION_DEADLINE",
            outcome=timezone.localtime(p.arrest_due).date(),
            articles=("社区矫正法第四十七条",),
            reasons=(f"人民法院应在{cn_datetime(timezone.localtime(p.arrest_due))}前作出是否逮捕的决定",),
        )
    return Decision(rule=p.deadline_rule, outcome=p.deadline, articles=(), reasons=(p.deadline_reasons,))


def _to_prepare(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _proposals(ids, S.DRAFT):
        d = Decision(rule=p.grounds_rule, outcome=today, articles=(), reasons=("提请建议草稿待县级社区矫正机构审核",))
        office = p.supervisee.judicial_office
        yield Due(p.pk, _label(p), d, office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _to_sign(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _proposals(ids, S.READY):
        d = Decision(rule=p.grounds_rule, outcome=today, articles=(), reasons=("提请建议待负责人签发",))
        office = p.supervisee.judicial_office
        yield Due(p.pk, _label(p), d, office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _timed(ids: list[int] | None):
    """Sent proposals with a statutory clock (a police penalty has none: the police list shows it without one)."""
    return (p for p in _proposals(ids, S.SENT) if p.deadline or (p.arrest_requested and p.arrest_due))


def _awaited(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _timed(ids):
        office = p.supervisee.judicial_office
        yield Due(p.pk, _label(p), _due_on(p, today), office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _to_decide(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _timed(ids):
        yield Due(p.pk, _label(p), _due_on(p, today), p.supervisee.judicial_office_id, p.addressee_id)


def _addressed(user) -> Q:
    """The receiving body's items concern no record it may open: it sees those of the proposals sent to its unit."""
    return (
        Q(subject_id__in=Proposal.objects.filter(addressee_id=user.unit_id).values("pk")) if user.unit_id else NOTHING
    )


def _url(pk: int) -> str:
    return reverse("proposals:detail", args=[pk])


for duty in (
    Duty("proposal_prepare", "提请建议待审核", AREA, Capability.PROPOSAL_PREPARE, Scope.RECORDS, _to_prepare, _url),
    Duty("proposal_sign", "提请建议待签发", AREA, Capability.PROPOSAL_SIGN, Scope.RECORDS, _to_sign, _url, "负责人"),
    Duty("proposal_awaited", "提请建议待对方决定", AREA, Capability.PROPOSAL_PREPARE, Scope.RECORDS, _awaited, _url),
):
    register(duty)
register(
    Duty(
        "proposal_decide",
        "待处理的建议",
        AREA,
        Capability.PROPOSAL_DECIDE,
        Scope.RECORDS,
        _to_decide,
        _url,
        watch=_addressed,
    )
)
