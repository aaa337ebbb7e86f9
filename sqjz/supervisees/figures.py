"""The register's figure per office: how many records of each status (loaded by the figures part at start-up)."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Q

from sqjz.figures.registry import Figure, register_figure
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from sqjz.supervisees.selectors import FLAGS  # the register's own flags: the counts match its filters

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


POPULATION_FIGURE = "population"
# People under correction by type, and how many of them carry each flag of the register (minors counted, never named).
POPULATION_FLAGS = ("minor", "three_no", "disabled", "female", "foreign")


def population_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    under = Q(status=Status.UNDER_CORRECTION)
    aggregates = {t: Count("pk", filter=under & Q(correction_type=t)) for t in CorrectionType.values}
    aggregates |= {flag: Count("pk", filter=under & FLAGS[flag][1]) for flag in POPULATION_FLAGS}
    rows = (
        Supervisee.objects.filter(judicial_office_id__in=offices, status=Status.UNDER_CORRECTION)
        .order_by()
        .values("judicial_office_id")
        .annotate(**aggregates)
    )
    return {r.pop("judicial_office_id"): r for r in rows}


register_figure(
    Figure(
        name=POPULATION_FIGURE,
        label="在矫人员构成",
        keys=(*CorrectionType.values, *POPULATION_FLAGS),
        compute=population_counts,
        rank=lambda v: sum(v[t] for t in CorrectionType.values),
    )
)
