"""The intake area's line of the standard statistics (statistics.registry): the people who reported in."""

from datetime import date

from sqjz.intake.models import Handover
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic


def _reported(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = Handover.objects.filter(
        supervisee__judicial_office_id__in=offices, reported_on__gte=start, reported_on__lte=end
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


def _reported_minors(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = Handover.objects.filter(
        supervisee__judicial_office_id__in=offices,
        supervisee__is_minor=True,
        reported_on__gte=start,
        reported_on__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


register_statistic(
    Statistic(
        name="intake",
        label="新接收入矫",
        section="入矫和解矫",
        kind=FLOW,
        definition="报到日期在统计期内的人数（交付接收中登记的报到，按矫正对象现负责司法所）。",
        compute=_reported,
        order=10,
    )
)
register_statistic(
    Statistic(
        name="intake_minors",
        label="其中：未成年人",
        section="入矫和解矫",
        kind=FLOW,
        definition="新接收入矫中犯罪时未满十八周岁的人数（只计人数）。",
        compute=_reported_minors,
        order=11,
    )
)
