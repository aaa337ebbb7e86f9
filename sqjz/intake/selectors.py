"""Reads for the hand-over and intake list: who is still to report in, and whose intake is incomplete."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from sqjz.documents.models import Document
from sqjz.intake.duties import report_in_due
from sqjz.intake.models import CorrectionPlan, FirstInterview, Handover, IntakeAnnouncement, LevelDecision, TeamMember
from sqjz.statute.registry import Context
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


@dataclass(frozen=True)
class Mark:
    """One intake step of one person in the list: `done`; `owed` (due now and not done: the list shows ✗); or
    `not_due` (nothing is owed yet, e.g. a first interview before the person has reported in)."""

    state: str
    word: str


DONE = Mark("done", "已完成")
OWED = Mark("owed", "未完成")
NOT_DUE = Mark("not_due", "未到")


def intake_marks(s: Supervisee, *, today: date, ctx: Context) -> list[Mark]:
    """The marks of `intake_list`'s annotations, in INTAKE_MARKS order. Until the person reports in, only the
    report-in itself can be owed, and only once its deadline (REPORT_IN_DEADLINE) has passed; a person
    registered as already under correction owes every step not yet recorded."""
    waiting = s.status == Status.PENDING_REPORT and not s.reported
    marks = []
    for mark, _ in INTAKE_MARKS:
        if getattr(s, mark):
            marks.append(DONE)
        elif mark == "reported" and waiting:
            due = report_in_due(ctx, s).outcome.due
            marks.append(Mark("owed", "逾期未报到") if today > due else Mark("not_due", "待报到"))
        else:
            marks.append(NOT_DUE if waiting else OWED)
    return marks


def intake_rows(people: Iterable[Supervisee], *, today: date, ctx: Context) -> list[tuple[Supervisee, list[Mark]]]:
    return [(s, intake_marks(s, today=today, ctx=ctx)) for s in people]


def no_show_searches(exclude: set[int], today: date) -> list[Supervisee]:
    """People waiting to report in whose search the office started (the no-show search) by `today`, without those in
    `exclude`. One query."""
    return list(
        Supervisee.objects.filter(
            status=Status.PENDING_REPORT,
            handover__search_started_on__isnull=False,
            handover__search_started_on__lte=today,
            handover__reported_on__isnull=True,
        )
        .exclude(pk__in=exclude)
        .only("id", "correction_type", "judgment_effective_date")
    )


def report_in_days(ids: Iterable[int]) -> dict[int, date]:
    """The day each of the people reported in (报到), for those who have. One query."""
    return dict(
        Handover.objects.filter(supervisee_id__in=list(ids), reported_on__isnull=False).values_list(
            "supervisee_id", "reported_on"
        )
    )


def report_in_photo(supervisee_id: int) -> str:
    """Where the person's report-in photo (报到照片) is stored, relative to DATA_DIR; "" when none was taken."""
    return Handover.objects.filter(supervisee_id=supervisee_id).values_list("photo", flat=True).first() or ""
