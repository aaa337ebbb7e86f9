"""Computing the inbox from the records and the statute module. Idempotent: running it twice on the same
day changes nothing; items no longer called for are closed, never deleted."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sqjz.inbox.models import InboxItem
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.calendar import Deadline
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee

# An item appears this many days before its due date (a working habit, not a legal figure).
LOOKAHEAD_DAYS = 14


@dataclass(frozen=True)
class Due:
    kind: str
    supervisee_id: int
    decision: Decision

    @property
    def due(self) -> date:
        outcome = self.decision.outcome
        return outcome.due if isinstance(outcome, Deadline) else outcome

    @property
    def approximate(self) -> bool:
        return isinstance(self.decision.outcome, Deadline) and self.decision.outcome.approximate


def _report_in(ctx: Context, today: date, people: QuerySet[Supervisee]) -> Iterator[Due]:
    """Everyone registered but not yet reported in: due 10 days after the judgment took effect."""
    for s in people.filter(status=Status.PENDING_REPORT).only("id", "correction_type", "judgment_effective_date"):
        decision = RULES["REPORT_IN_DEADLINE"](
            ctx, correction_type=s.correction_type, effective_date=s.judgment_effective_date
        )
        yield Due(InboxItem.Kind.REPORT_IN, s.id, decision)


def _discharge_evaluation(ctx: Context, today: date, people: QuerySet[Supervisee]) -> Iterator[Due]:
    """People whose written evaluation before the end of the term falls due within the look-ahead."""
    longest_lead = max(v.value for v in ctx.parameters.versions["DISCHARGE_EVALUATION_LEAD_DAYS"])
    horizon = today + timedelta(days=LOOKAHEAD_DAYS + longest_lead)
    for s in people.filter(status=Status.UNDER_CORRECTION, term_end__lte=horizon).only("id", "term_end"):
        decision = RULES["DISCHARGE_EVALUATION_DUE"](ctx, term_end=s.term_end)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(InboxItem.Kind.DISCHARGE_EVALUATION, s.id, decision)


GENERATORS = (_report_in, _discharge_evaluation)


@dataclass
class RefreshResult:
    opened: int = 0
    updated: int = 0
    closed: int = 0


def _desired(ctx: Context, today: date, people: QuerySet[Supervisee]) -> dict[tuple[str, int], Due]:
    return {(d.kind, d.supervisee_id): d for generator in GENERATORS for d in generator(ctx, today, people)}


def _fields(d: Due) -> dict:
    return {
        "due": d.due,
        "rule": d.decision.rule,
        "articles": "、".join(d.decision.articles),
        "reasons": "；".join(d.decision.reasons),
        "approximate": d.approximate,
    }


@transaction.atomic
def inbox_refresh(*, today: date | None = None, supervisee_ids: Iterable[int] | None = None) -> RefreshResult:
    """Open, update and close items so that the open ones are exactly what the records call for today.
    With `supervisee_ids`, only those people are recomputed (after a change to their records)."""
    today = today or timezone.localdate()
    people = Supervisee.objects.all()
    items = InboxItem.objects.filter(state=InboxItem.State.OPEN)
    if supervisee_ids is not None:
        ids = list(supervisee_ids)
        people, items = people.filter(pk__in=ids), items.filter(supervisee_id__in=ids)
    desired = _desired(statute_context(), today, people)
    result = RefreshResult()
    to_update = []
    for item in items.select_for_update():
        wanted = desired.pop((item.kind, item.supervisee_id), None)
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
    InboxItem.objects.bulk_update(
        to_update, ["state", "closed_at", "due", "rule", "articles", "reasons", "approximate"], batch_size=500
    )
    new = [InboxItem(kind=d.kind, supervisee_id=d.supervisee_id, **_fields(d)) for d in desired.values()]
    InboxItem.objects.bulk_create(new, batch_size=500)
    result.opened = len(new)
    return result
