"""Writes of counselling records, each one transaction; the writer must be able to see the person's counselling
records (selectors.people_q), and the person be under correction.

- A psychological assessment, on a day not in the future; its result says what follows (COUNSELLING_FOLLOWS_ASSESSMENT).
- A crisis case, one open at a time per person, with a counsellor chosen from the office's officers and the social
  workers assigned to the person; followed up by sessions (CRISIS_FOLLOW_UP_DUE) until closed with its outcome.
- A counselling session by the writer, on its own or as a follow-up of the person's open case, not before it opened.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.counselling.models import Assessment, CrisisCase, Session
from sqjz.counselling.selectors import counsellors_for, last_contacts, people_q
from sqjz.inbox.services import inbox_refresh
from sqjz.supervisees.models import Status, Supervisee

AREA = "counselling"
PAST_DAYS = 366
TEXT_MIN_CHARS = 10


class CounsellingError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


def _person(actor, supervisee: Supervisee) -> Supervisee:
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(people_q(actor), pk=supervisee.pk, status=Status.UNDER_CORRECTION)
        .first()
    )
    if s is None:
        raise CounsellingError("只能为本辖区在矫的社区矫正对象记录心理辅导。")
    return s


def _day(day: date | None, field: str, what: str, not_before: date | None = None) -> None:
    today = timezone.localdate()
    if day is None:
        raise CounsellingError(f"请填写{what}。", field)
    if day > today:
        raise CounsellingError(f"{what}不能晚于今天。", field)
    if day < today - timedelta(days=PAST_DAYS):
        raise CounsellingError(f"{what}不能早于一年前，请核对。", field)
    if not_before is not None and day < not_before:
        raise CounsellingError(f"{what}不能早于{not_before:%Y-%m-%d}。", field)


def _text(value: str, field: str, what: str) -> None:
    if len((value or "").strip()) < TEXT_MIN_CHARS:
        raise CounsellingError(f"{what}至少{TEXT_MIN_CHARS}个字。", field)


@transaction.atomic
def assessment_record(*, actor, supervisee: Supervisee, assessment: Assessment) -> Assessment:
    s = _person(actor, supervisee)
    _day(assessment.assessed_on, "assessed_on", "评估日期")
    _text(assessment.summary, "summary", "评估意见")
    assessment.supervisee, assessment.assessed_by = s, actor
    assessment.save()
    return assessment


@transaction.atomic
def crisis_open(*, actor, supervisee: Supervisee, case: CrisisCase) -> CrisisCase:
    s = _person(actor, supervisee)
    if CrisisCase.objects.filter(supervisee=s, closed_on__isnull=True).exists():
        raise CounsellingError("该对象已有未结案的心理危机个案，请在该个案中继续跟进。")
    if case.counsellor_id is None or not counsellors_for(s).filter(pk=case.counsellor_id).exists():
        raise CounsellingError("责任心理辅导人员应为本司法所工作人员或分派给该对象的社会工作者。", "counsellor")
    _day(case.opened_on, "opened_on", "立案日期")
    _text(case.signs, "signs", "危机表现")
    case.supervisee, case.opened_by = s, actor
    case.save()
    inbox_refresh(area=AREA, ids=[case.pk])
    return case


@transaction.atomic
def session_record(*, actor, supervisee: Supervisee, session: Session, crisis_id: int | None = None) -> Session:
    s = _person(actor, supervisee)
    crisis = None
    if crisis_id is not None:
        crisis = CrisisCase.objects.select_for_update().filter(pk=crisis_id, supervisee=s).first()
        if crisis is None or crisis.closed_on is not None:
            raise CounsellingError("该心理危机个案已结案或不存在，请刷新页面。", "crisis")
    _day(session.held_on, "held_on", "辅导日期", crisis.opened_on if crisis else None)
    _text(session.notes, "notes", "辅导情况")
    session.supervisee, session.crisis, session.counsellor = s, crisis, actor
    session.save()
    if crisis is not None:
        inbox_refresh(area=AREA, ids=[crisis.pk])
    return session


@transaction.atomic
def crisis_close(*, actor, case: CrisisCase, closed_on: date, outcome: str) -> CrisisCase:
    s = _person(actor, case.supervisee)
    locked = CrisisCase.objects.select_for_update().filter(pk=case.pk, supervisee=s).first()
    if locked is None or locked.closed_on is not None:
        raise CounsellingError("该心理危机个案已结案。")
    _day(closed_on, "closed_on", "结案日期", last_contacts([locked])[locked.pk])
    _text(outcome, "outcome", "结案情况")
    locked.closed_on, locked.outcome, locked.closed_by = closed_on, outcome.strip(), actor
    locked.save(update_fields=["closed_on", "outcome", "closed_by"])
    inbox_refresh(area=AREA, ids=[locked.pk])
    return locked
