"""The assistance area's lines of the standard statistics (statistics.registry): assistance cases opened and
completed within the period."""

from datetime import date

from sqjz.assistance.models import AssistanceCase
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic

OFFICE = "supervisee__judicial_office_id"


def _opened(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = AssistanceCase.objects.filter(
        supervisee__judicial_office_id__in=offices, opened_on__gte=start, opened_on__lte=end
    )
    return count_by_office(rows, OFFICE)


def _completed(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = AssistanceCase.objects.filter(
        supervisee__judicial_office_id__in=offices,
        status=AssistanceCase.Status.COMPLETED,
        outcome_on__gte=start,
        outcome_on__lte=end,
    )
    return count_by_office(rows, OFFICE)


register_statistic(
    Statistic(
        name="assistance_opened",
        label="帮扶立案（件）",
        section="教育帮扶",
        kind=FLOW,
        definition="立案日期在统计期内的帮扶事项件数（就业、救助、社保、法律援助等，一人一事项一件；按矫正对象的负责司法所）。",
        compute=_opened,
        order=10,
    )
)
register_statistic(
    Statistic(
        name="assistance_completed",
        label="帮扶完成（件）",
        section="教育帮扶",
        kind=FLOW,
        definition="状态为已完成、结果日期在统计期内的帮扶事项件数。",
        compute=_completed,
        order=11,
    )
)
