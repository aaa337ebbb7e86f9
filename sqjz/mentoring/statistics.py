"""The mentoring area's line of the standard statistics (statistics.registry): mentors' visits within the period."""

from datetime import date

from sqjz.mentoring.models import Visit
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic


def _visits(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = Visit.objects.filter(supervisee__judicial_office_id__in=offices, visited_on__gte=start, visited_on__lte=end)
    return count_by_office(rows, "supervisee__judicial_office_id")


register_statistic(
    Statistic(
        name="mentor_visits",
        label="帮教走访（次）",
        section="教育帮扶",
        kind=FLOW,
        definition="走访日期在统计期内的帮教人员走访次数（帮教走访登记，按矫正对象的负责司法所）。",
        compute=_visits,
        order=20,
    )
)
