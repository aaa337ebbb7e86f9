"""The enforcement area's lines of the standard statistics (statistics.registry): commendations, admonitions and
warnings decided within the period."""

from datetime import date

from sqjz.enforcement.models import Measure
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic


def _decided(offices: list[int], start: date, end: date, kind: str) -> dict[int, int]:
    rows = Measure.objects.filter(
        supervisee__judicial_office_id__in=offices,
        kind=kind,
        status=Measure.Status.APPROVED,
        decided_on__gte=start,
        decided_on__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


for _order, (_kind, _label) in enumerate(
    ((Measure.Kind.COMMENDATION, "表扬"), (Measure.Kind.ADMONITION, "训诫"), (Measure.Kind.WARNING, "警告"))
):
    register_statistic(
        Statistic(
            name=f"measure_{_kind}",
            label=_label,
            section="考核奖惩",
            kind=FLOW,
            definition=f"县级社区矫正机构决定给予{_label}、决定日期在统计期内的件数（奖惩决定，不含不予决定的）。",
            compute=lambda offices, start, end, k=_kind: _decided(offices, start, end, k),
            order=_order,
        )
    )
