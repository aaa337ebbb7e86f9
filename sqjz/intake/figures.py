"""Intake's figure per office: the people under correction by their supervision level on the day (loaded by the
figures part at start-up)."""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from sqjz.figures.registry import Figure, register_figure
from sqjz.intake.models import LevelDecision, SupervisionLevel
from sqjz.supervisees.models import Status, Supervisee

LEVEL_FIGURE = "levels"
UNDECIDED = "undecided"  # under correction with no level in force yet


def level_counts(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    """How many people under correction each level holds today (the latest decision in force), in one query."""
    latest = (
        LevelDecision.objects.filter(supervisee=OuterRef("pk"), effective_from__lte=today)
        .order_by("-effective_from", "-id")
        .values("level")[:1]
    )
    rows = (
        Supervisee.objects.filter(judicial_office_id__in=offices, status=Status.UNDER_CORRECTION)
        .annotate(level=Subquery(latest))
        .order_by()
        .values("judicial_office_id")
        .annotate(
            **{level: Count("pk", filter=Q(level=level)) for level in SupervisionLevel.values},
            **{UNDECIDED: Count("pk", filter=Q(level__isnull=True))},
        )
    )
    return {r.pop("judicial_office_id"): r for r in rows}


register_figure(
    Figure(
        name=LEVEL_FIGURE,
        label="管理等级",
        keys=(*SupervisionLevel.values, UNDECIDED),
        compute=level_counts,
        rank=lambda v: v[SupervisionLevel.STRICT],
    )
)
