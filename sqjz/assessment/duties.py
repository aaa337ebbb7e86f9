"""The quarterly assessment's to-do: people under correction whose next assessment day (the end of the period after
the last one assessed; periods run from the start of the term, ASSESSMENT_DUE) falls within the look-ahead or has
passed. A period that would end after the term is not assessed: the written evaluation before discharge covers the
rest."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Max
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.assessment.selectors import due_after
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, register
from sqjz.statute.registry import Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "assessment"


def _due(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    people = Supervisee.objects.filter(status=Status.UNDER_CORRECTION)
    people = people if ids is None else people.filter(pk__in=ids)
    people = people.annotate(last_assessed=Max("assessments__period_end"))
    for s in people.only("id", "name", "judicial_office_id", "term_start", "term_end"):
        decision = due_after(ctx, term_start=s.term_start, after=s.last_assessed)
        if decision.outcome <= min(today + timedelta(days=LOOKAHEAD_DAYS), s.term_end):
            yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


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
