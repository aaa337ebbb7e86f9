"""Writes to the register. Each is one transaction; views, the API and commands call only these."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from pypinyin import Style, lazy_pinyin

from sqjz.accounts.models import Role, User
from sqjz.core.crypto import blind_index
from sqjz.core.errors import ServiceError
from sqjz.core.validators import validate_person_name
from sqjz.inbox.services import inbox_refresh, inbox_refresh_people
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import add_months
from sqjz.statute.registry import RULES
from sqjz.statute.rules.minors import minor_rules_apply
from sqjz.statute.text import cn_date, cn_datetime
from sqjz.supervisees import duties
from sqjz.supervisees.models import (
    ACTIVE_STATUSES,
    CaseAssignment,
    FamilyContact,
    ProhibitionOrder,
    RegistrationConflict,
    Status,
    Supervisee,
)
from sqjz.supervisees.permissions import can_access, lock_supervisee_for_user

ID_CONTEXT = "supervisee.id_number"
PHONE_CONTEXT = "supervisee.phone"
REGISTRATION_STATUSES = (Status.PENDING_REPORT, Status.UNDER_CORRECTION)


class RegisterError(ServiceError):
    """A write to the register refused for a reason the officer can act on."""


def name_initials(name: str) -> str:
    """张三丰 → zsf: how officers type a name quickly."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore")).lower()


def identity_index(id_number: str) -> str:
    return blind_index(id_number, context=ID_CONTEXT)


def phone_index(phone: str) -> str:
    return blind_index(phone, context=PHONE_CONTEXT) if phone else ""


def supervisee_derive(supervisee: Supervisee) -> None:
    """Fields that follow from others; set here and nowhere else."""
    supervisee.name_initials = name_initials(supervisee.name)
    supervisee.id_number_index = identity_index(supervisee.id_number)
    supervisee.phone_index = phone_index(supervisee.phone)
    supervisee.county_id = supervisee.judicial_office.county_id
    supervisee.is_minor = minor_rules_apply(
        birth_date=supervisee.birth_date, offence_date=supervisee.offence_date, term_start=supervisee.term_start
    ).outcome


# Sanity limits of the register, not of the law (decision 0016): a term is registered when the judgment, ruling or
# decision arrives, so it does not start more than a year ahead; and where the law sets no longest term (假释: the
# rest of the sentence, 暂予监外执行: the time outside prison), no term runs longer than the longest fixed-term
# sentence for several crimes (刑法第六十九条: 二十五年). The statute's own limits are CORRECTION_TERM_RANGE.
TERM_START_MAX_DAYS_AHEAD = 366
TERM_SANITY_MAX_YEARS = 25


def original_penalty(sentence: str) -> str:
    """The penalty a 缓刑 suspends, read from the sentence as typed (拘役三个月，缓刑六个月): `detention`,
    `imprisonment`, or "" when the text names neither or both."""
    detention, imprisonment = "拘役" in sentence, "有期徒刑" in sentence
    return "detention" if detention and not imprisonment else "imprisonment" if imprisonment and not detention else ""


def supervisee_problems(s: Supervisee) -> list[tuple[str, str]]:
    """What cannot be true of a record, each with the field it concerns; empty when nothing is wrong. The form
    shows all of them beside their fields, and the writes below refuse the first."""
    problems: list[tuple[str, str]] = []
    for field in ("name", "former_names"):
        value = getattr(s, field)
        if value:
            try:
                validate_person_name(value)
            except ValidationError as error:
                problems.append((field, error.messages[0]))
    today = timezone.localdate()
    if s.offence_date and s.offence_date > today:
        problems.append(("offence_date", "犯罪时间不能晚于今天，请核对。"))
    if s.judgment_effective_date and s.judgment_effective_date > today + timedelta(days=TERM_START_MAX_DAYS_AHEAD):
        problems.append(("judgment_effective_date", "判决（裁定、决定）生效日期不合理，请核对。"))
    latest_start = today + timedelta(days=TERM_START_MAX_DAYS_AHEAD)
    if s.term_start and s.term_start > latest_start:
        problems.append(("term_start", f"矫正起始日不能晚于{cn_date(latest_start)}（一年以后），请核对。"))
    elif s.term_start and s.term_end and s.term_end > s.term_start and s.correction_type:
        decision = RULES["CORRECTION_TERM_RANGE"](
            statute_context(),
            correction_type=s.correction_type,
            start=s.term_start,
            end=s.term_end,
            original_penalty=original_penalty(s.original_sentence or ""),
        )
        sanity_end = add_months(s.term_start, TERM_SANITY_MAX_YEARS * 12)
        if not decision.outcome.allowed:
            problems.append(("term_end", f"{'；'.join(decision.reasons)}（{'、'.join(decision.articles)}）。"))
        elif s.term_end > sanity_end:
            limit = f"矫正期限不超过{TERM_SANITY_MAX_YEARS}年（最迟至{cn_date(sanity_end)}），请核对。"
            problems.append(("term_end", limit))
    return problems


def _check_problems(s: Supervisee) -> None:
    if problems := supervisee_problems(s):
        field, message = problems[0]
        raise RegisterError(message, field)


REFERRED = "该证件号码不能在此登记，情况已转市级社区矫正机构核查，核查结果将由其告知。请先核对证件号码是否录入有误。"


class _ActiveRecordExists(Exception):
    """Raised inside a write's transaction; `_refer_duplicates` answers it outside, so a referral survives."""

    def __init__(self, existing: Supervisee | None) -> None:
        super().__init__()
        self.existing = existing


def _other_active_record(supervisee: Supervisee) -> Supervisee | None:
    others = Supervisee.objects.filter(id_number_index=supervisee.id_number_index, status__in=ACTIVE_STATUSES)
    if supervisee.pk:
        others = others.exclude(pk=supervisee.pk)
    return others.select_related("judicial_office__parent").first()


def _check_no_other_active_record(supervisee: Supervisee) -> None:
    if existing := _other_active_record(supervisee):
        raise _ActiveRecordExists(existing)


def _refer_duplicates(write: Callable[..., Supervisee]) -> Callable[..., Supervisee]:
    """Refuse an identity number that already has an active record, outside the write's own transaction.

    An officer who may see that record is told plainly, with its link. Anyone else learns nothing about it — not
    where, not whose, not that it is a minor's (社区矫正法第五十四条): the refusal is neutral and the conflict goes
    to the city agency (`registration_conflict_refer`), committed although the write itself rolled back.
    """

    @wraps(write)
    def wrapped(*, actor, supervisee: Supervisee, **kwargs) -> Supervisee:
        try:
            return write(actor=actor, supervisee=supervisee, **kwargs)
        except _ActiveRecordExists as clash:
            existing = clash.existing
        if existing is None:  # the concurrent record vanished again: nothing to refer
            raise RegisterError("该证件号码暂时不能登记，请稍后重试。", "id_number")
        if can_access(actor, existing):
            raise RegisterError(
                format_html(
                    '该证件号码已有一条未解除的矫正记录（{}，{}），不能重复登记。<a href="{}">查看该记录</a>',
                    existing.name,
                    existing.judicial_office.name,
                    reverse("supervisees:detail", args=[existing.pk]),
                ),
                "id_number",
            )
        registration_conflict_refer(
            actor=actor,
            existing=existing,
            attempted_office=supervisee.judicial_office,
            attempted_name=supervisee.name,
            edited=None if supervisee._state.adding else supervisee,
        )
        raise RegisterError(REFERRED, "id_number")

    return wrapped


@transaction.atomic
def registration_conflict_refer(
    *, actor, existing: Supervisee, attempted_office, attempted_name: str, edited: Supervisee | None = None
) -> RegistrationConflict:
    """Pass a refused identity number to the city agency; a retry by the same officer for the same office refers
    it once."""
    conflict, _ = RegistrationConflict.objects.get_or_create(
        existing=existing,
        attempted_office=attempted_office,
        attempted_by=actor,
        status=RegistrationConflict.Status.OPEN,
        defaults={"attempted_name": attempted_name, "edited": edited},
    )
    inbox_refresh(area=duties.AREA, ids=[conflict.pk])
    return conflict


@transaction.atomic
def registration_conflict_resolve(*, actor, conflict: RegistrationConflict, resolution: str) -> RegistrationConflict:
    """The city agency records what its check found (OPEN → RESOLVED)."""
    current = RegistrationConflict.objects.select_for_update().get(pk=conflict.pk)
    if current.status != RegistrationConflict.Status.OPEN:
        raise RegisterError("该登记冲突已核查办结，不能重复办理。", "resolution")
    resolution = resolution.strip()
    if not resolution:
        raise RegisterError("请填写核查结果：如何核实、结论及已告知的单位。", "resolution")
    current.status = RegistrationConflict.Status.RESOLVED
    current.resolution, current.resolved_by, current.resolved_at = resolution, actor, timezone.now()
    current.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    inbox_refresh(area=duties.AREA, ids=[current.pk])
    return current


@dataclass
class Related:
    """Family contacts and prohibition orders as submitted: rows to keep or add, and rows to delete."""

    family_contacts: list[FamilyContact]
    prohibition_orders: list[ProhibitionOrder]
    deleted: list[Any]


def _save_related(actor, supervisee: Supervisee, related: Related) -> None:
    for obj in related.deleted:
        if obj.pk and obj.supervisee_id == supervisee.pk:
            obj._history_user = actor
            obj.delete()
    for obj in [*related.family_contacts, *related.prohibition_orders]:
        obj.supervisee = supervisee
        obj._history_user = actor
        obj.save()


@_refer_duplicates
@transaction.atomic
def supervisee_register(*, actor, supervisee: Supervisee, related: Related, status: str) -> Supervisee:
    """Enter a new person in the register, pending report-in or (already reported) under correction."""
    if status not in REGISTRATION_STATUSES:
        raise RegisterError("新登记的矫正对象只能是“待报到”或“在矫”状态。", "status")
    supervisee.status = status
    _check_problems(supervisee)
    supervisee_derive(supervisee)
    _check_no_other_active_record(supervisee)
    supervisee._history_user = actor
    try:
        with transaction.atomic():
            supervisee.save()
    except IntegrityError:  # a concurrent registration of the same person won the race
        raise _ActiveRecordExists(_other_active_record(supervisee)) from None
    _save_related(actor, supervisee, related)
    inbox_refresh_people([supervisee.pk])
    return supervisee


class ConflictError(RegisterError):
    pass


@_refer_duplicates
@transaction.atomic
def supervisee_update(*, actor, supervisee: Supervisee, related: Related, expected_version: int) -> Supervisee:
    """Save an officer's edit, refusing it if someone else saved the record since the form was opened."""
    current = Supervisee.objects.select_for_update().get(pk=supervisee.pk)
    if current.version != expected_version:
        last = current.history.select_related("history_user").first()
        who = (
            f"{last.history_user.full_name}于{cn_datetime(timezone.localtime(last.history_date))}"
            if last and last.history_user
            else "他人"
        )
        raise ConflictError(f"该记录已被{who}修改。您填写的内容仍保留在下方，请核对最新记录后重新提交。")
    if current.status not in ACTIVE_STATUSES:
        raise RegisterError("已解除或终止矫正的记录只读，不能修改。")
    supervisee.status = current.status  # status changes only through its own transitions
    supervisee.version = current.version + 1
    _check_problems(supervisee)
    supervisee_derive(supervisee)
    _check_no_other_active_record(supervisee)
    supervisee._history_user = actor
    supervisee.save()
    _save_related(actor, supervisee, related)
    inbox_refresh_people([supervisee.pk])
    return supervisee


# ------------------------------------------------------------------------------------------- case assignments

ASSIGNED_ROLES = {
    CaseAssignment.Kind.PROCURATOR: Role.PROCURATOR,
    CaseAssignment.Kind.SOCIAL_WORKER: Role.SOCIAL_WORKER,
    CaseAssignment.Kind.VOLUNTEER: Role.VOLUNTEER,
    CaseAssignment.Kind.MENTOR: Role.MENTOR,
}
# Who may be given a minor's case beyond the correction agency: only the procurator (社区矫正法第五十四条).
MINOR_KINDS = (CaseAssignment.Kind.PROCURATOR,)


def assignment_candidates(s: Supervisee, kind: str):
    """The active accounts of the kind's role in the person's county (procurators: the county procuratorate)."""
    users = User.objects.filter(role=ASSIGNED_ROLES[kind], is_active=True, unit__county_id=s.judicial_office.county_id)
    if kind == CaseAssignment.Kind.PROCURATOR:
        users = users.filter(unit__kind="procuratorate")
    return users.select_related("unit").order_by("unit__name", "full_name")


def _assignable(actor, supervisee: Supervisee) -> Supervisee:
    s = lock_supervisee_for_user(actor, supervisee.pk)
    if s is None:
        raise RegisterError("您无权为该矫正对象分派人员，或该记录已解除、终止矫正。")
    return s


@transaction.atomic
def assignment_add(*, actor, supervisee: Supervisee, kind: str, user_id: int | None) -> CaseAssignment:
    """Give a procurator, social worker, volunteer or mentor the person's case (they may see the record from now)."""
    s = _assignable(actor, supervisee)
    if kind not in ASSIGNED_ROLES:
        raise RegisterError("请选择分派类型。", "kind")
    if s.is_minor and kind not in MINOR_KINDS:
        raise RegisterError("未成年社区矫正对象的身份信息保密（社区矫正法第五十四条），只能分派承办检察官。", "kind")
    user = assignment_candidates(s, kind).filter(pk=user_id).first() if user_id else None
    if user is None:
        raise RegisterError(f"请从本县（市、区）的{CaseAssignment.Kind(kind).label}中选择。", "user")
    assignment, _ = CaseAssignment.objects.select_for_update().get_or_create(
        supervisee=s, user=user, kind=kind, defaults={"is_active": False}
    )
    if assignment.is_active:
        raise RegisterError(f"{user.full_name}已分派承办该案件。", "user")
    if kind == CaseAssignment.Kind.MENTOR:  # "511": one officer paired with one person
        paired = (
            s.assignments.filter(kind=kind, is_active=True).exclude(pk=assignment.pk).select_related("user").first()
        )
        if paired is not None:
            raise RegisterError(f"该对象已由{paired.user.full_name}结对帮教，请先解除原结对。", "user")
    assignment.is_active, assignment.assigned_by, assignment.assigned_at = True, actor, timezone.now()
    assignment.ended_by = assignment.ended_at = None
    assignment.end_reason = ""
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, actor, supervisee: Supervisee, assignment_id: int) -> CaseAssignment:
    """The person no longer works on the case: their access ends now."""
    s = _assignable(actor, supervisee)
    assignment = CaseAssignment.objects.select_for_update().filter(pk=assignment_id, supervisee=s).first()
    if assignment is None or not assignment.is_active:
        raise RegisterError("该分派已解除。")
    assignment.is_active, assignment.ended_by, assignment.ended_at = False, actor, timezone.now()
    assignment.save(update_fields=["is_active", "ended_by", "ended_at"])
    return assignment


# ------------------------------------------------------------------------------------------- moving a record


@transaction.atomic
def supervisee_move(*, actor, supervisee: Supervisee, office, residence_address: str, reason: str) -> Supervisee:
    """Pass the whole record to another judicial office (e.g. a change of the place of execution decided elsewhere):
    the office and the county derived from it change, so who may see the record changes with them (the jurisdiction
    follows the office); the change is kept in the record's history with `reason`. The residence follows the new
    address (the village is cleared when it lies outside the new office's township). Case assignments of people of
    another county (the procurator, social worker, volunteer or mentor of the old county) end now with `reason`: they
    lose access. Every to-do about the person is computed again, so the new office and county own them."""
    s = lock_supervisee_for_user(actor, supervisee.pk, status=Status.UNDER_CORRECTION)
    if s is None:
        raise RegisterError("您无权移交该矫正对象的档案，或该对象不在矫。")
    if office is None or office.kind != "judicial_office" or office.county_id is None:
        raise RegisterError("请选择接收档案的司法所。", "office")
    if office.pk == s.judicial_office_id:
        raise RegisterError("接收的司法所与现负责司法所相同。", "office")
    reason = reason.strip()
    if not reason:
        raise RegisterError("请写明移交原因。", "reason")
    s.judicial_office = office
    if residence_address.strip():
        s.residence_address = residence_address.strip()[:200]
    if s.village_id and s.village.parent_id != office.division_id:
        s.village = None
    supervisee_derive(s)
    s.version += 1
    s._history_user = actor
    s._change_reason = reason[:100]
    s.save()
    ended = s.assignments.filter(is_active=True).exclude(user__unit__county_id=office.county_id)
    ended.update(is_active=False, ended_by=actor, ended_at=timezone.now(), end_reason=reason[:200])
    inbox_refresh_people([s.pk])
    return s


def supervisee_transfer_out(*, actor, supervisee: Supervisee, reason: str) -> Supervisee:
    """The place of execution changed to outside the city and the receiving agency confirmed receipt: the record
    leaves the active states (迁出本市) and is read-only from now on, kept with its history; the person's phone-app
    account stops working, and every to-do about the person is computed again (none remain)."""
    s = lock_supervisee_for_user(actor, supervisee.pk, status=Status.UNDER_CORRECTION)
    if s is None:
        raise RegisterError("您无权办理该矫正对象的迁出，或该对象不在矫。")
    s.status = Status.TRANSFERRED_OUT
    s.version += 1
    s._history_user = actor
    s._change_reason = reason.strip()[:100]
    s.save()
    User.objects.filter(supervisee=s, is_active=True).update(is_active=False)
    inbox_refresh_people([s.pk])
    return s
