"""Writes of leading groups' and liaison meetings, each one transaction (decision 0047). Who writes:
LEADERSHIP_MANAGE (a county agency's officers and head for their county, the city agency's officers for the city),
for the meetings their own agency keeps.

- A meeting is recorded once held (its day not in the future, a year back at most), with its attendance (at least one
  person present) and its decisions (at least one).
- A follow-up task belongs to a decision of the meeting, with a responsible department and a due day not before the
  meeting; it is marked done with the day (not before the meeting, not in the future) and its outcome.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.inbox.services import inbox_refresh
from sqjz.leadership.models import Attendance, Decision, FollowUpTask, Meeting
from sqjz.leadership.selectors import keeper_area

AREA = "leadership"  # the inbox area of the to-do leadership_task (duties.py)
PAST_DAYS = 366  # a meeting is recorded within a year of being held (older: a typing error)
MAX_LINES = 100


class LeadershipError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


@dataclass(frozen=True)
class Attendee:
    name: str
    unit_name: str
    post: str
    present: bool = True
    absence_reason: str = ""


def parse_attendance(text: str) -> list[Attendee]:
    """One person a line: "姓名 单位 职务", and for an absent person "姓名 单位 职务 缺席 原因"; fields separated by
    spaces. A bad line is refused naming its number."""
    people = []
    lines = [line.strip() for line in (text or "").replace("\u3000", " ").splitlines()]
    for number, line in enumerate(lines, start=1):
        if not line:
            continue
        parts = line.split()
        if len(parts) < 3:
            raise LeadershipError(f"参会人员第{number}行：请按“姓名 单位 职务”填写，用空格分开。", "attendance")
        name, unit_name, post, rest = parts[0], parts[1], parts[2], parts[3:]
        present, reason = True, ""
        if rest:
            head = rest[0]
            if not head.startswith("缺席"):
                raise LeadershipError(f"参会人员第{number}行：职务后只能写“缺席 原因”（如：缺席 出差）。", "attendance")
            reason = " ".join([head[2:].lstrip("：:"), *rest[1:]]).strip()
            if not reason:
                raise LeadershipError(f"参会人员第{number}行：请写明缺席原因。", "attendance")
            present = False
        if len(name) > 50 or len(unit_name) > 100 or len(post) > 50 or len(reason) > 100:
            raise LeadershipError(f"参会人员第{number}行过长，请核对。", "attendance")
        people.append(Attendee(name, unit_name, post, present, reason))
    if not people:
        raise LeadershipError("请填写参会人员。", "attendance")
    if len(people) > MAX_LINES:
        raise LeadershipError(f"参会人员不能超过{MAX_LINES}人。", "attendance")
    if not any(p.present for p in people):
        raise LeadershipError("至少应有一人出席。", "attendance")
    return people


def parse_decisions(text: str) -> list[str]:
    decisions = [line.strip() for line in (text or "").splitlines() if line.strip()]
    if not decisions:
        raise LeadershipError("请填写会议议定事项，每行一项。", "decisions")
    for number, line in enumerate(decisions, start=1):
        if len(line) > 500:
            raise LeadershipError(f"议定事项第{number}项超过500字，请分成几项。", "decisions")
    if len(decisions) > MAX_LINES:
        raise LeadershipError(f"议定事项不能超过{MAX_LINES}项。", "decisions")
    return decisions


def _area(actor) -> int | None:
    keeps, county = keeper_area(actor)
    if not keeps:
        raise LeadershipError("您无权记录领导小组和联席会议。")
    return county


@transaction.atomic
def meeting_create(*, actor, meeting: Meeting, attendance: str, decisions: str) -> Meeting:
    """A meeting held, kept by the actor's agency, with its attendance lines and decisions (one a line)."""
    county = _area(actor)
    today = timezone.localdate()
    if meeting.kind not in Meeting.Kind.values:
        raise LeadershipError("请选择会议类型。", "kind")
    if meeting.held_on is None:
        raise LeadershipError("请填写会议日期。", "held_on")
    if meeting.held_on > today:
        raise LeadershipError("会议日期不能晚于今天：会议召开后再记录。", "held_on")
    if meeting.held_on < today - timedelta(days=PAST_DAYS):
        raise LeadershipError("会议日期不能早于一年前，请核对。", "held_on")
    for field, label in (("place", "地点"), ("chaired_by", "主持人"), ("topics", "会议议题")):
        value = (getattr(meeting, field) or "").strip()
        if not value:
            raise LeadershipError(f"请填写{label}。", field)
        setattr(meeting, field, value)
    people = parse_attendance(attendance)
    texts = parse_decisions(decisions)
    meeting.unit_id, meeting.county_id, meeting.recorded_by = actor.unit_id, county, actor
    meeting.save()
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            name=p.name,
            unit_name=p.unit_name,
            post=p.post,
            present=p.present,
            absence_reason=p.absence_reason,
        )
        for p in people
    )
    Decision.objects.bulk_create(Decision(meeting=meeting, number=i, text=t) for i, t in enumerate(texts, start=1))
    return meeting


def _writable_meeting(actor, meeting_id: int) -> Meeting:
    county = _area(actor)
    locked = Meeting.objects.select_for_update().filter(pk=meeting_id).first()
    if locked is None or locked.county_id != county:
        raise LeadershipError("只能处理本单位记录的会议。")
    return locked


@transaction.atomic
def task_add(*, actor, decision: Decision, task: str, department: str, due_on: date) -> FollowUpTask:
    meeting = _writable_meeting(actor, decision.meeting_id)
    task, department = (task or "").strip(), (department or "").strip()
    if not task:
        raise LeadershipError("请填写任务。", "task")
    if not department:
        raise LeadershipError("请填写责任单位。", "department")
    if due_on < meeting.held_on:
        raise LeadershipError("完成时限不能早于会议日期。", "due_on")
    created = FollowUpTask.objects.create(
        decision=decision, task=task[:300], department=department[:100], due_on=due_on, created_by=actor
    )
    inbox_refresh(area=AREA, ids=[created.pk])
    return created


@transaction.atomic
def task_done(*, actor, task: FollowUpTask, done_on: date, outcome: str) -> FollowUpTask:
    locked = FollowUpTask.objects.select_for_update().select_related("decision").filter(pk=task.pk).first()
    if locked is None:
        raise LeadershipError("没有找到该任务，请刷新页面。")
    meeting = _writable_meeting(actor, locked.decision.meeting_id)
    if locked.done_on is not None:
        raise LeadershipError("该任务已办结。")
    outcome = (outcome or "").strip()
    if not outcome:
        raise LeadershipError("请填写落实情况。", "outcome")
    if done_on > timezone.localdate():
        raise LeadershipError("完成日期不能晚于今天。", "done_on")
    if done_on < meeting.held_on:
        raise LeadershipError("完成日期不能早于会议日期。", "done_on")
    locked.done_on, locked.outcome, locked.done_by = done_on, outcome[:500], actor
    locked.save(update_fields=["done_on", "outcome", "done_by"])
    inbox_refresh(area=AREA, ids=[locked.pk])
    return locked
