"""One timeline of a person's whole course, from the pre-sentence investigation to discharge or termination, built
from the events each area contributes.

An area registers, in its own `events.py`, the kinds of event it shows (`kind(code, label, order)`; `order` places it in
the officers' paperwork) and one or more sources (`@source`): functions that take a supervisee and yield the events its
records hold, with a fixed number of queries however long the course. An event has a day (and a time when the record
has one), a kind officers filter by, what happened, who recorded it and the page where it can be read.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

KINDS: dict[str, tuple[int, str]] = {}  # code → (place in the paperwork's order, label)
SOURCES: list[Callable[..., Iterable["Event"]]] = []


def kind(code: str, label: str, order: int) -> str:
    if code in KINDS:
        raise ValueError(f"timeline kind {code} registered twice")
    KINDS[code] = (order, label)
    return code


def kinds() -> dict[str, str]:
    """code → label, in the order of the paperwork (for the filter)."""
    return {code: label for code, (_, label) in sorted(KINDS.items(), key=lambda item: item[1][0])}


def source(fn: Callable[..., Iterable["Event"]]) -> Callable[..., Iterable["Event"]]:
    SOURCES.append(fn)
    return fn


@dataclass(frozen=True)
class Event:
    at: datetime
    kind: str
    title: str
    who: str = ""
    url: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][1]

    @property
    def has_time(self) -> bool:
        return self.at.timetz().replace(tzinfo=None) != time.min


def at(value: date | datetime) -> datetime:
    """An event's moment: a record's time as it is, a day at its start (local time)."""
    if isinstance(value, datetime):
        return timezone.localtime(value)
    return datetime.combine(value, time.min, timezone.get_current_timezone())


def name(user) -> str:
    return user.full_name if user else ""


def timeline_for(s, kind: str = "") -> list[Event]:
    """Every event of the course, newest first; `kind` keeps one kind only."""
    events = [e for contribute in SOURCES for e in contribute(s)]
    if kind:
        events = [e for e in events if e.kind == kind]
    return sorted(events, key=lambda e: e.at, reverse=True)
