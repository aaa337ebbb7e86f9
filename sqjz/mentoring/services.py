"""Writes of the mentoring scheme, each one transaction.

- The office records an occasion for a mandatory visit (五必访情形) of a person under correction in its jurisdiction,
  from wherever it learnt of it (its source), known on a day not in the future and within a year.
- The person reports a change from the phone (实施办法, reporting); a change that is an occasion
  (MENTORING_OCCASION_OF_CHANGE) opens one at once, for the mentor to visit. The office reads every report.
- The mentor records a visit to a person paired with them now, on a day not in the future; a visit that answers an
  occasion is made in person (上门走访 or 面对面谈话) and not before the occasion became known.
Each write refreshes the to-dos it changes (the mentor's visit, the office's follow-up).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring.models import ChangeReport, Occasion, Trigger, Visit
from sqjz.mentoring.selectors import mentor_of, occasion_of_change
from sqjz.statute.rules.mentoring import IN_PERSON
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user

AREA = "mentoring"
PAST_DAYS = 366
CHANGE_PAST_DAYS = 90
CONTENT_MIN_CHARS = 10
CONTENT_MAX_CHARS = 1000


class MentoringError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _check_past(day: date | None, field: str, what: str, past_days: int = PAST_DAYS) -> None:
    today = timezone.localdate()
    if day is None:
        raise MentoringError(f"请填写{what}。", field)
    if day > today:
        raise MentoringError(f"{what}不能晚于今天。", field)
    if day < today - timedelta(days=past_days):
        raise MentoringError(f"{what}不能早于{past_days}日前，请核对。", field)


def _refresh(trigger: Trigger | None = None, report: ChangeReport | None = None) -> None:
    if trigger is not None:
        inbox_refresh(area=AREA, ids=[trigger.pk])
    if report is not None:
        inbox_refresh(area=AREA, ids=[report.pk])


@transaction.atomic
def trigger_record(
    *, actor, supervisee: Supervisee, occasion: str, source: str, detail: str, known_on: date
) -> Trigger:
    if not has_capability(actor, Capability.MENTORING_MANAGE):
        raise MentoringError("您无权登记五必访情形。")
    s = lock_supervisee_for_user(actor, supervisee.pk, Access.VIEW, status=Status.UNDER_CORRECTION)
    if s is None:
        raise MentoringError("只能为本辖区在矫的社区矫正对象登记五必访情形。")
    detail = (detail or "").strip()
    if len(detail) < CONTENT_MIN_CHARS:
        raise MentoringError(f"具体情况至少{CONTENT_MIN_CHARS}个字，写明发生了什么、从何得知。", "detail")
    _check_past(known_on, "known_on", "知悉日期")
    return trigger_found(actor=actor, supervisee=s, occasion=occasion, source=source, detail=detail, known_on=known_on)


def trigger_found(*, actor, supervisee: Supervisee, occasion: str, source: str, detail: str, known_on: date) -> Trigger:
    """An occasion found in another area's work (a screening, an assistance case), in that write's transaction: the
    caller's service has already checked the user's right to that work and the person. Refreshes the to-dos."""
    if occasion not in Occasion.values or source not in Trigger.Source.values:
        raise ValueError(f"unknown occasion or source {occasion!r}, {source!r}")
    trigger = Trigger.objects.create(
        supervisee=supervisee,
        occasion=occasion,
        source=source,
        detail=detail[:300],
        known_on=known_on,
        recorded_by=actor,
    )
    _refresh(trigger)
    return trigger


@transaction.atomic
def change_report_own(*, user, change: str, happened_on: date, content: str) -> ChangeReport:
    """The person's report of a change from the phone; returns it (with `trigger` set when it opened an occasion)."""
    own = getattr(user, "supervisee", None)
    person = Supervisee.objects.select_for_update().filter(pk=getattr(own, "pk", None)).first()
    if person is None or person.status != Status.UNDER_CORRECTION:
        raise MentoringError("只有在矫的社区矫正对象可以报告变动情况。")
    if change not in ChangeReport.Change.values:
        raise MentoringError("请选择变动事项。", "change")
    _check_past(happened_on, "happened_on", "发生日期", CHANGE_PAST_DAYS)
    content = (content or "").strip()
    if len(content) < CONTENT_MIN_CHARS:
        raise MentoringError(f"具体情况至少{CONTENT_MIN_CHARS}个字。", "content")
    if len(content) > CONTENT_MAX_CHARS:
        raise MentoringError(f"具体情况不能超过{CONTENT_MAX_CHARS}个字。", "content")
    report = ChangeReport.objects.create(supervisee=person, change=change, happened_on=happened_on, content=content)
    occasion = occasion_of_change(change).outcome
    if occasion is not None:
        report.trigger = Trigger.objects.create(
            supervisee=person,
            occasion=occasion,
            source=Trigger.Source.PHONE,
            detail=f"本人报告{report.get_change_display()}：{content}"[:300],
            known_on=timezone.localdate(),
            change_report=report,
            recorded_by=user,
        )
        _refresh(trigger=report.trigger)
    _refresh(report=report)
    return report


@transaction.atomic
def change_report_read(*, actor, supervisee: Supervisee, report_id: int) -> ChangeReport:
    if not has_capability(actor, Capability.MENTORING_MANAGE):
        raise MentoringError("您无权阅知变动情况报告。")
    s = lock_supervisee_for_user(actor, supervisee.pk, Access.VIEW)
    report = ChangeReport.objects.select_for_update().filter(pk=report_id, supervisee=s).first() if s else None
    if report is None:
        raise MentoringError("没有找到该变动情况报告。")
    if report.read_at is None:
        report.read_by, report.read_at = actor, timezone.now()
        report.save(update_fields=["read_by", "read_at"])
        _refresh(report=report)
    return report


@transaction.atomic
def visit_record(*, actor, supervisee: Supervisee, visit: Visit, trigger_id: int | None = None) -> Visit:
    """A visit of the mentor (`actor`) to a person paired with them now, from an unsaved instance (the form's),
    answering the occasion `trigger_id` when given."""
    if not has_capability(actor, Capability.MENTORING_VISIT):
        raise MentoringError("只有结对干警可以登记帮教走访。")
    s = lock_supervisee_for_user(actor, supervisee.pk, Access.VIEW, status=Status.UNDER_CORRECTION)
    pair = mentor_of(s) if s else None
    if s is None or pair is None or pair.user_id != actor.pk:
        raise MentoringError("只能登记对本人结对帮教的在矫对象的走访。")
    _check_past(visit.visited_on, "visited_on", "走访日期")
    if len((visit.findings or "").strip()) < CONTENT_MIN_CHARS:
        raise MentoringError(f"了解到的情况至少{CONTENT_MIN_CHARS}个字。", "findings")
    trigger = None
    if trigger_id is not None:
        trigger = Trigger.objects.select_for_update().filter(pk=trigger_id, supervisee=s).first()
        if trigger is None:
            raise MentoringError("没有找到该五必访情形，请刷新页面。")
        if Visit.objects.filter(trigger=trigger).exists():
            raise MentoringError("该五必访情形已经走访。")
        if visit.manner not in IN_PERSON:
            raise MentoringError("五必访应当上门走访或者面对面谈话，电话联系不能代替走访。", "manner")
        if visit.visited_on < trigger.known_on:
            raise MentoringError(f"走访日期不能早于知悉情形的日期（{trigger.known_on:%Y-%m-%d}）。", "visited_on")
    visit.supervisee, visit.mentor, visit.trigger = s, actor, trigger
    visit.save()
    if trigger is not None:
        _refresh(trigger)
    return visit
