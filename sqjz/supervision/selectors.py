"""Reads of supervision records that other areas use as evidence (e.g. enforcement's facts): never writes, never
imports those areas."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.text import cn_date
from sqjz.supervision.models import CheckInFollowUp, MonitoringAlert, ResidenceTransfer, TravelLeave


@dataclass(frozen=True)
class RecordBreach:
    """A breach the person's own records show: `ref` identifies the record ("kind:id"), `source` is "checkin",
    "travel", "monitoring" or "transfer", `occurred_on` the day it happened, `text` what it was in the officer's
    words."""

    ref: str
    source: str
    occurred_on: date
    text: str


def record_breaches(supervisee_id: int) -> list[RecordBreach]:
    """Missed check-ins (as their follow-ups found them), travel overstays (销假 after the leave's last day),
    electronic-monitoring alerts the office closed as a confirmed breach, and a report-in at the new office after a
    change of the place of execution within the city later than TRANSFER_REPORT_IN_DEADLINE (or still missing),
    newest first. Four queries."""
    found: list[RecordBreach] = []
    for f in CheckInFollowUp.objects.filter(supervisee_id=supervisee_id).order_by("-followed_up_on", "-id")[:50]:
        reached = "已联系上本人" if f.reached else "未能联系上本人"
        found.append(
            RecordBreach(
                f"checkin_follow_up:{f.pk}",
                "checkin",
                f.followed_up_on,
                f"未按要求签到，{f.get_method_display()}核实，{reached}：{f.finding[:60]}",
            )
        )
    for leave in TravelLeave.objects.filter(supervisee_id=supervisee_id, returned_on__isnull=False).order_by("-start")[
        :50
    ]:
        last_day = leave.start + timedelta(days=leave.days - 1)
        if leave.returned_on > last_day:
            found.append(
                RecordBreach(
                    f"travel_leave:{leave.pk}",
                    "travel",
                    leave.returned_on,
                    f"外出至{leave.destination}，应于{cn_date(last_day)}返回，{cn_date(leave.returned_on)}销假，"
                    f"逾期{(leave.returned_on - last_day).days}日",
                )
            )
    alerts = MonitoringAlert.objects.filter(supervisee_id=supervisee_id, outcome=MonitoringAlert.Outcome.BREACH)
    for a in alerts.order_by("-occurred_at")[:50]:
        at = timezone.localtime(a.occurred_at)
        found.append(
            RecordBreach(
                f"monitoring_alert:{a.pk}",
                "monitoring",
                at.date(),
                f"电子定位报警（{a.get_kind_display()}，{at:%H:%M}）经核实确认违规：{a.finding[:60]}",
            )
        )
    found.extend(_late_transfer_report_ins(supervisee_id))
    return sorted(found, key=lambda b: b.occurred_on, reverse=True)


def _late_transfer_report_ins(supervisee_id: int) -> list[RecordBreach]:
    S = ResidenceTransfer.Status
    transfers = ResidenceTransfer.objects.filter(
        supervisee_id=supervisee_id, status__in=(S.APPROVED, S.COMPLETED), to_office__isnull=False
    ).select_related("to_office")
    today, ctx, found = timezone.localdate(), None, []
    for t in transfers.order_by("-decided_on")[:20]:
        ctx = ctx or statute_context()
        due = RULES["TRANSFER_REPORT_IN_DEADLINE"](ctx, decision_received=t.decided_on).outcome.due
        should = f"变更执行地后应于{cn_date(due)}前到{t.to_office.name}报到"
        if t.status == S.COMPLETED and t.completed_on > due:
            late = (t.completed_on - due).days
            text = f"{should}，{cn_date(t.completed_on)}报到，逾期{late}日"
            found.append(RecordBreach(f"residence_transfer:{t.pk}", "transfer", t.completed_on, text))
        elif t.status == S.APPROVED and today > due:
            text = f"{should}，至{cn_date(today)}仍未报到，已逾期{(today - due).days}日"
            found.append(RecordBreach(f"residence_transfer:{t.pk}", "transfer", due + timedelta(days=1), text))
    return found
