"""Computing the inbox from the records and the statute module. Idempotent: running it twice on the same
day changes nothing; items no longer called for are closed, never deleted.

Each generator looks at one kind of record and yields what is due for it. A refresh may be limited to
some supervisees or some investigations (after a change to their records); generators receive the scope
and look only at the records in it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from sqjz.assessment.selectors import due_after
from sqjz.inbox.models import InboxItem
from sqjz.intake.models import Handover
from sqjz.investigation.models import Investigation
from sqjz.oversight.models import CorrectionOpinion
from sqjz.rulebook.selectors import statute_context
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.safety.selectors import campaign_area_q
from sqjz.statute.calendar import Deadline
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import CorrectionType, Status, Supervisee, TemporaryReleaseGround
from sqjz.supervision.models import ElectronicMonitoring, TravelLeave
from sqjz.supervision.selectors import checkin_decisions

# An item appears this many days before its due date (a working habit, not a legal figure).
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Scope:
    """Which records to recompute: None means all of that kind; an empty list means none."""

    supervisee_ids: list[int] | None = None
    investigation_ids: list[int] | None = None
    opinion_ids: list[int] | None = None

    def supervisees(self):
        people = Supervisee.objects.all()
        return people if self.supervisee_ids is None else people.filter(pk__in=self.supervisee_ids)

    def investigations(self):
        records = Investigation.objects.all()
        return records if self.investigation_ids is None else records.filter(pk__in=self.investigation_ids)

    def opinions(self):
        records = CorrectionOpinion.objects.all()
        return records if self.opinion_ids is None else records.filter(pk__in=self.opinion_ids)

    def items(self):
        open_items = InboxItem.objects.filter(state=InboxItem.State.OPEN)
        q = Q()
        if self.supervisee_ids is not None:
            q &= Q(supervisee__isnull=True) | Q(supervisee_id__in=self.supervisee_ids)
        if self.investigation_ids is not None:
            q &= Q(investigation__isnull=True) | Q(investigation_id__in=self.investigation_ids)
        if self.opinion_ids is not None:
            q &= Q(opinion__isnull=True) | Q(opinion_id__in=self.opinion_ids)
        return open_items.filter(q)


@dataclass(frozen=True)
class Due:
    kind: str
    office_id: int
    decision: Decision
    supervisee_id: int | None = None
    investigation_id: int | None = None
    opinion_id: int | None = None

    @property
    def key(self) -> tuple:
        return (self.kind, self.supervisee_id, self.investigation_id, self.opinion_id)

    @property
    def due(self) -> date:
        outcome = self.decision.outcome
        return outcome.due if isinstance(outcome, Deadline) else outcome

    @property
    def approximate(self) -> bool:
        return isinstance(self.decision.outcome, Deadline) and self.decision.outcome.approximate


def _investigations(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Investigations not yet delivered: due 10 (fast-track 5) working days after the commission arrived."""
    open_ones = scope.investigations().filter(status__in=Investigation.OPEN_STATUSES)
    for inv in open_ones.only("id", "judicial_office_id", "received_on", "fast_track"):
        decision = RULES["INVESTIGATION_DEADLINE"](ctx, received=inv.received_on, fast_track=inv.fast_track)
        yield Due(InboxItem.Kind.INVESTIGATION, inv.judicial_office_id, decision, investigation_id=inv.id)


def _opinions(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Procuratorate opinions awaiting the written reply of the office or agency addressed."""
    awaiting = scope.opinions().filter(status=CorrectionOpinion.Status.AWAITING_REPLY)
    for o in awaiting.only("id", "kind", "issued_on", "reply_by", "addressed_to_id"):
        decision = RULES["OPINION_REPLY_DUE"](ctx, kind=o.kind, issued_on=o.issued_on, reply_by=o.reply_by)
        yield Due(InboxItem.Kind.OPINION_REPLY, o.addressed_to_id, decision, opinion_id=o.id)


def _report_in(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Everyone registered but not yet reported in: due 10 days after the judgment took effect."""
    people = scope.supervisees().filter(status=Status.PENDING_REPORT)
    for s in people.only("id", "judicial_office_id", "correction_type", "judgment_effective_date"):
        decision = RULES["REPORT_IN_DEADLINE"](
            ctx, correction_type=s.correction_type, effective_date=s.judgment_effective_date
        )
        yield Due(InboxItem.Kind.REPORT_IN, s.judicial_office_id, decision, supervisee_id=s.id)


def _receipt(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Legal documents received but no receipt issued yet: due 5 days after they arrived."""
    handovers = Handover.objects.filter(
        supervisee__in=scope.supervisees(), documents_received_on__isnull=False, receipt_issued_on__isnull=True
    ).select_related("supervisee")
    for h in handovers.only("supervisee_id", "documents_received_on", "supervisee__judicial_office_id"):
        decision = RULES["RECEIPT_DEADLINE"](ctx, documents_received=h.documents_received_on)
        yield Due(InboxItem.Kind.RECEIPT, h.supervisee.judicial_office_id, decision, supervisee_id=h.supervisee_id)


def _document_completion(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """The deciding authority was asked to complete the documents and they are still incomplete."""
    handovers = Handover.objects.filter(
        supervisee__in=scope.supervisees(), completion_requested_on__isnull=False
    ).select_related("supervisee")
    for h in handovers:
        s = h.supervisee
        missing = RULES["HANDOVER_DOCUMENTS"](
            ctx, correction_type=s.correction_type, received_documents=h.received_documents, minor=s.is_minor
        ).outcome
        if missing:
            decision = RULES["DOCUMENT_COMPLETION_DEADLINE"](ctx, requested_on=h.completion_requested_on)
            yield Due(InboxItem.Kind.DOCUMENT_COMPLETION, s.judicial_office_id, decision, supervisee_id=s.id)


def _missed_checkins(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """People enrolled in the phone app who missed a check-in period since the last follow-up that reached them:
    due CHECKIN_FOLLOW_UP_DAYS after the first missed period; closed by a follow-up that reaches the person."""
    for s, decision in checkin_decisions(ctx, scope.supervisees(), today):
        if decision.outcome is not None:
            yield Due(InboxItem.Kind.CHECKIN, s.judicial_office_id, decision, supervisee_id=s.pk)


def _travel(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Leave applications awaiting a decision (to be decided before the departure day), and approved leaves
    whose return day (销假) falls within the look-ahead or has passed. One item of each kind per person: the
    earliest (leaves are read latest first, so the earliest is kept)."""
    leaves = (
        TravelLeave.objects.filter(
            supervisee__in=scope.supervisees().filter(status=Status.UNDER_CORRECTION),
            status__in=(TravelLeave.Status.PENDING, TravelLeave.Status.APPROVED),
        )
        .select_related("supervisee")
        .order_by("-start", "-id")
    )
    for leave in leaves:
        office = leave.supervisee.judicial_office_id
        if leave.status == TravelLeave.Status.PENDING:
            decision = RULES["TRAVEL_LEAVE_DECISION_DUE"](ctx, start=leave.start, approver=leave.level)
            yield Due(InboxItem.Kind.TRAVEL_DECISION, office, decision, supervisee_id=leave.supervisee_id)
            continue
        decision = RULES["TRAVEL_RETURN_DUE"](ctx, start=leave.start, days=leave.days)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(InboxItem.Kind.TRAVEL_RETURN, office, decision, supervisee_id=leave.supervisee_id)


def _monitoring_expiry(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """Electronic monitoring whose period ends within the look-ahead: assess, then release or extend."""
    active = ElectronicMonitoring.objects.filter(
        supervisee__in=scope.supervisees(),
        status=ElectronicMonitoring.Status.ACTIVE,
        end__lte=today + timedelta(days=LOOKAHEAD_DAYS),
    ).select_related("supervisee")
    for m in active.order_by("-end"):
        decision = RULES["ELECTRONIC_MONITORING_REVIEW"](ctx, end=m.end)
        yield Due(
            InboxItem.Kind.MONITORING_EXPIRY, m.supervisee.judicial_office_id, decision, supervisee_id=m.supervisee_id
        )


def _screening(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """People under correction not yet screened in a campaign under way; due on the campaign's last day (the
    earliest, when campaigns overlap)."""
    campaigns = ScreeningCampaign.objects.filter(
        starts_on__lte=today, ends_on__gte=today - timedelta(days=LOOKAHEAD_DAYS)
    )
    for campaign in campaigns.select_related("area").order_by("-ends_on"):
        done = Screening.objects.filter(campaign=campaign, supervisee=OuterRef("pk"))
        people = (
            scope.supervisees()
            .filter(campaign_area_q(campaign), status=Status.UNDER_CORRECTION)
            .exclude(Exists(done))
            .only("id", "judicial_office_id")
        )
        decision = RULES["SCREENING_DUE"](ctx, campaign=campaign.name, ends_on=campaign.ends_on)
        for s in people:
            yield Due(InboxItem.Kind.SCREENING, s.judicial_office_id, decision, supervisee_id=s.id)


def _assessment(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """People under correction whose next quarterly assessment (the period after the last one assessed; periods
    run from the start of the term, ASSESSMENT_DUE) falls due within the look-ahead or is overdue. A period that
    would end after the term is not assessed: the written evaluation before discharge covers the rest."""
    people = (
        scope.supervisees()
        .filter(status=Status.UNDER_CORRECTION)
        .annotate(last_assessed=Max("assessments__period_end"))
        .only("id", "judicial_office_id", "term_start", "term_end")
    )
    for s in people:
        decision = due_after(ctx, term_start=s.term_start, after=s.last_assessed)
        if decision.outcome <= min(today + timedelta(days=LOOKAHEAD_DAYS), s.term_end):
            yield Due(InboxItem.Kind.ASSESSMENT, s.judicial_office_id, decision, supervisee_id=s.id)


def _medical_reexamination(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """People on medical parole (保外就医) whose three-monthly re-examination falls due within the look-ahead;
    the three months run from the last re-examination recorded, or else from the start of the term."""
    people = (
        scope.supervisees()
        .filter(
            status=Status.UNDER_CORRECTION,
            correction_type=CorrectionType.TEMPORARY_RELEASE,
            temporary_release_ground=TemporaryReleaseGround.SERIOUS_ILLNESS,
        )
        .annotate(last_examination=Max("medical_examinations__examined_on"))
        .only("id", "judicial_office_id", "term_start")
    )
    for s in people:
        decision = RULES["MEDICAL_REEXAMINATION_DUE"](ctx, last_examination=s.last_examination or s.term_start)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(InboxItem.Kind.MEDICAL_REEXAMINATION, s.judicial_office_id, decision, supervisee_id=s.id)


def _discharge_evaluation(ctx: Context, today: date, scope: Scope) -> Iterator[Due]:
    """People whose written evaluation before the end of the term falls due within the look-ahead."""
    longest_lead = max(v.value for v in ctx.parameters.versions["DISCHARGE_EVALUATION_LEAD_DAYS"])
    horizon = today + timedelta(days=LOOKAHEAD_DAYS + longest_lead)
    people = scope.supervisees().filter(
        status=Status.UNDER_CORRECTION, term_end__lte=horizon, discharge_evaluation__isnull=True
    )
    for s in people.only("id", "judicial_office_id", "term_end"):
        decision = RULES["DISCHARGE_EVALUATION_DUE"](ctx, term_end=s.term_end)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(InboxItem.Kind.DISCHARGE_EVALUATION, s.judicial_office_id, decision, supervisee_id=s.id)


GENERATORS = (
    _investigations,
    _opinions,
    _report_in,
    _receipt,
    _document_completion,
    _missed_checkins,
    _travel,
    _monitoring_expiry,
    _screening,
    _assessment,
    _medical_reexamination,
    _discharge_evaluation,
)


@dataclass
class RefreshResult:
    opened: int = 0
    updated: int = 0
    closed: int = 0


def _fields(d: Due) -> dict:
    return {
        "due": d.due,
        "office_id": d.office_id,
        "rule": d.decision.rule,
        "articles": "、".join(d.decision.articles),
        "reasons": "；".join(d.decision.reasons),
        "approximate": d.approximate,
    }


UPDATED_FIELDS = ["state", "closed_at", "due", "office_id", "rule", "articles", "reasons", "approximate"]


@transaction.atomic
def inbox_refresh(
    *,
    today: date | None = None,
    supervisee_ids: Iterable[int] | None = None,
    investigation_ids: Iterable[int] | None = None,
    opinion_ids: Iterable[int] | None = None,
) -> RefreshResult:
    """Open, update and close items so that the open ones are exactly what the records call for today.
    With `supervisee_ids`, `investigation_ids` or `opinion_ids`, only those records are recomputed."""
    today = today or timezone.localdate()
    if supervisee_ids is None and investigation_ids is None and opinion_ids is None:
        scope = Scope()
    else:
        scope = Scope(list(supervisee_ids or []), list(investigation_ids or []), list(opinion_ids or []))
    ctx = statute_context()
    desired = {d.key: d for generator in GENERATORS for d in generator(ctx, today, scope)}
    result = RefreshResult()
    to_update = []
    for item in scope.items().select_for_update():
        wanted = desired.pop((item.kind, item.supervisee_id, item.investigation_id, item.opinion_id), None)
        if wanted is None:
            item.state, item.closed_at = InboxItem.State.CLOSED, timezone.now()
            to_update.append(item)
            result.closed += 1
            continue
        fields = _fields(wanted)
        if any(getattr(item, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(item, k, v)
            to_update.append(item)
            result.updated += 1
    InboxItem.objects.bulk_update(to_update, UPDATED_FIELDS, batch_size=500)
    new = [
        InboxItem(
            kind=d.kind,
            supervisee_id=d.supervisee_id,
            investigation_id=d.investigation_id,
            opinion_id=d.opinion_id,
            **_fields(d),
        )
        for d in desired.values()
    ]
    InboxItem.objects.bulk_create(new, batch_size=500)
    result.opened = len(new)
    return result
