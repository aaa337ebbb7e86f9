"""Hand-over and intake to-dos of the judicial office: the report-in (REPORT_IN_DEADLINE), the receipt for the legal
documents (RECEIPT_DEADLINE) and their completion by the deciding authority (DOCUMENT_COMPLETION_DEADLINE). The
intake page shows the same deadlines (`deadlines`)."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register
from sqjz.intake.models import Handover
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "intake"
REPORT_IN, RECEIPT, DOCUMENT_COMPLETION = "report_in", "receipt", "document_completion"


def report_in_due(ctx: Context, s: Supervisee) -> Decision:
    return RULES["REPORT_IN_DEADLINE"](ctx, correction_type=s.correction_type, effective_date=s.judgment_effective_date)


def missing_documents(ctx: Context, s: Supervisee, h: Handover) -> Decision:
    """The legal documents still missing from the hand-over (HANDOVER_DOCUMENTS)."""
    return RULES["HANDOVER_DOCUMENTS"](
        ctx, correction_type=s.correction_type, received_documents=h.received_documents, minor=s.is_minor
    )


def deadlines(ctx: Context, s: Supervisee, h: Handover | None) -> dict[str, Decision]:
    """What is due for the person's hand-over and report-in now, by duty kind."""
    due: dict[str, Decision] = {}
    if s.status == Status.PENDING_REPORT:
        due[REPORT_IN] = report_in_due(ctx, s)
    if h is None:
        return due
    if h.documents_received_on and not h.receipt_issued_on:
        due[RECEIPT] = RULES["RECEIPT_DEADLINE"](ctx, documents_received=h.documents_received_on)
    if h.completion_requested_on and missing_documents(ctx, s, h).outcome:
        due[DOCUMENT_COMPLETION] = RULES["DOCUMENT_COMPLETION_DEADLINE"](ctx, requested_on=h.completion_requested_on)
    return due


def _yield(kind: str, ctx: Context, s: Supervisee, h: Handover | None) -> Iterator[Due]:
    decision = deadlines(ctx, s, h).get(kind)
    if decision is not None:
        yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _report_in(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    people = Supervisee.objects.filter(people_q(ids), status=Status.PENDING_REPORT)
    for s in people.only("id", "name", "judicial_office_id", "status", "correction_type", "judgment_effective_date"):
        yield from _yield(REPORT_IN, ctx, s, None)


def _handovers(ids: list[int] | None, **filters):
    handovers = Handover.objects.filter(people_q(ids, "supervisee_id"), **filters).select_related("supervisee")
    return handovers.defer("supervisee__id_number", "supervisee__phone")


def _receipt(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for h in _handovers(ids, documents_received_on__isnull=False, receipt_issued_on__isnull=True):
        yield from _yield(RECEIPT, ctx, h.supervisee, h)


def _document_completion(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for h in _handovers(ids, completion_requested_on__isnull=False):
        yield from _yield(DOCUMENT_COMPLETION, ctx, h.supervisee, h)


def _url(pk: int) -> str:
    return reverse("intake:page", args=[pk])


for kind, label, compute in (
    (REPORT_IN, "报到", _report_in),
    (RECEIPT, "送达回执", _receipt),
    (DOCUMENT_COMPLETION, "补齐法律文书", _document_completion),
):
    register(
        Duty(
            kind=kind,
            label=label,
            area=AREA,
            capability=Capability.SUPERVISEE_EDIT,
            scope=Scope.PEOPLE,
            compute=compute,
            url=_url,
        )
    )
