"""Reads for the hand-over and intake list: who is still to report in, and whose intake is incomplete."""

from collections import defaultdict
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from sqjz.documents.models import Document
from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, LevelDecision, TeamMember
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import supervisees_for

STAGES = {"pending": "待报到", "incomplete": "入矫未完成", "all": "全部在矫和待报到"}
# (annotation, column heading), in the order of the paperwork
INTAKE_MARKS = (
    ("reported", "报到"),
    ("interviewed", "首次谈话"),
    ("teamed", "矫正小组"),
    ("lettered", "责任书"),
    ("announced", "入矫宣告"),
    ("planned", "矫正方案"),
)


def _exists(queryset) -> Exists:
    return Exists(queryset.filter(supervisee=OuterRef("pk")))


def intake_list(user, *, stage: str = "incomplete", q: str = "") -> QuerySet[Supervisee]:
    people = (
        supervisees_for(user)
        .filter(status__in=(Status.PENDING_REPORT, Status.UNDER_CORRECTION))
        .select_related("judicial_office", "deciding_authority")
        .annotate(
            reported=_exists(Handover.objects.filter(reported_on__isnull=False)),
            interviewed=_exists(FirstInterview.objects.all()),
            teamed=_exists(TeamMember.objects.filter(is_active=True)),
            lettered=_exists(Document.objects.filter(kind=Document.Kind.RESPONSIBILITY_LETTER)),
            announced=_exists(IntakeAnnouncement.objects.all()),
            planned=_exists(CorrectionPlan.objects.all()),
        )
    )
    if stage == "pending":
        people = people.filter(status=Status.PENDING_REPORT)
    elif stage == "incomplete":
        complete = Q()
        for mark, _ in INTAKE_MARKS:
            complete &= Q(**{mark: True})
        people = people.exclude(complete)
    if q:
        people = people.filter(Q(name__contains=q) | Q(name_initials__startswith=q.lower()))
    return people.order_by("judgment_effective_date", "id")


def level_history(people) -> dict[int, list[tuple[date, str]]]:
    """Each person's supervision levels as (effective from, level), for the people of a queryset (one query)."""
    levels: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for supervisee_id, effective_from, level in LevelDecision.objects.filter(supervisee__in=people).values_list(
        "supervisee_id", "effective_from", "level"
    ):
        levels[supervisee_id].append((effective_from, level))
    return levels
