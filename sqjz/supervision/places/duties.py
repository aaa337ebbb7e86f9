"""Places' to-dos: applications to enter a place, contact a person or receive visitors under a prohibition order,
awaiting the county agency's decision (SPECIAL_PLACE_ENTRY_APPROVER), due before the window opens
(SPECIAL_PLACE_ENTRY_DECISION_DUE). One item per person: the earliest window."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import ProhibitionOrder, Status
from sqjz.supervision.places.models import SpecialPlaceEntry

AREA = "places"


def has_place_or_contact_order(s) -> bool:
    """Whether the person has a prohibition order on places or contacts, under which approvals are asked for (the
    record's link shows then; reads the prefetched orders when there are)."""
    return any(o.kind != ProhibitionOrder.Kind.ACTIVITY for o in s.prohibition_orders.all())


def _decisions(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    entries = SpecialPlaceEntry.objects.filter(
        people_q(ids, "supervisee_id"),
        status=SpecialPlaceEntry.Status.PENDING,
        supervisee__status=Status.UNDER_CORRECTION,
    ).select_related("supervisee__judicial_office")
    # Latest first, so that the earliest of a person's applications is the one kept (the last yielded stands).
    for entry in sorted(entries.order_by(), key=lambda e: (e.window_from, e.id), reverse=True):
        s = entry.supervisee
        office = s.judicial_office
        start = timezone.localtime(entry.window_from).replace(tzinfo=None)
        decision = RULES["SPECIAL_PLACE_ENTRY_DECISION_DUE"](ctx, window_from=start)
        yield Due(s.pk, s.name, decision, office.id, office.parent_id or office.id, supervisee_id=s.pk)


def _url(pk: int) -> str:
    return reverse("supervision:places", args=[pk])


register(
    Duty(
        kind="place_entry_decision",
        label="进入特定场所审批",
        area=AREA,
        capability=Capability.TRAVEL_DECIDE,
        scope=Scope.PEOPLE,
        compute=_decisions,
        url=_url,
    )
)
