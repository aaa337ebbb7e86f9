"""Travel's to-dos: applications awaiting a decision by whoever TRAVEL_LEAVE_APPROVER makes the approver (the
office when delegated, the county agency, the city agency), to be decided before the departure day
(TRAVEL_LEAVE_DECISION_DUE); and approved leaves whose return report (销假, TRAVEL_RETURN_DUE) falls within the
look-ahead or has passed, for the office. One item of each kind per person: the earliest."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status
from sqjz.supervision.travel.models import FrequentTravelPermit, TravelLeave

AREA = "travel"
L = TravelLeave.Level


def return_due(ctx: Context, leave: TravelLeave) -> Decision:
    """The last day of the leave, by when the person reports back (销假)."""
    return RULES["TRAVEL_RETURN_DUE"](ctx, start=leave.start, days=leave.days)


def _leaves(ids: list[int] | None, status: str):
    leaves = TravelLeave.objects.filter(
        people_q(ids, "supervisee_id"), status=status, supervisee__status=Status.UNDER_CORRECTION
    )
    # Latest first, so that the earliest of a person's leaves is the one kept (the last yielded stands). Sorted here
    # rather than by the database, which would then walk every leave of that status instead of the person's.
    leaves = leaves.select_related("supervisee__judicial_office__parent").order_by()
    return sorted(leaves, key=lambda leave: (leave.start, leave.id), reverse=True)


def _approver_unit(leave: TravelLeave) -> int:
    office = leave.supervisee.judicial_office
    agency = office.parent or office
    return {L.JUDICIAL_OFFICE: office.id, L.COUNTY_AGENCY: agency.id, L.CITY_AGENCY: agency.parent_id or agency.id}[
        leave.level
    ]


def _decisions(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for leave in _leaves(ids, TravelLeave.Status.PENDING):
        s = leave.supervisee
        decision = RULES["TRAVEL_LEAVE_DECISION_DUE"](ctx, start=leave.start, approver=leave.level)
        yield Due(s.pk, s.name, decision, s.judicial_office_id, _approver_unit(leave), supervisee_id=s.pk)


def _returns(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for leave in _leaves(ids, TravelLeave.Status.APPROVED):
        s = leave.supervisee
        decision = return_due(ctx, leave)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _url(pk: int) -> str:
    return reverse("supervision:travel", args=[pk])


register(
    Duty(
        kind="travel_decision",
        label="外出审批",
        area=AREA,
        capability=Capability.TRAVEL_DECIDE,
        scope=Scope.PEOPLE,
        compute=_decisions,
        url=_url,
    )
)
register(
    Duty(
        kind="travel_return",
        label="外出销假",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_returns,
        url=_url,
    )
)


def _permit_decisions(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """Frequent-travel applications awaiting the county agency (FREQUENT_TRAVEL_PERMIT_DECISION_DUE)."""
    permits = FrequentTravelPermit.objects.filter(
        people_q(ids, "supervisee_id"),
        status=FrequentTravelPermit.Status.PENDING,
        supervisee__status=Status.UNDER_CORRECTION,
    ).select_related("supervisee__judicial_office")
    for permit in permits.order_by():
        s, office = permit.supervisee, permit.supervisee.judicial_office
        decision = RULES["FREQUENT_TRAVEL_PERMIT_DECISION_DUE"](ctx, starts_on=permit.starts_on)
        yield Due(s.pk, s.name, decision, office.id, office.parent_id or office.id, supervisee_id=s.pk)


register(
    Duty(
        kind="frequent_travel_decision",
        label="经常性跨市县活动审批",
        area=AREA,
        capability=Capability.TRAVEL_DECIDE,
        scope=Scope.PEOPLE,
        compute=_permit_decisions,
        url=_url,
    )
)
