"""The end of the term: the office's written evaluation before it (DISCHARGE_EVALUATION_DUE, shown within the
look-ahead), and from its last day the county agency's discharge (TERM_END_DISCHARGE)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "discharge"


def evaluation_due(ctx: Context, term_end: date) -> Decision:
    """When the written evaluation is due: on the discharge page and in the inbox."""
    return RULES["DISCHARGE_EVALUATION_DUE"](ctx, term_end=term_end)


def _people(ids: list[int] | None, **filters):
    return Supervisee.objects.filter(people_q(ids), status=Status.UNDER_CORRECTION, **filters)


def _evaluation(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    longest_lead = max(v.value for v in ctx.parameters.versions["DISCHARGE_EVALUATION_LEAD_DAYS"])
    horizon = today + timedelta(days=LOOKAHEAD_DAYS + longest_lead)
    people = _people(ids, term_end__lte=horizon, discharge_evaluation__isnull=True)
    for pk, name, office_id, term_end in people.values_list("id", "name", "judicial_office_id", "term_end"):
        decision = evaluation_due(ctx, term_end)
        if decision.outcome <= today + timedelta(days=LOOKAHEAD_DAYS):
            yield Due(pk, name, decision, office_id, office_id, supervisee_id=pk)


def _discharge(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    people = _people(ids, term_end__lte=today).select_related("judicial_office")
    for s in people.only("id", "name", "term_end", "judicial_office__id", "judicial_office__parent_id"):
        office = s.judicial_office
        decision = RULES["TERM_END_DISCHARGE"](ctx, term_end=s.term_end)
        yield Due(s.pk, s.name, decision, office.id, office.parent_id or office.id, supervisee_id=s.pk)


def _url(pk: int) -> str:
    return reverse("discharge:case", args=[pk])


register(
    Duty(
        kind="discharge_evaluation",
        label="期满前书面鉴定",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_evaluation,
        url=_url,
    )
)
register(
    Duty(
        kind="discharge",
        label="期满解除矫正",
        area=AREA,
        capability=Capability.CASE_CLOSE,
        scope=Scope.PEOPLE,
        compute=_discharge,
        url=_url,
    )
)
