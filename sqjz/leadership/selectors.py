"""Reads of leading groups' and liaison meetings (decision 0047): those with LEADERSHIP_MANAGE read the meetings of
their own area (a county agency its county's; the city agency the city's and every county's) and write those of
their own agency's area only."""

from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.leadership.models import Decision, FollowUpTask, Meeting


def keeper_area(user) -> tuple[bool, int | None]:
    """(whether the user keeps meetings, the county they keep them for or None for the city)."""
    if not has_capability(user, Capability.LEADERSHIP_MANAGE) or user.unit is None:
        return False, None
    return True, user.unit.county_id


def _area(user) -> Q | None:
    keeps, county = keeper_area(user)
    if not keeps:
        return None
    if user.role == Role.CITY_OFFICER:
        return Q()
    return Q(county_id=county)


def meetings_for(user) -> QuerySet[Meeting]:
    area = _area(user)
    return Meeting.objects.none() if area is None else Meeting.objects.filter(area)


def meeting_list(user, *, year: int | None = None, kind: str = "") -> QuerySet[Meeting]:
    meetings = meetings_for(user)
    if year:
        meetings = meetings.filter(held_on__year=year)
    if kind:
        meetings = meetings.filter(kind=kind)
    return (
        meetings.select_related("unit")
        .annotate(
            open_tasks=Count("decisions__tasks", filter=Q(decisions__tasks__done_on__isnull=True)),
        )
        .order_by("-held_on", "-id")
    )


def years(user) -> list[int]:
    return sorted({d.year for d in meetings_for(user).dates("held_on", "year")}, reverse=True)


def open_tasks_due(user, by: date) -> QuerySet[FollowUpTask]:
    """The open follow-up tasks of the user's area due by `by`, the earliest first."""
    area = _area(user)
    if area is None:
        return FollowUpTask.objects.none()
    meetings = Meeting.objects.filter(area)
    return (
        FollowUpTask.objects.filter(decision__meeting__in=meetings, done_on__isnull=True, due_on__lte=by)
        .select_related("decision__meeting__unit")
        .order_by("due_on", "id")
    )


def overdue_tasks(user, today: date) -> QuerySet[FollowUpTask]:
    return open_tasks_due(user, today - timedelta(days=1))


def get_meeting_for_user(user, pk: int) -> Meeting:
    tasks = Prefetch("tasks", queryset=FollowUpTask.objects.order_by("due_on", "id"))
    decisions = Prefetch("decisions", queryset=Decision.objects.prefetch_related(tasks))
    meeting = (
        meetings_for(user).select_related("unit", "recorded_by").prefetch_related("attendance", decisions).filter(pk=pk)
    ).first()
    if meeting is None:
        raise Http404
    return meeting


def may_write(user, meeting: Meeting) -> bool:
    keeps, county = keeper_area(user)
    return keeps and meeting.county_id == county
