"""Reads of phone courses: the courses of the user's area, whom a course may be assigned to, a person's courses, and
the study hours finished courses count for (where the county says so)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sqjz.learning.models import Assignment, CountyLearningRule, Course
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, area_offices, supervisees_for


def courses_for(user) -> QuerySet[Course]:
    """Courses published by the offices of the user's area or by their county agencies."""
    offices = area_offices(user)
    if offices is None:
        return Course.objects.none()
    counties = offices.values("county_id")
    return Course.objects.filter(
        Q(unit__in=offices.values("id")) | Q(unit__kind=Unit.Kind.COUNTY_AGENCY, county_id__in=counties)
    )


def course_list(user, q: str = "") -> QuerySet[Course]:
    courses = courses_for(user)
    if q:
        courses = courses.filter(title__icontains=q)
    return (
        courses.select_related("unit")
        .annotate(
            assigned=Count("assignments"),
            finished=Count("assignments", filter=Q(assignments__completed_at__isnull=False)),
        )
        .order_by("-published_at", "-id")
    )


def get_course_for_user(user, pk: int) -> Course:
    try:
        return courses_for(user).select_related("unit", "published_by").get(pk=pk)
    except Course.DoesNotExist:
        raise Http404 from None


def course_people(course: Course) -> Q:
    """Whom the course is for: an office's course, its people; a county agency's, the county's."""
    if course.unit.kind == Unit.Kind.COUNTY_AGENCY:
        return Q(county_id=course.county_id)
    return Q(judicial_office_id=course.unit_id)


def candidates(user, course: Course) -> QuerySet[Supervisee]:
    """People under correction the user may assign the course to and who do not have it yet."""
    return (
        supervisees_for(user, Access.EDIT)
        .filter(course_people(course), status=Status.UNDER_CORRECTION)
        .exclude(course_assignments__course=course)
        .order_by("name", "id")
    )


def assignments_of_course(course: Course) -> list[Assignment]:
    return list(course.assignments.select_related("supervisee").order_by("supervisee__name", "id"))


def assignments_of(person: Supervisee) -> QuerySet[Assignment]:
    return (
        person.course_assignments.filter(course__active=True).select_related("course").order_by("-assigned_on", "-id")
    )


def counting_rule(county_id: int) -> CountyLearningRule | None:
    return CountyLearningRule.objects.filter(county_id=county_id).select_related("set_by").first()


def finish_from(assignment: Assignment) -> datetime | None:
    """When the course may be marked finished: half its hours after it was first opened (a guard against clicking
    through); None before it is opened."""
    if assignment.started_at is None:
        return None
    return assignment.started_at + timedelta(hours=float(assignment.course.hours) / 2)


def learning_hours(supervisee: Supervisee, first_day: date, last_day: date) -> Decimal:
    """The hours of the courses the person finished from `first_day` to `last_day`, where the person's county counts
    them as study hours; else 0. One query."""
    zone = timezone.get_current_timezone()
    start = datetime.combine(first_day, time.min, tzinfo=zone)
    end = datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)
    counts = CountyLearningRule.objects.filter(county_id=OuterRef("supervisee__county_id"), counts_as_hours=True)
    total = (
        Assignment.objects.filter(supervisee=supervisee, completed_at__gte=start, completed_at__lt=end)
        .filter(Exists(counts))
        .aggregate(hours=Sum("course__hours"))["hours"]
    )
    return total or Decimal("0")
