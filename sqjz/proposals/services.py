"""Writes of proposals. Each is one transaction; views call only these (models.py shows the life of a proposal).

- `proposal_draft`: the office or the county agency drafts; the kind's statute rule must allow it on the record's
  facts and the officer's findings, or nothing is saved (the message names the rule's title and articles).
- `proposal_edit`, `proposal_withdraw`: the drafting unit corrects a draft (the rule applied again, as when
  drafting); a draft or a proposal ready to sign is withdrawn (撤回) with a reason, and kept.
- `proposal_submit`: the county agency puts it to the review committee when the committee's settings say so
  (`committee.selectors.deliberation_level`); otherwise it is ready to sign. The committee's resolution moves it on
  (`matter_resolved`, registered in committee_kinds.py): 通过 → ready, 不通过 → stopped, 暂缓 → back to draft with the
  committee's text (a deferred matter is resolved, not put on a later agenda: submitting again makes a new matter).
- `proposal_send`: the county head signs and sends: the committee's passing resolution is required
  (`committee.services.resolution_required`), the rule is applied again, the evidence is frozen, the documents are
  numbered, and the receiving body's clock starts.
- `arrest_decide`, `proposal_decide`: the receiving body records its decision when it has an account; otherwise the
  county agency enters the paper reply (marked as such). A revocation or committal granted terminates the correction
  (discharge's `termination_on_ruling`); an arrest records custody; a police penalty counts for the ladder.
- `penalty_correct`: the office or agency marks a police penalty corrected.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.committee import selectors as committee_selectors
from sqjz.committee import services as committee
from sqjz.core.errors import ServiceError
from sqjz.discharge.services import termination_on_ruling
from sqjz.documents.models import Document
from sqjz.documents.services import document_issue
from sqjz.inbox.services import inbox_refresh, inbox_refresh_people
from sqjz.organisation.selectors import county_procuratorate
from sqjz.outbox import services as outbox
from sqjz.proposals import paperwork, selectors
from sqjz.proposals.models import Proposal
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q
from sqjz.supervisees.services import original_penalty

AREA = "proposals"
K = Proposal.Kind
S = Proposal.Status
# A proposal in one of these no longer stands in the way of a new one of its kind.
CLOSED = (S.GRANTED, S.REFUSED, S.STOPPED, S.WITHDRAWN)
TERMINATION_CAUSES = {
    K.PROBATION_REVOCATION: "probation_revoked",
    K.PAROLE_REVOCATION: "parole_revoked",
    K.COMMITTAL: "committal",
}


class ProposalError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _refresh(ids: list[int]) -> None:
    inbox_refresh(area=AREA, ids=ids)


def _rule_refusal(decision) -> ProposalError:
    rule = RULES[decision.rule]
    return ProposalError(
        f"不符合“{rule.title}”（{'、'.join(decision.articles)}）：{decision.explain()}。不能提请。", "kind"
    )


def _check_findings(s: Supervisee, kind: str, findings: dict) -> None:
    if kind in selectors.REVOCATION_TYPES and s.correction_type != selectors.REVOCATION_TYPES[kind]:
        raise ProposalError(
            f"“{Proposal.Kind(kind).label}”不适用于{s.get_correction_type_display()}社区矫正对象。", "kind"
        )
    if kind == K.POLICE_PENALTY:
        conduct_on = findings.get("conduct_on")
        if conduct_on is None:
            raise ProposalError("请填写违法行为发生日期：适用行为发生时施行的治安管理处罚法。", "conduct_on")
        if conduct_on > timezone.localdate() or conduct_on < s.term_start:
            raise ProposalError("违法行为发生日期应在矫正期限开始之日至今天之间。", "conduct_on")


def _apply_rule(s: Supervisee, kind: str, findings: dict, today: date):
    try:
        decision = selectors.grounds(statute_context(), s, kind, findings, today)
    except ValueError as error:  # facts that do not fit the correction type (e.g. a prohibition order of a parolee)
        raise ProposalError(f"所填事实不适用于该矫正对象：{error}", "kind") from error
    if not selectors.grounds_available(decision):
        raise _rule_refusal(decision)
    return decision


def _store_grounds(p: Proposal, decision) -> None:
    p.grounds = list(getattr(decision.outcome, "grounds", ()) or ())
    p.grounds_rule = decision.rule
    p.grounds_title = RULES[decision.rule].title
    p.grounds_articles = "、".join(decision.articles)
    p.grounds_reasons = "；".join(decision.reasons)


@dataclass(frozen=True)
class _Checked:
    """What drafting and editing store after the same checks: the grounds decision, the body addressed and the
    cleaned texts."""

    decision: object
    addressee: object
    findings: dict
    statement: str
    chosen_evidence: str


def _checked(
    s: Supervisee,
    kind: str,
    *,
    findings: dict,
    statement: str,
    chosen_evidence: str,
    addressee_choice: str,
    arrest_requested: bool,
) -> _Checked:
    """The checks drafting and editing share: the arrest request, the statement, the findings, the kind's statute
    rule on today's record (refused with the rule's title and articles), and the body the proposal goes to."""
    if arrest_requested and kind not in (K.PROBATION_REVOCATION, K.PAROLE_REVOCATION):
        raise ProposalError("提请逮捕只能随撤销缓刑、假释建议一并提出（社区矫正法第四十七条）。", "arrest_requested")
    statement = statement.strip()
    if not statement:
        raise ProposalError("请填写提请理由。", "statement")
    if addressee_choice not in Proposal.Addressee.values:
        raise ProposalError("请选择提请对象。", "addressee_choice")
    _check_findings(s, kind, findings)
    decision = _apply_rule(s, kind, findings, timezone.localdate())
    addressee = selectors.addressee_for(s, kind, addressee_choice)
    if addressee is None:
        raise ProposalError(
            "组织机构中没有找到接收该建议的机关，请选择其他提请对象或联系系统管理员。", "addressee_choice"
        )
    stored = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in findings.items()}
    return _Checked(decision, addressee, stored, statement, chosen_evidence.strip())


@transaction.atomic
def proposal_draft(
    *,
    actor,
    supervisee: Supervisee,
    kind: str,
    findings: dict,
    statement: str,
    chosen_evidence: str = "",
    addressee_choice: str = Proposal.Addressee.ORIGINAL,
    arrest_requested: bool = False,
) -> Proposal:
    """Draft a proposal about `supervisee` (office or county agency). `findings` are the officer's findings the kind's
    rule takes (conduct_on, prohibition_breach, supervision_breach, the temporary-release flags, merit, sentence)."""
    if not has_capability(actor, Capability.PROPOSAL_DRAFT):
        raise ProposalError("您无权起草提请建议。")
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, Access.EDIT), pk=supervisee.pk, status=Status.UNDER_CORRECTION)
        .select_related("judicial_office__county", "deciding_authority")
        .first()
    )
    if s is None:
        raise ProposalError("您无权为该矫正对象起草提请建议，或该对象不在矫。")
    if kind not in K.values:
        raise ProposalError("请选择提请事项。", "kind")
    if Proposal.objects.filter(supervisee=s, kind=kind).exclude(status__in=CLOSED).exists():
        raise ProposalError(f"该矫正对象已有未办结的“{Proposal.Kind(kind).label}”，不能重复起草。", "kind")
    c = _checked(
        s,
        kind,
        findings=findings,
        statement=statement,
        chosen_evidence=chosen_evidence,
        addressee_choice=addressee_choice,
        arrest_requested=arrest_requested,
    )
    p = Proposal(
        supervisee=s,
        kind=kind,
        addressee=c.addressee,
        addressee_choice=addressee_choice,
        arrest_requested=arrest_requested,
        findings=c.findings,
        statement=c.statement,
        chosen_evidence=c.chosen_evidence,
        drafted_by=actor,
    )
    _store_grounds(p, c.decision)
    p._history_user = actor
    p.save()
    _refresh([p.pk])
    return p


def _drafting_unit(actor, p: Proposal) -> bool:
    return actor.unit_id is not None and p.drafted_by.unit_id == actor.unit_id


@transaction.atomic
def proposal_edit(
    *,
    actor,
    proposal_id: int,
    findings: dict,
    statement: str,
    chosen_evidence: str = "",
    addressee_choice: str = Proposal.Addressee.ORIGINAL,
    arrest_requested: bool = False,
) -> Proposal:
    """The unit that drafted it corrects a draft (its kind stays): the same checks as drafting, the statute rule
    applied again on today's record; a draft the rule no longer allows is not saved."""
    if not has_capability(actor, Capability.PROPOSAL_DRAFT):
        raise ProposalError("您无权修改提请建议。")
    p = _locked(actor, proposal_id)
    if not _drafting_unit(actor, p):
        raise ProposalError("只有起草单位可以修改该提请建议。")
    if p.status != S.DRAFT:
        raise ProposalError(f"该提请建议{p.get_status_display()}，只有草稿可以修改。")
    s = p.supervisee
    if s.status != Status.UNDER_CORRECTION:
        raise ProposalError("该矫正对象已不在矫，不能修改提请建议。")
    c = _checked(
        s,
        p.kind,
        findings=findings,
        statement=statement,
        chosen_evidence=chosen_evidence,
        addressee_choice=addressee_choice,
        arrest_requested=arrest_requested,
    )
    p.addressee, p.addressee_choice, p.arrest_requested = c.addressee, addressee_choice, arrest_requested
    p.findings, p.statement, p.chosen_evidence = c.findings, c.statement, c.chosen_evidence
    _store_grounds(p, c.decision)
    p._history_user = actor
    p.save()
    _refresh([p.pk])
    return p


@transaction.atomic
def proposal_withdraw(*, actor, proposal_id: int, reason: str) -> Proposal:
    """Withdraw (撤回) a draft or a proposal ready to sign, with a reason: the unit that drafted it, or the county
    agency. It is kept, marked 已撤回, and leaves the work lists and the inbox."""
    p = _locked(actor, proposal_id)
    drafter = has_capability(actor, Capability.PROPOSAL_DRAFT) and _drafting_unit(actor, p)
    if not (drafter or has_capability(actor, Capability.PROPOSAL_PREPARE)):
        raise ProposalError("只有起草单位或县级社区矫正机构可以撤回该提请建议。")
    if p.status not in (S.DRAFT, S.READY):
        raise ProposalError(f"该提请建议{p.get_status_display()}，只有草稿和待签发的建议可以撤回。")
    reason = reason.strip()
    if not reason:
        raise ProposalError("请填写撤回理由。", "reason")
    p.status, p.withdrawn_reason = S.WITHDRAWN, reason[:200]
    p.withdrawn_by, p.withdrawn_at = actor, timezone.now()
    p._history_user = actor
    p.save(update_fields=["status", "withdrawn_reason", "withdrawn_by", "withdrawn_at"])
    _refresh([p.pk])
    return p


def _findings(p: Proposal) -> dict:
    f = dict(p.findings)
    if f.get("conduct_on"):
        f["conduct_on"] = date.fromisoformat(f["conduct_on"])
    return f


def _locked(actor, proposal_id: int, *statuses: str) -> Proposal:
    p = (
        Proposal.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, Access.EDIT, prefix="supervisee__"), pk=proposal_id)
        .select_related(
            "supervisee__judicial_office__county", "supervisee__deciding_authority", "addressee", "drafted_by"
        )
        .first()
    )
    if p is None:
        raise ProposalError("您无权办理该提请建议。")
    if statuses and p.status not in statuses:
        raise ProposalError(f"该提请建议{p.get_status_display()}，不能办理此步骤。")
    return p


@transaction.atomic
def proposal_submit(*, actor, proposal_id: int) -> Proposal:
    """County agency: put the draft to the review committee when its kind needs deliberation; otherwise it is ready to
    sign."""
    if not has_capability(actor, Capability.PROPOSAL_PREPARE):
        raise ProposalError("提请建议由县级社区矫正机构审核。")
    p = _locked(actor, proposal_id, S.DRAFT)
    matter_kind = selectors.MATTER_KINDS[p.kind]
    if committee_selectors.deliberation_level(matter_kind):
        try:
            matter = committee.matter_submit(
                actor=actor,
                supervisee=p.supervisee,
                kind=matter_kind,
                title=f"{p.supervisee.name}{p.get_kind_display()}"[:100],
                summary=f"{p.statement}\n认定情形：{p.grounds_reasons}（{p.grounds_articles}）",
                materials=[(p.get_kind_display(), reverse("proposals:detail", args=[p.pk]))],
            )
        except ServiceError as error:
            raise ProposalError(error.message) from error
        p.matter_id, p.status = matter.pk, S.DELIBERATING
    else:
        p.status = S.READY
    p._history_user = actor
    p.save(update_fields=["matter_id", "status"])
    _refresh([p.pk])
    return p


def matter_resolved(matter) -> None:
    """The review committee recorded its resolution on a proposal's matter (inside its transaction)."""
    p = Proposal.objects.select_for_update().filter(matter_id=matter.pk, status=S.DELIBERATING).first()
    if p is None:
        return
    p.resolution = f"{matter.get_outcome_display()}。{matter.resolution_text}".strip()
    if matter.outcome == "passed":
        p.status = S.READY
    elif matter.outcome == "rejected":
        p.status = S.STOPPED
    elif matter.outcome == "deferred":
        # 暂缓 is a resolution (decision 0020): the matter does not go back to the committee's pending list. The
        # proposal goes back to its drafter with the committee's text, to be supplemented and submitted again.
        p.status = S.DRAFT
    p.save(update_fields=["resolution", "status"])
    transaction.on_commit(lambda: _refresh([p.pk]))


def _deadline(p: Proposal, received: date) -> None:
    ctx = statute_context()
    if p.is_revocation:
        d = RULES["COURT_RULING_DEADLINE"](ctx, proposal_received=received, in_custody=p.in_custody)
    elif p.kind == K.COMMITTAL:
        d = RULES["COMMITTAL_DECISION_DEADLINE"](ctx, proposal_received=received, in_custody=p.in_custody)
    elif p.kind == K.COMMUTATION:
        d = RULES["COMMUTATION_RULING_DEADLINE"](ctx, proposal_received=received)
    else:
        p.deadline, p.deadline_rule, p.deadline_reasons = None, "", "治安管理处罚由公安机关依法办理"
        return
    p.deadline, p.deadline_rule = d.outcome.due, d.rule
    p.deadline_reasons = f"{d.explain()}（{RULES[d.rule].title}，{'、'.join(d.articles)}）"


@transaction.atomic
def proposal_send(*, actor, proposal_id: int) -> Proposal:
    """County head: sign and send. The committee's passing resolution is required where the kind needs it; the rule
    is applied again on today's record; the evidence is frozen; the documents are issued, copied to the county
    procuratorate; the receiving body's clock starts (the arrest's 48 hours from now)."""
    if not has_capability(actor, Capability.PROPOSAL_SIGN):
        raise ProposalError("提请建议由县级社区矫正机构负责人签发。")
    p = _locked(actor, proposal_id, S.READY, S.DRAFT, S.DELIBERATING, S.STOPPED)
    s = p.supervisee
    if p.status == S.DRAFT and committee_selectors.deliberation_level(selectors.MATTER_KINDS[p.kind]):
        raise ProposalError("该提请建议须先提交社区矫正审核委员会评议。")
    try:
        committee.resolution_required(p.matter_id, kind=selectors.MATTER_KINDS[p.kind], what=p.get_kind_display())
    except ServiceError as error:
        raise ProposalError(error.message) from error
    if s.status != Status.UNDER_CORRECTION:
        raise ProposalError("该矫正对象已不在矫，不能提请。")
    now = timezone.now()
    today = timezone.localdate()
    _store_grounds(p, _apply_rule(s, p.kind, _findings(p), today))
    procuratorate = county_procuratorate(s.judicial_office)
    if procuratorate is None:
        raise ProposalError("组织机构中缺少本县（市、区）人民检察院，无法制作建议书，请联系系统管理员。")
    copy_to = (procuratorate.name,)
    p.evidence = selectors.evidence_bundle(s, p.chosen_evidence, today)
    agency = s.judicial_office.parent
    p.document = document_issue(
        actor=actor,
        kind=paperwork.DOCUMENT_KINDS[p.kind],
        agency=agency,
        doc=paperwork.proposal_document(p, agency, today, copy_to),
        supervisee=s,
    )
    if p.arrest_requested:
        p.arrest_document = document_issue(
            actor=actor,
            kind=Document.Kind.ARREST_REQUEST,
            agency=agency,
            doc=paperwork.arrest_document(p, agency, today, copy_to),
            supervisee=s,
        )
        p.arrest_due = RULES["ARREST_DECISION_DEADLINE"](statute_context(), requested_at=now).outcome
    p.status, p.sent_by, p.sent_at = S.SENT, actor, now
    _deadline(p, today)
    p._history_user = actor
    p.save()
    _notify_addressee(p, agency, today)
    _refresh([p.pk])
    return p


def _notify_addressee(p: Proposal, agency, today: date) -> None:
    """The proposal signed is also pushed to the receiving body's interface, if it has one (decision 0042); in this
    transaction, so a rolled-back sending pushes nothing. Without an interface it is delivered on paper as before."""
    s = p.supervisee
    payload = {
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "name": s.name,
        "id_number": s.id_number,
        "correction_type": s.get_correction_type_display(),
        "grounds": p.statement,
        "articles": p.grounds_articles or p.grounds_title or "见建议书",
        "document_number": p.document.number,
        "sent_on": today.isoformat(),
        "issued_by": agency.name,
        "arrest_requested": p.arrest_requested,
    }
    if p.arrest_document is not None:
        payload["arrest_document_number"] = p.arrest_document.number
    outbox.notify(agency=p.addressee, kind="proposal", payload=payload, supervisee=s, document=p.document)


def _receiving(actor, proposal_id: int) -> tuple[Proposal, bool]:
    """The sent proposal, locked, for the receiving body's user (own unit only) or the county agency entering the
    paper reply; the second value says which."""
    qs = Proposal.objects.select_for_update(of=("self",)).select_related("supervisee", "addressee")
    if has_capability(actor, Capability.PROPOSAL_DECIDE):
        p = qs.filter(pk=proposal_id, addressee_id=actor.unit_id).first()
        agency = False
    elif has_capability(actor, Capability.PROPOSAL_PREPARE):
        p = qs.filter(jurisdiction_q(actor, Access.VIEW, prefix="supervisee__"), pk=proposal_id).first()
        agency = True
    else:
        p, agency = None, False
    if p is None or actor.unit_id is None:
        raise ProposalError("您无权就该提请建议录入决定。")
    if p.status != S.SENT:
        raise ProposalError(f"该提请建议{p.get_status_display()}，不能再录入决定。")
    return p, agency


@transaction.atomic
def arrest_decide(*, actor, proposal_id: int, arrested: bool, decided_on: date, note: str = "") -> Proposal:
    """The court's decision on the arrest request. Arrested: the person is in custody (ARREST_CUSTODY_LIMIT), and the
    ruling deadline is no longer rolled over holidays (COURT_RULING_DEADLINE with in_custody)."""
    p, _agency = _receiving(actor, proposal_id)
    if not p.arrest_requested:
        raise ProposalError("该建议未提请逮捕。")
    if p.arrest_decision:
        raise ProposalError("已录入逮捕决定。")
    if not p.sent_at.astimezone(timezone.get_current_timezone()).date() <= decided_on <= timezone.localdate():
        raise ProposalError("决定日期应在提请之日至今天之间。", "decided_on")
    p.arrest_decision = Proposal.Arrest.ARRESTED if arrested else Proposal.Arrest.NOT_ARRESTED
    p.arrest_decided_on = decided_on
    if arrested:
        p.custody_until = RULES["ARREST_CUSTODY_LIMIT"](statute_context(), arrested_on=decided_on).outcome.due
        _deadline(p, p.sent_at.astimezone(timezone.get_current_timezone()).date())
    if note.strip():
        p.decision_note = (p.decision_note + "\n" if p.decision_note else "") + f"逮捕决定：{note.strip()}"
    p._history_user = actor
    p.save()
    _refresh([p.pk])
    return p


@transaction.atomic
def proposal_decide(
    *,
    actor,
    proposal_id: int,
    granted: bool,
    decided_on: date,
    ruling_number: str,
    imposed: str = "",
    new_term_end: date | None = None,
    note: str = "",
) -> Proposal:
    """The receiving body's decision (or the agency's entry of the paper reply). A revocation or committal granted
    terminates the correction from the day of the ruling (社区矫正法第四十五条); a commutation granted moves the
    person's term end to the one the ruling gives (`new_term_end`, checked by COMMUTED_TERM_END)."""
    p, agency = _receiving(actor, proposal_id)
    sent_on = p.sent_at.astimezone(timezone.get_current_timezone()).date()
    if not sent_on <= decided_on <= timezone.localdate():
        raise ProposalError(f"决定日期应在提请之日（{cn_date(sent_on)}）至今天之间。", "decided_on")
    ruling_number = ruling_number.strip()
    if not ruling_number:
        raise ProposalError("请填写裁定（决定）书文号。", "ruling_number")
    imposed = imposed.strip()
    if granted and p.kind in (K.POLICE_PENALTY, K.COMMUTATION) and not imposed:
        what = "处罚种类和幅度" if p.kind == K.POLICE_PENALTY else "减刑后的刑期"
        raise ProposalError(f"请填写{what}。", "imposed")
    commuted = granted and p.kind == K.COMMUTATION
    if commuted:
        note = "\n".join(x for x in (note.strip(), _commute(actor, p, new_term_end)) if x)
    p.status = S.GRANTED if granted else S.REFUSED
    p.decided_on, p.ruling_number, p.imposed = decided_on, ruling_number[:60], imposed[:200]
    p.commuted_term_end = new_term_end if commuted else None
    p.decision_note = "\n".join(x for x in (p.decision_note, note.strip()) if x)
    p.decided_by, p.entered_by_agency = actor, agency
    p._history_user = actor
    p.save()
    if granted and p.kind in TERMINATION_CAUSES:
        try:
            termination_on_ruling(
                recorded_by=actor,
                supervisee_id=p.supervisee_id,
                cause=TERMINATION_CAUSES[p.kind],
                terminated_on=decided_on,
                basis=f"{p.addressee.name}{ruling_number}",
                note=note,
            )
        except ServiceError as error:
            raise ProposalError(error.message, "decided_on" if error.field == "terminated_on" else None) from error
    _refresh([p.pk])
    return p


def _commute(actor, p: Proposal, new_term_end: date | None) -> str:
    """Move the person's term end to the one the commutation ruling gives, if the law allows it (COMMUTED_TERM_END;
    refused with the rule's title and articles). Returns the line for the decision note."""
    if new_term_end is None:
        raise ProposalError("请填写减刑后的矫正期满日。", "new_term_end")
    s = Supervisee.objects.select_for_update(of=("self",)).get(pk=p.supervisee_id)
    sentence = {"detention": "detention", "imprisonment": "fixed_term"}.get(original_penalty(s.original_sentence or ""))
    decision = RULES["COMMUTED_TERM_END"](
        statute_context(),
        correction_type=s.correction_type,
        term_start=s.term_start,
        term_end=s.term_end,
        new_term_end=new_term_end,
        sentence=sentence if s.correction_type == "probation" else None,
    )
    if not decision.outcome.allowed:
        title, articles = RULES[decision.rule].title, "、".join(decision.articles)
        raise ProposalError(f"不符合“{title}”（{articles}）：{decision.explain()}。", "new_term_end")
    line = f"矫正期满日由{cn_date(s.term_end)}变更为{cn_date(new_term_end)}（减刑）。"
    s.term_end = new_term_end
    s._history_user = actor
    s.save(update_fields=["term_end"])
    transaction.on_commit(lambda: inbox_refresh_people([s.pk]))  # the discharge and level duties follow the term
    return line


@transaction.atomic
def penalty_correct(*, actor, proposal_id: int, corrected_on: date) -> Proposal:
    """Mark an imposed police penalty corrected (it no longer counts as 仍不改正)."""
    if not has_capability(actor, Capability.PROPOSAL_DRAFT):
        raise ProposalError("您无权登记改正情况。")
    p = _locked(actor, proposal_id, S.GRANTED)
    if p.kind != K.POLICE_PENALTY:
        raise ProposalError("只有治安管理处罚可以登记改正。")
    if p.corrected_on:
        raise ProposalError("已登记改正。")
    if not p.decided_on <= corrected_on <= timezone.localdate():
        raise ProposalError("改正日期应在处罚决定之日至今天之间。", "corrected_on")
    p.corrected_on = corrected_on
    p._history_user = actor
    p.save(update_fields=["corrected_on"])
    return p
