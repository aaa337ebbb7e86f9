"""The mentoring scheme's to-dos:

- `mentoring_visit`: an open occasion (五必访情形) of a person under correction with a mentor, for the mentor by
  name, due by MENTORING_VISIT_DUE;
- `mentoring_follow_up`: an open occasion the office must follow up: with no mentor paired (at once), or still
  unvisited on the day MENTORING_VISIT_ESCALATION sets (督办);
- `change_report_read`: a change the person reported from the phone, for the office to read (a working reminder: the
  next day; no legal deadline applies).
"""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring.models import ChangeReport, Trigger
from sqjz.mentoring.selectors import escalation, mentors_of, visit_due
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context
from sqjz.supervisees.models import CaseAssignment, Status

AREA = "mentoring"


def _open(ids: list[int] | None):
    triggers = Trigger.objects.filter(visit__isnull=True, supervisee__status=Status.UNDER_CORRECTION)
    triggers = triggers if ids is None else triggers.filter(pk__in=ids)
    return list(triggers.select_related("supervisee").order_by("id"))


def _label(t: Trigger) -> str:
    return f"{t.supervisee.name}：{t.get_occasion_display()}"


def _to_visit(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    triggers = _open(ids)
    mentors = mentors_of([t.supervisee_id for t in triggers])
    for t in triggers:
        pair = mentors.get(t.supervisee_id)
        if pair is None or pair.user.unit_id is None:
            continue
        s = t.supervisee
        yield Due(
            t.pk,
            _label(t),
            visit_due(ctx, t),
            s.judicial_office_id,
            pair.user.unit_id,
            supervisee_id=s.pk,
            actor_user_id=pair.user_id,
        )


def _to_follow_up(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    triggers = _open(ids)
    mentors = mentors_of([t.supervisee_id for t in triggers])
    for t in triggers:
        s = t.supervisee
        if t.supervisee_id not in mentors:
            due = visit_due(ctx, t)
            decision = Decision(
                rule=due.rule,
                outcome=due.outcome,
                articles=due.articles,
                reasons=(*due.reasons, "尚未确定结对干警：请安排结对干警或由司法所走访"),
                facts=due.facts,
                parameters=due.parameters,
            )
        else:
            decision = escalation(ctx, t)
            if today < decision.outcome.due:
                continue
        yield Due(t.pk, _label(t), decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _to_read(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    reports = ChangeReport.objects.filter(read_at__isnull=True, supervisee__status=Status.UNDER_CORRECTION)
    reports = reports if ids is None else reports.filter(pk__in=ids)
    for r in reports.select_related("supervisee"):
        day = timezone.localdate(r.submitted_at) + timedelta(days=1)
        decision = Decision(
            rule="",
            outcome=day,
            articles=(),
            reasons=(f"社区矫正对象报告{r.get_change_display()}，请阅知并核实", "工作提示，非法定期限"),
        )
        s = r.supervisee
        yield Due(
            r.pk,
            f"{s.name}：{r.get_change_display()}",
            decision,
            s.judicial_office_id,
            s.judicial_office_id,
            supervisee_id=s.pk,
        )


def _trigger_url(pk: int) -> str:
    return reverse("mentoring:trigger", args=[pk])


register(
    Duty(
        kind="mentoring_visit",
        label="五必访待走访",
        area=AREA,
        capability=Capability.MENTORING_VISIT,
        scope=Scope.RECORDS,
        compute=_to_visit,
        url=_trigger_url,
    )
)
register(
    Duty(
        kind="mentoring_follow_up",
        label="五必访督办",
        area=AREA,
        capability=Capability.MENTORING_MANAGE,
        scope=Scope.RECORDS,
        compute=_to_follow_up,
        url=_trigger_url,
    )
)
register(
    Duty(
        kind="change_report_read",
        label="变动情况报告待阅",
        area=AREA,
        capability=Capability.MENTORING_MANAGE,
        scope=Scope.RECORDS,
        compute=_to_read,
        url=lambda pk: reverse("mentoring:change", args=[pk]),
    )
)


@receiver(post_save, sender=CaseAssignment)
def _pairing_changed(sender, instance: CaseAssignment, **kwargs) -> None:
    """A mentor paired or unpaired: the person's open occasions go to the mentor now (or to the office) at once."""
    if instance.kind != CaseAssignment.Kind.MENTOR:
        return
    open_ = list(
        Trigger.objects.filter(supervisee_id=instance.supervisee_id, visit__isnull=True).values_list("pk", flat=True)
    )
    if open_:
        inbox_refresh(area=AREA, ids=open_)
