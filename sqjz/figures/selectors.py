"""Reading stored figures: an area's offices by urgency, and their totals, with the time of the oldest row."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BigIntegerField, Count, Min, QuerySet, Sum
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

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


@dataclass
class Totals:
    values: dict[str, int]
    offices: int  # how many offices' rows were summed
    as_of: datetime | None  # when the oldest of them was computed


def figure_totals(name: str, offices: QuerySet[Unit]) -> Totals:
    """The figure's numbers summed over `offices`, in one query."""
    keys = get_figure(name).keys
    sums = {f"sum_{key}": Sum(Cast(KeyTextTransform(key, "values"), BigIntegerField())) for key in keys}
    row = OfficeFigure.objects.filter(name=name, office_id__in=offices.values("pk")).aggregate(
        **sums, rows=Count("pk"), as_of=Min("computed_at")
    )
    return Totals({key: row[f"sum_{key}"] or 0 for key in keys}, row["rows"], row["as_of"])
