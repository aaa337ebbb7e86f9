"""Check-ins' to-dos: people enrolled in the phone app who missed a check-in period since the last follow-up that
reached them (due CHECKIN_FOLLOW_UP_DAYS after the first missed period; closed by a follow-up that reaches them);
and doubtful check-ins (services.checkin_concerns: the face, the position, the journey since the last one; due the day
after the first; closed by the officer's review of each)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, people_q, register
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context
from sqjz.supervisees.models import Supervisee
from sqjz.supervision.checkins.selectors import MISSED_KIND, checkin_decisions, reviews_open

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


REVIEW_KIND = "checkin_review"
# A working habit, not a legal figure: a check-in someone else may have made is looked into the next day.
REVIEW_DAYS = 1


def _reviews(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    waiting: dict[int, list] = {}
    rows = reviews_open(people_q(ids, "supervisee_id")).order_by("checked_at")
    for c in rows.select_related("supervisee").only(
        "checked_on", "concerns", "supervisee__name", "supervisee__judicial_office_id"
    ):
        waiting.setdefault(c.supervisee_id, []).append(c)
    for checkins in waiting.values():
        first, s = checkins[0], checkins[0].supervisee
        concerns = "；".join(first.concerns)
        reason = f"{len(checkins)}次签到存疑（{first.checked_on:%Y-%m-%d}起：{concerns}），请核实是否本人签到"
        decision = Decision(
            rule="", outcome=first.checked_on + timedelta(days=REVIEW_DAYS), articles=(), reasons=(reason,)
        )
        yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


register(
    Duty(
        kind=REVIEW_KIND,
        label="存疑签到核实",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_reviews,
        url=lambda pk: reverse("supervision:checkins", args=[pk]),
    )
)
