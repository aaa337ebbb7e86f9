"""The supervision area's lines of the standard statistics (statistics.registry): leaves to travel approved, and
electronic monitoring begun, within the period."""

from datetime import date

from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic
from sqjz.supervision.monitoring.models import ElectronicMonitoring
from sqjz.supervision.travel.models import TravelLeave

OFFICE = "supervisee__judicial_office_id"


def _leaves(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = TravelLeave.objects.filter(
        supervisee__judicial_office_id__in=offices,
        status__in=(TravelLeave.Status.APPROVED, TravelLeave.Status.RETURNED),
        decided_at__date__gte=start,
        decided_at__date__lte=end,
    )
    return count_by_office(rows, OFFICE)


def _monitoring(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = ElectronicMonitoring.objects.filter(
        supervisee__judicial_office_id__in=offices,
        status__in=(ElectronicMonitoring.Status.ACTIVE, ElectronicMonitoring.Status.ENDED),
        start__gte=start,
        start__lte=end,
    )
    return count_by_office(rows, OFFICE)


register_statistic(
    Statistic(
        name="travel_leaves_approved",
        label="批准外出（人次）",
        section="监督管理",
        kind=FLOW,
        definition="审批时间在统计期内、予以批准的外出申请件数（含已销假的；外出审批登记，按矫正对象的负责司法所）。",
        compute=_leaves,
        order=10,
    )
)
register_statistic(
    Statistic(
        name="monitoring_started",
        label="电子定位监管（新适用）",
        section="监督管理",
        kind=FLOW,
        definition="起始日期在统计期内、经批准适用（使用中或已解除）的电子定位监管件数。",
        compute=_monitoring,
        order=11,
    )
)
