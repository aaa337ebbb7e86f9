"""Electronic monitoring's to-dos: a proposal awaits the decision of the county justice bureau's head before the day
the device would be used (ELECTRONIC_MONITORING_DECISION_DUE); a period ending within the look-ahead is assessed by
the office, then released or extended (ELECTRONIC_MONITORING_REVIEW); an alert not yet closed is the office's to-do
from the day it was raised (acknowledged, verified, closed with an outcome: decision 0028)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervision.monitoring.models import ElectronicMonitoring, MonitoringAlert

AREA = "monitoring"
S = ElectronicMonitoring.Status


def _monitorings(ids: list[int] | None, **filters):
    found = ElectronicMonitoring.objects.filter(people_q(ids, "supervisee_id"), **filters)
    found = found.select_related("supervisee__judicial_office").order_by()  # see travel.duties on the order
    return sorted(found, key=lambda m: (m.start, m.id), reverse=True)


def _proposed(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for m in _monitorings(ids, status=S.PROPOSED):
        s, office = m.supervisee, m.supervisee.judicial_office
        decision = RULES["ELECTRONIC_MONITORING_DECISION_DUE"](ctx, start=m.start)
        yield Due(s.pk, s.name, decision, office.id, office.parent_id or office.id, supervisee_id=s.pk)


def _ending(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for m in _monitorings(ids, status=S.ACTIVE, end__lte=today + timedelta(days=LOOKAHEAD_DAYS)):
        s = m.supervisee
        decision = RULES["ELECTRONIC_MONITORING_REVIEW"](ctx, end=m.end)
        yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _url(pk: int) -> str:
    return reverse("supervision:monitoring", args=[pk])


register(
    Duty(
        kind="monitoring_approval",
        label="电子定位审批",
        area=AREA,
        capability=Capability.MONITORING_APPROVE,
        scope=Scope.PEOPLE,
        compute=_proposed,
        url=_url,
        actor_label="负责人",
    )
)
register(
    Duty(
        kind="monitoring_expiry",
        label="电子定位期满",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_ending,
        url=_url,
    )
)


ALERT_KIND = "monitoring_alert"


def _alerts(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    found = MonitoringAlert.objects.filter(people_q(ids, "supervisee_id")).exclude(status=MonitoringAlert.Status.CLOSED)
    found = found.select_related("supervisee").only(
        "kind", "status", "raised_at", "supervisee__name", "supervisee__judicial_office_id"
    )
    waiting: dict[int, list[MonitoringAlert]] = {}
    for a in found.order_by("raised_at", "id"):
        waiting.setdefault(a.supervisee_id, []).append(a)
    for alerts in waiting.values():
        first, s = alerts[0], alerts[0].supervisee
        kinds = "、".join(dict.fromkeys(a.get_kind_display() for a in alerts))
        reason = f"{len(alerts)}条电子定位报警待处理（{kinds}），请接收、核实并办结"
        raised = timezone.localtime(first.raised_at).date()
        decision = Decision(rule="", outcome=raised, articles=(), reasons=(reason,))
        yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


register(
    Duty(
        kind=ALERT_KIND,
        label="电子定位报警处置",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_alerts,
        url=_url,
    )
)
