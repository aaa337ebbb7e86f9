"""Writes to the register. Each is one transaction; views, the API and commands call only these."""

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from pypinyin import Style, lazy_pinyin

from sqjz.core.crypto import blind_index
from sqjz.inbox.services import inbox_refresh
from sqjz.statute.rules.minors import minor_rules_apply
from sqjz.statute.text import cn_datetime
from sqjz.supervisees.models import ACTIVE_STATUSES, FamilyContact, ProhibitionOrder, Status, Supervisee

ID_CONTEXT = "supervisee.id_number"
PHONE_CONTEXT = "supervisee.phone"
REGISTRATION_STATUSES = (Status.PENDING_REPORT, Status.UNDER_CORRECTION)


class RegisterError(Exception):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


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
    supervisee.is_minor = minor_rules_apply(
        birth_date=supervisee.birth_date, offence_date=supervisee.offence_date, term_start=supervisee.term_start
    ).outcome


def _check_no_other_active_record(supervisee: Supervisee) -> None:
    others = Supervisee.objects.filter(id_number_index=supervisee.id_number_index, status__in=ACTIVE_STATUSES)
    if supervisee.pk:
        others = others.exclude(pk=supervisee.pk)
    if others.exists():
        raise RegisterError(
            "该证件号码已有一条未解除的矫正记录，不能重复登记；如需核实请联系县级社区矫正机构。", "id_number"
        )


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


@transaction.atomic
def supervisee_register(*, actor, supervisee: Supervisee, related: Related, status: str) -> Supervisee:
    """Enter a new person in the register, pending report-in or (already reported) under correction."""
    if status not in REGISTRATION_STATUSES:
        raise RegisterError("新登记的矫正对象只能是“待报到”或“在矫”状态。", "status")
    supervisee.status = status
    supervisee_derive(supervisee)
    _check_no_other_active_record(supervisee)
    supervisee._history_user = actor
    try:
        with transaction.atomic():
            supervisee.save()
    except IntegrityError:  # a concurrent registration of the same person won the race
        raise RegisterError("该证件号码已有一条未解除的矫正记录，不能重复登记。", "id_number") from None
    _save_related(actor, supervisee, related)
    inbox_refresh(supervisee_ids=[supervisee.pk])
    return supervisee


class ConflictError(RegisterError):
    pass


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
    supervisee_derive(supervisee)
    _check_no_other_active_record(supervisee)
    supervisee._history_user = actor
    supervisee.save()
    _save_related(actor, supervisee, related)
    inbox_refresh(supervisee_ids=[supervisee.pk])
    return supervisee
