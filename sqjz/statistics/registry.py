"""The statistics registry: the standard lines of the monthly and quarterly statistics (population by type; intake,
discharge, termination by cause; revocations, warnings, lost contact; education and assistance figures), each
counted per judicial office for a period.

An area declares its lines in its own `statistics.py` (loaded at start-up, as figures and duties are) with
`register_statistic(Statistic(...))`. The statistics part imports no area: it asks the registered lines for their
numbers (statistics.selectors) and shows, charts and exports them; the appraisal reads the same lines.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

STOCK = "stock"  # how many on the period's last day (people under correction, open cases)
FLOW = "flow"  # how many events within the period, both ends included (intakes, warnings, visits)


@dataclass(frozen=True)
class Statistic:
    """One line of the standard statistics.

    `compute(offices, start, end)` returns {office id: number} for the given judicial offices; an office it leaves
    out counts zero. It runs one grouped query (or a few), never one per office. `definition` is the written
    definition the page shows beside the figure (what is counted, from which record, on which date)."""

    name: str
    label: str
    section: str
    kind: str  # STOCK or FLOW
    definition: str
    compute: Callable[[list[int], date, date], dict[int, int]]
    order: int = 0


SECTIONS = ("矫正对象", "入矫和解矫", "考核奖惩", "监督管理", "教育帮扶")

STATISTICS: dict[str, Statistic] = {}


def register_statistic(statistic: Statistic) -> Statistic:
    if statistic.name in STATISTICS:
        raise ValueError(f"statistic {statistic.name} registered twice")
    if statistic.section not in SECTIONS:
        raise ValueError(f"unknown statistics section {statistic.section!r}")
    if statistic.kind not in (STOCK, FLOW):
        raise ValueError(f"statistic {statistic.name}: kind must be stock or flow")
    STATISTICS[statistic.name] = statistic
    return statistic


def statistics(names: list[str] | None = None) -> list[Statistic]:
    """The registered lines in the order of the standard form (section, then order, then name)."""
    chosen = [s for s in STATISTICS.values() if names is None or s.name in names]
    return sorted(chosen, key=lambda s: (SECTIONS.index(s.section), s.order, s.name))


def get_statistic(name: str) -> Statistic:
    return STATISTICS[name]


def count_by_office(queryset, office_field: str) -> dict[int, int]:
    """{office id: number of rows} of `queryset`, grouped in one query by the record's office column (`office_field`,
    e.g. "supervisee__judicial_office_id"). The caller has already narrowed it to the offices and the period."""
    from django.db.models import Count

    rows = queryset.order_by().values_list(office_field).annotate(n=Count("pk"))
    return {office: n for office, n in rows if office is not None}
