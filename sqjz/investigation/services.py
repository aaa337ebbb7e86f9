"""Writes of the investigation workflow. Each is one transaction; views and the API call only these."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.core.validators import validate_person_name
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh
from sqjz.investigation import duties, paperwork
from sqjz.investigation.models import Interview, Investigation
from sqjz.outbox import services as outbox
from sqjz.statute.rules.minors import minor_rules_apply
from sqjz.statute.text import cn_date
from sqjz.supervisees.permissions import Access, investigation_q
from sqjz.supervisees.services import identity_index

S = Investigation.Status
FINDINGS = (
    "residence_findings",
    "family_and_social_ties",
    "crime_consequences",
    "committee_views",
    "victim_views",
    "social_danger",
    "community_impact",
)
REQUIRED_INTERVIEWS = (Interview.Kind.FAMILY, Interview.Kind.COMMITTEE)


class InvestigationError(ServiceError):
    """A step refused for a reason the officer can act on."""


@dataclass(frozen=True)
class ChecklistItem:
    label: str
    done: bool
    hint: str = ""


def investigation_checklist(inv: Investigation, interview_kinds: set[str]) -> list[ChecklistItem]:
    """What 实施办法第十四条 requires before the opinion can go to the county for approval."""
    items = [
        ChecklistItem(
            f"走访{Interview.Kind(kind).label}",
            kind in interview_kinds,
            f"请添加一条“{Interview.Kind(kind).label}”走访记录",
        )
        for kind in REQUIRED_INTERVIEWS
    ]
    for name in FINDINGS:
        label = Investigation._meta.get_field(name).verbose_name
        items.append(ChecklistItem(f"调查内容：{label}", bool(getattr(inv, name).strip()), f"请填写“{label}”"))
    items.append(ChecklistItem("评估意见", bool(inv.opinion), "请选择适宜或不适宜社区矫正"))
    items.append(ChecklistItem("意见理由", bool(inv.opinion_reasons.strip()), "请写明作出评估意见的理由"))
    return items


def can_edit(user, inv: Investigation) -> bool:
    return Investigation.objects.filter(investigation_q(user, Access.EDIT), pk=inv.pk).exists()


def investigation_derive(inv: Investigation) -> None:
    inv.id_number_index = identity_index(inv.id_number)
    inv.is_minor = minor_rules_apply(
        birth_date=inv.birth_date, offence_date=inv.offence_date, term_start=inv.received_on
    ).outcome


def _locked(actor, inv: Investigation, *statuses: str) -> Investigation:
    """Reload under lock, within the actor's jurisdiction, and check the step is allowed now."""
    current = (
        Investigation.objects.select_for_update(of=("self",))
        .filter(investigation_q(actor, Access.EDIT))
        .filter(pk=inv.pk)
        .first()
    )
    if current is None:
        raise InvestigationError("您无权办理该调查评估，或该调查评估已办结。")
    if statuses and current.status not in statuses:
        raise InvestigationError(f"该调查评估当前状态为“{current.get_status_display()}”，不能进行此操作。")
    return current


def _save(actor, inv: Investigation) -> Investigation:
    inv._history_user = actor
    inv.version += 1
    inv.save()
    inbox_refresh(area=duties.AREA, ids=[inv.pk])
    return inv


@transaction.atomic
def investigation_register(*, actor, investigation: Investigation, sent_by_commissioner: bool = False) -> Investigation:
    """Register a commission received; the deadline starts from the day after it arrived. A commission the
    commissioning body sends itself (sqjz/exchange, decision 0041) names its handling office by the person's residence
    instead of the officer's jurisdiction."""
    inv = investigation
    if inv.procuratorate_notified_on < inv.received_on:
        raise InvestigationError("通报人民检察院日期不能早于收到委托的日期。", "procuratorate_notified_on")
    if inv.received_on > timezone.localdate():
        raise InvestigationError("收到委托日期不能晚于今天。", "received_on")
    if inv.offence_date > timezone.localdate():
        raise InvestigationError("犯罪时间不能晚于今天，请核对。", "offence_date")
    try:
        validate_person_name(inv.name)
    except ValidationError as error:
        raise InvestigationError(error.messages[0], "name") from None
    investigation_derive(inv)
    inv.created_by = actor
    inv.status = S.INVESTIGATING
    inv._history_user = actor
    inv.save()
    if sent_by_commissioner:
        if inv.commissioning_body_id != getattr(actor, "unit_id", None):
            raise InvestigationError("只能登记本机关的委托。", "commissioning_body")
    elif not Investigation.objects.filter(investigation_q(actor, Access.EDIT), pk=inv.pk).exists():
        raise InvestigationError("只能登记本辖区司法所承办的调查评估。", "judicial_office")
    inbox_refresh(area=duties.AREA, ids=[inv.pk])
    return inv


def investigation_commission_receive(*, actor, commissioning_body, judicial_office, **fields) -> Investigation:
    """A commission sent by the commissioning body itself (decision 0041): registered as investigation_register does,
    received today; the procuratorate is to be notified the same day."""
    today = timezone.localdate()
    inv = Investigation(
        commissioning_body=commissioning_body,
        judicial_office=judicial_office,
        received_on=today,
        procuratorate_notified_on=today,
        **fields,
    )
    return investigation_register(actor=actor, investigation=inv, sent_by_commissioner=True)


@transaction.atomic
def interview_add(*, actor, investigation: Investigation, interview: Interview) -> Interview:
    inv = _locked(actor, investigation, S.INVESTIGATING)
    if interview.interviewed_on < inv.received_on or interview.interviewed_on > timezone.localdate():
        raise InvestigationError("走访日期应在收到委托之日至今天之间。", "interviewed_on")
    interview.investigation = inv
    interview.recorded_by = actor
    interview.save()
    return interview


@transaction.atomic
def findings_save(*, actor, investigation: Investigation, expected_version: int) -> Investigation:
    """Save the findings and opinion as typed (drafts allowed: completeness is checked on submission)."""
    current = _locked(actor, investigation, S.INVESTIGATING)
    if current.version != expected_version:
        raise InvestigationError("该调查评估已被他人修改。您填写的内容仍保留在下方，请核对后重新提交。")
    for name in (*FINDINGS, "opinion", "opinion_reasons", "proposed_prohibitions"):
        setattr(current, name, getattr(investigation, name))
    return _save(actor, current)


@transaction.atomic
def investigation_submit(*, actor, investigation: Investigation) -> Investigation:
    inv = _locked(actor, investigation, S.INVESTIGATING)
    kinds = set(inv.interviews.values_list("kind", flat=True))
    missing = [item.hint for item in investigation_checklist(inv, kinds) if not item.done]
    if missing:
        raise InvestigationError("尚不能提交审批：" + "；".join(missing) + "。")
    inv.status, inv.submitted_by, inv.submitted_at, inv.return_reason = S.PENDING_APPROVAL, actor, timezone.now(), ""
    return _save(actor, inv)


@transaction.atomic
def investigation_decide(*, actor, investigation: Investigation, approve: bool, reason: str = "") -> Investigation:
    """The county agency approves the opinion (the opinion document is issued) or returns it with reasons."""
    inv = _locked(actor, investigation, S.PENDING_APPROVAL)
    if not approve:
        if not reason.strip():
            raise InvestigationError("退回时请写明理由。", "reason")
        inv.status, inv.return_reason = S.INVESTIGATING, reason.strip()
        return _save(actor, inv)
    inv.status, inv.approved_by, inv.approved_at = S.APPROVED, actor, timezone.now()
    _save(actor, inv)
    agency = inv.judicial_office.parent
    document_issue(
        actor=actor,
        kind=Document.Kind.INVESTIGATION_OPINION,
        agency=agency,
        doc=paperwork.opinion(inv, agency, timezone.localdate()),
        investigation=inv,
    )
    return inv


@transaction.atomic
def investigation_deliver(*, actor, investigation: Investigation, delivered_on: date, copied_on: date) -> Investigation:
    inv = _locked(actor, investigation, S.APPROVED)
    approved = timezone.localdate(inv.approved_at)
    today = timezone.localdate()
    for value, field, label in (
        (delivered_on, "delivered_on", "送达"),
        (copied_on, "copied_to_procuratorate_on", "抄送"),
    ):
        if value < approved or value > today:
            raise InvestigationError(f"{label}日期应在审批之日（{cn_date(approved)}）至今天之间。", field)
    inv.status, inv.delivered_on, inv.copied_to_procuratorate_on = S.DELIVERED, delivered_on, copied_on
    _save(actor, inv)
    _notify_commissioning_body(inv)
    return inv


def _notify_commissioning_body(inv: Investigation) -> None:
    """The opinion delivered is also pushed to the commissioning body's interface, if it has one (decision 0042);
    in this transaction, so a rolled-back delivery sends nothing."""
    document = (
        Document.objects.filter(investigation=inv, kind=Document.Kind.INVESTIGATION_OPINION)
        .select_related("agency")
        .order_by("-issued_at", "-id")
        .first()
    )
    outbox.notify(
        agency=inv.commissioning_body,
        kind="investigation_opinion",
        payload={
            "commission_number": inv.commission_number,
            "name": inv.name,
            "id_number": inv.id_number,
            "opinion": inv.opinion,
            "opinion_label": inv.get_opinion_display(),
            "reasons": inv.opinion_reasons,
            "proposed_prohibitions": inv.proposed_prohibitions,
            "document_number": document.number if document else "",
            "delivered_on": inv.delivered_on.isoformat(),
            "issued_by": document.agency.name if document else inv.judicial_office.parent.name,
        },
        document=document,
    )


@transaction.atomic
def investigation_record_adoption(*, actor, investigation: Investigation, adoption: str, note: str) -> Investigation:
    inv = _locked(actor, investigation, S.DELIVERED)
    if adoption not in Investigation.Adoption.values:
        raise InvestigationError("请选择委托机关是否采纳评估意见。", "adoption")
    inv.status, inv.adoption, inv.adoption_note = S.CLOSED, adoption, note.strip()
    return _save(actor, inv)
