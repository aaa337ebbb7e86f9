"""Writes of supervision records. Each is one transaction; views call only these."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CorrectionType, Status, Supervisee, TemporaryReleaseGround
from sqjz.supervisees.permissions import Access, jurisdiction_q
from sqjz.supervisees.services import RegisterError
from sqjz.supervision.models import MedicalExamination


class SupervisionError(RegisterError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def on_medical_parole(s: Supervisee) -> bool:
    return (
        s.correction_type == CorrectionType.TEMPORARY_RELEASE
        and s.temporary_release_ground == TemporaryReleaseGround.SERIOUS_ILLNESS
    )


def last_examination_basis(s: Supervisee, last: MedicalExamination | None) -> date:
    """The day the three months run from: the last re-examination, or else the start of the term."""
    return last.examined_on if last else s.term_start


def next_examination(s: Supervisee, last: MedicalExamination | None) -> Decision:
    return RULES["MEDICAL_REEXAMINATION_DUE"](statute_context(), last_examination=last_examination_basis(s, last))


@transaction.atomic
def examination_record(*, actor, supervisee: Supervisee, examination: MedicalExamination) -> MedicalExamination:
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, Access.EDIT), pk=supervisee.pk, status=Status.UNDER_CORRECTION)
        .first()
    )
    if s is None:
        raise SupervisionError("您无权为该矫正对象登记病情复查，或该对象不在矫。")
    if not on_medical_parole(s):
        raise SupervisionError("仅保外就医的暂予监外执行矫正对象需要定期病情复查。")
    if examination.examined_on > timezone.localdate():
        raise SupervisionError("复查日期不能晚于今天。", "examined_on")
    if examination.examined_on < s.term_start:
        raise SupervisionError("复查日期不能早于矫正起始日。", "examined_on")
    examination.supervisee, examination.recorded_by = s, actor
    examination.save()
    inbox_refresh(supervisee_ids=[s.pk], investigation_ids=[])
    return examination
