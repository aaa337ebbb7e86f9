"""The investigation's to-dos: the office investigates and delivers, the county agency's head approves the opinion;
both within INVESTIGATION_DEADLINE (10, fast-track 5, working days from the commission's arrival)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.investigation.models import Investigation
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.permissions import investigation_q

AREA = "investigation"
S = Investigation.Status


def deadline(ctx: Context, inv: Investigation) -> Decision:
    """When the opinion must be delivered: the deadline on the investigation's page and in the inbox."""
    return RULES["INVESTIGATION_DEADLINE"](ctx, received=inv.received_on, fast_track=inv.fast_track)


def _open(ids: list[int] | None, *statuses: str):
    records = Investigation.objects.filter(status__in=statuses).select_related("judicial_office")
    records = records if ids is None else records.filter(pk__in=ids)
    return records.only("id", "name", "received_on", "fast_track", "judicial_office__id", "judicial_office__parent_id")


def _investigating(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """The office investigates, or delivers the approved opinion."""
    for inv in _open(ids, S.INVESTIGATING, S.APPROVED):
        office = inv.judicial_office.id
        yield Due(inv.id, f"{inv.name}（被调查人）", deadline(ctx, inv), office, office)


def _approval(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """The county agency's head approves or returns the submitted opinion."""
    for inv in _open(ids, S.PENDING_APPROVAL):
        office = inv.judicial_office
        yield Due(inv.id, f"{inv.name}（被调查人）", deadline(ctx, inv), office.id, office.parent_id or office.id)


def _watch(user) -> Q:
    return Q(subject_id__in=Investigation.objects.filter(investigation_q(user)).values("pk"))


def _url(pk: int) -> str:
    return reverse("investigation:detail", args=[pk])


register(
    Duty(
        kind="investigation",
        label="调查评估",
        area=AREA,
        capability=Capability.INVESTIGATION_EDIT,
        scope=Scope.RECORDS,
        compute=_investigating,
        url=_url,
        watch=_watch,
    )
)
register(
    Duty(
        kind="investigation_approval",
        label="调查评估意见审批",
        area=AREA,
        capability=Capability.INVESTIGATION_APPROVE,
        scope=Scope.RECORDS,
        compute=_approval,
        url=_url,
        actor_label="负责人",
        watch=_watch,
    )
)
