"""Reads of leave to travel, always within the user's jurisdiction."""

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from sqjz.statute.rules.travel import last_day_of_leave
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.travel.models import FrequentTravelPermit, TravelLeave

# What other areas compare a leave's status with.
LeaveStatus = TravelLeave.Status
TRAVEL_VIEWS = {"pending": "待审批", "away": "外出中", "all": "全部"}


def travel_list(user, show: str, today: date) -> QuerySet[TravelLeave]:
    leaves = TravelLeave.objects.filter(jurisdiction_q(user, prefix="supervisee__")).select_related(
        "supervisee__judicial_office"
    )
    if show == "pending":
        return leaves.filter(status=TravelLeave.Status.PENDING).order_by("start", "id")
    if show == "away":
        return leaves.filter(status=TravelLeave.Status.APPROVED, start__lte=today).order_by("start", "id")
    return leaves.order_by("-start", "-id")


# How long a refusal or a report back (销假) stays on the person's phone home page.
TRAVEL_RECENT_DAYS = 7


def travel_leaves_current(s: Supervisee, today: date) -> list[TravelLeave]:
    """The person's own leaves that matter now (the phone's home page): applications awaiting a decision, approved
    leaves not yet reported back, and refusals and reports back of the last TRAVEL_RECENT_DAYS days; earliest
    start first. One query."""
    since = today - timedelta(days=TRAVEL_RECENT_DAYS)
    current = (
        Q(status__in=(TravelLeave.Status.PENDING, TravelLeave.Status.APPROVED))
        | Q(status=TravelLeave.Status.REFUSED, decided_at__date__gte=since)
        | Q(status=TravelLeave.Status.RETURNED, returned_on__gte=since)
    )
    return list(s.travel_leaves.filter(current).order_by("start", "id"))


def away_on_leave(s: Supervisee, day: date) -> bool:
    """Whether the person may be away on `day`: an approved leave covers it (begun, not yet reported back from, last
    day not past), or a trip reported under an approved frequent-travel permit valid on that day does
    (FREQUENT_TRAVEL_TRIP: reported trips count like approved leave)."""
    leaves = s.travel_leaves.filter(status=TravelLeave.Status.APPROVED, start__lte=day).only("start", "days")
    if any(last_day_of_leave(leave.start, leave.days) >= day for leave in leaves):
        return True
    trips = s.frequent_trips.filter(
        start__lte=day,
        permit__status=FrequentTravelPermit.Status.APPROVED,
        permit__approved_on__lte=day,
        permit__valid_until__gte=day,
    ).only("start", "days")
    return any(last_day_of_leave(trip.start, trip.days) >= day for trip in trips)


def permit_valid(permit: FrequentTravelPermit, day: date) -> bool:
    """Whether an approved permit is in force on `day` (it ends by itself on its valid_until day)."""
    return (
        permit.status == FrequentTravelPermit.Status.APPROVED
        and permit.approved_on is not None
        and permit.approved_on <= day <= permit.valid_until
    )


def permits_in_force(s: Supervisee, day: date) -> list[FrequentTravelPermit]:
    """The person's frequent-travel permits in force on `day` (permit_valid), the soonest to expire first."""
    permits = s.frequent_travel_permits.filter(
        status=FrequentTravelPermit.Status.APPROVED, approved_on__lte=day, valid_until__gte=day
    )
    return list(permits.order_by("valid_until", "id"))


def leave_on(s: Supervisee, day: date) -> TravelLeave | None:
    """The approved leave that covers `day` (begun, not yet reported back from, last day not past), if any."""
    leaves = s.travel_leaves.filter(status=TravelLeave.Status.APPROVED, start__lte=day).order_by("start", "id")
    return next((leave for leave in leaves if last_day_of_leave(leave.start, leave.days) >= day), None)
