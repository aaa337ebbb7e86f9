"""Reads of check-ins, always within the user's jurisdiction."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from sqjz.core.search import prefix_q
from sqjz.inbox.models import InboxItem
from sqjz.intake.selectors import level_history
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.checkins.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    CheckInReminder,
    Review,
    SpotCheck,
)

# How far back missed check-ins are looked for when no follow-up has settled them (a working habit, not a legal
# figure: by then the person has long been searched for as lost contact).
CHECKIN_LOOKBACK_DAYS = 31
# The inbox item of missed check-ins awaiting a follow-up (registered in checkins.duties).
MISSED_KIND = "checkin"
# The stored figure of each office's check-ins today (supervision.figures; decision 0025).
CHECKIN_FIGURE = "checkin"


def counted_checkins() -> QuerySet[CheckIn]:
    """The check-ins that count as the person's check-in: all but those whose photo could not be decoded (no
    evidence of who checked in; decision 0024) and those an officer found were not the person's. One still being
    processed counts, and so does one waiting for the officer's review (the evidence may mislead; the officer
    decides)."""
    return CheckIn.objects.exclude(photo_state=CheckIn.PhotoState.REJECTED).exclude(review=Review.REJECTED)


def reviews_open(people: Q) -> QuerySet[CheckIn]:
    """Stored check-ins of `people` with a concern (services.checkin_concerns) that no officer has reviewed yet."""
    return CheckIn.objects.filter(people, doubtful=True, review="", photo_state=CheckIn.PhotoState.STORED)


def photo_rejected(checkin: CheckIn) -> bool:
    """Whether the check-in's photo could not be decoded (the check-in does not count)."""
    return checkin.photo_state == CheckIn.PhotoState.REJECTED


def checkin_decisions(ctx: Context, people: QuerySet[Supervisee], today: date) -> Iterator[tuple[Supervisee, Decision]]:
    """For each person under correction enrolled in the app: the CHECKIN_MISSED decision today (outcome None when
    nothing is missed). Four queries, however many people."""
    for s, facts, unanswered in _checkin_facts(people, today):
        yield s, RULES["CHECKIN_MISSED"](ctx, **facts, unanswered_spot_checks=unanswered)


def _checkin_facts(people: QuerySet[Supervisee], today: date) -> Iterator[tuple[Supervisee, dict, list[date]]]:
    """For each person under correction enrolled in the app: what the check-in rules are asked with (since, today,
    levels, check-in days) and the days of unanswered spot checks."""
    window_start = today - timedelta(days=CHECKIN_LOOKBACK_DAYS)
    checking_in = people.filter(status=Status.UNDER_CORRECTION, app_enrolment__isnull=False)
    enrolled = list(
        checking_in.annotate(
            enrolled_on=F("app_enrolment__enrolled_on"),
            settled_on=Max("checkin_follow_ups__followed_up_on", filter=Q(checkin_follow_ups__reached=True)),
        ).only("id", "name", "judicial_office_id", "term_end")
    )
    if not enrolled:
        return
    # The people under correction, not only the enrolled: a subquery joined to every enrolment made PostgreSQL read
    # all of them for each batch of the daily job (about 130 ms); the facts of people not enrolled are never asked.
    subset = people.filter(status=Status.UNDER_CORRECTION).values("pk")
    days = defaultdict(set)
    for supervisee_id, day in (
        counted_checkins()
        .filter(supervisee__in=subset, checked_on__gte=window_start)
        .order_by()  # the model's order would add its columns to the DISTINCT: one row per check-in, not per day
        .values_list("supervisee_id", "checked_on")
        .distinct()
    ):
        days[supervisee_id].add(day)
    unanswered = defaultdict(list)
    for supervisee_id, requested_at in SpotCheck.objects.filter(
        supervisee__in=subset, answer__isnull=True, answer_by__lt=timezone.now(), requested_at__date__gte=window_start
    ).values_list("supervisee_id", "requested_at"):
        unanswered[supervisee_id].append(timezone.localdate(requested_at))
    levels = level_history(subset)
    for s in enrolled:
        if not levels[s.pk]:
            continue  # enrolment requires a level; a record without one has nothing to count against
        since = max(s.enrolled_on + timedelta(days=1), s.settled_on or s.enrolled_on, window_start)
        until = min(today, s.term_end + timedelta(days=1))  # nothing is due after the last day of the term
        yield s, {"since": since, "today": until, "levels": levels[s.pk], "checkin_days": days[s.pk]}, unanswered[s.pk]


def checkin_decision(s: Supervisee, today: date) -> Decision | None:
    """The CHECKIN_MISSED decision for one person, or None when the person checks in by no app."""
    found = list(checkin_decisions(statute_context(), Supervisee.objects.filter(pk=s.pk), today))
    return found[0][1] if found else None


def checkin_state(s: Supervisee, today: date) -> tuple[Decision | None, Decision | None]:
    """For one person, from one reading of the facts: the CHECKIN_MISSED decision and the CHECKIN_DUE decision (the
    period running today and whether it has its check-in); (None, None) when the person checks in by no app, and no
    CHECKIN_DUE after the term."""
    found = list(_checkin_facts(Supervisee.objects.filter(pk=s.pk), today))
    if not found:
        return None, None
    person, facts, unanswered = found[0]
    ctx = statute_context()
    missed = RULES["CHECKIN_MISSED"](ctx, **facts, unanswered_spot_checks=unanswered)
    due = RULES["CHECKIN_DUE"](ctx, **facts) if today <= person.term_end else None
    return missed, due


def checkin_due(s: Supervisee, today: date) -> Decision | None:
    """The CHECKIN_DUE decision for one person (see checkin_state)."""
    return checkin_state(s, today)[1]


def reminders_due(s: Supervisee, now) -> list[dict]:
    """What the person's phone should remind of now: the check-in of the period running today if it has none yet
    (due by the end of its last day, CHECKIN_DUE), and a spot check waiting for its answer; each with whether the
    phone already showed it (CheckInReminder)."""
    today = timezone.localdate(now)
    due = []
    decision = checkin_due(s, today)
    if decision is not None and decision.outcome is not None and not decision.outcome[2]:
        end = decision.outcome[1]
        due_by = timezone.make_aware(datetime.combine(end + timedelta(days=1), time()))
        due.append((CheckInReminder.Kind.CHECKIN, due_by, decision.reasons[-1]))
    spot = (
        SpotCheck.objects.filter(supervisee=s, answer__isnull=True, requested_at__lte=now, answer_by__gte=now)
        .order_by("answer_by")
        .first()
    )
    if spot is not None:
        text = f"司法所抽查：请于{timezone.localtime(spot.answer_by):%H:%M}前现场自拍并定位签到"
        due.append((CheckInReminder.Kind.SPOT_CHECK, spot.answer_by, text))
    shown = set(
        CheckInReminder.objects.filter(supervisee=s, due_by__in=[d for _, d, _ in due]).values_list("kind", "due_by")
    )
    return [
        {"kind": kind, "title": kind.label, "body": text, "due_by": due_by, "shown": (kind.value, due_by) in shown}
        for kind, due_by, text in due
    ]


def reminders_shown(s: Supervisee, limit: int = 20) -> list[CheckInReminder]:
    """The reminders the person's phone showed, latest first, each with `answered`: whether a counted check-in came
    between the reminder and its due time (a reminder shown and not answered is the office's evidence)."""
    shown = list(s.checkin_reminders.all()[:limit])
    if not shown:
        return shown
    times = list(
        counted_checkins()
        .filter(supervisee=s, checked_at__gte=min(r.shown_at for r in shown))
        .values_list("checked_at", flat=True)
    )
    for r in shown:
        r.answered = any(r.shown_at <= t <= r.due_by for t in times)
    return shown


CHECKIN_VIEWS = {
    "missing": "今日未签到",
    "done": "今日已签到",
    "follow_up": "待核实",
    "not_enrolled": "未开通",
    "all": "全部在矫",
}
_CHECKIN_FILTERS = {
    "missing": Q(enrolled=True, today_done=False),
    "done": Q(today_done=True),
    "follow_up": Q(to_follow_up=True),
    "not_enrolled": Q(enrolled=False),
    "all": Q(),
}


def _with_checkin_status(people: QuerySet[Supervisee], today: date) -> QuerySet[Supervisee]:
    own = OuterRef("pk")
    return people.filter(status=Status.UNDER_CORRECTION).annotate(
        enrolled=Exists(AppEnrolment.objects.filter(supervisee=own)),
        today_done=Exists(counted_checkins().filter(supervisee=own, checked_on=today)),
        to_follow_up=Exists(InboxItem.objects.filter(supervisee=own, kind=MISSED_KIND, state=InboxItem.State.OPEN)),
    )


def checkin_overview(user, today: date) -> QuerySet[Supervisee]:
    """People under correction within jurisdiction with their check-in status today: enrolled in the app, checked
    in today, the last check-in, and whether missed check-ins await a follow-up. One query per page."""
    last = counted_checkins().filter(supervisee=OuterRef("pk")).order_by("-checked_at").values("checked_at")[:1]
    people = Supervisee.objects.filter(jurisdiction_q(user)).select_related("judicial_office")
    return _with_checkin_status(people, today).annotate(last_checkin=Subquery(last))


def checkin_figures(offices: list[int], today: date) -> dict[int, dict[str, int]]:
    """The check-in figure (figures.registry) of each office: how many people each view lists, in one query."""
    people = _with_checkin_status(Supervisee.objects.filter(judicial_office_id__in=offices), today)
    rows = (
        people.order_by()
        .values("judicial_office_id")
        .annotate(**{key: Count("pk", filter=condition) for key, condition in _CHECKIN_FILTERS.items()})
    )
    return {r.pop("judicial_office_id"): r | {"enrolled": r["all"] - r["not_enrolled"]} for r in rows}


def checkin_list(
    user, today: date, show: str, q: str = "", office: int | None = None, county: int | None = None
) -> QuerySet[Supervisee]:
    people = _narrowed(checkin_overview(user, today), office, county, q).filter(_CHECKIN_FILTERS[show])
    return people.order_by("judicial_office__name", "name", "pk")


def _narrowed(people: QuerySet[Supervisee], office: int | None, county: int | None, q: str) -> QuerySet[Supervisee]:
    """One office's or one county's people, and those whose name starts with `q` (a surname first, as the register
    searches)."""
    if q:
        people = people.filter(prefix_q("name", q))
    if office is not None:
        people = people.filter(judicial_office_id=office)
    if county is not None:
        people = people.filter(county_id=county)
    return people


def checkin_counts(
    user, today: date, office: int | None = None, county: int | None = None, q: str = ""
) -> dict[str, int]:
    """How many people each view lists, in one query."""
    people = _narrowed(checkin_overview(user, today), office, county, q)
    return people.aggregate(**{key: Count("pk", filter=condition) for key, condition in _CHECKIN_FILTERS.items()})


def is_enrolled(s: Supervisee) -> bool:
    """Whether the person was given the phone app."""
    return AppEnrolment.objects.filter(supervisee=s).exists()


def contact_facts(ids: list[int], today: date) -> dict[int, tuple[date | None, list[date]]]:
    """For each of the people: the day of their last check-in (None if never) and the days of follow-ups up to today
    that did not reach them (for lost contact, LOST_CONTACT_START). Two queries, however many people."""
    last = dict(
        counted_checkins()
        .filter(supervisee_id__in=ids)
        .values("supervisee_id")
        .annotate(last=Max("checked_on"))
        .order_by()
        .values_list("supervisee_id", "last")
    )
    unreached = defaultdict(list)
    for supervisee_id, day in CheckInFollowUp.objects.filter(
        supervisee_id__in=ids, reached=False, followed_up_on__lte=today
    ).values_list("supervisee_id", "followed_up_on"):
        unreached[supervisee_id].append(day)
    return {pk: (last.get(pk), unreached[pk]) for pk in ids}


def first_contacts(since_by_person: dict[int, date]) -> dict[int, tuple[date, str]]:
    """For each person, the first day after their `since` on which supervision recorded contact with them: an app
    check-in ("checkin") or a follow-up that reached them ("follow_up"); the earlier of the two (a check-in on the
    same day wins). People with no contact after `since` are absent. Two queries, however many people."""
    if not since_by_person:
        return {}
    by_day: dict[date, list[int]] = defaultdict(list)
    for pk, since in since_by_person.items():
        by_day[since].append(pk)
    after = Q()
    for since, ids in by_day.items():
        after |= Q(supervisee_id__in=ids, day__gt=since)
    found: dict[int, tuple[date, str]] = {}
    sources = (
        ("follow_up", CheckInFollowUp.objects.filter(reached=True).annotate(day=F("followed_up_on"))),
        ("checkin", counted_checkins().annotate(day=F("checked_on"))),
    )
    for kind, records in sources:
        rows = records.filter(after).values("supervisee_id").annotate(first=Min("day")).order_by()
        for pk, first in rows.values_list("supervisee_id", "first"):
            if pk not in found or first <= found[pk][0]:
                found[pk] = (first, kind)
    return found
