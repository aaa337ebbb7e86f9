"""The quarterly assessment's to-do: people under correction whose next assessment day (the end of the period after
the last one assessed; periods run from the start of the term, ASSESSMENT_DUE) falls within the look-ahead or has
passed. A period that would end after the term is not assessed: the written evaluation before discharge covers the
rest."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability
from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import due_after, village_ratings
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.statute.decision import Decision
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


def _to_rate(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """`community_rating`: an evaluator with people of the village still to rate for the period the office assesses
    next (the period running, or ended and not yet assessed); one item per evaluator (subject: the evaluator's
    account), due at the earliest such period's end (a working reminder: the office needs the ratings)."""
    evaluators = User.objects.filter(role=Role.EVALUATOR, is_active=True, unit__isnull=False)
    evaluators = evaluators if ids is None else evaluators.filter(pk__in=ids)
    for user in evaluators.select_related("unit"):
        waiting = [r for r in village_ratings(ctx, user, today) if r.period is not None and r.rating is None]
        if not waiting:
            continue
        due = min(r.period.end for r in waiting)
        decision = Decision(
            rule="",
            outcome=due,
            articles=(),
            reasons=(f"本村（社区）{len(waiting)}名在矫社区矫正对象待评议本期表现", "工作提示，非法定期限"),
        )
        # Counted by the village committee, not the office: the offices' to-do figures are the agency's work.
        yield Due(user.pk, f"{user.unit.name}社区评议", decision, user.unit_id, user.unit_id, actor_user_id=user.pk)


register(
    Duty(
        kind="community_rating",
        label="社区评议",
        area=AREA,
        capability=Capability.COMMUNITY_RATE,
        scope=Scope.RECORDS,
        compute=_to_rate,
        url=lambda pk: reverse("assessment:ratings"),
        watch=lambda user: Q(subject_id=user.pk),
    )
)
