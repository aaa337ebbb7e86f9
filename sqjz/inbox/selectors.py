"""Reads of the inbox, always within the user's jurisdiction."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from sqjz.inbox.models import InboxItem
from sqjz.supervisees.permissions import investigation_q, jurisdiction_q, opinion_q


def inbox_visible_q(user) -> Q:
    """Items about a supervisee, an investigation or a procuratorate opinion the user may see."""
    return (
        Q(supervisee__isnull=False) & jurisdiction_q(user, prefix="supervisee__")
        | Q(investigation__isnull=False) & investigation_q(user, prefix="investigation__")
        | Q(opinion__isnull=False) & opinion_q(user, prefix="opinion__")
    )


def inbox_items(user, *, office: int | None = None, kind: str = "") -> QuerySet[InboxItem]:
    items = (
        InboxItem.objects.filter(inbox_visible_q(user), state=InboxItem.State.OPEN)
        .select_related("supervisee", "investigation", "opinion", "office")
        .order_by("due", "id")
    )
    if office:
        items = items.filter(office_id=office)
    if kind:
        items = items.filter(kind=kind)
    return items


@dataclass
class OfficeCounts:
    office_id: int
    office: str
    county: str
    open: int
    overdue: int


def inbox_counts_by_office(user, today: date) -> list[OfficeCounts]:
    """Due and overdue items per judicial office (one query), most overdue first."""
    rows = (
        inbox_items(user)
        .order_by()
        .values("office_id", "office__name", "office__county__name")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due__lt=today)))
    )
    counts = [
        OfficeCounts(r["office_id"], r["office__name"], r["office__county__name"] or "", r["open"], r["overdue"])
        for r in rows
    ]
    return sorted(counts, key=lambda c: (-c.overdue, -c.open, c.office))
