"""Writes of medical re-examinations. Each is one transaction; views call only these."""

from django.db import transaction
from django.utils import timezone

from sqjz.inbox.services import inbox_refresh
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import lock_supervisee_for_user
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.medical import duties
from sqjz.supervision.medical.models import MedicalExamination


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
