"""Reads of the appraisal: the period chosen, the units a user ranks, each indicator per judicial office (one grouped
query each, whatever the number of offices), scores and ranking, the office-quality view (deadlines missed per
officer, outliers), and the recidivism rates per county and city."""

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, QuerySet

from sqjz.accounts.models import Role
from sqjz.appraisal.indicators import (
    ASSESSMENTS,
    BY_CODE,
    DEADLINES,
    INDICATORS,
    LOST_CONTACT,
    RECIDIVISM,
    SCREENING,
)
from sqjz.appraisal.models import FollowUpPeriod, IndicatorWeight, ProvincialFigure, ReOffence
from sqjz.assessment.selectors import assessment_counts
from sqjz.discharge.selectors import discharges_between
from sqjz.inbox.models import InboxItem
from sqjz.lostcontact.selectors import lost_contact_people
from sqjz.organisation.models import Division, Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.safety.selectors import screening_counts
from sqjz.statute.calendar import add_months
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import jurisdiction_q

OUTLIER_SD = 1.5  # an office or officer is an outlier beyond the county's mean ± 1.5 standard deviations
DEFAULT_FOLLOW_UP = (1, 2, 3)

# ------------------------------------------------------------------------------------------------------ periods


@dataclass(frozen=True)
class Period:
    key: str  # "2026Q4" or "2026"
    label: str
    start: date
    end: date


def quarter_of(day: date) -> Period:
    q = (day.month - 1) // 3 + 1
    start = date(day.year, 3 * q - 2, 1)
    return Period(
        f"{day.year}Q{q}", f"{day.year}年第{'一二三四'[q - 1]}季度", start, add_months(start, 3) - timedelta(1)
    )


def year_period(year: int) -> Period:
    return Period(str(year), f"{year}年", date(year, 1, 1), date(year, 12, 31))


def period_choices(today: date) -> list[Period]:
    """The last eight quarters and the last three years, the current first."""
    quarters, day = [], today
    for _ in range(8):
        p = quarter_of(day)
        quarters.append(p)
        day = p.start - timedelta(days=1)
    return quarters + [year_period(today.year - i) for i in range(3)]


def parse_period(value: str, today: date) -> Period:
    """The period named by `value` among the choices; the current quarter otherwise."""
    return next((p for p in period_choices(today) if p.key == value), quarter_of(today))


# ------------------------------------------------------------------------------------------------------ scope


@dataclass(frozen=True)
class Scope:
    """What a user ranks: the city's counties (county None, city user) or one county's offices."""

    counties: list[Division]
    county: Division | None

    @property
    def county_ids(self) -> list[int]:
        return [self.county.pk] if self.county else [c.pk for c in self.counties]


def scope_for(user, county_id: str = "") -> Scope | None:
    """County officers and heads: their county (among the city's). The city officer: the city's counties, or one of
    them when chosen. None for anyone else."""
    unit = user.unit
    if unit is None:
        return None
    if user.role in (Role.COUNTY_OFFICER, Role.COUNTY_HEAD) and unit.county_id:
        county = Division.objects.get(pk=unit.county_id)
        counties = Division.objects.filter(parent_id=county.parent_id, level=Division.Level.COUNTY).order_by("code")
        return Scope(list(counties), county)
    if user.role == Role.CITY_OFFICER:
        counties = list(
            Division.objects.filter(parent_id=unit.division_id, level=Division.Level.COUNTY).order_by("code")
        )
        chosen = next((c for c in counties if str(c.pk) == county_id), None)
        return Scope(counties, chosen)
    return None


def offices_in(county_ids: list[int]) -> list[Unit]:
    return list(
        Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county_id__in=county_ids).order_by("county_id", "name")
    )


# ------------------------------------------------------------------------------------------------------ indicators


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (Decimal(100) * self.numerator / self.denominator).quantize(Decimal("0.1"))


def _window_end(period: Period, today: date) -> date:
    return min(period.end, today)


def inbox_window_q(start: date, end: date) -> tuple[Q, Q, Q]:
    """(counted, on time, missed) for the inbox items of [start, end]: closed within it, or open and overdue at its
    end (also those closed after it)."""
    closed_in = Q(state=InboxItem.State.CLOSED, closed_at__date__gte=start, closed_at__date__lte=end)
    overdue_open = Q(opened_at__date__lte=end, due__lt=end) & (
        Q(state=InboxItem.State.OPEN) | Q(closed_at__date__gt=end)
    )
    on_time = closed_in & Q(closed_at__date__lte=F("due"))
    missed = (closed_in & Q(closed_at__date__gt=F("due"))) | overdue_open
    return closed_in | overdue_open, on_time, missed


def deadline_counts(office_ids: list[int], start: date, end: date) -> dict[int, tuple[int, int]]:
    counted, on_time, _ = inbox_window_q(start, end)
    rows = (
        InboxItem.objects.filter(office_id__in=office_ids)
        .order_by()
        .values("office_id")
        .annotate(den=Count("id", filter=counted), num=Count("id", filter=on_time))
    )
    return {r["office_id"]: (r["den"], r["num"]) for r in rows}


def in_correction_q(start: date, end: date, prefix: str = "") -> Q:
    """People whose correction overlapped [start, end] by its dates (reported in: not pending)."""
    p = prefix
    return Q(**{f"{p}term_start__lte": end, f"{p}term_end__gte": start}) & ~Q(**{f"{p}status": Status.PENDING_REPORT})


def population(group: str, ids: list[int], start: date, end: date) -> dict[int, int]:
    """People in correction during [start, end] per judicial office (`group` "judicial_office_id") or county."""
    rows = (
        Supervisee.objects.filter(in_correction_q(start, end), **{f"{group}__in": ids})
        .order_by()
        .values(group)
        .annotate(n=Count("id"))
    )
    return {r[group]: r["n"] for r in rows}


def reoffenders(group: str, ids: list[int], start: date, end: date) -> dict[int, int]:
    """People with a re-offence during correction dated within [start, end], per office or county."""
    rows = (
        ReOffence.objects.filter(
            during_correction=True,
            offence_date__gte=start,
            offence_date__lte=end,
            **{f"supervisee__{group}__in": ids},
        )
        .order_by()
        .values(f"supervisee__{group}")
        .annotate(n=Count("supervisee_id", distinct=True))
    )
    return {r[f"supervisee__{group}"]: r["n"] for r in rows}


def office_rates(office_ids: list[int], period: Period, today: date) -> dict[str, dict[int, Rate]]:
    """Each indicator's numerator and denominator per office of `office_ids`."""
    start, end = period.start, _window_end(period, today)
    people = population("judicial_office_id", office_ids, start, end)
    raw: dict[str, dict[int, tuple[int, int]]] = {
        DEADLINES: deadline_counts(office_ids, start, end),
        SCREENING: screening_counts(office_ids, start, end),
        ASSESSMENTS: assessment_counts(statute_context(), office_ids, start, end, today),
        LOST_CONTACT: {o: (people.get(o, 0), n) for o, n in lost_contact_people(office_ids, start, end).items()},
        RECIDIVISM: {
            o: (people.get(o, 0), n) for o, n in reoffenders("judicial_office_id", office_ids, start, end).items()
        },
    }
    for code in (LOST_CONTACT, RECIDIVISM):
        for o, n in people.items():
            raw[code].setdefault(o, (n, 0))
    return {code: {o: Rate(num, den) for o, (den, num) in rows.items()} for code, rows in raw.items()}


@dataclass(frozen=True)
class Weight:
    code: str
    label: str
    weight: Decimal
    higher_is_better: bool


def weights() -> list[Weight]:
    stored = {w.code: w for w in IndicatorWeight.objects.all()}
    result = []
    for i in INDICATORS:
        w = stored.get(i.code)
        result.append(
            Weight(
                i.code,
                i.label,
                w.weight if w else i.default_weight,
                w.higher_is_better if w else i.higher_is_better,
            )
        )
    return result


def score(rates: dict[str, Rate], ws: list[Weight]) -> Decimal | None:
    """The weighted mean of the indicator scores (a rate where higher is better, 100 minus it otherwise), over the
    indicators that have a denominator; None when none has."""
    total = weight_sum = Decimal(0)
    for w in ws:
        percent = rates[w.code].percent if w.code in rates else None
        if percent is None or not w.weight:
            continue
        total += w.weight * (percent if w.higher_is_better else 100 - percent)
        weight_sum += w.weight
    return (total / weight_sum).quantize(Decimal("0.1")) if weight_sum else None


@dataclass
class Row:
    pk: int
    name: str
    rates: dict[str, Rate]
    score: Decimal | None = None
    rank: int | None = None
    cells: list[Rate] = field(default_factory=list)  # the rates in the order of the weights, for the page


def _pooled(rates: dict[str, dict[int, Rate]], members: list[int]) -> dict[str, Rate]:
    pooled = {}
    for code, by_office in rates.items():
        num = sum(by_office[o].numerator for o in members if o in by_office)
        den = sum(by_office[o].denominator for o in members if o in by_office)
        pooled[code] = Rate(num, den)
    return pooled


def rank(rows: list[Row], ws: list[Weight]) -> list[Row]:
    """Rows with their scores, best first (ties share a rank; rows without a score last, unranked)."""
    for r in rows:
        r.score = score(r.rates, ws)
    rows.sort(key=lambda r: (r.score is None, -(r.score or 0), r.name))
    previous = None
    for i, r in enumerate(rows):
        if r.score is None:
            break
        r.rank = previous.rank if previous and previous.score == r.score else i + 1
        previous = r
    return rows


@dataclass
class Appraisal:
    rows: list[Row]  # counties (city view) or offices (county view), ranked
    total: Row  # the whole scope
    weights: list[Weight]


def appraisal(scope: Scope, period: Period, today: date) -> Appraisal:
    offices = offices_in(scope.county_ids)
    rates = office_rates([o.pk for o in offices], period, today)
    ws = weights()
    if scope.county:
        rows = [Row(o.pk, o.name, {c: by.get(o.pk, Rate(0, 0)) for c, by in rates.items()}) for o in offices]
    else:
        rows = [
            Row(c.pk, c.name, _pooled(rates, [o.pk for o in offices if o.county_id == c.pk])) for c in scope.counties
        ]
    total = Row(0, scope.county.name if scope.county else "全市", _pooled(rates, [o.pk for o in offices]))
    total.score = score(total.rates, ws)
    for r in [*rows, total]:
        r.cells = [r.rates.get(w.code, Rate(0, 0)) for w in ws]
    return Appraisal(rank(rows, ws), total, ws)


# ------------------------------------------------------------------------------------------------------ quality


@dataclass
class OfficerRow:
    user_id: int | None
    name: str
    office_id: int
    office: str
    counted: int
    missed: int
    outlier: bool = False

    @property
    def miss_percent(self) -> Decimal | None:
        return Rate(self.missed, self.counted).percent


@dataclass
class OfficeRow:
    pk: int
    name: str
    rate: Rate
    outlier: bool = False


def _flag(values: list[tuple[object, float]], *, high_is_bad: bool) -> set:
    """The keys whose value lies beyond the mean ± OUTLIER_SD standard deviations, on the bad side."""
    if len(values) < 3:
        return set()
    xs = [v for _, v in values]
    mean, sd = statistics.fmean(xs), statistics.pstdev(xs)
    if not sd:
        return set()
    return {k for k, v in values if (v - mean > OUTLIER_SD * sd if high_is_bad else mean - v > OUTLIER_SD * sd)}


@dataclass
class Quality:
    offices: list[OfficeRow]
    officers: list[OfficerRow]
    mean: Decimal | None  # the county's rate of deadlines met


def quality(county: Division, period: Period, today: date) -> Quality:
    """Deadlines met per office, and missed per officer (items with no named officer grouped per office), with the
    outliers flagged. Two grouped queries and the offices."""
    start, end = period.start, _window_end(period, today)
    offices = offices_in([county.pk])
    ids = [o.pk for o in offices]
    counts = deadline_counts(ids, start, end)
    office_rows = [
        OfficeRow(o.pk, o.name, Rate(counts.get(o.pk, (0, 0))[1], counts.get(o.pk, (0, 0))[0])) for o in offices
    ]
    flagged = _flag([(r.pk, float(r.rate.percent)) for r in office_rows if r.rate.denominator], high_is_bad=False)
    for r in office_rows:
        r.outlier = r.pk in flagged
    counted, _, missed = inbox_window_q(start, end)
    rows = (
        InboxItem.objects.filter(counted, office_id__in=ids)
        .order_by()
        .values("actor_user_id", "actor_user__full_name", "office_id", "office__name")
        .annotate(counted=Count("id"), missed=Count("id", filter=missed))
    )
    officers = [
        OfficerRow(
            r["actor_user_id"],
            r["actor_user__full_name"] or "（未指定承办人，由单位办理）",
            r["office_id"],
            r["office__name"],
            r["counted"],
            r["missed"],
        )
        for r in rows
    ]
    named = [(i, float(o.miss_percent)) for i, o in enumerate(officers) if o.user_id and o.counted]
    flagged = _flag(named, high_is_bad=True)
    for i, o in enumerate(officers):
        o.outlier = i in flagged
    officers.sort(key=lambda o: (-o.missed, o.office, o.name))
    total = Rate(sum(r.rate.numerator for r in office_rows), sum(r.rate.denominator for r in office_rows))
    return Quality(office_rows, officers, total.percent)


def missed_items(
    user, county: Division, period: Period, today: date, *, office_id: int | None, officer_id: int | None, unnamed: bool
) -> QuerySet[InboxItem]:
    """The items behind a number of the quality view: missed deadlines of the county's offices (or one office, one
    officer, or the items without a named officer), each marked `visible` when the user may see its person."""
    _, _, missed = inbox_window_q(period.start, _window_end(period, today))
    items = InboxItem.objects.filter(missed, office__county_id=county.pk, office__kind=Unit.Kind.JUDICIAL_OFFICE)
    if office_id:
        items = items.filter(office_id=office_id)
    if officer_id:
        items = items.filter(actor_user_id=officer_id)
    elif unnamed:
        items = items.filter(actor_user__isnull=True)
    seen = Supervisee.objects.filter(jurisdiction_q(user)).values("id")
    return (
        items.select_related("office", "actor_user", "actor_unit", "supervisee")
        .annotate(
            visible=ExpressionWrapper(
                Q(supervisee__isnull=True) | Q(supervisee_id__in=seen), output_field=BooleanField()
            )
        )
        .order_by("due", "id")
    )


# ------------------------------------------------------------------------------------------------------ recidivism


def follow_up_years() -> list[int]:
    return list(FollowUpPeriod.objects.values_list("years", flat=True)) or list(DEFAULT_FOLLOW_UP)


@dataclass
class AfterDischarge:
    years: int
    cohort_year: int
    rate: Rate
    complete: bool  # the whole follow-up period of the cohort has passed


@dataclass
class RecidivismRow:
    pk: int
    name: str
    during: Rate
    after: list[AfterDischarge] = field(default_factory=list)


@dataclass
class Recidivism:
    year: int
    rows: list[RecidivismRow]
    city: RecidivismRow
    figure: ProvincialFigure | None
    follow_up: list[int]

    @property
    def below(self) -> bool | None:
        """Whether the city's rate during correction is below the provincial figure (None without both)."""
        if self.figure is None or self.city.during.percent is None:
            return None
        return self.city.during.percent < self.figure.rate


def recidivism(scope: Scope, year: int, today: date) -> Recidivism:
    """During correction: people with a re-offence dated in `year` while under correction / people in correction at
    any time of `year`. After discharge within N years: of the people discharged in year − N, those with a re-offence
    within N years of their discharge day / all of them. Per county of the scope, and the whole city (counts only)."""
    counties = scope.counties
    ids = [c.pk for c in counties]
    start, end = date(year, 1, 1), min(date(year, 12, 31), today)
    people = population("county_id", ids, start, end)
    offenders = reoffenders("county_id", ids, start, end)
    years = follow_up_years()
    cohorts = {n: discharges_between(date(year - n, 1, 1), date(year - n, 12, 31), ids) for n in years}
    cohort_ids = {pk for rows in cohorts.values() for pk, _, _ in rows}
    offences: dict[int, list[date]] = {}
    for pk, day in ReOffence.objects.filter(supervisee_id__in=cohort_ids, during_correction=False).values_list(
        "supervisee_id", "offence_date"
    ):
        offences.setdefault(pk, []).append(day)

    def after(n: int, members: set[int] | None) -> AfterDischarge:
        rows = [r for r in cohorts[n] if members is None or r[1] in members]
        hits = sum(
            any(discharged < d <= add_months(discharged, 12 * n) for d in offences.get(pk, ()))
            for pk, _, discharged in rows
        )
        complete = add_months(date(year - n, 12, 31), 12 * n) <= today
        return AfterDischarge(n, year - n, Rate(hits, len(rows)), complete)

    rows = [
        RecidivismRow(
            c.pk, c.name, Rate(offenders.get(c.pk, 0), people.get(c.pk, 0)), [after(n, {c.pk}) for n in years]
        )
        for c in counties
    ]
    city = RecidivismRow(
        0, "全市", Rate(sum(offenders.values()), sum(people.values())), [after(n, None) for n in years]
    )
    if scope.county:
        rows = [r for r in rows if r.pk == scope.county.pk]
    figure = ProvincialFigure.objects.filter(year=year).first()
    return Recidivism(year, rows, city, figure, years)


def reoffences_in(user, scope: Scope, year: int) -> QuerySet[ReOffence]:
    """The re-offences dated in `year` of the scope's people whom the user may see (minors only where sealed records
    open to the user)."""
    return (
        ReOffence.objects.filter(
            jurisdiction_q(user, prefix="supervisee__"),
            offence_date__year=year,
            supervisee__county_id__in=scope.county_ids,
        )
        .select_related("supervisee__judicial_office", "recorded_by")
        .order_by("-offence_date", "-id")
    )


def reoffences_of(supervisee: Supervisee) -> list[ReOffence]:
    return list(ReOffence.objects.filter(supervisee=supervisee).select_related("recorded_by"))


def indicator(code: str):
    return BY_CODE[code]
