"""Reads of proposals: who may see which proposal, the facts the statute rules take from the person's record, the
receiving bodies, the clocks and the lists. Nothing here writes.

Interface for other areas: `police_penalties(supervisee_id) -> (total, uncorrected)`.

Who sees a proposal (`proposal_q`): the correction staff and procurators who see the person's record (jurisdiction,
minors sealed as everywhere); the receiving body (court, public security, prison) sees the proposals addressed to its
own unit once they are sent, and nothing else."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.enforcement.selectors import discipline_counts, evidence
from sqjz.lostcontact.selectors import contact_spans
from sqjz.organisation.models import Unit
from sqjz.organisation.selectors import county_public_security, county_unit
from sqjz.proposals.models import Proposal
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.statute.text import cn_date
from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import NOTHING, jurisdiction_q

K = Proposal.Kind
S = Proposal.Status
RECEIVERS = (Role.JUDGE, Role.POLICE, Role.PRISON_OFFICER)
# Never sent: the receiving body sees none of these.
OPEN = (S.DRAFT, S.DELIBERATING, S.READY, S.STOPPED, S.WITHDRAWN)

GROUNDS_RULES = {
    K.POLICE_PENALTY: "POLICE_PENALTY_PROPOSAL",
    K.PROBATION_REVOCATION: "REVOCATION_PROPOSAL",
    K.PAROLE_REVOCATION: "REVOCATION_PROPOSAL",
    K.COMMITTAL: "REVOCATION_PROPOSAL",
    K.COMMUTATION: "COMMUTATION_GROUNDS",
}
# The correction type each revocation kind ends.
REVOCATION_TYPES = {
    K.PROBATION_REVOCATION: "probation",
    K.PAROLE_REVOCATION: "parole",
    K.COMMITTAL: "temporary_release",
}
# The kind of matter the review committee deliberates (committee's DeliberationSetting codes).
MATTER_KINDS = {
    K.POLICE_PENALTY: "police_penalty_proposal",
    K.PROBATION_REVOCATION: "revocation_proposal",
    K.PAROLE_REVOCATION: "revocation_proposal",
    K.COMMITTAL: "committal_proposal",
    K.COMMUTATION: "commutation_proposal",
}
# What the receiving body decides, granted / refused, per kind.
DECISIONS = {
    K.POLICE_PENALTY: ("给予治安管理处罚", "不予处罚"),
    K.PROBATION_REVOCATION: ("撤销缓刑", "不予撤销"),
    K.PAROLE_REVOCATION: ("撤销假释", "不予撤销"),
    K.COMMITTAL: ("收监执行", "不予收监"),
    K.COMMUTATION: ("减刑", "不予减刑"),
}


def police_penalties(supervisee_id: int) -> tuple[int, int]:
    """The police penalties imposed on the person on this app's proposals: (total, not marked corrected). One
    query. For enforcement's level review and REVOCATION_PROPOSAL's police_penalties_uncorrected."""
    rows = list(
        Proposal.objects.filter(supervisee_id=supervisee_id, kind=K.POLICE_PENALTY, status=S.GRANTED).values_list(
            "corrected_on", flat=True
        )
    )
    return len(rows), sum(1 for corrected in rows if corrected is None)


# ------------------------------------------------------------------------------------------------------ jurisdiction


def proposal_q(user, prefix: str = "") -> Q:
    p = prefix
    if not user.is_authenticated or not user.is_active or user.unit_id is None:
        return NOTHING
    if user.role in RECEIVERS:
        return Q(**{f"{p}addressee_id": user.unit_id}) & ~Q(**{f"{p}status__in": OPEN})
    if not has_capability(user, Capability.CASEWORK_VIEW):  # helpers (social workers, volunteers...) see none
        return NOTHING
    return jurisdiction_q(user, prefix=f"{p}supervisee__")


def proposals_for(user) -> QuerySet[Proposal]:
    return Proposal.objects.filter(proposal_q(user))


# -------------------------------------------------------------------------------------------------- receiving bodies


def intermediate_court(office: Unit) -> Unit | None:
    """The intermediate court of the city of the place of execution (社区矫正法第三十三条)."""
    city = office.county.parent_id if office.county_id else None
    return Unit.objects.filter(kind=Unit.Kind.COURT, county__isnull=True, division_id=city, is_active=True).first()


def addressee_for(s: Supervisee, kind: str, choice: str = Proposal.Addressee.ORIGINAL) -> Unit | None:
    """The body a proposal of `kind` goes to: the county public-security bureau; for a revocation the original trial
    court or the court of the place of execution; for a committal the deciding authority or that of the place of
    execution (the same kind of body in the office's county); for a commutation the intermediate court."""
    office = s.judicial_office
    if kind == K.POLICE_PENALTY:
        return county_public_security(office)
    if kind == K.COMMUTATION:
        return intermediate_court(office)
    original = s.deciding_authority
    if choice == Proposal.Addressee.EXECUTION:
        body_kind = Unit.Kind.COURT if kind != K.COMMITTAL else original.kind
        return county_unit(office, body_kind)
    if kind != K.COMMITTAL and original.kind != Unit.Kind.COURT:
        return county_unit(office, Unit.Kind.COURT)
    return original


# ------------------------------------------------------------------------------------------------- facts and grounds


def longest_span(supervisee_id: int, today: date):
    """The lost-contact span with the most days (an open one counted to today), or None."""
    spans = contact_spans(supervisee_id)
    return max(spans, key=lambda sp: ((sp.until or today) - sp.since).days, default=None)


@dataclass(frozen=True)
class RecordFacts:
    """What the record says, for the grounds rules: the counts from enforcement, the lost-contact span, the police
    penalties recorded here."""

    admonitions_uncorrected: int
    warnings_uncorrected: int
    police_penalties_uncorrected: int
    out_of_contact_since: date | None
    out_of_contact_until: date | None
    refused_to_report: bool


def record_facts(s: Supervisee, today: date) -> RecordFacts:
    counts = discipline_counts(s.pk, on=today)
    span = longest_span(s.pk, today)
    return RecordFacts(
        counts.admonitions_uncorrected,
        counts.warnings_uncorrected,
        police_penalties(s.pk)[1],
        span.since if span else None,
        (span.until or today) if span else None,
        bool(span and span.refused_to_report),
    )


REVOCATION_FINDINGS = (
    "prohibition_breach",
    "supervision_breach",
    "left_area_without_approval",
    "refused_reexamination_report",
    "conditions_not_met",
    "grounds_ceased",
    "guarantor_lost",
)


def grounds(ctx: Context, s: Supervisee, kind: str, findings: dict, today: date) -> Decision:
    """Run the kind's statute rule on the record's facts and the officer's findings. Raises ValueError (from the rule)
    on facts that do not fit the correction type."""
    code = GROUNDS_RULES[kind]
    if kind == K.POLICE_PENALTY:
        return RULES[code](
            ctx,
            correction_type=s.correction_type,
            conduct_on=findings["conduct_on"],
            prohibition_breach=findings.get("prohibition_breach") or None,
            supervision_breach=findings.get("supervision_breach") or None,
        )
    if kind == K.COMMUTATION:
        return RULES[code](
            ctx,
            correction_type=s.correction_type,
            today=today,
            merit=findings.get("merit") or None,
            sentence=findings.get("sentence") or None,
        )
    f = record_facts(s, today)
    kwargs = {
        key: findings[key] or (None if key in ("prohibition_breach", "supervision_breach") else False)
        for key in REVOCATION_FINDINGS
        if key in findings
    }
    if s.correction_type == "temporary_release":
        kwargs["refused_to_report"] = f.refused_to_report
    return RULES[code](
        ctx,
        correction_type=s.correction_type,
        today=today,
        out_of_contact_since=f.out_of_contact_since,
        out_of_contact_until=f.out_of_contact_until,
        warnings_uncorrected=f.warnings_uncorrected,
        police_penalties_uncorrected=f.police_penalties_uncorrected,
        **kwargs,
    )


def grounds_available(decision: Decision) -> bool:
    return bool(decision.outcome.available)


def evidence_bundle(s: Supervisee, chosen: str, today: date) -> list[dict]:
    """Every fact from enforcement (date, source, text), the lost-contact spans, and the officer's chosen items, in
    date order, as they are frozen into the proposal when it is sent."""
    items = [{"date": f.occurred_on.isoformat(), "source": f.source, "text": f.text} for f in evidence(s.pk)]
    for sp in contact_spans(s.pk):
        until = f"至{cn_date(sp.until)}恢复联系" if sp.until else "至今未恢复联系"
        text = f"自{cn_date(sp.since)}起脱离监管，{until}" + (f"（{sp.outcome}）" if sp.outcome else "")
        if sp.refused_to_report:
            text += "，经调查认定拒不报告行踪"
        items.append({"date": sp.since.isoformat(), "source": "失联查找记录", "text": text})
    for line in chosen.splitlines():
        if line.strip():
            items.append({"date": today.isoformat(), "source": "承办人员提交", "text": line.strip()[:300]})
    return sorted(items, key=lambda i: i["date"])


# -------------------------------------------------------------------------------------------------------- clocks


@dataclass(frozen=True)
class Clock:
    label: str
    due: date
    days_left: int
    overdue: bool
    reasons: str

    @property
    def days_over(self) -> int:
        return -self.days_left


def clock(p: Proposal, today: date | None = None) -> Clock | None:
    """The receiving body's clock while it has not decided (the ruling or decision deadline; the arrest decision's
    48 hours come first while pending)."""
    if p.status != S.SENT or p.deadline is None:
        return None
    today = today or timezone.localdate()
    left = (p.deadline - today).days
    return Clock("决定期限", p.deadline, left, left < 0, p.deadline_reasons)


def arrest_clock(p: Proposal, now: datetime | None = None) -> dict | None:
    if not p.arrest_requested or p.arrest_decision or p.arrest_due is None or p.status != S.SENT:
        return None
    now = now or timezone.now()
    hours = (p.arrest_due - now).total_seconds() / 3600
    return {"due": p.arrest_due, "hours_left": int(hours), "overdue": hours < 0}


# ------------------------------------------------------------------------------------------------------- the lists

LIST_VIEWS = {
    "draft": "草稿及待签发",
    "deliberating": "审议中",
    "sent": "已提请",
    "decided": "已决定",
    "withdrawn": "已撤回",
    "all": "全部",
}
VIEW_STATUSES = {
    "draft": (S.DRAFT, S.READY, S.STOPPED),
    "deliberating": (S.DELIBERATING,),
    "sent": (S.SENT,),
    "decided": (S.GRANTED, S.REFUSED),
    "withdrawn": (S.WITHDRAWN,),
}


def proposal_list(user, *, show: str = "all", q: str = "") -> QuerySet[Proposal]:
    proposals = proposals_for(user).select_related("supervisee__judicial_office", "addressee", "document")
    if show in VIEW_STATUSES:
        proposals = proposals.filter(status__in=VIEW_STATUSES[show])
    if q:
        proposals = proposals.filter(
            Q(supervisee__name__contains=q) | Q(supervisee__name_initials__startswith=q.lower())
        )
    return proposals.order_by("deadline", "-drafted_at", "-id") if show == "sent" else proposals


def received_list(user, *, pending: bool = True, q: str = "") -> QuerySet[Proposal]:
    """The proposals addressed to the user's own unit: pending ones with the nearest deadline first."""
    if user.role not in RECEIVERS or user.unit_id is None:
        return Proposal.objects.none()
    proposals = Proposal.objects.filter(addressee_id=user.unit_id).select_related(
        "supervisee__judicial_office__parent", "document"
    )
    proposals = proposals.filter(status=S.SENT) if pending else proposals.filter(status__in=(S.GRANTED, S.REFUSED))
    if q:
        proposals = proposals.filter(supervisee__name__contains=q)
    return proposals.order_by("deadline", "id") if pending else proposals.order_by("-decided_on", "-id")
