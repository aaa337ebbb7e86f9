"""The counselling to-do: `crisis_follow_up`, an open crisis case for its counsellor by name, due by
CRISIS_FOLLOW_UP_DUE. The item names no person's record (so that the county's and the city's work lists, which follow
people's records, do not show it): who may see it is the case's rule (decision 0038)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.counselling.models import CrisisCase
from sqjz.counselling.selectors import cases_for, follow_up, last_contacts
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.statute.registry import Context
from sqjz.supervisees.models import Status

AREA = "counselling"


def _to_follow_up(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    cases = CrisisCase.objects.filter(closed_on__isnull=True, supervisee__status=Status.UNDER_CORRECTION)
    cases = list((cases if ids is None else cases.filter(pk__in=ids)).select_related("supervisee"))
    contacts = last_contacts(cases)
    for c in cases:
        office = c.supervisee.judicial_office_id
        yield Due(
            c.pk,
            f"{c.supervisee.name}：{c.get_risk_display()}",
            follow_up(c, contacts[c.pk], ctx),
            office,
            office,
            actor_user_id=c.counsellor_id,
        )


register(
    Duty(
        kind="crisis_follow_up",
        label="心理危机干预跟进",
        area=AREA,
        capability=Capability.COUNSELLING_RECORD,
        scope=Scope.RECORDS,
        compute=_to_follow_up,
        url=lambda pk: reverse("counselling:case", args=[pk]),
        watch=lambda user: Q(subject_id__in=cases_for(user).values("pk")),
    )
)
