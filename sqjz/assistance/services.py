"""Writes of assistance, each one transaction. Who writes: users with ASSISTANCE_RECORD (the office's officers, the
county agency's staff, and social workers for the people assigned to them), for people under correction whose record
they may see.

- A needs assessment (帮扶需求评估) is recorded on a day not in the future and not before the person's latest one; it
  becomes the one that stands (the first is the intake assessment, later ones follow a change of circumstances), and
  stores what it makes the person eligible for (statute ASSISTANCE_ELIGIBILITY).
- A case is opened for a kind the standing assessment makes the person eligible for, referred to one of the bodies the
  rule names for it, one unfinished case a person and kind; a kind the person is not eligible for is refused with the
  rule's reason and article.
- A case moves only forward (see AssistanceCase), each move a dated step, with a date not before the case's latest
  step and not in the future; notes on an unfinished case are steps too.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.assistance.models import FINISHED, UNFINISHED, AssistanceCase, AssistanceStep, Need, NeedsAssessment
from sqjz.assistance.selectors import eligibility, helpers_of
from sqjz.core.errors import ServiceError
from sqjz.inbox.registry import Scope
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring import services as mentoring
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.rules.assistance import BODIES, KINDS, reason_for
from sqjz.statute.rules.mentoring import HARDSHIP_ASSISTANCE
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user

AREA = "assistance"
PAST_DAYS = 366  # an assessment or a step may be recorded up to a year late, no more (a typing error otherwise)

S = AssistanceCase.Status


class AssistanceError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _person(actor, pk: int) -> Supervisee:
    if not has_capability(actor, Capability.ASSISTANCE_RECORD):
        raise AssistanceError("您无权办理帮扶。")
    s = lock_supervisee_for_user(actor, pk, Access.VIEW, status=Status.UNDER_CORRECTION)
    if s is None:
        raise AssistanceError("只能为本辖区（或分派给您的）在矫社区矫正对象办理帮扶。")
    return s


def _check_day(day: date, field: str, earliest: date | None = None, what: str = "") -> None:
    today = timezone.localdate()
    if day > today:
        raise AssistanceError("日期不能晚于今天。", field)
    if day < today - timedelta(days=PAST_DAYS):
        raise AssistanceError("日期不能早于一年前，请核对。", field)
    if earliest is not None and day < earliest:
        raise AssistanceError(f"日期不能早于{what}（{cn_date(earliest)}）。", field)


def _refresh(s: Supervisee, case: AssistanceCase | None = None) -> None:
    inbox_refresh(area=AREA, ids=[s.pk], scope=Scope.PEOPLE)
    if case is not None:
        inbox_refresh(area=AREA, ids=[case.pk], scope=Scope.RECORDS)


@transaction.atomic
def assessment_record(*, actor, supervisee: Supervisee, assessment: NeedsAssessment) -> NeedsAssessment:
    """A needs assessment from an unsaved instance (the form's); it replaces the person's standing one."""
    s = _person(actor, supervisee.pk)
    latest = s.needs_assessments.filter(current=True).first()
    _check_day(assessment.assessed_on, "assessed_on", latest.assessed_on if latest else None, "上次评估日期")
    decision = eligibility(s, assessment)
    if latest is not None:
        latest.current = False
        latest.save(update_fields=["current"])
    assessment.supervisee = s
    assessment.occasion = NeedsAssessment.Occasion.CHANGE if latest else NeedsAssessment.Occasion.INTAKE
    assessment.current = True
    assessment.rule = decision.rule
    assessment.articles = "、".join(decision.articles)[:300]
    assessment.reasons = "\n".join(decision.reasons)
    assessment.recorded_by = actor
    assessment.save()
    Need.objects.bulk_create(Need(assessment=assessment, kind=k, bodies=b) for k, b in decision.outcome.items())
    _refresh(s)
    return assessment


@transaction.atomic
def case_open(
    *, actor, supervisee: Supervisee, kind: str, body: str, opened_on: date, note: str, handler=None
) -> AssistanceCase:
    """Open a case of `kind`, to be referred to `body`, handled by `handler` (the actor, or a social worker assigned
    to the person); refused, with the rule's reason, where the standing assessment does not make the person
    eligible."""
    s = _person(actor, supervisee.pk)
    if kind not in KINDS:
        raise AssistanceError("请选择帮扶事项。", "kind")
    assessment = s.needs_assessments.filter(current=True).first()
    if assessment is None:
        raise AssistanceError("尚未进行帮扶需求评估，请先评估。", "kind")
    need = assessment.needs.filter(kind=kind).first()
    if need is None:
        decision = eligibility(s, assessment, statute_context())
        raise AssistanceError(f"按{cn_date(assessment.assessed_on)}的需求评估，{reason_for(decision, kind)}。", "kind")
    if body not in need.bodies:
        offered = "、".join(BODIES[b] for b in need.bodies)
        raise AssistanceError(f"{KINDS[kind].label}由{offered}负责，请从中选择。", "body")
    if s.assistance_cases.filter(kind=kind, status__in=UNFINISHED).exists():
        raise AssistanceError(f"已有尚未办结的{KINDS[kind].label}帮扶，请在该个案中登记进展。", "kind")
    _check_day(opened_on, "opened_on", assessment.assessed_on, "需求评估日期")
    handler = handler or actor
    if handler != actor and handler not in helpers_of(s):
        raise AssistanceError("承办人应为本人或分派给该对象的社会工作者。", "handler")
    case = AssistanceCase.objects.create(
        supervisee=s,
        assessment=assessment,
        kind=kind,
        body=body,
        opened_on=opened_on,
        handler=handler,
        opened_by=actor,
    )
    text = f"立案：{KINDS[kind].label}，拟转介{BODIES[body]}" + (f"。{note}" if note else "")
    AssistanceStep.objects.create(case=case, day=opened_on, status=S.OPEN, note=text[:300], recorded_by=actor)
    _refresh(s, case)
    if kind in HARDSHIP_ASSISTANCE:  # living difficulty: an occasion for the mentor's visit (五必访)
        mentoring.trigger_found(
            actor=actor,
            supervisee=s,
            occasion="hardship",
            source="assistance",
            detail=text,
            known_on=opened_on,
        )
    return case


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple[str, ...]  # the states it may be taken from
    target: str  # the state it moves the case to; "" for a note


ACTIONS = {
    "note": Action("登记进展", UNFINISHED, ""),
    "refer": Action("转介负责部门", (S.OPEN,), S.REFERRED),
    "start": Action("开始帮扶", (S.REFERRED,), S.IN_PROGRESS),
    "complete": Action("帮扶完成", (S.REFERRED, S.IN_PROGRESS), S.COMPLETED),
    "not_granted": Action("未获批准", (S.REFERRED, S.IN_PROGRESS), S.NOT_GRANTED),
    "decline": Action("本人放弃", UNFINISHED, S.DECLINED),
}


def actions_for(case: AssistanceCase) -> list[tuple[str, str]]:
    """The actions the case's state allows, as (code, label)."""
    return [(code, a.label) for code, a in ACTIONS.items() if case.status in a.sources]


@transaction.atomic
def case_step(*, actor, case: AssistanceCase, action: str, day: date, note: str) -> AssistanceCase:
    """Record a step on a case: a note, or a move forward (the referral, the start, the outcome)."""
    s = _person(actor, case.supervisee_id)
    locked = AssistanceCase.objects.select_for_update().filter(pk=case.pk, supervisee=s).first()
    if locked is None:
        raise AssistanceError("没有找到该帮扶个案，请刷新页面。")
    step = ACTIONS.get(action)
    if step is None:
        raise AssistanceError("请选择办理事项。", "action")
    if locked.status not in step.sources:
        raise AssistanceError(f"该个案{locked.get_status_display()}，不能{step.label}。", "action")
    note = (note or "").strip()
    if not note:
        raise AssistanceError("请填写帮扶结果。" if step.target in FINISHED else "请填写情况。", "note")
    last = locked.steps.order_by("-day", "-id").values_list("day", flat=True).first() or locked.opened_on
    _check_day(day, "day", last, "该个案上一次登记的日期")
    fields = []
    if step.target:
        locked.status = step.target
        fields.append("status")
    if step.target == S.REFERRED:
        locked.referred_on = day
        fields.append("referred_on")
        note = f"已转介{locked.get_body_display()}：{note}"
    elif step.target == S.IN_PROGRESS:
        locked.started_on = day
        fields.append("started_on")
    elif step.target in FINISHED:
        locked.outcome, locked.outcome_on = note[:300], day
        fields += ["outcome", "outcome_on"]
    if fields:
        locked.save(update_fields=fields)
    AssistanceStep.objects.create(case=locked, day=day, status=step.target, note=note[:300], recorded_by=actor)
    _refresh(s, locked)
    return locked
