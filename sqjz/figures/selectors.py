"""Reading stored figures: an area's offices by urgency, and their totals, with the time of the oldest row."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BigIntegerField, Count, Min, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from sqjz.core.pagination import COUNT_CAP, bounded_count
from sqjz.figures.models import OfficeFigure
from sqjz.figures.registry import get_figure
from sqjz.organisation.models import Unit


def figure_rows(name: str, offices: QuerySet[Unit]) -> QuerySet[OfficeFigure]:
    """The figure's rows for `offices`, the most urgent first (the figure's rank), each with its office and county."""
    return (
        OfficeFigure.objects.filter(name=name, office_id__in=offices.values("pk"))
        .select_related("office__county")
        .order_by("-rank", "office_id")
    )


def figure_top(name: str, offices: QuerySet[Unit], limit: int, *, urgent: bool = False) -> tuple[list, int]:
    """The rows of the `limit` most urgent of `offices` (only those with a rank above zero if `urgent`), and how many
    more there are (counted up to COUNT_CAP)."""
    rows = figure_rows(name, offices)
    rows = rows.filter(rank__gt=0) if urgent else rows
    shown = list(rows[:limit])
    return shown, (bounded_count(rows, COUNT_CAP) - len(shown) if len(shown) == limit else 0)


def oldest(rows: list[OfficeFigure]) -> datetime | None:
    """When the oldest of the rows shown was computed (a page says its figures are as of then)."""
    return min((r.computed_at for r in rows), default=None)


@dataclass
class Totals:
    values: dict[str, int]
    offices: int  # how many offices' rows were summed
    as_of: datetime | None  # when the oldest of them was computed


def _sums(name: str) -> dict:
    keys = get_figure(name).keys
    return {f"sum_{key}": Sum(Cast(KeyTextTransform(key, "values"), BigIntegerField())) for key in keys} | {
        "rows": Count("pk"),
        "as_of": Min("computed_at"),
    }


def _totals(name: str, row: dict) -> Totals:
    return Totals({key: row[f"sum_{key}"] or 0 for key in get_figure(name).keys}, row["rows"], row["as_of"])


def figure_totals(name: str, offices: QuerySet[Unit]) -> Totals:
    """The figure's numbers summed over `offices`, in one query."""
    rows = OfficeFigure.objects.filter(name=name, office_id__in=offices.values("pk"))
    return _totals(name, rows.aggregate(**_sums(name)))
