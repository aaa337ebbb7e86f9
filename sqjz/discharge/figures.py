"""Discharge's figure per office: the last twelve months' trend of the population under correction, intakes and
ends (loaded by the figures part at start-up). Month 0 is the current month (to today), month 11 eleven months
before. The numbers follow the records' dates: a correction runs from the term's first day (矫正起始日) to the day
it ended (解除矫正日期 or 终止日期; the term's last day for a closed record without either), so records still
waiting to report in are not counted."""

from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Q

from sqjz.figures.registry import Figure, register_figure
from sqjz.supervisees.models import Status, Supervisee

TREND_FIGURE = "trend"
MONTHS = 12
TREND_KEYS = tuple(f"{part}_{i}" for part in ("active", "intake", "ended") for i in range(MONTHS))


def month_starts(today: date) -> list[date]:
    """The first days of month 0 (today's) back to month 11."""
    starts, first = [], today.replace(day=1)
    for _ in range(MONTHS):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return starts


def _month(day: date, starts: list[date]) -> int | None:
    for i, first in enumerate(starts):
        if day >= first:
            return i
    return None


def trend_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    starts = month_starts(today)
    ends = [today] + [s - timedelta(days=1) for s in starts[:-1]]  # the day each month is counted on
    window = starts[-1]
    people = (
        Supervisee.objects.filter(judicial_office_id__in=offices, term_start__lte=today)
        .exclude(status=Status.PENDING_REPORT)
        .filter(
            Q(status=Status.UNDER_CORRECTION)
            | Q(discharge__discharged_on__gte=window)
            | Q(termination__terminated_on__gte=window)
            | Q(discharge__isnull=True, termination__isnull=True, term_end__gte=window)
        )
        .order_by()
        .values_list(
            "judicial_office_id",
            "status",
            "term_start",
            "term_end",
            "discharge__discharged_on",
            "termination__terminated_on",
        )
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TREND_KEYS, 0))
    for office, status, start, term_end, discharged, terminated in people.iterator(chunk_size=5000):
        ended = discharged or terminated or (term_end if status != Status.UNDER_CORRECTION else None)
        row = counts[office]
        for i, day in enumerate(ends):
            if start <= day and (ended is None or ended > day):
                row[f"active_{i}"] += 1
        if (i := _month(start, starts)) is not None:
            row[f"intake_{i}"] += 1
        if ended is not None and ended <= today and (i := _month(ended, starts)) is not None:
            row[f"ended_{i}"] += 1
    return counts


register_figure(
    Figure(
        name=TREND_FIGURE,
        label="近十二个月趋势",
        keys=TREND_KEYS,
        compute=trend_counts,
        rank=lambda v: v["active_0"],
    )
)
