"""Reads of education records: the sessions a user may see (those of the offices in their jurisdiction), the people a
session may take, and a person's month against the level's requirement."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from sqjz.accounts.models import Role, User
from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance
from sqjz.intake.selectors import level_history
from sqjz.learning.selectors import learning_hours
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CorrectionType, Status, Supervisee, TemporaryReleaseGround
from sqjz.supervisees.permissions import area_offices

PROGRESS_RULE = "EDUCATION_MONTH_PROGRESS"
APART_RULE = "EDUCATION_APART_FROM_ADULTS"
FIT_RULE = "COMMUNITY_SERVICE_FIT"
VENUE_RULE = "EDUCATION_VENUE_CHECKIN"
# 暂予监外执行 on these grounds: light activities only, and no public-benefit hours due (unable to work).
HEALTH_LIMITED = {g.value for g in TemporaryReleaseGround}


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
    service_hours: Decimal
    decision: Decision | None  # None where the person has no level (not under correction)

    @property
    def met(self) -> bool:
        out = self.decision.outcome if self.decision is not None else None
        return out is not None and not (out["hours_short"] or out["individual_short"] or out["service_short"])


def health_limited(person: Supervisee) -> bool:
    return person.correction_type == CorrectionType.TEMPORARY_RELEASE and (
        person.temporary_release_ground in HEALTH_LIMITED
    )


def month_progress(person: Supervisee, month: date, levels: list[tuple[date, str]] | None = None) -> MonthProgress:
    """The person's group-education hours attended, individual sessions and public-benefit hours in the month, against
    the level's requirement. Four queries; three when the person's `levels` (level_history's) are given."""
    first = month.replace(day=1)
    after = add_months(first, 1)
    mine = Attendance.objects.filter(
        supervisee=person, present=True, session__held_on__gte=first, session__held_on__lt=after
    )
    totals = mine.aggregate(
        hours=Sum("session__hours", filter=Q(session__kind=EducationSession.Kind.GROUP)),
        individual=Count("id", filter=Q(session__kind=EducationSession.Kind.INDIVIDUAL)),
    )
    served = ServiceAttendance.objects.filter(
        supervisee=person, present=True, activity__held_on__gte=first, activity__held_on__lt=after
    ).aggregate(hours=Sum("activity__hours"))["hours"] or Decimal("0")
    hours, individual = totals["hours"] or Decimal("0"), totals["individual"]
    hours += learning_hours(person, first, after - timedelta(days=1))  # phone courses, where the county counts them
    level, decision = level_on(person, first, levels), None
    if level:
        decision = RULES[PROGRESS_RULE](
            statute_context(),
            level=level,
            month=first,
            study_hours=hours,
            individual_sessions=individual,
            service_hours=served,
            able_to_work=not health_limited(person),
        )
    return MonthProgress(first, hours, individual, served, decision)


def months_progress(person: Supervisee, start: date, end: date) -> list[MonthProgress]:
    """Each month from `start`'s to `end`'s (e.g. an assessment period's), oldest first. Two queries a month and one
    for the person's levels."""
    levels = person_levels(person)
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(month_progress(person, day, levels))
        day = add_months(day, 1)
    return months


def person_levels(person: Supervisee) -> list[tuple[date, str]]:
    """The person's supervision levels as (effective from, level), oldest first. One query."""
    return sorted(level_history([person.pk]).get(person.pk, []))


def level_on(person: Supervisee, day: date, levels: list[tuple[date, str]] | None = None) -> str:
    """The level in force on `day` (for a month that began before intake, the first level); "" when none was set.
    One query unless the person's `levels` are given."""
    levels = person_levels(person) if levels is None else levels
    current = [level for since, level in levels if since <= day]
    return current[-1] if current else (levels[0][1] if levels else "")


def attendances_of(person: Supervisee) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(supervisee=person)
        .select_related("session", "session__office")
        .order_by("-session__held_on", "-session_id")
    )


# ------------------------------------------------------------------------------------------- community service


def services_for(user) -> QuerySet[CommunityService]:
    offices = area_offices(user)
    if offices is None:
        return CommunityService.objects.none()
    return CommunityService.objects.filter(office__in=offices.values("id"))


def service_list(user, q: str = "") -> QuerySet[CommunityService]:
    activities = services_for(user)
    if q:
        activities = activities.filter(Q(title__icontains=q) | Q(place__icontains=q))
    return (
        activities.select_related("office")
        .annotate(
            enrolled=Count("attendances"),
            attended=Count("attendances", filter=Q(attendances__present=True)),
        )
        .order_by("-held_on", "-id")
    )


def get_service_for_user(user, pk: int) -> CommunityService:
    try:
        return services_for(user).select_related("office", "recorded_by").get(pk=pk)
    except CommunityService.DoesNotExist:
        raise Http404 from None


def fit_decision(person: Supervisee, activity: CommunityService) -> Decision:
    return RULES[FIT_RULE](
        statute_context(),
        demand=activity.demand,
        birth_date=person.birth_date,
        day=activity.held_on,
        health_limited=health_limited(person),
        is_disabled=person.is_disabled,
    )


def service_candidates(activity: CommunityService) -> QuerySet[Supervisee]:
    """People under correction of the activity's office, minors or adults as it is for, not yet signed up, whose age
    and health fit its demand (COMMUNITY_SERVICE_FIT)."""
    people = (
        Supervisee.objects.filter(
            judicial_office_id=activity.office_id, status=Status.UNDER_CORRECTION, is_minor=activity.for_minors
        )
        .exclude(service_attendances__activity=activity)
        .order_by("name", "id")
    )
    fit = [p.pk for p in people.only(*FIT_FIELDS) if fit_decision(p, activity).outcome]
    return people.filter(pk__in=fit)


FIT_FIELDS = ("id", "birth_date", "correction_type", "temporary_release_ground", "is_disabled")


def service_attendances_of(person: Supervisee) -> QuerySet[ServiceAttendance]:
    return (
        ServiceAttendance.objects.filter(supervisee=person)
        .select_related("activity", "activity__office")
        .order_by("-activity__held_on", "-activity_id")
    )


def upcoming_for(person: Supervisee, today: date) -> list[tuple[str, object, bool]]:
    """For the person's phone: group sessions ("session") and activities ("service") of their office from `today` on,
    for minors or adults as the person is, each with whether the person is signed up. An activity that is full or
    that the person's age or health does not fit is left out, unless they are signed up. Four queries."""
    sessions = list(
        EducationSession.objects.filter(
            kind=EducationSession.Kind.GROUP,
            office_id=person.judicial_office_id,
            held_on__gte=today,
            for_minors=person.is_minor,
        ).order_by("held_on", "id")[:20]
    )
    activities = list(
        CommunityService.objects.filter(
            office_id=person.judicial_office_id, held_on__gte=today, for_minors=person.is_minor
        )
        .annotate(taken=Count("attendances"))
        .order_by("held_on", "id")[:20]
    )
    mine = set(
        Attendance.objects.filter(supervisee=person, session__in=[e.pk for e in sessions]).values_list(
            "session_id", flat=True
        )
    )
    signed = set(
        ServiceAttendance.objects.filter(supervisee=person, activity__in=[a.pk for a in activities]).values_list(
            "activity_id", flat=True
        )
    )
    rows = [("session", e, e.pk in mine) for e in sessions]
    for a in activities:
        if a.pk in signed or (a.taken < a.capacity and fit_decision(person, a).outcome):
            rows.append(("service", a, a.pk in signed))
    return sorted(rows, key=lambda row: (row[1].held_on, row[0], row[1].pk))


# ------------------------------------------------------------------------------------------- personal reports


@dataclass(frozen=True)
class QuarterReports:
    start: date  # the calendar quarter's first day
    submitted: int
    due: int | None  # SUPERVISION_LEVEL_REQUIREMENTS' written reports a quarter; None without a level
    decision: Decision | None

    @property
    def short(self) -> int:
        return max((self.due or 0) - self.submitted, 0)


def quarter_reports(person: Supervisee, today: date) -> QuarterReports:
    """The written reports (思想汇报) sent in the calendar quarter of `today`, against the level's requirement. Two
    queries."""
    start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    submitted = person.personal_reports.filter(submitted_at__date__gte=start).count()
    level = level_on(person, today)
    if not level:
        return QuarterReports(start, submitted, None, None)
    decision = RULES["SUPERVISION_LEVEL_REQUIREMENTS"](statute_context(), level=level, on=start)
    return QuarterReports(start, submitted, decision.outcome["written_reports_per_quarter"], decision)


def helper_candidates(activity: CommunityService) -> QuerySet[User]:
    """Who may help run an activity: the active volunteers and social workers of its office."""
    return User.objects.filter(
        unit_id=activity.office_id, role__in=(Role.VOLUNTEER, Role.SOCIAL_WORKER), is_active=True
    ).order_by("role", "full_name", "id")


def helping(user) -> QuerySet[CommunityService]:
    """The activities `user` helps run, the coming ones first."""
    return (
        CommunityService.objects.filter(helpers__user=user)
        .select_related("office", "recorded_by")
        .annotate(enrolled=Count("attendances", distinct=True))
        .order_by("-held_on", "-id")
    )
