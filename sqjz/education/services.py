"""Writes of education records, each one transaction.

- A group session (集中教育) is organised by a judicial office (an office's officer: their own; a county agency's:
  any office of the county), up to EDUCATION_PLAN_DAYS ahead and never more than a year back.
- People are enrolled from the office's people under correction; a minor never in an adult session and an adult never
  in a minors' one (EDUCATION_APART_FROM_ADULTS, 社区矫正法第五十二条).
- The roll call (from the session's day) marks each enrolled person present or absent, with a note.
- Individual education (个别教育) of one person is recorded on the person's page, on a day not in the future.
- A public-benefit activity (公益活动) is organised like a group session, with a capacity and a physical demand;
  people sign up within the capacity if their age and health fit the demand (COMMUNITY_SERVICE_FIT: no activity
  beyond a person's time or strength, 人民检察院刑事诉讼规则第六百四十三条), and the roll call credits its hours.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.education.models import (
    Attendance,
    CommunityService,
    EducationSession,
    PersonalReport,
    ServiceAttendance,
    ServiceHelper,
)
from sqjz.education.selectors import (
    VENUE_RULE,
    apart_decision,
    candidates,
    fit_decision,
    helper_candidates,
    service_candidates,
)
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring import services as mentoring
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices, lock_supervisee_for_user
from sqjz.supervision.checkins.selectors import counted_checkins
from sqjz.supervision.checkins.services import distance_km

AREA = "education"
EDUCATION_PLAN_DAYS = 90
EDUCATION_PAST_DAYS = 366


class EducationError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _check_day(held_on) -> None:
    today = timezone.localdate()
    if held_on > today + timedelta(days=EDUCATION_PLAN_DAYS):
        raise EducationError(f"日期不能晚于今天起{EDUCATION_PLAN_DAYS}日。", "held_on")
    if held_on < today - timedelta(days=EDUCATION_PAST_DAYS):
        raise EducationError("日期不能早于一年前，请核对。", "held_on")


def _my_office(actor, office: Unit | None) -> Unit:
    if not has_capability(actor, Capability.EDUCATION_RECORD):
        raise EducationError("您无权组织教育学习。")
    offices = area_offices(actor)
    if office is None and offices is not None and offices.count() == 1:
        office = offices.first()
    if office is None:
        raise EducationError("请选择组织教育的司法所。", "office")
    if offices is None or not offices.filter(pk=office.pk).exists():
        raise EducationError("只能为本辖区的司法所组织教育学习。", "office")
    return office


@transaction.atomic
def session_create(*, actor, session: EducationSession, office: Unit | None = None) -> EducationSession:
    """A group session from an unsaved instance (the form's), organised by `office` (an office's officer: theirs)."""
    _check_day(session.held_on)
    session.kind = EducationSession.Kind.GROUP
    session.office = _my_office(actor, office)
    session.recorded_by = actor
    session.save()
    return session


def _session_for_writing(actor, session: EducationSession) -> EducationSession:
    locked = EducationSession.objects.select_for_update().get(pk=session.pk)
    _my_office(actor, locked.office)
    if locked.kind != EducationSession.Kind.GROUP:
        raise EducationError("个别教育不能报名或点名。")
    return locked


@transaction.atomic
def session_enrol(*, actor, session: EducationSession, people: list[Supervisee]) -> int:
    """Enrol people of the session's office under correction; refuses the lot, naming each person who may not take
    part and why (minors apart from adults). Returns how many were enrolled."""
    return _session_take(_session_for_writing(actor, session), people)


def _session_take(session: EducationSession, people: list[Supervisee]) -> int:
    if not people:
        raise EducationError("请选择参加教育的矫正对象。", "people")
    allowed = set(candidates(session).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    refused = []
    for p in people:
        if p.pk in allowed:
            continue
        decision = apart_decision(p, session)
        if not decision.outcome:
            refused.append(f"{p.name}：{decision.reasons[-1]}（{decision.articles[0]}）")
        elif p.judicial_office_id != session.office_id or p.status != Status.UNDER_CORRECTION:
            refused.append(f"{p.name}：不是{session.office.name}在矫的社区矫正对象")
        else:
            refused.append(f"{p.name}：已报名")
    if refused:
        raise EducationError("以下人员不能参加本次教育：" + "；".join(refused), "people")
    Attendance.objects.bulk_create(Attendance(session=session, supervisee=p) for p in people)
    return len(people)


def _roll_call(event, model, present: set[int], notes: dict[int, str]) -> None:
    """Mark every person enrolled in a session or activity (locked) present or absent, with a note each."""
    if event.held_on > timezone.localdate():
        raise EducationError("尚未举行，举行当日起方可点名。")
    attendances = list(event.attendances.select_for_update())
    if not attendances:
        raise EducationError("尚无报名人员，请先报名。")
    for a in attendances:
        a.present = a.supervisee_id in present
        a.note = notes.get(a.supervisee_id, "")[:100]
    model.objects.bulk_update(attendances, ["present", "note"])


@transaction.atomic
def session_roll_call(*, actor, session: EducationSession, present: set[int], notes: dict[int, str]) -> None:
    """Mark every enrolled person present (ids in `present`) or absent, with an optional note each."""
    _roll_call(_session_for_writing(actor, session), Attendance, present, notes)


@transaction.atomic
def individual_record(*, actor, supervisee: Supervisee, session: EducationSession) -> EducationSession:
    """Individual education of one person under correction, from an unsaved instance (the form's)."""
    if not has_capability(actor, Capability.EDUCATION_RECORD):
        raise EducationError("您无权记录个别教育。")
    s = lock_supervisee_for_user(actor, supervisee.pk, status=Status.UNDER_CORRECTION)
    if s is None:
        raise EducationError("只能为本辖区在矫的社区矫正对象记录个别教育。")
    if session.held_on > timezone.localdate():
        raise EducationError("个别教育的日期不能晚于今天。", "held_on")
    _check_day(session.held_on)
    session.kind = EducationSession.Kind.INDIVIDUAL
    session.office_id = s.judicial_office_id
    session.for_minors = s.is_minor
    session.recorded_by = actor
    session.save()
    Attendance.objects.create(session=session, supervisee=s, present=True)
    return session


@transaction.atomic
def service_create(*, actor, activity: CommunityService, office: Unit | None = None) -> CommunityService:
    """A public-benefit activity from an unsaved instance (the form's), organised by `office`."""
    _check_day(activity.held_on)
    activity.office = _my_office(actor, office)
    activity.recorded_by = actor
    activity.save()
    return activity


def _activity_for_writing(actor, activity: CommunityService) -> CommunityService:
    locked = CommunityService.objects.select_for_update().select_related("office").get(pk=activity.pk)
    _my_office(actor, locked.office)
    return locked


@transaction.atomic
def service_enrol(*, actor, activity: CommunityService, people: list[Supervisee]) -> int:
    """Sign people up; refuses the lot, naming each person who may not take part and why (capacity, age and health
    against the demand, minors apart from adults). Returns how many were signed up."""
    return _service_take(_activity_for_writing(actor, activity), people)


def _service_take(activity: CommunityService, people: list[Supervisee]) -> int:
    if not people:
        raise EducationError("请选择参加公益活动的矫正对象。", "people")
    taken = activity.attendances.count()
    if taken + len(people) > activity.capacity:
        room = activity.capacity - taken
        raise EducationError(
            f"本次活动人数上限{activity.capacity}人，已报名{taken}人，最多还能报名{room}人。", "people"
        )
    allowed = set(service_candidates(activity).filter(pk__in=[p.pk for p in people]).values_list("pk", flat=True))
    refused = []
    for p in people:
        if p.pk in allowed:
            continue
        apart, fit = apart_decision(p, activity), fit_decision(p, activity)
        if not apart.outcome:
            refused.append(f"{p.name}：{apart.reasons[-1]}（{apart.articles[0]}）")
        elif not fit.outcome:
            refused.append(f"{p.name}：{'，'.join(fit.reasons[1:-1])}（{fit.articles[0]}、{fit.articles[1]}）")
        elif p.judicial_office_id != activity.office_id or p.status != Status.UNDER_CORRECTION:
            refused.append(f"{p.name}：不是{activity.office.name}在矫的社区矫正对象")
        else:
            refused.append(f"{p.name}：已报名")
    if refused:
        raise EducationError("以下人员不能参加本次公益活动：" + "；".join(refused), "people")
    ServiceAttendance.objects.bulk_create(ServiceAttendance(activity=activity, supervisee=p) for p in people)
    return len(people)


@transaction.atomic
def signup_own(*, user, kind: str, pk: int) -> str:
    """The person signs up on the phone for a group session ("session") or an activity ("service") of their office
    that has not yet taken place, under the same rules as the office's enrolment. Returns its name."""
    s = getattr(user, "supervisee", None)
    person = Supervisee.objects.select_for_update().filter(pk=getattr(s, "pk", None)).first()
    if person is None or person.status != Status.UNDER_CORRECTION:
        raise EducationError("只有在矫的社区矫正对象可以报名。")
    model = {"session": EducationSession, "service": CommunityService}.get(kind)
    found = model.objects.select_for_update() if model else None
    event = found.filter(pk=pk, office_id=person.judicial_office_id).first() if found is not None else None
    if event is None or getattr(event, "kind", EducationSession.Kind.GROUP) != EducationSession.Kind.GROUP:
        raise EducationError("没有找到可以报名的教育或活动，请刷新页面。")
    if event.held_on < timezone.localdate():
        raise EducationError("该教育或活动已经举行，不能报名。")
    try:
        (_session_take if kind == "session" else _service_take)(event, [person])
    except EducationError as error:
        raise EducationError(error.message.replace("以下人员不能参加", "您不能参加")) from None
    return getattr(event, "topic", None) or event.title


@transaction.atomic
def service_roll_call(*, actor, activity: CommunityService, present: set[int], notes: dict[int, str]) -> None:
    _roll_call(_activity_for_writing(actor, activity), ServiceAttendance, present, notes)


REPORT_MIN_CHARS = 20
REPORT_MAX_CHARS = 2000


@transaction.atomic
def report_submit_own(*, user, content: str) -> PersonalReport:
    """The person's written report (思想汇报) from the phone."""
    s = getattr(user, "supervisee", None)
    person = Supervisee.objects.select_for_update().filter(pk=getattr(s, "pk", None)).first()
    if person is None or person.status != Status.UNDER_CORRECTION:
        raise EducationError("只有在矫的社区矫正对象可以提交思想汇报。")
    content = (content or "").strip()
    if len(content) < REPORT_MIN_CHARS:
        raise EducationError(f"汇报内容至少{REPORT_MIN_CHARS}个字，请写明近期思想、工作和生活情况。", "content")
    if len(content) > REPORT_MAX_CHARS:
        raise EducationError(f"汇报内容不能超过{REPORT_MAX_CHARS}个字。", "content")
    return PersonalReport.objects.create(supervisee=person, content=content)


@transaction.atomic
def report_read(*, actor, supervisee: Supervisee, report_id: int, reply: str, occasion: str = "") -> PersonalReport:
    """The office reads a report of a person in its jurisdiction and may reply (阅示); a report that shows an occasion
    for the mentor's visit (五必访, e.g. ideological fluctuation) records it (`occasion`)."""
    if not has_capability(actor, Capability.EDUCATION_RECORD):
        raise EducationError("您无权阅示思想汇报。")
    s = lock_supervisee_for_user(actor, supervisee.pk)
    report = PersonalReport.objects.select_for_update().filter(pk=report_id, supervisee=s).first() if s else None
    if report is None:
        raise EducationError("没有找到该思想汇报。")
    report.read_by, report.read_at, report.reply = actor, timezone.now(), (reply or "").strip()[:300]
    report.save(update_fields=["read_by", "read_at", "reply"])
    if occasion:
        mentoring.trigger_record(
            actor=actor,
            supervisee=s,
            occasion=occasion,
            source="report",
            detail=f"思想汇报（{timezone.localtime(report.submitted_at):%Y-%m-%d}）反映：{report.content}"[:300],
            known_on=timezone.localdate(),
        )
    return report


@transaction.atomic
def service_helpers_set(*, actor, activity: CommunityService, users: list) -> int:
    """Who helps run an activity (volunteers and social workers of its office); replaces the list. Returns its size."""
    locked = _activity_for_writing(actor, activity)
    if locked.held_on < timezone.localdate():
        raise EducationError("活动已经举行，不能再调整协助人员。", "users")
    allowed = set(helper_candidates(locked).values_list("pk", flat=True))
    refused = [u.full_name for u in users if u.pk not in allowed]
    if refused:
        raise EducationError("只能安排本所的志愿者和社会工作者协助：" + "、".join(refused), "users")
    chosen = {u.pk for u in users}
    current = dict(locked.helpers.values_list("user_id", "pk"))
    gone = [pk for user_id, pk in current.items() if user_id not in chosen]
    ServiceHelper.objects.filter(pk__in=gone).delete()
    added = ServiceHelper.objects.bulk_create(
        ServiceHelper(activity=locked, user_id=pk, added_by=actor) for pk in chosen - set(current)
    )
    inbox_refresh(area=AREA, ids=gone + [h.pk for h in added])
    return len(chosen)


@transaction.atomic
def session_checkin_attendance(*, actor, session: EducationSession) -> int:
    """Mark present the enrolled people not yet called whose phone check-in on the session's day was at the venue
    (EDUCATION_VENUE_CHECKIN); the rest stay for the roll call. Returns how many were marked."""
    locked = _session_for_writing(actor, session)
    if not locked.has_venue:
        raise EducationError("本次教育未设置会场位置，请点名登记到场情况。")
    if locked.held_on > timezone.localdate():
        raise EducationError("尚未举行，举行当日起方可按现场签到登记。")
    waiting = {a.supervisee_id: a for a in locked.attendances.select_for_update().filter(present__isnull=True)}
    checkins = counted_checkins().filter(supervisee_id__in=list(waiting), checked_on=locked.held_on)
    ctx = statute_context()
    marked = []
    for c in checkins.order_by("checked_at", "id"):
        a = waiting.get(c.supervisee_id)
        if a is None or a.present:
            continue
        metres = round(distance_km(c.latitude, c.longitude, locked.venue_latitude, locked.venue_longitude) * 1000)
        decision = RULES[VENUE_RULE](ctx, distance_m=metres, accuracy_m=c.accuracy, day=locked.held_on)
        if decision.outcome:
            a.present, a.note = True, f"现场签到{timezone.localtime(c.checked_at):%H:%M}，距会场{metres}米"
            marked.append(a)
    Attendance.objects.bulk_update(marked, ["present", "note"])
    return len(marked)
