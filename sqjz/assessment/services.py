"""Writes of the quarterly assessment. Each is one transaction; views call only these.

When an assessment may be recorded (a reading of the city's policy 二(一) and rule ASSESSMENT_DUE, documented
here so that it can be changed in one place):

- only for a person under correction, by an officer who may edit the record;
- only for a period of the person's term (ASSESSMENT_DUE, counted from the start of the term), and only once
  the period has ended: the assessment date is on or after the period's assessment day and not in the future;
- in period order: the grades are read in order to find 连续两次良好, so a period may not be skipped and filled
  in later (the consequences stored with later periods would then be wrong); a missed period is assessed
  first, late, from the records of that period;
- once per period (a database constraint backs the check).
"""

import dataclasses

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.assessment.committee_kinds import CONTESTED_GRADE
from sqjz.assessment.models import CommunityRating, QuarterlyAssessment
from sqjz.assessment.selectors import CONSEQUENCES_RULE, Period, assessment_periods, rating_period
from sqjz.committee.services import matter_submit
from sqjz.core.errors import ServiceError
from sqjz.inbox.registry import Scope
from sqjz.inbox.services import inbox_refresh, inbox_refresh_people
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES, Context
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q


class AssessmentError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _period_label(p: Period) -> str:
    return f"第{p.number}期（{cn_date(p.start)}至{cn_date(p.end)}）"


def assessment_derive(
    ctx: Context, s: Supervisee, assessment: QuarterlyAssessment, earlier: list[QuarterlyAssessment]
) -> None:
    """Set the stored consequences of QUARTERLY_GRADE_CONSEQUENCES over the grades of `earlier` (the person's
    assessments of the preceding periods, in order) and of `assessment`. Set here and nowhere else."""
    history = [*earlier, assessment]
    decision = RULES[CONSEQUENCES_RULE](
        ctx,
        grades=[a.grade for a in history],
        correction_type=s.correction_type,
        assessed_on=assessment.assessed_on,
        outstanding_education=assessment.outstanding_education,
        corrected_after_fails=assessment.corrected_after_fails,
    )
    assessment.consequence = dataclasses.asdict(decision.outcome)
    assessment.consequence_facts = {
        "grades": [
            {
                "period": a.period_number,
                "period_end": a.period_end.isoformat(),
                "grade": a.grade,
                "assessed_on": a.assessed_on.isoformat(),
            }
            for a in history
        ],
        "correction_type": s.correction_type,
        "outstanding_education": assessment.outstanding_education,
        "corrected_after_fails": assessment.corrected_after_fails,
        "parameters": [
            {"code": u.code, "value": u.value, "effective_from": u.effective_from.isoformat(), "source": u.source}
            for u in decision.parameters
        ],
    }
    assessment.consequence_rule = decision.rule
    assessment.consequence_articles = "、".join(decision.articles)
    assessment.consequence_reasons = "；".join(decision.reasons)


def _period_to_assess(ctx: Context, s: Supervisee, earlier: list[QuarterlyAssessment], chosen) -> Period:
    """The period the officer chose, if it may be assessed now; otherwise the reason, on the period field."""
    today = timezone.localdate()
    periods = assessment_periods(ctx, term_start=s.term_start, term_end=s.term_end, until=s.term_end)
    period = next((p for p in periods if p.end == chosen), None)
    if period is None:
        raise AssessmentError("所选日期不是该矫正对象的考核日，请从列表中选择考核周期。", "period_end")
    done = {a.period_end: a for a in earlier}
    if period.end in done:
        a = done[period.end]
        raise AssessmentError(
            f"{_period_label(period)}已于{cn_date(a.assessed_on)}考核为“{a.get_grade_display()}”，不能重复考核。",
            "period_end",
        )
    if period.end > today:
        raise AssessmentError(
            f"{_period_label(period)}尚未届满，{cn_date(period.end)}（考核日）起才能考核。", "period_end"
        )
    first_open = next(p for p in periods if p.end not in done)
    if first_open != period:
        raise AssessmentError(
            f"请先考核{_period_label(first_open)}：考核按期次顺序进行，连续两次良好等后果依次认定。", "period_end"
        )
    return period


@transaction.atomic
def assessment_record(*, actor, supervisee: Supervisee, assessment: QuarterlyAssessment) -> QuarterlyAssessment:
    """Record the grade of the next period to assess, with the consequences of all grades so far."""
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, Access.EDIT), pk=supervisee.pk, status=Status.UNDER_CORRECTION)
        .first()
    )
    if s is None:
        raise AssessmentError("您无权为该矫正对象登记考核，或该对象不在矫。")
    ctx = statute_context()
    earlier = list(s.assessments.order_by("period_end"))
    period = _period_to_assess(ctx, s, earlier, assessment.period_end)
    if assessment.assessed_on > timezone.localdate():
        raise AssessmentError("考核日期不能晚于今天。", "assessed_on")
    if assessment.assessed_on < period.end:
        raise AssessmentError(
            f"考核日期不能早于本期考核日{cn_date(period.end)}：考核周期届满后才能考核。", "assessed_on"
        )
    assessment.supervisee, assessment.assessed_by = s, actor
    assessment.period_number, assessment.period_start = period.number, period.start
    assessment_derive(ctx, s, assessment, earlier)
    assessment._history_user = actor
    try:
        with transaction.atomic():
            assessment.save()
    except IntegrityError as error:  # a concurrent save of the same period
        raise AssessmentError(f"{_period_label(period)}已经考核，不能重复考核。", "period_end") from error
    # every area's duties about the person: a grade grounds other areas' to-dos too (e.g. a commendation to propose,
    # the level review), which assessment does not know
    inbox_refresh_people([s.pk])
    return assessment


@transaction.atomic
def assessment_contest(*, actor, supervisee: Supervisee, summary: str):
    """Put the person's objection to their latest grade to the review committee (考核结果异议), with the assessment
    page as its material. Refused when there is no grade yet, or as the committee refuses (CommitteeError)."""
    latest = supervisee.assessments.order_by("-period_end").first()
    if latest is None:
        raise AssessmentError("该矫正对象尚无考核结果，无可提请审议的异议。")
    return matter_submit(
        actor=actor,
        supervisee=supervisee,
        kind=CONTESTED_GRADE.code,
        title=f"第{latest.period_number}期季度考核结果（{latest.get_grade_display()}）异议",
        summary=summary,
        materials=[("季度考核", reverse("assessment:case", args=[supervisee.pk]))],
    )


@transaction.atomic
def rating_save(*, actor, supervisee_id: int, rating: CommunityRating) -> CommunityRating:
    """An evaluator's rating of a person of their village (their jurisdiction) under correction, for the period the
    office assesses next (rating_period); saving again replaces the evaluator's rating of that period."""
    if not has_capability(actor, Capability.COMMUNITY_RATE):
        raise AssessmentError("您不是社区矫正评议员，不能评议。")
    s = Supervisee.objects.select_for_update().filter(jurisdiction_q(actor), pk=supervisee_id).first()
    if s is None or s.status != Status.UNDER_CORRECTION:
        raise AssessmentError("只能评议本村（社区）在矫的社区矫正对象。")
    period = rating_period(statute_context(), s, list(s.assessments.all()), timezone.localdate())
    if period is None:
        raise AssessmentError("该对象矫正期满前已没有需要评议的考核周期。")
    values = {f: getattr(rating, f) for f in ("law_abiding", "compliance", "education", "community_service", "note")}
    saved, _ = CommunityRating.objects.update_or_create(
        supervisee=s, evaluator=actor, period_end=period.end, defaults=values
    )
    inbox_refresh(area="assessment", ids=[actor.pk], scope=Scope.RECORDS)  # the evaluator's own to-do
    return saved
