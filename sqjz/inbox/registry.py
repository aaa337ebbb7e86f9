"""The duty registry: every kind of to-do, declared by the area that owns its records.

An area lists its duties in its own `duties.py` (loaded at start-up, as statute rules are) and registers each
with `register(Duty(...))`. A duty knows its kind and label, the capability a user needs to act on it, how to
compute the open items for a set of records, and the page that does the work. The inbox imports no area: it
stores what the duties compute and shows it to whoever must act.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from django.db.models import Q

from sqjz.statute.calendar import Deadline
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context

# An item about work due later appears this many days before its due date (a working habit, not a legal figure).
LOOKAHEAD_DAYS = 14


class Scope(StrEnum):
    """What the ids given to a duty's `compute` are: people (the supervisee's id) or the duty's own records."""

    PEOPLE = "people"
    RECORDS = "records"


@dataclass(frozen=True)
class Due:
    """One open item a duty computed: the record it is about, what is due by when (the statute's decision) and
    who must act (a unit, and within it the users with the duty's capability, or one named user)."""

    subject_id: int
    subject_label: str
    decision: Decision
    office_id: int  # the judicial office (or the unit) in whose area the work lies: what watchers count by
    actor_unit_id: int
    supervisee_id: int | None = None  # set when who may see the item follows the person's record
    actor_user_id: int | None = None

    @property
    def due(self) -> date:
        outcome = self.decision.outcome
        return outcome.due if isinstance(outcome, Deadline) else outcome

    @property
    def approximate(self) -> bool:
        return isinstance(self.decision.outcome, Deadline) and self.decision.outcome.approximate


@dataclass(frozen=True)
class Duty:
    """A kind of to-do.

    `compute(ctx, today, ids)` yields a `Due` for every record that calls for one today (when it yields several for
    one record, the last stands); `ids` None means every record, otherwise only those (people or the duty's own
    records, as `scope` says). `url(subject_id)` is the page where the work is done. `capability` is what the
    acting user must have (a role at the actor unit that has it). `actor_label` names who acts, after the unit's
    name (e.g. "负责人"). Items that concern no person's record give `watch(user)`: a filter on the item's
    `subject_id` for who may see it.
    """

    kind: str
    label: str
    area: str
    capability: str
    scope: Scope
    compute: Callable[[Context, date, list[int] | None], Iterable[Due]]
    url: Callable[[int], str]
    actor_label: str = ""
    watch: Callable[..., Q] | None = None


DUTIES: dict[str, Duty] = {}


def register(duty: Duty) -> Duty:
    if duty.kind in DUTIES:
        raise ValueError(f"duty {duty.kind} registered twice")
    if len(duty.kind) > 40:
        raise ValueError(f"duty kind {duty.kind} is longer than 40 characters")
    DUTIES[duty.kind] = duty
    return duty


# Whom the daily job computes the duties about people for: the area that owns the people's records registers a
# function that lists their ids (those a duty may concern: not everyone in the history of the register); the job adds
# the people who have open items, so that those close. Unregistered: everyone who has a record.
_people_source: list[Callable[[date], Iterable[int]]] = []


def register_people_source(source: Callable[[date], Iterable[int]]) -> None:
    if _people_source:
        raise ValueError("the people the daily job refreshes are registered twice")
    _people_source.append(source)


def people_source() -> Callable[[date], Iterable[int]] | None:
    return _people_source[0] if _people_source else None


class Batch(list[int]):
    """The ids of one batch of the daily refresh, sorted: every person the people source lists (or, with no source
    registered, everyone) whose id lies from the first to the last. Passed to the duties about people as `ids`.

    A batch is a list, so a duty may treat it as any ids; `people_q` selects it by its id range instead of a list of
    a thousand ids, and `shared` reads a fact several duties need (e.g. the batch's latest assessments) once. The
    range also spans people in no batch (the register's history): what a duty computes for them is not stored (the
    refresh stores the items of the batch's people only), so a range gives the same items as the list."""

    def __init__(self, ids: Iterable[int]) -> None:
        super().__init__(ids)
        self._shared: dict[str, Any] = {}

    def shared(self, key: str, read: Callable[[], Any]) -> Any:
        """`read()` once per batch (under `key`, which the area that reads it names, e.g. "assessment.latest")."""
        if key not in self._shared:
            self._shared[key] = read()
        return self._shared[key]


def people_q(ids: list[int] | None, field: str = "pk") -> Q:
    """The condition on `field` (a person's id) for the people `ids` names; None: everyone.

    For a batch of the daily refresh: its id range (see Batch), cheaper than a list of a thousand ids where the query's
    own condition keeps few of the people in no batch (e.g. those under correction: nationally seven in eight records
    of the register are history). For other ids (a write's refresh): the list."""
    if ids is None:
        return Q()
    if isinstance(ids, Batch) and ids:
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": ids})


def shared(ids: list[int] | None, key: str, read: Callable[[], Any]) -> Any:
    """`read()`, once per batch when `ids` is one (see Batch.shared); otherwise every time."""
    return ids.shared(key, read) if isinstance(ids, Batch) else read()


def duty(kind: str) -> Duty:
    """The registered duty of `kind`; an unknown kind is a programming error."""
    try:
        return DUTIES[kind]
    except KeyError:
        raise LookupError(f"no duty of kind {kind!r} is registered") from None


def duties(area: str | None = None) -> list[Duty]:
    return [d for d in DUTIES.values() if area is None or d.area == area]


def kind_choices() -> list[tuple[str, str]]:
    return [(d.kind, d.label) for d in DUTIES.values()]
