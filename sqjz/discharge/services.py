"""Writes of discharge and termination. Each is one transaction; views call only these.

The supervisee's status changes here and nowhere else:
    UNDER_CORRECTION → DISCHARGED (supervisee_discharge)
    PENDING_REPORT | UNDER_CORRECTION → TERMINATED (supervisee_terminate)
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.discharge import duties, paperwork
from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh, inbox_refresh_people
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.age import is_minor_on
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import ACTIVE_STATUSES, CorrectionType, Status, Supervisee
from sqjz.supervisees.permissions import lock_supervisee_for_user

EVALUATION_FIELDS = ("performance", "assessment_summary", "community_views", "resettlement_advice", "evaluated_on")
ANNOUNCEMENT_FIELDS = (
    "announced_on",
    "announcement_place",
    "announcement_host",
    "announcement_participants",
    "announcement_public",
    "guardian_present",
)
# A revocation or committal must fit the correction type it ends (社区矫正法第四十五条).
TERMINATION_TYPES = {
    Termination.Cause.PROBATION_REVOKED: CorrectionType.PROBATION,
    Termination.Cause.PAROLE_REVOKED: CorrectionType.PAROLE,
    Termination.Cause.COMMITTAL: CorrectionType.TEMPORARY_RELEASE,
}
CLOSING_DOCUMENTS = (
    Document.Kind.DISCHARGE_CERTIFICATE,
    Document.Kind.DISCHARGE_ANNOUNCEMENT,
    Document.Kind.DISCHARGE_NOTICE,
    Document.Kind.TERMINATION_NOTICE,
)


class DischargeError(ServiceError):
    """A step refused for a reason the officer can act on; `field` names the form field, if any."""


# Reasons a step is not available now. The page shows them beside a disabled button; the services
# raise them as errors. One function per step, so the page and the service cannot disagree.


def evaluation_blocker(s: Supervisee, *, editable: bool) -> str | None:
    """`editable`: the supervisee is in the user's EDIT jurisdiction (`can_access(user, s, Access.EDIT)`)."""
    if s.status != Status.UNDER_CORRECTION:
        return f"矫正对象当前状态为“{s.get_status_display()}”，仅在矫人员可作期满前书面鉴定。"
    if not editable:
        return "仅负责司法所和县级社区矫正机构可作书面鉴定。"
    return None


def discharge_blocker(user, s: Supervisee, *, editable: bool, has_evaluation: bool) -> str | None:
    if not has_capability(user, Capability.CASE_CLOSE):
        return "解除矫正由县级社区矫正机构办理。"
    if s.status != Status.UNDER_CORRECTION:
        return f"矫正对象当前状态为“{s.get_status_display()}”，仅在矫人员可以解除矫正。"
    if not editable:
        return "该矫正对象不在您的管辖范围内。"
    if not has_evaluation:
        return "尚未作出期满前书面鉴定，鉴定完成后方可解除矫正。"
    return None


def term_blocker(s: Supervisee, today: date) -> str | None:
    """Before the last day of the term only an amnesty releases the person (社区矫正法第四十四条)."""
    if today < s.term_end:
        return f"矫正期满日为{cn_date(s.term_end)}，期满后方可解除。"
    return None


def termination_blocker(user, s: Supervisee, *, editable: bool) -> str | None:
    if not has_capability(user, Capability.CASE_CLOSE):
        return "终止矫正由县级社区矫正机构办理。"
    if s.status not in ACTIVE_STATUSES:
        return f"矫正对象当前状态为“{s.get_status_display()}”，不能再终止矫正。"
    if not editable:
        return "该矫正对象不在您的管辖范围内。"
    return None


def _locked(actor, supervisee: Supervisee) -> Supervisee:
    """Reload the supervisee under lock, within the actor's EDIT jurisdiction (active records only)."""
    current = lock_supervisee_for_user(actor, supervisee.pk)
    if current is None:
        raise DischargeError("您无权办理该矫正对象，或其矫正已解除、终止。")
    return current


def _close(actor, s: Supervisee, status: str) -> None:
    """The one place the record leaves the active states; the register is read-only afterwards, and the person's
    phone-app account stops working."""
    s.status = status
    s.version += 1
    s._history_user = actor
    s.save(update_fields=["status", "version", "updated_at"])
    User.objects.filter(supervisee=s, is_active=True).update(is_active=False)


def _check_date(value: date, low: date, high: date, field: str, message: str) -> None:
    if not low <= value <= high:
        raise DischargeError(message, field)


@transaction.atomic
def evaluation_save(
    *, actor, supervisee: Supervisee, evaluation: DischargeEvaluation, expected_version: int | None
) -> DischargeEvaluation:
    """Write or revise the written evaluation before the end of the term (期满前书面鉴定).

    `evaluation` carries the fields as typed; `expected_version` is the version the form was opened on
    (None for a new one), so that two officers do not overwrite each other."""
    s = _locked(actor, supervisee)
    blocker = evaluation_blocker(s, editable=True)  # _locked checked the jurisdiction
    if blocker:
        raise DischargeError(blocker)
    current = DischargeEvaluation.objects.select_for_update().filter(supervisee=s).first()
    if (current.version if current else None) != expected_version:
        raise DischargeError("该书面鉴定已被他人修改。您填写的内容仍保留在下方，请核对后重新提交。")
    today = timezone.localdate()
    _check_date(
        evaluation.evaluated_on,
        s.term_start,
        today,
        "evaluated_on",
        f"鉴定日期应在矫正起始日（{cn_date(s.term_start)}）至今天之间。",
    )
    for name in EVALUATION_FIELDS[:-1]:
        value = getattr(evaluation, name).strip()
        if not value:
            label = DischargeEvaluation._meta.get_field(name).verbose_name
            raise DischargeError(f"请填写“{label}”。", name)
        setattr(evaluation, name, value)
    if current is None:
        current = DischargeEvaluation(supervisee=s)
    else:
        current.version += 1
    for name in EVALUATION_FIELDS:
        setattr(current, name, getattr(evaluation, name))
    current.evaluated_by, current.evaluator_unit = actor, actor.unit
    current._history_user = actor
    current.save()
    inbox_refresh(area=duties.AREA, ids=[s.pk])
    return current


def _check_announcement(s: Supervisee, d: Discharge, ev: DischargeEvaluation, today: date) -> None:
    if not d.announcement_held:
        for name in ANNOUNCEMENT_FIELDS:
            field = Discharge._meta.get_field(name)
            setattr(d, name, field.get_default())
        return
    for name, label in (
        ("announced_on", "宣告日期"),
        ("announcement_place", "宣告地点"),
        ("announcement_host", "主持人"),
    ):
        if not getattr(d, name):
            raise DischargeError(f"举行解矫宣告的，请填写{label}。", name)
    _check_date(
        d.announced_on,
        ev.evaluated_on,
        today,
        "announced_on",
        f"宣告日期应在书面鉴定之日（{cn_date(ev.evaluated_on)}）至今天之间：宣告时应宣读书面鉴定。",
    )
    # Sealing follows the age at the offence (社区矫正法第五十四条、第五十八条): never public. A guardian exists and
    # attends only while the person is under 18 on the day of the announcement.
    if s.is_minor and d.announcement_public:
        raise DischargeError(
            "犯罪时未成年的社区矫正对象，解矫宣告不得公开进行，请取消“公开宣告”。", "announcement_public"
        )
    if is_minor_on(statute_context(), birth_date=s.birth_date, on=d.announced_on) and not d.guardian_present:
        raise DischargeError("未成年社区矫正对象解矫宣告时，其监护人应当到场。", "guardian_present")


@dataclass(frozen=True)
class Closing:
    """What a discharge or termination produced: the record and the documents issued."""

    record: Discharge | Termination
    documents: list[Document]


@transaction.atomic
def supervisee_discharge(*, actor, supervisee: Supervisee, discharge: Discharge) -> Closing:
    """Release at the end of the term or on amnesty (社区矫正法第四十四条): record it, close the register
    record, and issue the certificate, the announcement (if one was held) and the notice."""
    s = _locked(actor, supervisee)
    ev = DischargeEvaluation.objects.filter(supervisee=s).first()
    d = discharge
    today = timezone.localdate()
    amnesty = d.cause == Discharge.Cause.AMNESTY
    blocker = discharge_blocker(actor, s, editable=True, has_evaluation=ev is not None)
    if blocker:
        raise DischargeError(blocker)
    assert ev is not None  # the blocker refuses a discharge without an evaluation
    if d.cause not in Discharge.Cause.values:
        raise DischargeError("请选择解除原因。", "cause")
    if not amnesty and (early := term_blocker(s, today)):
        raise DischargeError(f"{early}因赦免提前解除的，请选择“赦免”并写明依据。", "cause")
    if amnesty:
        d.amnesty_basis = d.amnesty_basis.strip()
        if not d.amnesty_basis:
            raise DischargeError("因赦免解除的，请写明赦免依据（如特赦令）。", "amnesty_basis")
        _check_date(
            d.discharged_on,
            s.term_start,
            today,
            "discharged_on",
            f"解除矫正日期应在矫正起始日（{cn_date(s.term_start)}）至今天之间。",
        )
    else:
        d.amnesty_basis = ""
        _check_date(
            d.discharged_on,
            s.term_end,
            today,
            "discharged_on",
            f"解除矫正日期应在矫正期满日（{cn_date(s.term_end)}）至今天之间。",
        )
    _check_announcement(s, d, ev, today)
    d.resettlement_body = d.resettlement_body.strip()
    if not d.resettlement_body:
        raise DischargeError("请填写安置帮教接收单位。", "resettlement_body")
    _check_date(
        d.handed_over_on,
        ev.evaluated_on,
        today,
        "handed_over_on",
        f"移交安置帮教日期应在书面鉴定之日（{cn_date(ev.evaluated_on)}）至今天之间。",
    )
    copies = paperwork.notice_copies(s.judicial_office)
    if copies is None:
        raise DischargeError("组织机构中缺少本县（市、区）人民检察院或公安局，无法制作通知书，请联系系统管理员。")

    d.supervisee, d.decided_by = s, actor
    d._history_user = actor
    d.save()
    _close(actor, s, Status.DISCHARGED)
    agency = s.judicial_office.parent
    issue = {"actor": actor, "agency": agency, "supervisee": s}
    documents = [
        document_issue(
            kind=Document.Kind.DISCHARGE_CERTIFICATE, doc=paperwork.certificate(s, d, agency, today), **issue
        )
    ]
    if d.announcement_held:
        documents.append(
            document_issue(
                kind=Document.Kind.DISCHARGE_ANNOUNCEMENT,
                doc=paperwork.announcement(s, d, ev, agency, today),
                **issue,
            )
        )
    documents.append(
        document_issue(
            kind=Document.Kind.DISCHARGE_NOTICE, doc=paperwork.discharge_notice(s, d, agency, today, copies), **issue
        )
    )
    inbox_refresh_people([s.pk])  # out of correction: every duty about the person closes
    return Closing(d, documents)


@transaction.atomic
def supervisee_terminate(*, actor, supervisee: Supervisee, termination: Termination) -> Closing:
    """Termination on death, revocation or committal (社区矫正法第四十五、五十一条): record it, close the
    register record, and notify the deciding authority with copies to the procuratorate and police."""
    s = _locked(actor, supervisee)
    t = termination
    blocker = termination_blocker(actor, s, editable=True)
    if blocker:
        raise DischargeError(blocker)
    if t.cause not in Termination.Cause.values:
        raise DischargeError("请选择终止原因。", "cause")
    required_type = TERMINATION_TYPES.get(t.cause)
    if required_type and s.correction_type != required_type:
        raise DischargeError(
            f"“{Termination.Cause(t.cause).label}”仅适用于{CorrectionType(required_type).label}社区矫正对象，"
            f"该矫正对象为{s.get_correction_type_display()}。",
            "cause",
        )
    today = timezone.localdate()
    _check_date(
        t.terminated_on,
        s.judgment_effective_date,
        today,
        "terminated_on",
        f"终止日期应在判决（裁定、决定）生效之日（{cn_date(s.judgment_effective_date)}）至今天之间。",
    )
    t.basis, t.note = t.basis.strip(), t.note.strip()
    if not t.basis:
        raise DischargeError("请写明终止的依据，如裁定书文号或死亡证明。", "basis")
    copies = paperwork.notice_copies(s.judicial_office)
    if copies is None:
        raise DischargeError("组织机构中缺少本县（市、区）人民检察院或公安局，无法制作通知书，请联系系统管理员。")

    t.supervisee, t.decided_by = s, actor
    t._history_user = actor
    t.save()
    _close(actor, s, Status.TERMINATED)
    agency = s.judicial_office.parent
    document = document_issue(
        actor=actor,
        kind=Document.Kind.TERMINATION_NOTICE,
        agency=agency,
        doc=paperwork.termination_notice(s, t, agency, today, copies),
        supervisee=s,
    )
    inbox_refresh_people([s.pk])  # out of correction: every duty about the person closes
    return Closing(t, [document])


@transaction.atomic
def termination_on_ruling(
    *, recorded_by, supervisee_id: int, cause: str, terminated_on: date, basis: str, note: str = ""
) -> Closing:
    """Termination that follows a ruling or decision already recorded by its caller (the court's revocation of
    probation or parole, the deciding authority's committal; 社区矫正法第四十五条): the caller has checked who may
    record the ruling, so no jurisdiction or capability is checked here. Records the termination, closes the
    register record and issues the 终止社区矫正通知书 of the person's county agency, as supervisee_terminate does."""
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(pk=supervisee_id)
        .select_related("judicial_office__parent", "judicial_office__county", "deciding_authority")
        .first()
    )
    if s is None or s.status not in ACTIVE_STATUSES:
        raise DischargeError("该矫正对象的矫正已解除或终止，不能再终止矫正。")
    if cause not in TERMINATION_TYPES:
        raise DischargeError("终止原因须为撤销缓刑、撤销假释或收监执行。", "cause")
    if s.correction_type != TERMINATION_TYPES[cause]:
        raise DischargeError(
            f"“{Termination.Cause(cause).label}”仅适用于{CorrectionType(TERMINATION_TYPES[cause]).label}社区矫正对象，"
            f"该矫正对象为{s.get_correction_type_display()}。",
            "cause",
        )
    if not s.judgment_effective_date <= terminated_on <= timezone.localdate():
        raise DischargeError("终止日期应在判决（裁定、决定）生效之日至今天之间。", "terminated_on")
    if not basis.strip():
        raise DischargeError("请写明终止的依据（裁定书、决定书文号）。", "basis")
    copies = paperwork.notice_copies(s.judicial_office)
    if copies is None:
        raise DischargeError("组织机构中缺少本县（市、区）人民检察院或公安局，无法制作通知书，请联系系统管理员。")
    t = Termination(
        supervisee=s,
        cause=cause,
        terminated_on=terminated_on,
        basis=basis.strip()[:200],
        note=note.strip(),
        decided_by=recorded_by,
    )
    t._history_user = recorded_by
    t.save()
    _close(recorded_by, s, Status.TERMINATED)
    agency = s.judicial_office.parent
    document = document_issue(
        actor=recorded_by,
        kind=Document.Kind.TERMINATION_NOTICE,
        agency=agency,
        doc=paperwork.termination_notice(s, t, agency, timezone.localdate(), copies),
        supervisee=s,
    )
    inbox_refresh_people([s.pk])
    return Closing(t, [document])
