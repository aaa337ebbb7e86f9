"""Reads of education records: the sessions a user may see (those of the offices in their jurisdiction), the people a
session may take, and a person's month against the level's requirement."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from sqjz.education.models import Attendance, EducationSession
from sqjz.intake.selectors import level_history
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices

PROGRESS_RULE = "EDUCATION_MONTH_PROGRESS"
APART_RULE = "EDUCATION_APART_FROM_ADULTS"


def sessions_for(user) -> QuerySet[EducationSession]:
    """Sessions organised by the offices of the user's jurisdiction (none for users whose jurisdiction is not a set of
    offices)."""
    offices = area_offices(user)
    if offices is None:
        return EducationSession.objects.none()
    return EducationSession.objects.filter(office__in=offices.values("id"))


def session_list(user, kind: str = "", q: str = "") -> QuerySet[EducationSession]:
    sessions = sessions_for(user)
    if kind:
        sessions = sessions.filter(kind=kind)
    if q:
        sessions = sessions.filter(Q(topic__icontains=q) | Q(place__icontains=q) | Q(teacher__icontains=q))
    return (
        sessions.select_related("office")
        .annotate(
            enrolled=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__present=True)),
        )
        .order_by("-held_on", "-id")
    )


def get_session_for_user(user, pk: int) -> EducationSession:
    try:
        return sessions_for(user).select_related("office", "recorded_by").get(pk=pk)
    except EducationSession.DoesNotExist:
        raise Http404 from None


def candidates(session: EducationSession) -> QuerySet[Supervisee]:
    """People under correction of the session's office, not yet enrolled, minors or adults as the session is for
    (EDUCATION_APART_FROM_ADULTS)."""
    return (
        Supervisee.objects.filter(
            judicial_office_id=session.office_id,
            status=Status.UNDER_CORRECTION,
            is_minor=session.for_minors,
        )
        .exclude(education_attendances__session=session)
        .order_by("name", "id")
    )


def apart_decision(person: Supervisee, session: EducationSession) -> Decision:
    return RULES[APART_RULE](statute_context(), person_is_minor=person.is_minor, session_for_minors=session.for_minors)


@dataclass(frozen=True)
class MonthProgress:
    month: date
    study_hours: Decimal
    individual_sessions: int
    decision: Decision | None  # None where the person has no level (not under correction)

    @property
    def met(self) -> bool:
        return self.decision is not None and not (
            self.decision.outcome["hours_short"] or self.decision.outcome["individual_short"]
        )


def month_progress(person: Supervisee, month: date) -> MonthProgress:
    """The person's group-education hours attended and individual sessions in the month, against the level's
    requirement. Two queries."""
    first = month.replace(day=1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    mine = Attendance.objects.filter(
        supervisee=person, present=True, session__held_on__gte=first, session__held_on__lt=after
    )
    totals = mine.aggregate(
        hours=Sum("session__hours", filter=Q(session__kind=EducationSession.Kind.GROUP)),
        individual=Count("id", filter=Q(session__kind=EducationSession.Kind.INDIVIDUAL)),
    )
    hours, individual = totals["hours"] or Decimal("0"), totals["individual"]
    level, decision = level_on(person, first), None
    if level:
        decision = RULES[PROGRESS_RULE](
            statute_context(), level=level, month=first, study_hours=hours, individual_sessions=individual
        )
    return MonthProgress(first, hours, individual, decision)


def months_progress(person: Supervisee, start: date, end: date) -> list[MonthProgress]:
    """Each month from `start`'s to `end`'s (e.g. an assessment period's), oldest first. Two queries a month."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(month_progress(person, day))
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def level_on(person: Supervisee, day: date) -> str:
    """The level in force on `day` (for a month that began before intake, the first level); "" when none was set.
    One query."""
    levels = sorted(level_history([person.pk]).get(person.pk, []))
    current = [level for since, level in levels if since <= day]
    return current[-1] if current else (levels[0][1] if levels else "")


def attendances_of(person: Supervisee) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(supervisee=person)
        .select_related("session", "session__office")
        .order_by("-session__held_on", "-session_id")
    )
