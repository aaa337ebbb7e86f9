"""Writes of lost-contact cases. Each is one transaction; views and the daily job call only these.

- The daily job opens cases from the facts (`lost_contact_detect`, LOST_CONTACT_START); an officer of the office (or
  its county agency) may open one too (`lost_contact_open`), for a person in their jurisdiction under correction or
  waiting to report in, with the last day of contact (not in the future, not before the judgment took effect).
- While a case is open the office records the search attempt by attempt, issues the notice to the police (copied to
  the procuratorate) once, and the county agency may record its finding that a temporary-release person refuses to
  report their whereabouts.
- Closing records the outcome and the day contact was restored, and stores LOST_CONTACT_LEVEL's measure for the whole
  span. A closed case is read-only: every write below refuses it.
- The daily job closes the open case of a person whose correction has ended (`lost_contact_close_ended`, outcome
  ENDED, the span ending the day the correction ended as discharge records it). Contact restored does not close a
  case: the office closes it with its account (the page and the inbox point it out).
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.discharge.selectors import correction_ends
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh
from sqjz.lostcontact import paperwork
from sqjz.lostcontact.detection import SOURCES
from sqjz.lostcontact.models import LostContact, Outcome, SearchAttempt, Trigger
from sqjz.lostcontact.selectors import days_out, level_decision
from sqjz.organisation.selectors import county_procuratorate, county_public_security
from sqjz.outbox import services as outbox
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import lock_supervisee_for_user

AREA = "lostcontact"
OPENABLE = (Status.UNDER_CORRECTION, Status.PENDING_REPORT)


class LostContactError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=AREA, ids=[s.pk])


def _locked(actor, supervisee: Supervisee) -> Supervisee:
    s = lock_supervisee_for_user(actor, supervisee.pk)
    if s is None:
        raise LostContactError("您无权办理该矫正对象的失联查找，或该记录已解除、终止矫正。")
    return s


def _open_case(s: Supervisee) -> LostContact:
    case = LostContact.objects.select_for_update().filter(supervisee=s, state=LostContact.State.OPEN).first()
    if case is None:
        raise LostContactError("该矫正对象没有正在查找的失联案件；已结案的案件不能再修改。")
    return case


def _not_future(value: date, field: str, label: str) -> None:
    if value > timezone.localdate():
        raise LostContactError(f"{label}不能晚于今天。", field)


# ----------------------------------------------------------------------------------------------------- opening


def lost_contact_detect(today: date) -> int:
    """The daily step: open a case for each person whose facts ground lost contact today (every source in
    detection.SOURCES) and who has no open case. Returns how many cases it opened. Idempotent. The grounds are read
    outside any transaction and each case is saved in its own: one an officer opened meanwhile is skipped."""
    ctx = statute_context()
    open_ids = set(LostContact.objects.filter(state=LostContact.State.OPEN).values_list("supervisee_id", flat=True))
    found = {}
    for source in SOURCES:
        for c in source(ctx, today, open_ids | set(found)):
            found.setdefault(c.supervisee_id, c)
    cases = [
        LostContact(
            supervisee_id=c.supervisee_id,
            since=c.decision.outcome,
            trigger=c.trigger,
            trigger_rule=c.decision.rule,
            trigger_articles="、".join(c.decision.articles)[:300],
            trigger_reasons="；".join(c.decision.reasons),
            opened_on=today,
        )
        for c in found.values()
    ]
    opened = 0
    for case in cases:  # one transaction each: a case an officer opened meanwhile is skipped, not an error
        try:
            with transaction.atomic():
                case.save()
        except IntegrityError:
            continue
        opened += 1
    return opened


@transaction.atomic
def lost_contact_open(*, actor, supervisee: Supervisee, since: date, reasons: str) -> LostContact:
    """An officer opens a case: the person is out of contact since `since` (the last day of contact)."""
    s = _locked(actor, supervisee)
    if s.status not in OPENABLE:
        raise LostContactError(f"该矫正对象当前为“{s.get_status_display()}”，不能启动失联查找。")
    existing = LostContact.objects.filter(supervisee=s, state=LostContact.State.OPEN).first()
    if existing:
        raise LostContactError(f"该矫正对象已于{cn_date(existing.opened_on)}启动失联查找，尚未结案。")
    _not_future(since, "since", "最后联系日")
    if since < s.judgment_effective_date:
        raise LostContactError(
            f"最后联系日不能早于判决（裁定、决定）生效之日（{cn_date(s.judgment_effective_date)}）。", "since"
        )
    reasons = reasons.strip()
    if not reasons:
        raise LostContactError("请写明失去联系的情况。", "trigger_reasons")
    case = LostContact(
        supervisee=s,
        since=since,
        trigger=Trigger.OFFICER,
        trigger_reasons=reasons,
        opened_on=timezone.localdate(),
        opened_by=actor,
    )
    case._history_user = actor
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError as error:  # opened concurrently (by another officer or the daily job)
        raise LostContactError("该矫正对象已启动失联查找，请刷新页面。") from error
    _refresh(s)
    return case


# ------------------------------------------------------------------------------------------------------- search


@transaction.atomic
def search_attempt_record(*, actor, supervisee: Supervisee, attempt: SearchAttempt) -> SearchAttempt:
    s = _locked(actor, supervisee)
    case = _open_case(s)
    if attempt.method not in SearchAttempt.Method.values:
        raise LostContactError("请选择查找方式。", "method")
    if attempt.attempted_at > timezone.now():
        raise LostContactError("查找时间不能晚于现在。", "attempted_at")
    if timezone.localdate(attempt.attempted_at) < case.since:
        raise LostContactError(f"查找时间不能早于最后联系日（{cn_date(case.since)}）。", "attempted_at")
    attempt.contacted, attempt.result = attempt.contacted.strip(), attempt.result.strip()
    if not attempt.contacted:
        raise LostContactError("请填写联系对象。", "contacted")
    if not attempt.result:
        raise LostContactError("请填写查找情况。", "result")
    attempt.case, attempt.recorded_by = case, actor
    attempt._history_user = actor
    attempt.save()
    return attempt


@transaction.atomic
def lost_contact_notify(*, actor, supervisee: Supervisee, note: str = "") -> Document:
    """Not found: notify the county public-security bureau, copied to the county procuratorate (实施办法第三十八条)."""
    s = _locked(actor, supervisee)
    case = _open_case(s)
    if case.police_notified_on:
        raise LostContactError(f"已于{cn_date(case.police_notified_on)}通报公安机关，不能重复通报。")
    police, procuratorate = county_public_security(s.judicial_office), county_procuratorate(s.judicial_office)
    if police is None or procuratorate is None:
        raise LostContactError("组织机构中缺少本县（市、区）公安局或人民检察院，无法制作通报，请联系系统管理员。")
    today = timezone.localdate()
    agency = s.judicial_office.parent
    document = document_issue(
        actor=actor,
        kind=Document.Kind.LOST_CONTACT_NOTICE,
        agency=agency,
        doc=paperwork.lost_contact_notice(
            s,
            case,
            list(case.attempts.order_by("attempted_at", "id")),
            days=days_out(case, today),
            agency_name=agency.name,
            police=police.name,
            procuratorate=procuratorate.name,
            note=note,
            issued=today,
        ),
        supervisee=s,
    )
    case.police_notified_on, case.notice = today, document
    case._history_user = actor
    case.save(update_fields=["police_notified_on", "notice"])
    # Pushed to the police's interface too, if it has one (decision 0042); otherwise the notice goes on paper.
    outbox.notify(
        agency=police,
        kind="lost_contact_notice",
        payload={
            "name": s.name,
            "id_number": s.id_number,
            "correction_type": s.get_correction_type_display(),
            "residence_address": s.residence_address,
            "last_contact_on": case.since.isoformat(),
            "days_lost": days_out(case, today),
            "search_attempts": case.attempts.count(),
            "document_number": document.number,
            "notified_on": today.isoformat(),
            "issued_by": agency.name,
        },
        supervisee=s,
        document=document,
    )
    _refresh(s)
    return document


@transaction.atomic
def refusal_record(*, actor, supervisee: Supervisee, found_on: date, reasons: str) -> LostContact:
    """The county agency finds, after investigating, that a temporary-release person refuses to report their
    whereabouts (拒不报告行踪, 最高法解释第五百一十六条): passed to LOST_CONTACT_LEVEL as `refused_to_report`."""
    s = _locked(actor, supervisee)
    case = _open_case(s)
    if s.correction_type != "temporary_release":
        raise LostContactError("“拒不报告行踪”的认定仅适用于暂予监外执行社区矫正对象。")
    if case.refused_to_report:
        raise LostContactError(f"已于{cn_date(case.refused_found_on)}认定拒不报告行踪。")
    _not_future(found_on, "refused_found_on", "认定日期")
    if found_on < case.opened_on:
        raise LostContactError(f"认定日期不能早于启动查找日期（{cn_date(case.opened_on)}）。", "refused_found_on")
    reasons = reasons.strip()
    if not reasons:
        raise LostContactError("请写明认定拒不报告行踪的事实和理由。", "refused_reasons")
    case.refused_to_report, case.refused_found_on, case.refused_reasons = True, found_on, reasons
    case.refused_found_by = actor
    case._history_user = actor
    case.save(update_fields=["refused_to_report", "refused_found_on", "refused_reasons", "refused_found_by"])
    _refresh(s)
    return case


# ------------------------------------------------------------------------------------------------------ closing


@transaction.atomic
def lost_contact_close(*, actor, supervisee: Supervisee, outcome: str, restored_on: date, note: str) -> LostContact:
    """Contact restored (or the case ended otherwise): record it and store LOST_CONTACT_LEVEL's measure for the span."""
    s = _locked(actor, supervisee)
    case = _open_case(s)
    if outcome not in Outcome.values:
        raise LostContactError("请选择查找结果。", "outcome")
    if outcome == Outcome.ENDED:
        raise LostContactError("“矫正终止”由系统在解除、终止矫正后自动结案，请选择其他查找结果。", "outcome")
    _not_future(restored_on, "restored_on", "恢复联系日期")
    if restored_on < case.since:
        raise LostContactError(f"恢复联系日期不能早于最后联系日（{cn_date(case.since)}）。", "restored_on")
    note = note.strip()
    if outcome == Outcome.OTHER and not note:
        raise LostContactError("查找结果为“其他”的，请在情况说明中写明。", "outcome_note")
    case.outcome, case.restored_on, case.outcome_note = outcome, restored_on, note
    _store_measure(statute_context(), case, s.correction_type)
    case.state, case.closed_by, case.closed_at = LostContact.State.CLOSED, actor, timezone.now()
    case._history_user = actor
    case.save()
    _refresh(s)
    return case


def _store_measure(ctx, case: LostContact, correction_type: str) -> None:
    decision = level_decision(ctx, case, correction_type, case.restored_on)
    case.measure, case.measure_rule = decision.outcome, decision.rule
    case.measure_articles = "、".join(decision.articles)[:300]
    case.measure_reasons = "；".join(decision.reasons)


@transaction.atomic
def lost_contact_close_ended(today: date) -> int:
    """The daily step: close the open case of every person no longer under correction or waiting to report in
    (discharged, terminated, revoked, dead) with the outcome ENDED; the span ends the day the correction ended where
    discharge recorded it (else today), never before `since`. No duty is left: the duties stop for a closed case.
    Returns how many cases it closed. Idempotent; a few queries plus one write per case."""
    cases = list(
        LostContact.objects.select_for_update()
        .filter(state=LostContact.State.OPEN)
        .exclude(supervisee__status__in=OPENABLE)
        .select_related("supervisee")
    )
    if not cases:
        return 0
    ends = correction_ends([c.supervisee_id for c in cases])
    ctx, now = statute_context(), timezone.now()
    for case in cases:
        s, end = case.supervisee, ends.get(case.supervisee_id)
        ended_on = min(end.ended_on, today) if end else today
        case.outcome, case.restored_on = Outcome.ENDED, max(ended_on, case.since)
        if end:
            case.outcome_note = f"该对象已于{cn_date(end.ended_on)}{end.label}，失联查找由系统随之结案。"
        else:
            case.outcome_note = (
                f"该对象已{s.get_status_display()}（日期未登记），失联查找由系统于{cn_date(today)}结案。"
            )
        _store_measure(ctx, case, s.correction_type)
        case.state, case.closed_by, case.closed_at = LostContact.State.CLOSED, None, now
        case.save()  # one write per case, for its history row; cases of people whose correction ended today are few
    return len(cases)  # the daily job refreshes the inbox after its steps
