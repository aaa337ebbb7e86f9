"""The register's figure per office: how many records of each status (loaded by the figures part at start-up)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count

from sqjz.figures.registry import Figure, register_figure
from sqjz.supervisees.models import Status, Supervisee

REGISTER_FIGURE = "register"


def status_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    rows = (
        Supervisee.objects.filter(judicial_office_id__in=offices)
        .order_by()
        .values_list("judicial_office_id", "status")
        .annotate(n=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for office, status, n in rows:
        counts[office][status] = n
    return counts


register_figure(
    Figure(
        name=REGISTER_FIGURE,
        label="矫正对象人数",
        keys=tuple(Status.values),
        compute=status_counts,
        rank=lambda v: v[Status.UNDER_CORRECTION],
    )
)
