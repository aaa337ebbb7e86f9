"""Supervision's figures per office (loaded by the figures part at start-up)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from sqjz.figures.registry import Figure, register_figure
from sqjz.supervision.checkins.selectors import CHECKIN_FIGURE, CHECKIN_VIEWS, checkin_figures
from sqjz.supervision.monitoring.models import ElectronicMonitoring, MonitoringAlert
from sqjz.supervision.monitoring.selectors import MONITORING_FIGURE

RANK_SCALE = 1_000_000  # missed check-ins awaiting a follow-up first, then today's missing ones

register_figure(
    Figure(
        name=CHECKIN_FIGURE,
        label="手机签到",
        keys=(*CHECKIN_VIEWS, "enrolled"),
        compute=checkin_figures,
        rank=lambda v: v["follow_up"] * RANK_SCALE + v["missing"],
    )
)


def monitoring_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    """People under electronic monitoring now, and alerts not yet closed (待处理, 已接收, 已核实), per office."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    monitored = (
        ElectronicMonitoring.objects.filter(
            supervisee__judicial_office_id__in=offices, status=ElectronicMonitoring.Status.ACTIVE
        )
        .order_by()
        .values_list("supervisee__judicial_office_id")
        .annotate(n=Count("supervisee_id", distinct=True))
    )
    for office, n in monitored:
        counts[office]["monitored"] = n
    alerts = (
        MonitoringAlert.objects.filter(supervisee__judicial_office_id__in=offices)
        .exclude(status=MonitoringAlert.Status.CLOSED)
        .order_by()
        .values_list("supervisee__judicial_office_id")
        .annotate(n=Count("pk"), unread=Count("pk", filter=Q(status=MonitoringAlert.Status.OPEN)))
    )
    for office, n, unread in alerts:
        counts[office] |= {"alerts": n, "alerts_unread": unread}
    return counts


register_figure(
    Figure(
        name=MONITORING_FIGURE,
        label="电子定位",
        keys=("monitored", "alerts", "alerts_unread"),
        compute=monitoring_counts,
        rank=lambda v: v["alerts_unread"] * RANK_SCALE + v["alerts"],
    )
)
