"""Demo monthly health reports (实施办法第二十四条): a 玉兴 person serving a sentence outside prison reported last
month's physical condition from the phone, read by 李娜; this month's is not yet due, and appears in her to-dos when it
is."""

from datetime import date

from django.utils import timezone

from sqjz.statute.calendar import add_months
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from sqjz.supervision.medical.models import HealthReport

YUXING = "530402001"


def seed_health_reports(*, today: date, users: dict) -> None:
    lina = users.get("lina")
    if lina is None or HealthReport.objects.exists():
        return
    person = (
        Supervisee.objects.filter(
            judicial_office__division__code=YUXING,
            status=Status.UNDER_CORRECTION,
            correction_type=CorrectionType.TEMPORARY_RELEASE,
            term_start__lt=add_months(today.replace(day=1), -1),
        )
        .order_by("id")
        .first()
    )
    if person is None:
        return
    HealthReport.objects.create(
        supervisee=person,
        month=add_months(today.replace(day=1), -1),
        condition="病情稳定，按医嘱服药，饮食睡眠正常，生活能够自理。",
        treatment="上月中旬到市人民医院门诊复诊一次，复查指标正常。",
        read_by=lina,
        read_at=timezone.now(),
    )
