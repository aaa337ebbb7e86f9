"""The to-dos of a change of the place of execution, each with its statute deadline (实施办法第三十条、第三十一条):

- transfer_consult: the sending county agency asks the receiving one in writing (TRANSFER_CONSULT_DEADLINE);
- transfer_reply: the receiving county agency replies, agree or not (TRANSFER_REPLY_DEADLINE); outside the city the
  sending county records the paper reply;
- transfer_decision: the sending county agency decides (TRANSFER_DECISION_DUE);
- transfer_refusal_notice: a refusal is told to the person (TRANSFER_REFUSAL_NOTICE_DEADLINE), by the sending office;
- transfer_report_in: the person reports to the new office (TRANSFER_REPORT_IN_DEADLINE), which records it; outside
  the city the sending county records the receiving agency's receipt (TRANSFER_RECEIPT_DEADLINE).

Items are about the transfer (scope RECORDS, no person attached): the receiving county acts before it may see the
record, so who sees an item is decided by the transfer's own rule (selectors.transfer_q)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervision.transfer.models import ResidenceTransfer
from sqjz.supervision.transfer.selectors import transfer_q

AREA = "transfer"
S = ResidenceTransfer.Status


def step_deadline(ctx: Context, t: ResidenceTransfer) -> Decision | None:
    """What is due next on the transfer, as the statute's decision (None when nothing is)."""
    if t.status == S.APPLIED:
        return RULES["TRANSFER_CONSULT_DEADLINE"](ctx, application_received=t.applied_on)
    if t.status == S.CONSULTING:
        return RULES["TRANSFER_REPLY_DEADLINE"](ctx, request_received=t.consulted_on)
    if t.status == S.REPLIED:
        return RULES["TRANSFER_DECISION_DUE"](ctx, move_on=t.move_on)
    if t.status == S.REFUSED and t.notified_on is None:
        return RULES["TRANSFER_REFUSAL_NOTICE_DEADLINE"](ctx, decided_on=t.decided_on)
    if t.status == S.APPROVED:
        if t.within_city:
            return RULES["TRANSFER_REPORT_IN_DEADLINE"](ctx, decision_received=t.decided_on)
        return RULES["TRANSFER_RECEIPT_DEADLINE"](ctx, files_received=t.decided_on)
    return None


def due_date(decision: Decision | None) -> date | None:
    if decision is None:
        return None
    outcome = decision.outcome
    return outcome if isinstance(outcome, date) else outcome.due


def _agency(office) -> int:
    return office.parent_id or office.id


def _due(ctx: Context, t: ResidenceTransfer) -> tuple[str, Due] | None:
    decision = step_deadline(ctx, t)
    if decision is None:
        return None
    sending, receiving = t.from_office, t.to_office
    if t.status == S.APPLIED:
        kind, office, actor = "transfer_consult", sending.id, _agency(sending)
    elif t.status == S.CONSULTING:
        kind, office = "transfer_reply", (receiving or sending).id
        actor = _agency(receiving) if receiving else _agency(sending)
    elif t.status == S.REPLIED:
        kind, office, actor = "transfer_decision", sending.id, _agency(sending)
    elif t.status == S.REFUSED:
        kind, office, actor = "transfer_refusal_notice", sending.id, sending.id
    else:
        kind, office = "transfer_report_in", (receiving or sending).id
        actor = receiving.id if receiving else _agency(sending)
    return kind, Due(t.pk, t.supervisee.name, decision, office, actor)


def _compute(kind: str):
    def compute(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
        transfers = ResidenceTransfer.objects.filter(
            Q(status__in=(S.APPLIED, S.CONSULTING, S.REPLIED, S.APPROVED)) | Q(status=S.REFUSED, notified_on=None)
        )
        if ids is not None:
            transfers = transfers.filter(pk__in=ids)
        for t in transfers.select_related("supervisee", "from_office", "to_office"):
            item = _due(ctx, t)
            if item and item[0] == kind:
                yield item[1]

    return compute


def _url(pk: int) -> str:
    return reverse("supervision:transfer_detail", args=[pk])


def _watch(user) -> Q:
    return Q(subject_id__in=ResidenceTransfer.objects.filter(transfer_q(user)).values("pk"))


LABELS = {
    "transfer_consult": "执行地变更征求意见",
    "transfer_reply": "执行地变更回复意见",
    "transfer_decision": "执行地变更决定",
    "transfer_refusal_notice": "不同意变更告知",
    "transfer_report_in": "执行地变更报到",
}
for _kind, _label in LABELS.items():
    register(
        Duty(
            kind=_kind,
            label=_label,
            area=AREA,
            capability=Capability.SUPERVISEE_EDIT,
            scope=Scope.RECORDS,
            compute=_compute(_kind),
            url=_url,
            watch=_watch,
        )
    )
