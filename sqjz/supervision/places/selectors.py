"""Reads of approvals under a prohibition order, always within the user's jurisdiction for pages; the approved
windows (`entries_approved`, `entry_covering`) for the check-in evidence and electronic monitoring, which ask
whether a person was allowed in a place at a time: an approved entry during its window excuses a check-in there
and suspends the alerts of that order's exclusion zone."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from sqjz.core.search import prefix_q
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.places.models import SpecialPlaceEntry

EntryStatus = SpecialPlaceEntry.Status
ENTRY_VIEWS = {"pending": "待审批", "approved": "已批准", "all": "全部"}


@dataclass(frozen=True)
class ApprovedWindow:
    """An approved entry: the person, the prohibition order it is under, what (kind: place / contact / visitor) and
    where or whom, from – to (aware datetimes)."""

    entry_id: int
    supervisee_id: int
    order_id: int
    kind: str
    place: str
    window_from: datetime
    window_to: datetime

    def covers(self, moment: datetime) -> bool:
        return self.window_from <= moment <= self.window_to


def entries_approved(supervisee_ids: list[int], start: datetime, end: datetime) -> list[ApprovedWindow]:
    """The approved windows of these people that overlap [start, end], earliest first. One query."""
    rows = (
        SpecialPlaceEntry.objects.filter(
            supervisee_id__in=supervisee_ids,
            status=SpecialPlaceEntry.Status.APPROVED,
            window_from__lte=end,
            window_to__gte=start,
        )
        .order_by("window_from", "id")
        .values_list("id", "supervisee_id", "order_id", "kind", "place", "window_from", "window_to")
    )
    return [ApprovedWindow(*row) for row in rows]


def entry_covering(supervisee_id: int, moment: datetime, *, order_id: int | None = None) -> ApprovedWindow | None:
    """The approved window covering `moment` (of that order, if given), or None: a check-in or a position at that
    moment inside the order's place is allowed."""
    for window in entries_approved([supervisee_id], moment, moment):
        if order_id is None or window.order_id == order_id:
            return window
    return None


def entry_list(user, show: str, q: str = "") -> QuerySet[SpecialPlaceEntry]:
    entries = SpecialPlaceEntry.objects.filter(jurisdiction_q(user, prefix="supervisee__")).select_related(
        "supervisee__judicial_office", "order"
    )
    if q:
        entries = entries.filter(prefix_q("supervisee__name", q))
    if show == "pending":
        return entries.filter(status=SpecialPlaceEntry.Status.PENDING).order_by("window_from", "id")
    if show == "approved":
        return entries.filter(status=SpecialPlaceEntry.Status.APPROVED).order_by("-window_from", "-id")
    return entries.order_by("-window_from", "-id")
