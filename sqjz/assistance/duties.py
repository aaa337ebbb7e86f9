"""Assistance to-dos (working deadlines, LOCAL parameters; no legal deadline applies):

- `assistance_assessment`: a person under correction who reported in and has no needs assessment, for the office (and
  the social workers assigned to the person), due ASSISTANCE_ASSESSMENT_DUE after the report-in;
- `assistance_follow_up`: a referred case without an outcome, due ASSISTANCE_REFERRAL_FOLLOW_UP after its latest step
  (the referral or a later one), shown from the inbox's look-ahead before that day: for the social worker handling the
  case by name, otherwise for the office.
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, Max, OuterRef
from django.urls import reverse

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability
from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.assistance.selectors import ASSESSMENT_RULE, FOLLOW_UP_RULE
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.intake.selectors import report_in_days
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "assistance"


def _to_assess(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    assessed = NeedsAssessment.objects.filter(supervisee_id=OuterRef("pk"))
    people = {
        s.pk: s
        for s in Supervisee.objects.filter(people_q(ids), status=Status.UNDER_CORRECTION)
        .exclude(Exists(assessed))
        .only("id", "name", "judicial_office_id")
    }
    for pk, reported_on in report_in_days(people).items():
        s = people[pk]
        decision = RULES[ASSESSMENT_RULE](ctx, reported_on=reported_on)
        yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _to_follow_up(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    cases = AssistanceCase.objects.filter(
        status__in=(AssistanceCase.Status.REFERRED, AssistanceCase.Status.IN_PROGRESS),
        supervisee__status=Status.UNDER_CORRECTION,
    )
    cases = cases if ids is None else cases.filter(pk__in=ids)
    cases = cases.annotate(last_step=Max("steps__day")).select_related("supervisee", "handler")
    for case in cases:
        decision = RULES[FOLLOW_UP_RULE](ctx, followed_up_on=case.last_step)
        if decision.outcome.due - timedelta(days=LOOKAHEAD_DAYS) > today:
            continue
        s, handler = case.supervisee, case.handler
        by_name = handler.role == Role.SOCIAL_WORKER and handler.is_active and handler.unit_id is not None
        yield Due(
            case.pk,
            f"{s.name}：{case.get_kind_display()}（{case.get_body_display()}）",
            decision,
            s.judicial_office_id,
            handler.unit_id if by_name else s.judicial_office_id,
            supervisee_id=s.pk,
            actor_user_id=handler.pk if by_name else None,
        )


register(
    Duty(
        kind="assistance_assessment",
        label="帮扶需求评估",
        area=AREA,
        capability=Capability.ASSISTANCE_RECORD,
        scope=Scope.PEOPLE,
        compute=_to_assess,
        url=lambda pk: reverse("assistance:person", args=[pk]),
    )
)
register(
    Duty(
        kind="assistance_follow_up",
        label="帮扶转介跟进",
        area=AREA,
        capability=Capability.ASSISTANCE_RECORD,
        scope=Scope.RECORDS,
        compute=_to_follow_up,
        url=lambda pk: reverse("assistance:case", args=[pk]),
    )
)
