"""Writes of medical re-examinations. Each is one transaction; views call only these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.inbox.services import inbox_refresh
from sqjz.statute.calendar import add_months
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from sqjz.supervisees.permissions import lock_supervisee_for_user
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.medical import duties
from sqjz.supervision.medical.models import HealthReport, MedicalExamination


@transaction.atomic
def examination_record(*, actor, supervisee: Supervisee, examination: MedicalExamination) -> MedicalExamination:
    s = lock_supervisee_for_user(actor, supervisee.pk, status=Status.UNDER_CORRECTION)
    if s is None:
        raise SupervisionError("您无权为该矫正对象登记病情复查，或该对象不在矫。")
    if not duties.on_medical_parole(s):
        raise SupervisionError("仅保外就医的暂予监外执行矫正对象需要定期病情复查。")
    if examination.examined_on > timezone.localdate():
        raise SupervisionError("复查日期不能晚于今天。", "examined_on")
    if examination.examined_on < s.term_start:
        raise SupervisionError("复查日期不能早于矫正起始日。", "examined_on")
    examination.supervisee, examination.recorded_by = s, actor
    examination.save()
    inbox_refresh(area=duties.AREA, ids=[s.pk])
    return examination


def report_months(s: Supervisee, today: date) -> list[date]:
    """The months a person may report on today: the current one and the one before, from the term's first month."""
    this = today.replace(day=1)
    last = add_months(this, -1)
    start = s.term_start.replace(day=1) if s.term_start else this
    return [m for m in (this, last) if m >= start]


@transaction.atomic
def health_report_submit_own(*, user, month: date, condition: str, treatment: str) -> HealthReport:
    """The person's monthly report of their physical condition (暂予监外执行, 实施办法第二十四条) from the phone."""
    own = getattr(user, "supervisee", None)
    s = Supervisee.objects.select_for_update().filter(pk=getattr(own, "pk", None)).first()
    if s is None or s.status != Status.UNDER_CORRECTION or s.correction_type != CorrectionType.TEMPORARY_RELEASE:
        raise SupervisionError("只有暂予监外执行的在矫社区矫正对象需要每月报告身体情况。")
    if month not in report_months(s, timezone.localdate()):
        raise SupervisionError("只能报告本月或上月的身体情况。", "month")
    if HealthReport.objects.filter(supervisee=s, month=month).exists():
        raise SupervisionError(f"{month.year}年{month.month}月的身体情况已经报告。", "month")
    condition = (condition or "").strip()
    if len(condition) < 10:
        raise SupervisionError("身体情况至少10个字，写明病情或身体状况。", "condition")
    report = HealthReport.objects.create(
        supervisee=s, month=month, condition=condition, treatment=(treatment or "").strip()
    )
    inbox_refresh(area=duties.AREA, ids=[s.pk])
    return report


@transaction.atomic
def health_report_read(*, actor, supervisee: Supervisee, report_id: int) -> HealthReport:
    s = lock_supervisee_for_user(actor, supervisee.pk)
    report = HealthReport.objects.select_for_update().filter(pk=report_id, supervisee=s).first() if s else None
    if report is None:
        raise SupervisionError("没有找到该身体情况报告。")
    if report.read_at is None:
        report.read_by, report.read_at = actor, timezone.now()
        report.save(update_fields=["read_by", "read_at"])
    return report
