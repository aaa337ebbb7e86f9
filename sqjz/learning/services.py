"""Writes of phone courses, each one transaction.

- A course is published by a county agency (for its county's people) or a judicial office (for its own), with a
  text typed on the page or a PDF or MP4 file checked by content (files.py).
- It is assigned to people under correction of the user's jurisdiction within the course's area (minors and adults
  alike); the lot is refused, naming each person who may not have it.
- The person opens it on the phone (the first opening is kept) and marks it finished, no sooner than half its hours
  after the first opening (a guard against clicking through).
- The county agency says whether finished courses count as study hours (CountyLearningRule).
"""

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.learning.files import CourseFileError, course_file_store, mp4_check, pdf_check
from sqjz.learning.models import Assignment, CountyLearningRule, Course
from sqjz.learning.selectors import candidates, course_people, finish_from, get_course_for_user
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Status, Supervisee

PUBLISHERS = (Unit.Kind.COUNTY_AGENCY, Unit.Kind.JUDICIAL_OFFICE)


class LearningError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _publisher(actor) -> Unit:
    unit = actor.unit if has_capability(actor, Capability.LEARNING_MANAGE) else None
    if unit is None or unit.kind not in PUBLISHERS or unit.county_id is None:
        raise LearningError("您无权发布网上学习课程。")
    return unit


@transaction.atomic
def course_create(*, actor, title: str, kind: str, hours, body: str = "", data: bytes = b"") -> Course:
    """A course of the actor's unit: a text (`body`) or a file's bytes (`data`, checked by content)."""
    unit = _publisher(actor)
    course = Course(title=title.strip(), kind=kind, hours=hours, unit=unit, county_id=unit.county_id)
    course.published_by = actor
    if kind == Course.Kind.TEXT:
        course.body = (body or "").strip()
        if not course.body:
            raise LearningError("请填写课程内容。", "body")
    elif kind in (Course.Kind.PDF, Course.Kind.VIDEO):
        try:
            (pdf_check if kind == Course.Kind.PDF else mp4_check)(data)
        except CourseFileError as error:
            raise LearningError(str(error), "file") from None
        course.file_name = course_file_store(data, "pdf" if kind == Course.Kind.PDF else "mp4")
        course.file_size = len(data)
    else:
        raise LearningError("请选择课程形式。", "kind")
    course.save()
    return course


def _course_for_writing(actor, course: Course) -> Course:
    if not has_capability(actor, Capability.LEARNING_MANAGE):
        raise LearningError("您无权布置网上学习。")
    locked = Course.objects.select_for_update().filter(pk=course.pk).first()
    if locked is None or not locked.active:
        raise LearningError("该课程已停用，不能布置。")
    return get_course_for_user(actor, locked.pk)


@transaction.atomic
def course_assign(*, actor, course: Course, people: list[Supervisee]) -> int:
    """Assign the course to people; refuses the lot, naming each who may not have it. Returns how many."""
    course = _course_for_writing(actor, course)
    if not people:
        raise LearningError("请选择要布置课程的矫正对象。", "people")
    allowed = set(candidates(actor, course).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    taken = set(course.assignments.values_list("supervisee_id", flat=True))
    within = set(Supervisee.objects.filter(course_people(course)).values_list("pk", flat=True))
    refused = []
    for p in people:
        if p.pk in allowed:
            continue
        if p.pk in taken:
            refused.append(f"{p.name}：已布置")
        elif p.pk not in within:
            refused.append(f"{p.name}：不在{course.unit.name}的管辖范围内")
        else:
            refused.append(f"{p.name}：不是您辖区在矫的社区矫正对象")
    if refused:
        raise LearningError("以下人员不能布置本课程：" + "；".join(refused), "people")
    today = timezone.localdate()
    Assignment.objects.bulk_create(
        Assignment(course=course, supervisee=p, assigned_on=today, assigned_by=actor) for p in people
    )
    return len(people)


def _own_assignment(user, pk: int) -> Assignment:
    found = (
        Assignment.objects.select_for_update()
        .filter(pk=pk, supervisee_id=getattr(user, "supervisee_id", None), course__active=True)
        .select_related("course")
        .first()
    )
    if found is None:
        raise LearningError("没有找到该课程，请刷新页面。")
    return found


@transaction.atomic
def course_open_own(*, user, pk: int) -> Assignment:
    """The person opens an assigned course on the phone; the first opening starts the clock."""
    a = _own_assignment(user, pk)
    if a.started_at is None:
        a.started_at = timezone.now()
        a.save(update_fields=["started_at"])
    return a


@transaction.atomic
def course_finish_own(*, user, pk: int) -> Assignment:
    """The person marks the course finished, no sooner than half its hours after first opening it."""
    a = _own_assignment(user, pk)
    if a.completed_at is not None:
        return a
    if a.supervisee.status != Status.UNDER_CORRECTION:
        raise LearningError("只有在矫的社区矫正对象可以学习课程。")
    ready = finish_from(a)
    if ready is None:
        raise LearningError("请先打开课程学习。")
    if timezone.now() < ready:
        raise LearningError(
            f"本课程{a.course.hours}小时，打开后至少学习一半时间方可确认学完，"
            f"请于{timezone.localtime(ready):%H:%M}后再确认。"
        )
    a.completed_at = timezone.now()
    a.save(update_fields=["completed_at"])
    return a


@transaction.atomic
def counting_rule_set(*, actor, counts_as_hours: bool) -> CountyLearningRule:
    """The county agency says whether its county's finished courses count as study hours."""
    unit = actor.unit if has_capability(actor, Capability.LEARNING_MANAGE) else None
    if unit is None or unit.kind != Unit.Kind.COUNTY_AGENCY or unit.county_id is None:
        raise LearningError("只有县级社区矫正机构可以设置本县的计时规则。")
    rule, _ = CountyLearningRule.objects.select_for_update().get_or_create(
        county_id=unit.county_id, defaults={"set_by": actor, "counts_as_hours": counts_as_hours}
    )
    rule.counts_as_hours, rule.set_by = counts_as_hours, actor
    rule.save()
    return rule
