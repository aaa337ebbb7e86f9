"""Storing what the registered duties compute. Idempotent: running it twice on the same day changes nothing;
items no longer called for are closed, never deleted.

A write in an area refreshes that area's duties for the records it touched (`inbox_refresh(area=..., ids=...)`);
a change to a person that every area depends on (registration, report-in, a new level, discharge) refreshes every
duty about that person (`inbox_refresh(ids=..., scope=Scope.PEOPLE)`); the daily job refreshes everything.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from sqjz.core.rows import rows_update
from sqjz.figures.services import figures_refresh
from sqjz.inbox.daily import steps
from sqjz.inbox.models import InboxItem
from sqjz.inbox.registry import Batch, Due, Duty, Scope, duties, people_source
from sqjz.rulebook.selectors import statute_context

UPDATED_FIELDS = [
    "state",
    "closed_at",
    "changed_at",
    "subject_label",
    "supervisee_id",
    "office_id",
    "actor_unit_id",
    "actor_user_id",
    "due",
    "rule",
    "articles",
    "reasons",
    "approximate",
]


logger = logging.getLogger(__name__)


@dataclass
class RefreshResult:
    opened: int = 0
    updated: int = 0
    closed: int = 0

    def add(self, other: "RefreshResult") -> None:
        self.opened, self.updated, self.closed = (
            self.opened + other.opened,
            self.updated + other.updated,
            self.closed + other.closed,
        )


def _fields(d: Due) -> dict:
    return {
        "subject_label": d.subject_label[:100],
        "supervisee_id": d.supervisee_id,
        "office_id": d.office_id,
        "actor_unit_id": d.actor_unit_id,
        "actor_user_id": d.actor_user_id,
        "due": d.due,
        "rule": d.decision.rule,
        "articles": "、".join(d.decision.articles)[:300],
        "reasons": "；".join(d.decision.reasons),
        "approximate": d.approximate,
    }


def _in_scope(chosen: list[Duty], ids: list[int] | None) -> Q:
    """The open items the chosen duties may have opened for `ids`: one condition per kind of id, so that the
    database finds them through the person's (or the record's) index, however many items others have."""
    by_scope: dict[Scope, list[str]] = {}
    for d in chosen:
        by_scope.setdefault(d.scope, []).append(d.kind)
    q = Q()
    for scope, kinds in by_scope.items():
        if ids is None:
            q |= Q(kind__in=kinds)
        else:
            field = "supervisee_id" if scope == Scope.PEOPLE else "subject_id"
            q |= Q(**{f"{field}__in": ids, "kind__in": kinds})
    return q


# The city-wide refresh (the daily job) computes the duties about people for this many at a time, outside any
# transaction (see inbox_refresh) ...
PEOPLE_PER_BATCH = 1000
# ... and stores them in transactions of this many people (a write of 1,000 people's items took about 60 ms).
PEOPLE_PER_WRITE = 250
# A write that began before a batch's computation may commit after it began: items changed this long before count too.
IN_FLIGHT = timedelta(seconds=30)


def inbox_refresh(
    *,
    area: str | None = None,
    ids: list[int] | None = None,
    scope: Scope | None = None,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RefreshResult:
    """Open, update and close items so that the open ones are exactly what the duties call for today.

    `area` limits the refresh to that area's duties; `ids` to those records (people, or the duties' own records);
    `scope` to the duties whose ids mean that (e.g. every duty about people, after a change to a person). With `ids`
    (after a write) it runs in the caller's transaction. Without (the daily job): the duties about records in one
    go (they concern few records), then the duties about people batch by batch of PEOPLE_PER_BATCH people,
    calling `progress(batches done, batches in all)` after each. A crash leaves the committed batches consistent;
    the next run, idempotent, finishes the work.

    A batch is computed outside any transaction and only written in one: on SQLite a write transaction holds the
    database's only write lock, and computing 1,000 people's duties takes most of a second, while writing what
    changed takes milliseconds (bench/RESULTS.md); it is written PEOPLE_PER_WRITE people per transaction. If a write
    elsewhere changed an item of those people after the computation began, they are computed again inside the
    transaction, so nothing newer is overwritten."""
    today = today or timezone.localdate()
    chosen = [d for d in duties(area) if scope is None or d.scope == scope]
    if not chosen:
        return RefreshResult()
    ctx = statute_context()
    if ids is not None:
        with transaction.atomic():
            started = timezone.now()
            refreshed = _refresh(ctx, chosen, list(ids), today)
            _refresh_figures(chosen, list(ids), started, today)
            return refreshed
    result = RefreshResult()
    about_records = [d for d in chosen if d.scope == Scope.RECORDS]
    about_people = [d for d in chosen if d.scope == Scope.PEOPLE]
    if about_records:
        started = timezone.now() - IN_FLIGHT
        result.add(_store_computed(ctx, about_records, None, _compute(ctx, about_records, None, today), started, today))
    if about_people:
        people = _people(today)
        batches = [Batch(people[i : i + PEOPLE_PER_BATCH]) for i in range(0, len(people), PEOPLE_PER_BATCH)]
        for done, batch in enumerate(batches, 1):
            started = timezone.now() - IN_FLIGHT
            desired = _compute(ctx, about_people, batch, today)
            for i in range(0, len(batch), PEOPLE_PER_WRITE):
                # A slice is a plain list: computed again under the lock, nothing is read from the batch's shared facts.
                result.add(_store_computed(ctx, about_people, batch[i : i + PEOPLE_PER_WRITE], desired, started, today))
            if progress is not None:
                progress(done, len(batches))
    # Every office's stored figures (decision 0025): a day's passing changes some that no write touched (to-dos
    # fall overdue, check-ins of a new day).
    figures_refresh(today=today)
    return result


@transaction.atomic
def _store_computed(ctx, chosen: list[Duty], ids: list[int] | None, computed: dict, started, today) -> RefreshResult:
    """Store what was computed for `ids` (people; None: every record of the chosen duties), unless an item in scope
    changed since `started`: then compute again, now under the lock."""
    if InboxItem.objects.filter(_in_scope(chosen, ids), changed_at__gte=started).exists():
        return _store(chosen, ids, _compute(ctx, chosen, ids, today))
    if ids is not None:  # these people's items only: also not those of people a batch's id range spans (Batch)
        mine = set(ids)
        computed = {key: due for key, due in computed.items() if due.supervisee_id in mine}
    return _store(chosen, ids, computed)


def _refresh_figures(chosen: list[Duty], ids: list[int], started, today: date) -> None:
    """The stored figures (decision 0025) of the offices whose items a refresh after a write left open or changed,
    and, where the ids are people, of their offices (a discharge may close no item, yet changes the register's
    figure): they commit with the change."""
    items = InboxItem.objects.filter(_in_scope(chosen, ids)).filter(
        Q(state=InboxItem.State.OPEN) | Q(changed_at__gte=started)
    )
    offices = set(items.order_by().values_list("office_id", flat=True).distinct())
    if all(d.scope == Scope.PEOPLE for d in chosen):
        person = InboxItem._meta.get_field("supervisee").related_model  # the register, which the inbox does not import
        offices |= set(person.objects.filter(pk__in=ids).values_list("judicial_office_id", flat=True))
    figures_refresh(offices=offices, today=today)


def _people(today: date) -> list[int]:
    """Whom the duties about people are computed for: those the register says a duty may concern, and those with
    open items (read without a lock)."""
    source = people_source()
    if source is None:
        person = InboxItem._meta.get_field("supervisee").related_model  # the register, which the inbox does not import
        return list(person.objects.order_by("pk").values_list("pk", flat=True))
    with_items = InboxItem.objects.filter(state=InboxItem.State.OPEN, supervisee__isnull=False).order_by()
    return sorted(set(source(today)) | set(with_items.values_list("supervisee_id", flat=True).distinct()))


def _refresh(ctx, chosen: list[Duty], ids: list[int] | None, today: date) -> RefreshResult:
    """Make the open items of the chosen duties for `ids` (None: every record) exactly what the duties compute (in
    the caller's transaction)."""
    return _store(chosen, ids, _compute(ctx, chosen, ids, today))


def _compute(ctx, chosen: list[Duty], ids: list[int] | None, today: date) -> dict[tuple[str, int], Due]:
    desired: dict[tuple[str, int], Due] = {}
    for d in chosen:
        for due in d.compute(ctx, today, ids):
            if d.scope == Scope.PEOPLE and due.supervisee_id is None:
                raise ValueError(f"duty {d.kind} is about people but its item names no person")
            desired[d.kind, due.subject_id] = due  # the last one a duty yields for a record stands
    return desired


def _store(chosen: list[Duty], ids: list[int] | None, desired: dict[tuple[str, int], Due]) -> RefreshResult:
    in_scope = _in_scope(chosen, ids)
    result = RefreshResult()
    to_update = []
    now = timezone.now()
    # No ordering: sorted items would lead the database to walk every open item instead of the person's.
    for item in InboxItem.objects.filter(in_scope, state=InboxItem.State.OPEN).order_by().select_for_update():
        wanted = desired.pop((item.kind, item.subject_id), None)
        if wanted is None:
            item.state, item.closed_at, item.changed_at = InboxItem.State.CLOSED, now, now
            to_update.append(item)
            result.closed += 1
            continue
        fields = _fields(wanted)
        if any(getattr(item, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(item, k, v)
            item.changed_at = now
            to_update.append(item)
            result.updated += 1
    rows_update(to_update, UPDATED_FIELDS)
    new = [
        InboxItem(kind=kind, subject_id=subject_id, changed_at=now, **_fields(d))
        for (kind, subject_id), d in desired.items()
    ]
    InboxItem.objects.bulk_create(new, batch_size=500)
    result.opened = len(new)
    return result


def inbox_refresh_people(ids: list[int]) -> RefreshResult:
    """After a change to people that every area's duties depend on (registration, report-in, level, the end of the
    correction): every duty about them."""
    return inbox_refresh(ids=ids, scope=Scope.PEOPLE)


@dataclass
class DailyResult:
    steps: dict[str, int] = field(default_factory=dict)  # records each daily step created or changed
    failed: list[str] = field(default_factory=list)  # steps that raised (logged); the refresh still runs
    refresh: RefreshResult = field(default_factory=RefreshResult)


def inbox_daily(today: date | None = None, progress: Callable[[int, int], None] | None = None) -> DailyResult:
    """The daily job: every registered daily step (inbox.daily), each committing its own transactions, then the
    refresh of every duty. A step that fails is logged and named in the result; the others and the refresh still run."""
    today = today or timezone.localdate()
    result = DailyResult()
    for step in steps():
        try:
            result.steps[step.name] = step.run(today)
        except Exception:
            logger.exception("daily step %s failed", step.name)
            result.failed.append(step.name)
    result.refresh = inbox_refresh(today=today, progress=progress)
    _update_planner_statistics()
    return result


def _update_planner_statistics() -> None:
    """The planner's statistics of the inbox, which the daily job has just rewritten. SQLite keeps none unless asked:
    without them its planner scanned city-wide indexes for the badge and the daily job's queries (84–111 ms a badge
    at 100,000 people, 4–12 ms after ANALYZE; bench/RESULTS.md), so it gets a bounded ANALYZE (at most 10,000 rows
    sampled per index: about 0.1 s in all at 800,000 records; with 1,000 the register's estimates were so far
    off that SQLite sorted a city's whole register by term end, 0.5 s). PostgreSQL's autovacuum analyses by itself
    when it is on; where it is off (as on these machines) the first daily job after a bulk load left the inbox with
    the statistics of an empty table and every batch's guard scanned the whole table. ANALYZE of the one table
    samples it (about 0.2 s at a million items)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=10000")
            cursor.execute("ANALYZE")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {connection.ops.quote_name(InboxItem._meta.db_table)}")
