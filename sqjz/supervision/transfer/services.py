"""Writes of a change of the place of execution (执行地变更): the application (by the office, or by the person from
the phone), the consultation of the receiving county, its reply, the decision, the notice of a refusal and the
report-in at the new office. Each is one transaction; views call only these.

On approval within the city the record passes at once to the receiving office through the register
(supervisees.services.supervisee_move: history kept, the old county's assignments ended, every to-do recomputed),
and the notice (变更执行地决定通知书) is issued to the receiving county and copied to both procuratorates."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.core.photos import PhotoError, photo_accept, photo_store
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.models import Unit
from sqjz.organisation.selectors import county_procuratorate, county_public_security
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, can_access
from sqjz.supervisees.services import RegisterError, supervisee_move, supervisee_transfer_out
from sqjz.supervision.common import SupervisionError, locked_person
from sqjz.supervision.transfer import duties, paperwork
from sqjz.supervision.transfer.models import ResidenceTransfer
from sqjz.supervision.transfer.selectors import COUNTY_ROLES, OPEN_STATUSES

S = ResidenceTransfer.Status
MAX_PROOFS = 3


def _refresh(t: ResidenceTransfer) -> None:
    inbox_refresh(area=duties.AREA, ids=[t.pk])


def _locked(t: ResidenceTransfer) -> ResidenceTransfer:
    return (
        ResidenceTransfer.objects.select_for_update(of=("self",))
        .select_related("supervisee", "from_office__parent", "to_office__parent", "from_county", "to_county")
        .get(pk=t.pk)
    )


def _county_agent(user, county_id: int | None) -> bool:
    """Whether `user` works at the county agency of `county_id` and may act there."""
    unit = user.unit if user.is_authenticated and user.is_active else None
    return (
        unit is not None
        and user.role in COUNTY_ROLES
        and unit.kind == Unit.Kind.COUNTY_AGENCY
        and county_id is not None
        and unit.county_id == county_id
    )


def _accept_proofs(photos: list[bytes]) -> list[tuple[bytes, str]]:
    accepted = []
    for photo in photos[:MAX_PROOFS]:
        try:
            accepted.append(photo_accept(photo))
        except PhotoError as e:
            raise SupervisionError(str(e), "proof") from None
    return accepted


@transaction.atomic
def transfer_apply(*, actor, supervisee: Supervisee, transfer: ResidenceTransfer, proofs=()) -> ResidenceTransfer:
    """The office (or county agency) registers a written application, with photos of the proof if it has them."""
    s = locked_person(actor, supervisee)
    return _register(s, transfer, actor, _accept_proofs(list(proofs)))


@transaction.atomic
def transfer_apply_own(*, user, transfer: ResidenceTransfer, proofs: list[bytes]) -> ResidenceTransfer:
    """The person applies from the phone, with at least one photo of the proof (a lease, a labour contract)."""
    s = None
    if user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id:
        s = (
            Supervisee.objects.select_for_update(of=("self",))
            .select_related("judicial_office")
            .filter(pk=user.supervisee_id, status=Status.UNDER_CORRECTION)
            .first()
        )
    if s is None:
        raise SupervisionError("只有在矫的社区矫正对象本人可以申请变更执行地。")
    if not proofs:
        raise SupervisionError("请拍摄上传证明材料（如房屋租赁合同、劳动合同）。", "proof")
    transfer.applied_on = timezone.localdate()
    return _register(s, transfer, user, _accept_proofs(proofs))


def _register(s: Supervisee, t: ResidenceTransfer, recorded_by, proofs: list[tuple[bytes, str]]) -> ResidenceTransfer:
    today = timezone.localdate()
    if s.residence_transfers.filter(status__in=OPEN_STATUSES).exists():
        raise SupervisionError("该矫正对象已有一份执行地变更申请正在办理。")
    if t.applied_on > today:
        raise SupervisionError("申请日期不能晚于今天。", "applied_on")
    if t.move_on < t.applied_on:
        raise SupervisionError("拟变更日期不能早于申请日期。", "move_on")
    if t.move_on > s.term_end:
        raise SupervisionError(f"拟变更日期晚于矫正期满日{s.term_end:%Y-%m-%d}。", "move_on")
    office = s.judicial_office
    t.to_place = t.to_place.strip()
    if t.to_office_id and t.to_place:
        raise SupervisionError("迁往玉溪市内的选择司法所，迁往市外的填写新执行地，二者只填一项。", "to_place")
    if t.to_office_id:
        to = Unit.objects.filter(pk=t.to_office_id, kind=Unit.Kind.JUDICIAL_OFFICE, is_active=True).first()
        if to is None or to.county_id is None or to.county.parent_id != office.county.parent_id:
            raise SupervisionError("请选择玉溪市内新居住地的司法所。", "to_office")
        if to.county_id == office.county_id:
            raise SupervisionError(
                "新居住地仍在本县（市、区），不属于变更执行地；由县级社区矫正机构调整负责的司法所。", "to_office"
            )
        t.to_county_id = to.county_id
    elif not t.to_place:
        raise SupervisionError("请选择新居住地的司法所，或填写市外的新执行地。", "to_office")
    lead = RULES["TRANSFER_APPLICATION_LEAD_TIME"](statute_context(), applied_on=t.applied_on, move_on=t.move_on)
    t.lead_time_note = "；".join(lead.reasons)
    t.supervisee, t.recorded_by, t.status = s, recorded_by, S.APPLIED
    t.from_office, t.from_county_id = office, office.county_id
    t.proofs = [f"photos/{s.pk}/transfer/{uuid.uuid4().hex}.{extension}" for _, extension in proofs]
    t._history_user = recorded_by
    t.save()
    for path, (photo, _) in zip(t.proofs, proofs, strict=True):
        photo_store(path, photo)
    _refresh(t)
    return t


@transaction.atomic
def transfer_consult(*, actor, transfer: ResidenceTransfer, opinion: str) -> ResidenceTransfer:
    """The sending county agency asks the receiving one in writing (in the system; outside the city on paper)."""
    t = _locked(transfer)
    if t.status != S.APPLIED:
        raise SupervisionError(f"该申请当前为“{t.get_status_display()}”，不能征求意见。")
    if not _county_agent(actor, t.from_county_id):
        raise SupervisionError("由原执行地县级社区矫正机构征求新执行地意见。")
    t.status, t.consulted_on, t.consulted_by = S.CONSULTING, timezone.localdate(), actor
    t.office_opinion = opinion.strip()
    t._history_user = actor
    t.save()
    _refresh(t)
    return t


def reply_blocker(user, t: ResidenceTransfer) -> str | None:
    if t.status != S.CONSULTING:
        return f"该申请当前为“{t.get_status_display()}”。"
    if t.within_city and not _county_agent(user, t.to_county_id):
        return "由新执行地县级社区矫正机构回复是否同意接收。"
    if not t.within_city and not _county_agent(user, t.from_county_id):
        return "市外新执行地的书面回复由原执行地县级社区矫正机构登记。"
    return None


@transaction.atomic
def transfer_reply(*, actor, transfer: ResidenceTransfer, agree: bool, reasons: str) -> ResidenceTransfer:
    """The receiving county agency replies whether it agrees to receive the person (outside the city: the sending
    county records the paper reply)."""
    t = _locked(transfer)
    if blocker := reply_blocker(actor, t):
        raise SupervisionError(blocker)
    if not agree and not reasons.strip():
        raise SupervisionError("不同意接收的，请写明理由。", "reasons")
    t.status, t.replied_on, t.replied_by = S.REPLIED, timezone.localdate(), actor
    t.reply = ResidenceTransfer.Reply.AGREE if agree else ResidenceTransfer.Reply.REFUSE
    t.reply_reasons = reasons.strip()
    t._history_user = actor
    t.save()
    _refresh(t)
    return t


def decision_options(t: ResidenceTransfer):
    return RULES["TRANSFER_DECISION_OPTIONS"](statute_context(), receiving_reply=t.reply)


def decide_blocker(user, t: ResidenceTransfer) -> str | None:
    if t.status != S.REPLIED:
        return f"该申请当前为“{t.get_status_display()}”。"
    if not _county_agent(user, t.from_county_id) or not can_access(user, t.supervisee, Access.EDIT):
        return "由原执行地县级社区矫正机构作出决定。"
    return None


@transaction.atomic
def transfer_decide(*, actor, transfer: ResidenceTransfer, approve: bool, reasons: str) -> ResidenceTransfer:
    """Approve (only if the receiving county agreed) or refuse with reasons. Approval within the city moves the
    record to the receiving office and issues the notice."""
    t = _locked(transfer)
    if blocker := decide_blocker(actor, t):
        raise SupervisionError(blocker)
    options = decision_options(t)
    choice = "approve_transfer" if approve else "refuse_transfer"
    if choice not in options.outcome:
        raise SupervisionError(f"{'；'.join(options.reasons)}（{'、'.join(options.articles)}）。", "decision")
    if not approve and not reasons.strip():
        raise SupervisionError("不同意变更的，请写明理由，理由将告知社区矫正对象。", "reasons")
    today = timezone.localdate()
    t.approved, t.decided_on, t.decided_by, t.decision_reasons = approve, today, actor, reasons.strip()
    t.status = S.APPROVED if approve else S.REFUSED
    if approve and t.within_city:
        _pass_the_file(actor, t, today)
    t._history_user = actor
    t.save()
    _refresh(t)
    return t


def _pass_the_file(actor, t: ResidenceTransfer, today: date) -> None:
    agency = t.from_office.parent
    receiving = t.to_office.parent
    units = [
        t.supervisee.deciding_authority,
        county_procuratorate(t.from_office),
        county_public_security(t.from_office),
        county_procuratorate(t.to_office),
    ]
    if agency is None or receiving is None or None in units:
        raise SupervisionError("组织机构中缺少两县（市、区）的社区矫正机构、人民检察院或公安机关，无法制作通知书。")
    report_by = RULES["TRANSFER_REPORT_IN_DEADLINE"](statute_context(), decision_received=today).outcome.due
    copy_to = tuple(u.name for u in units)
    doc = paperwork.transfer_notice(t, agency, receiving.name, today, report_by, copy_to)
    t.notice = document_issue(
        actor=actor, kind=Document.Kind.TRANSFER_NOTICE, agency=agency, doc=doc, supervisee=t.supervisee
    )
    reason = f"变更执行地：{t.from_office.name}→{t.to_office.name}（{agency.name}决定）"
    try:
        supervisee_move(
            actor=actor, supervisee=t.supervisee, office=t.to_office, residence_address=t.new_address, reason=reason
        )
    except RegisterError as e:
        raise SupervisionError(e.message) from None


@transaction.atomic
def transfer_notify(*, actor, transfer: ResidenceTransfer, notified_on: date) -> ResidenceTransfer:
    """The office records that the person was told of the refusal and its reasons."""
    t = _locked(transfer)
    locked_person(actor, t.supervisee)
    if t.status != S.REFUSED or t.notified_on:
        raise SupervisionError("只有尚未告知的不同意变更决定需要登记告知。")
    if not t.decided_on <= notified_on <= timezone.localdate():
        raise SupervisionError("告知日期应在决定日期至今天之间。", "on")
    t.notified_on, t.notified_by = notified_on, actor
    t._history_user = actor
    t.save()
    _refresh(t)
    return t


def complete_blocker(user, t: ResidenceTransfer) -> str | None:
    if t.status != S.APPROVED:
        return f"该申请当前为“{t.get_status_display()}”。"
    if t.within_city:
        if not can_access(user, t.supervisee, Access.EDIT) or user.unit.county_id != t.to_county_id:
            return "由新执行地司法所或县级社区矫正机构登记报到。"
    elif not _county_agent(user, t.from_county_id):
        return "市外新执行地的回执由原执行地县级社区矫正机构登记。"
    return None


@transaction.atomic
def transfer_complete(*, actor, transfer: ResidenceTransfer, on: date, note: str) -> ResidenceTransfer:
    """The new office records the person's report-in (outside the city: the sending county records the receipt);
    the transfer is closed."""
    t = _locked(transfer)
    if blocker := complete_blocker(actor, t):
        raise SupervisionError(blocker)
    if not t.decided_on <= on <= timezone.localdate():
        raise SupervisionError("日期应在决定日期至今天之间。", "on")
    t.status, t.completed_on, t.completed_by, t.completion_note = S.COMPLETED, on, actor, note.strip()
    t._history_user = actor
    t.save()
    if not t.within_city:  # the receiving agency outside the city has the person now
        try:
            supervisee_transfer_out(
                actor=actor, supervisee=t.supervisee, reason=f"变更执行地至{t.to_place}，已收到回执"
            )
        except RegisterError as e:
            raise SupervisionError(e.message) from None
    _refresh(t)
    return t


@transaction.atomic
def transfer_withdraw(*, actor, transfer: ResidenceTransfer) -> ResidenceTransfer:
    t = _locked(transfer)
    locked_person(actor, t.supervisee)
    if t.status not in (S.APPLIED, S.CONSULTING, S.REPLIED):
        raise SupervisionError("只能撤回尚未决定的申请。")
    t.status = S.WITHDRAWN
    t._history_user = actor
    t.save()
    _refresh(t)
    return t
