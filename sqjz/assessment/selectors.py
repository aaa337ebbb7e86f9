"""Reads for the quarterly assessment: a term's assessment periods, what is due, and what the stored
consequences mean for the officer. Nothing here writes; the inbox's generator may import this module (it
imports neither the inbox nor the services)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Max, OuterRef, Q, Subquery

from sqjz.assessment.models import CommunityRating, QuarterlyAssessment
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.statute.rules.assessment import CORRECTION_TYPES, POSSIBLE, REQUIRED
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import supervisees_for

DUE_RULE = "ASSESSMENT_DUE"
CONSEQUENCES_RULE = "QUARTERLY_GRADE_CONSEQUENCES"
# The list's second view: periods ending soon, as far ahead as the inbox looks.
SOON_DAYS = 14
LIST_VIEWS = {"due": "已到考核日未考核", "soon": f"{SOON_DAYS}日内到考核日"}


@dataclass(frozen=True)
class Period:
    """One assessment period: from `start` (the term's start or the previous period's assessment day) to
    `end`, its assessment day (考核日). Periods touch: the day a period starts is not counted in it."""

    number: int
    start: date
    end: date


def due_after(ctx: Context, *, term_start: date, after: date | None) -> Decision:
    """ASSESSMENT_DUE for the first period ending after `after` (None: the first period of the term)."""
    return RULES[DUE_RULE](ctx, term_start=term_start, today=(after or term_start) + timedelta(days=1))


def assessment_periods(ctx: Context, *, term_start: date, term_end: date, until: date) -> list[Period]:
    """The periods of a term that end on or before `until`, in order. A period that would end after the term
    is not a quarterly period: the written evaluation before discharge covers the rest of the term."""
    periods: list[Period] = []
    start, last = term_start, min(until, term_end)
    while (end := due_after(ctx, term_start=term_start, after=start if periods else None).outcome) <= last:
        periods.append(Period(len(periods) + 1, start, end))
        start = end
    return periods


def next_period(ctx: Context, *, term_start: date, term_end: date, after: date | None, number: int) -> Period | None:
    """The period after the one ending on `after` (None: the first), if it ends within the term."""
    end = due_after(ctx, term_start=term_start, after=after).outcome
    return Period(number, after or term_start, end) if end <= term_end else None


def period_to_assess(ctx: Context, s: Supervisee, assessments: list[QuarterlyAssessment], today: date) -> Period | None:
    """The period the officer assesses next: the one after the last assessed, once it has ended."""
    last = max((a.period_end for a in assessments), default=None)
    p = next_period(ctx, term_start=s.term_start, term_end=s.term_end, after=last, number=len(assessments) + 1)
    return p if p is not None and p.end <= today else None


# ------------------------------------------------------------------------------------------------ the case page


@dataclass
class PeriodRow:
    period: Period
    assessment: QuarterlyAssessment | None
    days_overdue: int  # days since the assessment day, for an ended period not assessed; 0 otherwise


def period_rows(ctx: Context, s: Supervisee, assessments: list[QuarterlyAssessment], today: date) -> list[PeriodRow]:
    """Every ended period of the term with its assessment, or how long it has waited for one."""
    by_end = {a.period_end: a for a in assessments}
    rows = []
    for p in assessment_periods(ctx, term_start=s.term_start, term_end=s.term_end, until=today):
        a = by_end.get(p.end)
        rows.append(PeriodRow(p, a, 0 if a else (today - p.end).days))
    return rows


def consequence_lines(a: QuarterlyAssessment, s: Supervisee) -> list[dict]:
    """What the stored consequences mean, in the officer's words, each with who decides it."""
    c = a.consequence
    lines = []
    if c.get("commendation") == REQUIRED:
        lines.append(
            {
                "tone": "success",
                "text": "认定为优秀，应当给予表扬",
                "who": "由县级社区矫正机构决定表扬（社区矫正法第二十八条）",
            }
        )
    elif c.get("commendation") == POSSIBLE:
        lines.append(
            {
                "tone": "info",
                "text": "可以给予表扬",
                "who": "是否表扬由县级社区矫正机构决定（社区矫正法第二十八条）",
            }
        )
    if c.get("serious_circumstances_possible"):
        if c.get("proposal"):
            text = f"可以认定为情节严重；认定情节严重的，应当依法提请{c['proposal'].removesuffix('建议')}"
            who = (
                f"由社区矫正机构向社区矫正决定机关（{s.deciding_authority.name}）提出建议，"
                "抄送人民检察院；是否撤销或收监执行由决定机关依法裁定或决定"
            )
        else:
            text = "可以认定为情节严重（管制对象不适用撤销缓刑、假释或收监执行，依法采取其他措施）"
            who = "由县级社区矫正机构依法处理"
        lines.append({"tone": "danger", "text": text, "who": who})
    if not lines:
        lines.append({"tone": "secondary", "text": "本期考核后不产生表扬或情节严重的后果", "who": ""})
    return lines


def consequence_summary(a: QuarterlyAssessment) -> str:
    """A few words for a table cell."""
    c = a.consequence
    words = []
    if c.get("commendation") == REQUIRED:
        words.append("优秀，应当表扬")
    elif c.get("commendation") == POSSIBLE:
        words.append("可以表扬")
    if c.get("serious_circumstances_possible"):
        words.append("可认定情节严重")
    return "；".join(words)


def correction_type_label(value: str) -> str:
    return CORRECTION_TYPES.get(value, value)


# ------------------------------------------------------------------------------------------------- the due list


@dataclass(frozen=True)
class DueRow:
    supervisee_id: int
    period: Period
    days_overdue: int  # negative: days left before the assessment day


def due_list(user, ctx: Context, today: date, *, show: str = "due", q: str = "") -> list[DueRow]:
    """People under correction in the user's jurisdiction whose next period to assess (the one after the last
    assessed, since periods are assessed in order) has ended ("due"), or ends within SOON_DAYS ("soon");
    oldest first. One query, whatever the number of people: the periods come from the statute rule, which
    runs in Python over each person's term start and last assessed period."""
    people = supervisees_for(user).filter(status=Status.UNDER_CORRECTION)
    if q:
        people = people.filter(Q(name__contains=q) | Q(name_initials__startswith=q.lower()))
    people = people.annotate(last_end=Max("assessments__period_end"), done=Count("assessments")).order_by()
    horizon = today if show == "due" else today + timedelta(days=SOON_DAYS)
    rows = []
    for pk, term_start, term_end, last_end, done in people.values_list(
        "id", "term_start", "term_end", "last_end", "done"
    ):
        p = next_period(ctx, term_start=term_start, term_end=term_end, after=last_end, number=done + 1)
        if p is None or p.end > horizon or (show == "soon" and p.end <= today):
            continue
        rows.append(DueRow(pk, p, (today - p.end).days))
    rows.sort(key=lambda r: (r.period.end, r.supervisee_id))
    return rows


def due_people(rows: list[DueRow]) -> list[tuple[Supervisee, DueRow]]:
    """The supervisees of one page of the due list, in its order (one query)."""
    people = Supervisee.objects.select_related("judicial_office").in_bulk([r.supervisee_id for r in rows])
    return [(people[r.supervisee_id], r) for r in rows if r.supervisee_id in people]


# ------------------------------------------------------------------------------------------- for other areas


def grades_since(supervisee_id: int, since: date) -> list[str]:
    """The person's grades of the periods ending after `since`, in period order (e.g. those received on 普管)."""
    return list(
        QuarterlyAssessment.objects.filter(supervisee_id=supervisee_id, period_end__gt=since)
        .order_by("period_end")
        .values_list("grade", flat=True)
    )


def latest_assessments(people: Q) -> dict[int, QuarterlyAssessment]:
    """Each person's latest assessment (with its stored consequences), for the people `people` selects (a condition
    on the assessment, e.g. `Q(supervisee_id__in=ids)`). One query over the (person, period) index, reading only the
    columns the consequences need (the daily refresh asks this for every person under correction)."""
    latest_period = (
        QuarterlyAssessment.objects.filter(supervisee=OuterRef("supervisee"))
        .order_by("-period_end")
        .values("period_end")
    )
    latest = QuarterlyAssessment.objects.filter(people, period_end=Subquery(latest_period[:1])).order_by()
    return {a.supervisee_id: a for a in latest.only(*_CONSEQUENCE_FIELDS)}


_CONSEQUENCE_FIELDS = (
    "id",
    "supervisee_id",
    "period_end",
    "assessed_on",
    "consequence",
    "consequence_rule",
    "consequence_articles",
    "consequence_reasons",
)


# ------------------------------------------------------------------------------------------- community ratings


def rating_period(ctx: Context, s: Supervisee, assessments: list[QuarterlyAssessment], today: date) -> Period | None:
    """The period evaluators rate now: the one the office assesses next once it has ended, else the one running."""
    period = period_to_assess(ctx, s, assessments, today)
    if period is not None:
        return period
    last = max((a.period_end for a in assessments), default=None)
    return next_period(ctx, term_start=s.term_start, term_end=s.term_end, after=last, number=len(assessments) + 1)


@dataclass(frozen=True)
class RatingRow:
    person: Supervisee
    period: Period | None
    rating: CommunityRating | None  # the evaluator's own for the period


def village_ratings(ctx: Context, user, today: date) -> list[RatingRow]:
    """The people under correction of the evaluator's village (their jurisdiction), each with the period to rate and
    the evaluator's rating of it. Three queries."""
    people = list(
        supervisees_for(user)
        .filter(status=Status.UNDER_CORRECTION)
        .prefetch_related("assessments")
        .order_by("name", "id")
    )
    mine = {
        (r.supervisee_id, r.period_end): r
        for r in CommunityRating.objects.filter(evaluator=user, supervisee__in=[p.pk for p in people])
    }
    rows = []
    for p in people:
        period = rating_period(ctx, p, list(p.assessments.all()), today)
        rows.append(RatingRow(p, period, mine.get((p.pk, period.end)) if period else None))
    return rows


def period_ratings(s: Supervisee, period_end: date) -> list[CommunityRating]:
    return list(
        CommunityRating.objects.filter(supervisee=s, period_end=period_end).select_related("evaluator").order_by("id")
    )


def assessment_counts(ctx: Context, office_ids: list[int], start: date, end: date, today: date) -> dict:
    """For the appraisal (GOV-1): per judicial office, (assessments due, assessed on time) for the periods whose
    assessment day (ASSESSMENT_DUE) falls within [start, end]. On time: assessed on or before the assessment day.
    Due: every recorded assessment of such a period, and every such period of a person under correction now that
    ended before today without an assessment (people who have left correction count with their recorded assessments
    only). Two queries, however many offices; the periods are computed per person."""
    due: dict[int, int] = {}
    on_time: dict[int, int] = {}
    assessed: set[tuple[int, date]] = set()
    done = QuarterlyAssessment.objects.filter(
        supervisee__judicial_office_id__in=office_ids, period_end__gte=start, period_end__lte=end
    ).values_list("supervisee_id", "supervisee__judicial_office_id", "period_end", "assessed_on")
    for person, office, period_end, assessed_on in done:
        assessed.add((person, period_end))
        due[office] = due.get(office, 0) + 1
        on_time[office] = on_time.get(office, 0) + (assessed_on <= period_end)
    last = min(end, today - timedelta(days=1))
    people = Supervisee.objects.filter(
        judicial_office_id__in=office_ids, status=Status.UNDER_CORRECTION, term_start__lt=last, term_end__gte=start
    ).values_list("id", "judicial_office_id", "term_start", "term_end")
    for person, office, term_start, term_end in people:
        day = due_after(ctx, term_start=term_start, after=start - timedelta(days=1))
        while (period_end := day.outcome) <= min(last, term_end):
            if (person, period_end) not in assessed:
                due[office] = due.get(office, 0) + 1
            day = due_after(ctx, term_start=term_start, after=period_end)
    return {office: (n, on_time.get(office, 0)) for office, n in due.items()}
