"""Medical re-examinations' to-do: people on medical parole (保外就医) whose three-monthly re-examination
(MEDICAL_REEXAMINATION_DUE) falls due within the look-ahead; the three months run from the last re-examination
recorded, or else from the start of the term."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import CorrectionType, Status, Supervisee, TemporaryReleaseGround
from sqjz.supervision.medical.models import HealthReport

AREA = "medical"


def on_medical_parole(s: Supervisee) -> bool:
    return (
        s.correction_type == CorrectionType.TEMPORARY_RELEASE
        and s.temporary_release_ground == TemporaryReleaseGround.SERIOUS_ILLNESS
    )


def reexamination_due(ctx: Context, *, term_start: date, last_examined: date | None) -> Decision:
    """When the next re-examination is due: on the person's page and in the inbox."""
    return RULES["MEDICAL_REEXAMINATION_DUE"](ctx, last_examination=last_examined or term_start)


def _due(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    people = Supervisee.objects.filter(
        people_q(ids),
        status=Status.UNDER_CORRECTION,
        correction_type=CorrectionType.TEMPORARY_RELEASE,
        temporary_release_ground=TemporaryReleaseGround.SERIOUS_ILLNESS,
    )
    people = people.annotate(last_examined=Max("medical_examinations__examined_on"))
    for s in people.only("id", "name", "judicial_office_id", "term_start"):
        decision = reexamination_due(ctx, term_start=s.term_start, last_examined=s.last_examined)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


def _health_reports(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """The earliest month (of the last and this one, within the term) whose report is missing, once due in the
    look-ahead: the office reminds the person and follows up."""
    people = Supervisee.objects.filter(
        people_q(ids), status=Status.UNDER_CORRECTION, correction_type=CorrectionType.TEMPORARY_RELEASE
    ).only("id", "name", "judicial_office_id", "term_start")
    people = list(people)
    this = today.replace(day=1)
    last = add_months(this, -1)
    reported = set(
        HealthReport.objects.filter(supervisee__in=[s.pk for s in people], month__gte=last).values_list(
            "supervisee_id", "month"
        )
    )
    for s in people:
        start = s.term_start.replace(day=1) if s.term_start else this
        for month in (last, this):
            if month < start or (s.pk, month) in reported:
                continue
            decision = RULES["HEALTH_REPORT_DUE"](ctx, month=month)
            if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
                yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)
            break


register(
    Duty(
        kind="health_report",
        label="身体情况报告",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_health_reports,
        url=lambda pk: reverse("supervision:medical", args=[pk]),
    )
)
register(
    Duty(
        kind="medical_reexamination",
        label="病情复查",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_due,
        url=lambda pk: reverse("supervision:medical", args=[pk]),
    )
)
