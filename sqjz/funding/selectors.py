"""Reads of funding: the agencies whose ledgers a user keeps, the person-days under correction of each county in a
period (for the subsidy rule FUNDING_SUBSIDY), the ledger's sums by county, source and use, and one agency's entries.

What counts as a day under correction (shown on the page, DAY_RULE): every day from the day the person reported in
(报到; the first day of the term if no report-in day is recorded, and never before it) to the day the correction
ended: the day of discharge (解除矫正, counted), the day before termination (终止矫正: death, revocation, committal),
for a person still under correction today (a term over but not yet discharged included), for a record closed
without a discharge or termination on file the last day of the term, and for a record transferred out of the city the
day the transfer was recorded. Both ends are counted; the days are clipped to the period and to today. People still
waiting to report in count no day. Minors count like everyone (they are counted, never named). A person is counted in
the county whose record they are in now (a transfer between counties moves the whole record)."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.funding.models import Direction, LedgerEntry, Source, Use
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices

SUBSIDY_RULE = "FUNDING_SUBSIDY"
CHUNK = 5000
DAY_RULE = (
    "在矫天数：自报到之日（未登记报到日期的，自矫正起始日）起，至解除矫正之日（计入）、终止矫正的前一日、"
    "迁出本市登记之日止；尚未解除的计至今日（期满待解除的也计入）；未登记解除、终止的已结案档案计至矫正终止日。"
    "首尾两日均计入，只计统计期间内、今日以前的天数。待报到的不计。未成年人照常计数（只计数，不列姓名）。"
    "执行地在本市内变更的，按档案现所属县（市、区）计算。"
)


@dataclass
class PersonDays:
    person_days: int = 0
    people: int = 0  # people with at least one day in the period
    minors: int = 0  # of them, minors

    def add(self, days: int, minor: bool) -> None:
        self.person_days += days
        self.people += 1
        self.minors += int(minor)


@dataclass
class LedgerSums:
    """An agency's ledger over a period: net income by source, net spending by use (reversals netted)."""

    income: dict[str, Decimal] = field(default_factory=dict)
    spending: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total_income(self) -> Decimal:
        return sum(self.income.values(), Decimal("0"))

    @property
    def total_spending(self) -> Decimal:
        return sum(self.spending.values(), Decimal("0"))


# ------------------------------------------------------------------------------------------------- who keeps what


def may_keep(user) -> bool:
    return has_capability(user, Capability.FUNDING_MANAGE) and user.unit is not None


def agencies_for(user) -> QuerySet[Unit]:
    """The agencies whose ledger `user` keeps (FUNDING_MANAGE): a county agency's staff their own agency; the city
    agency's staff every county agency of the city and the city agency itself."""
    if not may_keep(user):
        return Unit.objects.none()
    unit = user.unit
    if unit.kind == Unit.Kind.COUNTY_AGENCY:
        return Unit.objects.filter(pk=unit.pk)
    if unit.kind == Unit.Kind.CITY_AGENCY:
        counties = area_offices(user, kind=Unit.Kind.COUNTY_AGENCY)
        ids = counties.values("id") if counties is not None else Unit.objects.none().values("id")
        return Unit.objects.filter(Q(pk=unit.pk) | Q(pk__in=ids))
    return Unit.objects.none()


def county_agencies(user) -> list[Unit]:
    """The county agencies of the user's area, by county code (one a county)."""
    return list(
        agencies_for(user).filter(kind=Unit.Kind.COUNTY_AGENCY).select_related("county").order_by("county__code", "id")
    )


def city_agency(user) -> Unit | None:
    return agencies_for(user).filter(kind=Unit.Kind.CITY_AGENCY).first()


def get_agency_for_user(user, pk: int) -> Unit:
    agency = agencies_for(user).select_related("county").filter(pk=pk).first()
    if agency is None:
        raise Http404
    return agency


# ---------------------------------------------------------------------------------------------------- person-days


def _last_day(status, term_end, discharged_on, terminated_on, updated_at, today: date) -> date:
    if discharged_on is not None:
        return discharged_on
    if terminated_on is not None:
        return terminated_on - timedelta(days=1)
    if status == Status.UNDER_CORRECTION:
        return today
    if status == Status.TRANSFERRED_OUT and updated_at is not None:
        return min(term_end, timezone.localdate(updated_at))
    return term_end


def person_days(county_ids, start: date, end: date, *, today: date | None = None) -> dict[int, PersonDays]:
    """The person-days under correction (DAY_RULE) of each county of `county_ids` from `start` to `end` (clipped to
    `today`): one query, read in chunks as plain tuples, so that a city of 700,000 records is never held in memory."""
    today = today or timezone.localdate()
    last = min(end, today)
    result = {county_id: PersonDays() for county_id in county_ids}
    if last < start or not result:
        return result
    rows = (
        Supervisee.objects.filter(county_id__in=list(result), term_start__lte=last)
        .exclude(status=Status.PENDING_REPORT)
        .filter(
            Q(status=Status.UNDER_CORRECTION)
            | Q(term_end__gte=start)
            | Q(discharge__discharged_on__gte=start)
            | Q(termination__terminated_on__gte=start)
        )
        .order_by()
        .values_list(
            "county_id",
            "is_minor",
            "status",
            "term_start",
            "term_end",
            "handover__reported_on",
            "discharge__discharged_on",
            "termination__terminated_on",
            "updated_at",
        )
    )
    for (
        county_id,
        minor,
        status,
        term_start,
        term_end,
        reported_on,
        discharged_on,
        terminated_on,
        updated,
    ) in rows.iterator(chunk_size=CHUNK):
        first = max(term_start, reported_on) if reported_on else term_start
        final = _last_day(status, term_end, discharged_on, terminated_on, updated, today)
        days = (min(final, last) - max(first, start)).days + 1
        if days > 0:
            result[county_id].add(days, minor)
    return result


# ---------------------------------------------------------------------------------------------------------- ledger


def ledger_sums(agency_ids, start: date, end: date) -> dict[int, LedgerSums]:
    """Each agency's net income by source and net spending by use from `start` to `end`. One query."""
    result = {agency_id: LedgerSums() for agency_id in agency_ids}
    rows = (
        LedgerEntry.objects.filter(agency_id__in=list(result), day__gte=start, day__lte=end)
        .values("agency_id", "direction", "source", "use")
        .order_by()
        .annotate(total=Sum("signed_amount"))
    )
    for r in rows:
        sums = result[r["agency_id"]]
        if r["direction"] == Direction.INCOME:
            sums.income[r["source"]] = sums.income.get(r["source"], Decimal("0")) + r["total"]
        else:
            use = r["use"] or Use.OTHER
            sums.spending[use] = sums.spending.get(use, Decimal("0")) - r["total"]
    return result


def balances(agency: Unit, *, until: date | None = None) -> dict[str, list[tuple[str, Decimal]]]:
    """The agency's balance by source (income less spending paid from it, all entries up to `until`) and its
    spending by use, each with its label; what the ledger page shows beside the entries."""
    entries = LedgerEntry.objects.filter(agency=agency)
    if until is not None:
        entries = entries.filter(day__lte=until)
    sums = entries.values("source").order_by().annotate(total=Sum("signed_amount"))
    by_source = {r["source"]: r["total"] for r in sums}
    spent = entries.filter(direction=Direction.EXPENSE).values("use").order_by().annotate(total=Sum("signed_amount"))
    by_use = {r["use"] or Use.OTHER: -r["total"] for r in spent}
    return {
        "source": [(label, by_source.get(code, Decimal("0"))) for code, label in Source.choices],
        "use": [(label, by_use.get(code, Decimal("0"))) for code, label in Use.choices],
    }


def entry_list(
    agency: Unit,
    *,
    start: date | None = None,
    end: date | None = None,
    direction: str = "",
    source: str = "",
    use: str = "",
    q: str = "",
) -> QuerySet[LedgerEntry]:
    entries = LedgerEntry.objects.filter(agency=agency)
    if start:
        entries = entries.filter(day__gte=start)
    if end:
        entries = entries.filter(day__lte=end)
    if direction:
        entries = entries.filter(direction=direction)
    if source:
        entries = entries.filter(source=source)
    if use:
        entries = entries.filter(use=use)
    if q:
        entries = entries.filter(Q(voucher__icontains=q) | Q(description__icontains=q))
    return entries.select_related("recorded_by", "reverses", "reversed_by").order_by("-day", "-id")


def get_entry_for_user(user, pk: int) -> LedgerEntry:
    entry = LedgerEntry.objects.filter(pk=pk, agency__in=agencies_for(user).values("id")).first()
    if entry is None:
        raise Http404
    return entry


def counties_of(agencies: list[Unit]) -> list[Division]:
    return [a.county for a in agencies if a.county_id]
