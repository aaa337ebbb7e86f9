"""The lost-contact area's lines of the standard statistics (statistics.registry): searches opened within the
period, and those still open on its last day."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from sqjz.lostcontact.models import LostContact
from sqjz.statistics.registry import FLOW, STOCK, Statistic, count_by_office, register_statistic

OFFICE = "supervisee__judicial_office_id"


def _opened(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = LostContact.objects.filter(
        supervisee__judicial_office_id__in=offices, opened_on__gte=start, opened_on__lte=end
    )
    return count_by_office(rows, OFFICE)


def _open_on(offices: list[int], start: date, end: date) -> dict[int, int]:
    next_day = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min))
    rows = LostContact.objects.filter(supervisee__judicial_office_id__in=offices, opened_on__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=next_day)
    )
    return count_by_office(rows, OFFICE)


register_statistic(
    Statistic(
        name="lost_contact_opened",
        label="脱管、失去联系（新发生）",
        section="监督管理",
        kind=FLOW,
        definition="启动查找日期在统计期内的失联查找记录数（失去联系查找登记，按矫正对象的负责司法所）。",
        compute=_opened,
        order=0,
    )
)
register_statistic(
    Statistic(
        name="lost_contact_open",
        label="期末仍失去联系",
        section="监督管理",
        kind=STOCK,
        definition="统计期末日已启动查找、当日尚未结案（结案时间晚于该日或未结案）的失联查找记录数。",
        compute=_open_on,
        order=1,
    )
)
