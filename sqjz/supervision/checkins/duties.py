"""Check-ins' to-do: people enrolled in the phone app who missed a check-in period since the last follow-up that
reached them; due CHECKIN_FOLLOW_UP_DAYS after the first missed period; closed by a follow-up that reaches them."""

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register
from sqjz.statute.registry import Context
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.checkins.selectors import MISSED_KIND, checkin_decisions

AREA = "checkins"


def _missed(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    # checkin_decisions keeps the people under correction only: a batch's id range adds few rows (people_q).
    for s, decision in checkin_decisions(ctx, Supervisee.objects.filter(people_q(ids)), today):
        if decision.outcome is not None:
            yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


register(
    Duty(
        kind=MISSED_KIND,
        label="未签到核实",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_missed,
        url=lambda pk: reverse("supervision:checkins", args=[pk]),
    )
)
