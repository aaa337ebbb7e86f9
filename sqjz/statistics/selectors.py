"""The standard statistics of a user's area for a period: every registered line (statistics.registry) counted once
over all the area's judicial offices, then summed per sub-unit (the city's counties, a county's offices, an office
itself) and in total. The appraisal reads the same lines through `counts`."""

from dataclasses import dataclass, field
from datetime import date

from sqjz.accounts.models import Role
from sqjz.statistics.registry import SECTIONS, Statistic, statistics
from sqjz.supervisees.permissions import area_offices

COUNTY, OFFICE = "county", "office"
LEVELS = {COUNTY: "按县（市、区）", OFFICE: "按司法所"}


def counts(names: list[str] | None, offices: list[int], start: date, end: date) -> dict[str, dict[int, int]]:
    """{line name: {office id: number}} for the given judicial offices and period (both ends included); each line
    counted in one grouped query over all the offices (an office it leaves out counts zero). `names` None: every
    registered line."""
    if not offices:
        return {s.name: {} for s in statistics(names)}
    return {s.name: s.compute(list(offices), start, end) for s in statistics(names)}


@dataclass
class Column:
    """One sub-unit of the area: a county (its offices) or an office."""

    key: int
    code: str
    name: str
    offices: list[int] = field(default_factory=list)


@dataclass
class Line:
    statistic: Statistic
    values: list[int]  # one per column
    total: int


@dataclass
class Table:
    area: str  # the area's name: 玉溪市, 红塔区, 玉兴街道司法所
    unit: str  # the filing unit: the user's own unit
    level: str
    columns: list[Column]
    sections: list[tuple[str, list[Line]]]

    @property
    def lines(self) -> list[Line]:
        return [line for _, lines in self.sections for line in lines]

    def line(self, name: str) -> Line:
        return next(line for line in self.lines if line.statistic.name == name)


def levels_for(user) -> dict[str, str]:
    """The levels of detail the user may choose: a city by county or by office, a county by office, an office only
    itself."""
    if user.role == Role.CITY_OFFICER:
        return dict(LEVELS)
    return {OFFICE: LEVELS[OFFICE]}


def default_level(user) -> str:
    return COUNTY if user.role == Role.CITY_OFFICER else OFFICE


def area_name(user) -> str:
    unit = user.unit
    if user.role == Role.OFFICE_OFFICER:
        return unit.name
    return unit.division.name


def columns(user, level: str) -> list[Column]:
    """The sub-units of the user's area at `level`, by code (an office by its township's code, a county by its own).
    One query."""
    offices = area_offices(user)
    if offices is None:
        return []
    rows = offices.select_related("division", "county").order_by("division__code", "name", "id")
    if level != COUNTY:
        return [Column(o.id, o.division.code, o.name, [o.id]) for o in rows]
    counties: dict[int, Column] = {}
    for o in rows:
        if o.county_id is None:
            continue
        column = counties.setdefault(o.county_id, Column(o.county_id, o.county.code, o.county.name))
        column.offices.append(o.id)
    return sorted(counties.values(), key=lambda c: (c.code, c.name))


def statistics_table(user, start: date, end: date, level: str | None = None) -> Table:
    """Every line for the user's area and the period: per column and in total. One query for the columns and one
    per line, however many offices."""
    level = level if level in levels_for(user) else default_level(user)
    cols = columns(user, level)
    office_ids = [o for c in cols for o in c.offices]
    numbers = counts(None, office_ids, start, end)
    sections: dict[str, list[Line]] = {s: [] for s in SECTIONS}
    for s in statistics():
        per_office = numbers[s.name]
        values = [sum(per_office.get(o, 0) for o in c.offices) for c in cols]
        sections[s.section].append(Line(s, values, sum(values)))
    return Table(
        area=area_name(user),
        unit=user.unit.name,
        level=level,
        columns=cols,
        sections=[(name, lines) for name, lines in sections.items() if lines],
    )


def chart_data(table: Table) -> dict:
    """What the page's charts draw (passed as JSON): the population by correction type per column, and the intakes,
    discharges and terminations per column."""
    names = [c.name for c in table.columns]

    def series(keys: list[str]) -> list[dict]:
        found = [line for line in table.lines if line.statistic.name in keys]
        found.sort(key=lambda line: keys.index(line.statistic.name))
        return [{"name": line.statistic.label.removeprefix("其中："), "data": line.values} for line in found]

    population = ["population_control", "population_probation", "population_parole", "population_temporary_release"]
    return {
        "units": names,
        "population": series(population),
        "flows": series(["intake", "discharged", "terminated"]),
    }
