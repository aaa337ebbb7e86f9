"""Safety's figure per office: key people (重点对象), those under correction whose latest screening put them on the
key list (loaded by the figures part at start-up)."""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from sqjz.figures.registry import Figure, register_figure
from sqjz.safety.models import Screening
from sqjz.supervisees.models import Status, Supervisee

KEY_PEOPLE_FIGURE = "key_people"


def key_people_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    latest = Screening.objects.filter(supervisee=OuterRef("pk")).order_by("-screened_on", "-id").values("outcome")[:1]
    rows = (
        Supervisee.objects.filter(judicial_office_id__in=offices, status=Status.UNDER_CORRECTION)
        .annotate(outcome=Subquery(latest))
        .order_by()
        .values("judicial_office_id")
        .annotate(
            key=Count("pk", filter=Q(outcome=Screening.Outcome.KEY)),
            attention=Count("pk", filter=Q(outcome=Screening.Outcome.ATTENTION)),
        )
    )
    return {r.pop("judicial_office_id"): r for r in rows}


register_figure(
    Figure(
        name=KEY_PEOPLE_FIGURE,
        label="重点对象",
        keys=("key", "attention"),
        compute=key_people_counts,
        rank=lambda v: v["key"],
    )
)
