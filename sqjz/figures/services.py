"""Computing and storing the registered figures per office (decision 0025)."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.figures.models import OfficeFigure
from sqjz.figures.registry import Figure, figures
from sqjz.organisation.models import Division, Unit

# The daily job computes the figures of this many offices at a time, outside any transaction ...
OFFICES_PER_BATCH = 1000
# ... and stores them this many offices (then counties) per transaction (1,000 offices' figures held the lock
# 250–300 ms, bench/RESULTS.md; it is to be held for tens of milliseconds).
OFFICES_PER_WRITE = 100


def figures_refresh(
    *, offices: Iterable[int] | None = None, names: list[str] | None = None, today: date | None = None
) -> int:
    """Compute and store the chosen figures (every registered one) for `offices` (every judicial office), their
    county agencies' sums and their city agencies' sums of those; returns the rows stored. With `offices` (after a
    write: the offices it touched) it runs in the caller's transaction, so that the figures commit with what changed
    them. Without (the daily job, when a day's passing changes figures that no write touched, such as overdue to-dos),
    batch by batch, each computed first and then written in short transactions of OFFICES_PER_WRITE offices, then the
    counties' sums likewise, then the cities'."""
    today = today or timezone.localdate()
    chosen = figures(names)
    if not chosen:
        return 0
    if offices is not None:
        ids = sorted(set(offices) - {None})
        if not ids:
            return 0
        with transaction.atomic():
            stored = _store(chosen, ids, _compute(chosen, ids, today), timezone.now())
            counties = list(Unit.objects.filter(pk__in=ids).values_list("county_id", flat=True).distinct())
            stored += _store_rows(_county_rows(chosen, counties, timezone.now()))
            # The cities' rows sum their counties' after the write commits, in the task worker (seconds later): summed
            # in the write's transaction they would hold every city's row lock until its commit, and serialise the
            # writes of a whole city (decision 0048).
            cities = sorted(set(Division.objects.filter(pk__in=counties).values_list("parent_id", flat=True)) - {None})
            transaction.on_commit(lambda: _cities_later(cities, [f.name for f in chosen]))
            return stored
    every = list(Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE).order_by("pk").values_list("pk", flat=True))
    stored = 0
    for i in range(0, len(every), OFFICES_PER_BATCH):
        batch = every[i : i + OFFICES_PER_BATCH]
        computed = _compute(chosen, batch, today)
        for j in range(0, len(batch), OFFICES_PER_WRITE):
            with transaction.atomic():
                stored += _store(chosen, batch[j : j + OFFICES_PER_WRITE], computed, timezone.now())
    counties = list(
        Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY).order_by("county_id").values_list("county_id", flat=True)
    )
    for i in range(0, len(counties), OFFICES_PER_WRITE):
        rows = _county_rows(chosen, counties[i : i + OFFICES_PER_WRITE], timezone.now())  # read with no lock held
        with transaction.atomic():
            stored += _store_rows(rows)
    cities = list(Unit.objects.filter(kind=Unit.Kind.CITY_AGENCY).values_list("division_id", flat=True))
    rows = _city_rows(chosen, cities, timezone.now())
    with transaction.atomic():
        stored += _store_rows(rows)
    return stored


def _compute(chosen: list[Figure], offices: list[int], today: date) -> dict[str, dict[int, dict[str, int]]]:
    return {figure.name: figure.compute(offices, today) for figure in chosen}


def _store(chosen: list[Figure], offices: list[int], computed: dict[str, dict[int, dict[str, int]]], now) -> int:
    return _store_rows(
        [
            _row(figure, office, dict.fromkeys(figure.keys, 0) | computed[figure.name].get(office, {}), now)
            for figure in chosen
            for office in offices
        ]
    )


def _county_rows(chosen: list[Figure], counties: list[int], now) -> list[OfficeFigure]:
    """The rows of these counties' agencies: the sums of their offices' stored rows, so that a city reads one row
    per county instead of every office's (decision 0025)."""
    agencies = dict(
        Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY, county_id__in=counties).values_list("county_id", "pk")
    )
    if not agencies:
        return []
    stored = OfficeFigure.objects.filter(
        name__in=[f.name for f in chosen], office__kind=Unit.Kind.JUDICIAL_OFFICE, office__county_id__in=list(agencies)
    ).values_list("name", "office__county_id", "values")
    sums = {(f.name, county): dict.fromkeys(f.keys, 0) for f in chosen for county in agencies}
    for name, county, values in stored:
        total = sums[name, county]
        for key, value in values.items():
            total[key] = total.get(key, 0) + value
    return [_row(f, agencies[county], sums[f.name, county], now) for f in chosen for county in agencies]


def _cities_later(cities: list[int], names: list[str]) -> None:
    from sqjz.figures.tasks import figures_cities_task  # the task calls this module

    if cities:
        figures_cities_task.enqueue(cities, names)


def figures_cities_refresh(cities: list[int], names: list[str] | None = None) -> int:
    """Store the chosen figures' rows of these cities' agencies (the task after a write, decision 0048)."""
    rows = _city_rows(figures(names), cities, timezone.now())
    with transaction.atomic():
        return _store_rows(rows)


def _city_rows(chosen: list[Figure], cities: list[int], now) -> list[OfficeFigure]:
    """The rows of these cities' agencies: the sums of their counties' agencies' rows, so that a city's command screen
    reads one row per figure (decision 0048). Its cost follows the number of counties in the city."""
    agencies = dict(
        Unit.objects.filter(kind=Unit.Kind.CITY_AGENCY, division_id__in=cities).values_list("division_id", "pk")
    )
    if not agencies:
        return []
    stored = OfficeFigure.objects.filter(
        name__in=[f.name for f in chosen],
        office__kind=Unit.Kind.COUNTY_AGENCY,
        office__county__parent_id__in=list(agencies),
    ).values_list("name", "office__county__parent_id", "values")
    sums = {(f.name, city): dict.fromkeys(f.keys, 0) for f in chosen for city in agencies}
    for name, city, values in stored:
        total = sums[name, city]
        for key, value in values.items():
            total[key] = total.get(key, 0) + value
    return [_row(f, agencies[city], sums[f.name, city], now) for f in chosen for city in agencies]


def _row(figure: Figure, unit: int, values: dict[str, int], now) -> OfficeFigure:
    return OfficeFigure(name=figure.name, office_id=unit, values=values, rank=figure.rank(values), computed_at=now)


def _store_rows(rows: list[OfficeFigure]) -> int:
    OfficeFigure.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["name", "office"],
        update_fields=["values", "rank", "computed_at"],
    )
    return len(rows)
