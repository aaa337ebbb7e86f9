"""The quarterly assessment's to-do: people under correction whose next assessment day (the end of the period after
the last one assessed; periods run from the start of the term, ASSESSMENT_DUE) falls within the look-ahead or has
passed. A period that would end after the term is not assessed: the written evaluation before discharge covers the
rest."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import due_after
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.registry import Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "assessment"


def _due(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    people = Supervisee.objects.filter(people_q(ids), status=Status.UNDER_CORRECTION)
    # The latest period by the (person, period) index: a join and a group by the person made PostgreSQL read every
    # assessment of the city for each batch.
    latest = QuarterlyAssessment.objects.filter(supervisee=OuterRef("pk")).order_by("-period_end")
    people = people.annotate(last_assessed=Subquery(latest.values("period_end")[:1])).order_by()
    for pk, name, office_id, term_start, term_end, last_assessed in people.values_list(
        "id", "name", "judicial_office_id", "term_start", "term_end", "last_assessed"
    ):
        decision = due_after(ctx, term_start=term_start, after=last_assessed)
        if decision.outcome <= min(today + timedelta(days=LOOKAHEAD_DAYS), term_end):
            yield Due(pk, name, decision, office_id, office_id, supervisee_id=pk)


register(
    Duty(
        kind="assessment",
        label="季度考核",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_due,
        url=lambda pk: reverse("assessment:case", args=[pk]),
    )
)
