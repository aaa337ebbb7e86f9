"""Reads of supervision records, always within the user's jurisdiction."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import F, Max, Q, QuerySet

from sqjz.intake.models import LevelDecision
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.models import CheckIn, TravelLeave

# How far back missed check-ins are looked for when no follow-up has settled them (a working habit, not a legal
# figure: by then the person has long been searched for as lost contact).
CHECKIN_LOOKBACK_DAYS = 31

TRAVEL_VIEWS = {"pending": "待审批", "away": "外出中", "all": "全部"}


def travel_list(user, show: str, today: date) -> QuerySet[TravelLeave]:
    leaves = TravelLeave.objects.filter(jurisdiction_q(user, prefix="supervisee__")).select_related(
        "supervisee__judicial_office"
    )
    if show == "pending":
        return leaves.filter(status=TravelLeave.Status.PENDING).order_by("start", "id")
    if show == "away":
        return leaves.filter(status=TravelLeave.Status.APPROVED, start__lte=today).order_by("start", "id")
    return leaves.order_by("-start", "-id")


def checkin_decisions(ctx: Context, people: QuerySet[Supervisee], today: date) -> Iterator[tuple[Supervisee, Decision]]:
    """For each person under correction enrolled in the app: the CHECKIN_MISSED decision today (outcome None when
    nothing is missed). Three queries, however many people."""
    window_start = today - timedelta(days=CHECKIN_LOOKBACK_DAYS)
    enrolled = list(
        people.filter(status=Status.UNDER_CORRECTION, app_enrolment__isnull=False)
        .annotate(
            enrolled_on=F("app_enrolment__enrolled_on"),
            settled_on=Max("checkin_follow_ups__followed_up_on", filter=Q(checkin_follow_ups__reached=True)),
        )
        .only("id", "name", "judicial_office_id", "term_end")
    )
    if not enrolled:
        return
    subset = people.filter(status=Status.UNDER_CORRECTION, app_enrolment__isnull=False).values("pk")
    days = defaultdict(set)
    for supervisee_id, day in (
        CheckIn.objects.filter(supervisee__in=subset, checked_on__gte=window_start)
        .values_list("supervisee_id", "checked_on")
        .distinct()
    ):
        days[supervisee_id].add(day)
    levels = defaultdict(list)
    for supervisee_id, effective_from, level in LevelDecision.objects.filter(supervisee__in=subset).values_list(
        "supervisee_id", "effective_from", "level"
    ):
        levels[supervisee_id].append((effective_from, level))
    for s in enrolled:
        if not levels[s.pk]:
            continue  # enrolment requires a level; a record without one has nothing to count against
        since = max(s.enrolled_on + timedelta(days=1), s.settled_on or s.enrolled_on, window_start)
        until = min(today, s.term_end + timedelta(days=1))  # nothing is due after the last day of the term
        decision = RULES["CHECKIN_MISSED"](ctx, since=since, today=until, levels=levels[s.pk], checkin_days=days[s.pk])
        yield s, decision


def checkin_decision(s: Supervisee, today: date) -> Decision | None:
    """The CHECKIN_MISSED decision for one person, or None when the person checks in by no app."""
    found = list(checkin_decisions(statute_context(), Supervisee.objects.filter(pk=s.pk), today))
    return found[0][1] if found else None
