"""The education area's lines of the standard statistics (statistics.registry): group and individual education,
attendance, and community service within the period."""

from datetime import date

from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic

GROUP, INDIVIDUAL = EducationSession.Kind.GROUP, EducationSession.Kind.INDIVIDUAL


def _sessions(offices: list[int], start: date, end: date, kind: str) -> dict[int, int]:
    rows = EducationSession.objects.filter(office_id__in=offices, kind=kind, held_on__gte=start, held_on__lte=end)
    return count_by_office(rows, "office_id")


def _attendances(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = Attendance.objects.filter(
        supervisee__judicial_office_id__in=offices,
        present=True,
        session__kind=GROUP,
        session__held_on__gte=start,
        session__held_on__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


def _services(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = CommunityService.objects.filter(office_id__in=offices, held_on__gte=start, held_on__lte=end)
    return count_by_office(rows, "office_id")


def _service_attendances(offices: list[int], start: date, end: date) -> dict[int, int]:
    rows = ServiceAttendance.objects.filter(
        supervisee__judicial_office_id__in=offices,
        present=True,
        activity__held_on__gte=start,
        activity__held_on__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


LINES = (
    (
        "education_group_sessions",
        "集中教育（场次）",
        lambda o, s, e: _sessions(o, s, e, GROUP),
        "日期在统计期内的集中教育场次（教育学习登记，按组织单位）。",
    ),
    (
        "education_group_attendances",
        "集中教育（人次）",
        _attendances,
        "日期在统计期内的集中教育中点名为到场的人次（按矫正对象的负责司法所；未点名、缺席的不计）。",
    ),
    (
        "education_individual_sessions",
        "个别教育（次）",
        lambda o, s, e: _sessions(o, s, e, INDIVIDUAL),
        "日期在统计期内的个别教育次数（教育学习登记，按组织单位）。",
    ),
    ("community_services", "公益活动（场次）", _services, "日期在统计期内的公益活动场次（公益活动登记，按组织单位）。"),
    (
        "community_service_attendances",
        "公益活动（人次）",
        _service_attendances,
        "日期在统计期内的公益活动中点名为到场的人次（按矫正对象的负责司法所）。",
    ),
)

for _order, (_name, _label, _count, _definition) in enumerate(LINES):
    register_statistic(
        Statistic(
            name=_name,
            label=_label,
            section="教育帮扶",
            kind=FLOW,
            definition=_definition,
            compute=_count,
            order=_order,
        )
    )
