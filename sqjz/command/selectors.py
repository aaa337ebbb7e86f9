"""The command centre's screen (智慧矫正中心, decision 0048): every number read from the stored figures of the
area's units (decision 0025), which the writes and the daily job keep current, so that a city's screen reads one
row per county and figure, whatever the number of people behind them.

A screen is the screen of one area: the city (its counties as rows), a county (its offices as rows) or an office.
A city user may drill into a county and an office of it, a county user into an office; nobody out of their own
area. Minors are counted in every number; the lists the numbers lead to name them only at their office."""

from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse

from sqjz.command.figures import APPROVALS_FIGURE
from sqjz.discharge.figures import MONTHS, TREND_FIGURE, month_starts
from sqjz.figures.models import OfficeFigure
from sqjz.figures.registry import get_figure
from sqjz.inbox.figures import TODO_FIGURE
from sqjz.intake.figures import LEVEL_FIGURE, UNDECIDED
from sqjz.lostcontact.figures import LOST_CONTACT_FIGURE
from sqjz.organisation.models import Unit
from sqjz.safety.figures import KEY_PEOPLE_FIGURE
from sqjz.supervisees.figures import POPULATION_FIGURE, POPULATION_FLAGS, REGISTER_FIGURE
from sqjz.supervisees.models import CorrectionType, Status
from sqjz.supervisees.permissions import area_offices
from sqjz.supervisees.selectors import FLAGS, area_level
from sqjz.supervision.checkins.selectors import CHECKIN_FIGURE
from sqjz.supervision.monitoring.selectors import MONITORING_FIGURE

NAMES = (
    REGISTER_FIGURE,
    POPULATION_FIGURE,
    LEVEL_FIGURE,
    CHECKIN_FIGURE,
    TODO_FIGURE,
    APPROVALS_FIGURE,
    MONITORING_FIGURE,
    LOST_CONTACT_FIGURE,
    KEY_PEOPLE_FIGURE,
    TREND_FIGURE,
)
LEVEL_LABELS = {"strict": "严管", "ordinary": "普管", "lenient": "宽管", UNDECIDED: "未定等级"}


@dataclass
class Area:
    """Whose screen: `kind` "city", "county" or "office"; `unit` the agency or office; the units whose rows are the
    screen's rows (the city's county agencies, the county's offices, the office itself)."""

    kind: str
    unit: Unit
    rows: QuerySet[Unit]
    county_division_id: int | None = None  # the county drilled into or of the office (for the lists' filters)
    office_id: int | None = None


@dataclass
class Row:
    unit: Unit
    values: dict[str, dict[str, int]]
    link: str = ""  # the row's own screen (drill-down), "" for an office's single row


@dataclass
class Screen:
    area: Area
    rows: list[Row]
    totals: dict[str, dict[str, int]]
    as_of: datetime | None
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    page: Page | None = None  # the rows' page (a province's counties are thousands)


def area_for(user, *, county: int | None = None, office: int | None = None) -> Area | None:
    """The area of the screen asked for (`county`: a county's division id, `office`: an office's unit id) if it lies
    inside the user's own area, else the user's own; None for users whose jurisdiction is not an area."""
    offices = area_offices(user)
    if offices is None:
        return None
    if office is not None:
        picked = offices.filter(pk=office).select_related("county").first()
        if picked is not None:
            return Area("office", picked, offices.filter(pk=picked.pk), picked.county_id, picked.pk)
    level = area_level(user)
    if level == "city" and county is not None:
        agency = area_offices(user, Unit.Kind.COUNTY_AGENCY).filter(county_id=county).first()
        if agency is not None:
            return Area("county", agency, offices.filter(county_id=county), county)
    if level == "city":
        return Area("city", user.unit, area_offices(user, Unit.Kind.COUNTY_AGENCY))
    if level == "county":
        return Area("county", user.unit, offices, user.unit.county_id)
    return Area("office", user.unit, offices, user.unit.county_id, user.unit_id)


ROWS_PER_PAGE = 30  # a city's counties (a province's thousands) or a county's offices, a page at a time


def screen(user, area: Area, page: int | None = None) -> Screen:
    """The area's totals (its own unit's stored rows) with the time of the oldest, and a page of its units with their
    own numbers: the same few queries whatever the size of the area."""
    units = area.rows.select_related("division", "county").order_by("division__code", "pk")
    paged = Paginator(units, ROWS_PER_PAGE).get_page(page)
    stored = OfficeFigure.objects.filter(name__in=NAMES, office_id__in=[u.pk for u in paged.object_list]).values_list(
        "office_id", "name", "values"
    )
    by_unit: dict[int, dict[str, dict[str, int]]] = {u.pk: {} for u in paged.object_list}
    for unit_id, name, values in stored:
        by_unit[unit_id][name] = values
    rows = [Row(u, _complete(by_unit[u.pk]), _row_link(area, u)) for u in paged.object_list]
    totals, as_of = _totals(area.unit)
    return Screen(area, rows, totals, as_of, _crumbs(user, area), paged)


def _totals(unit: Unit) -> tuple[dict[str, dict[str, int]], datetime | None]:
    """The area's own stored rows: an office's, a county agency's (its offices summed) or a city agency's (its
    counties summed), one per figure (decision 0025, 0048): one query whatever the size of the area."""
    stored = list(OfficeFigure.objects.filter(office=unit, name__in=NAMES).values_list("name", "values", "computed_at"))
    totals = _complete({name: values for name, values, _ in stored})
    return totals, min((at for _, _, at in stored), default=None)


def _complete(values: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """Every figure with every key, zero where a unit has no row yet (a new office before the daily job)."""
    return {name: dict.fromkeys(get_figure(name).keys, 0) | values.get(name, {}) for name in NAMES}


def _row_link(area: Area, unit: Unit) -> str:
    if area.kind == "city":
        return f"{reverse('command:screen')}?{urlencode({'county': unit.county_id})}"
    if area.kind == "county":
        return f"{reverse('command:screen')}?{urlencode({'office': unit.pk})}"
    return ""


def _crumbs(user, area: Area) -> list[tuple[str, str]]:
    crumbs = [("指挥中心", reverse("command:screen"))]
    if area.unit.pk == user.unit_id:
        return crumbs
    level = area_level(user)
    if level == "city" and area.county_division_id is not None and area.kind == "office":
        crumbs.append((area.unit.county.name, f"{reverse('command:screen')}?county={area.county_division_id}"))
    crumbs.append((area.unit.name, ""))
    return crumbs


def _url(name: str, area: Area, **params) -> str:
    """A list behind a number, narrowed to the screen's area (the lists apply the user's jurisdiction themselves)."""
    if area.kind == "office":
        params["office"] = area.office_id
    elif area.kind == "county":
        params["county"] = area.county_division_id
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{reverse(name)}?{query}" if query else reverse(name)


@dataclass
class Tile:
    label: str
    value: int
    link: str = ""
    tone: str = ""  # "danger", "warning", "success" or "" — how the number is shown
    note: str = ""


def tiles(s: Screen) -> dict[str, list[Tile]]:
    """The screen's numbers in groups, each with the list it drills down to."""
    t, a = s.totals, s.area
    under = t[REGISTER_FIGURE][Status.UNDER_CORRECTION]
    register = "supervisees:list"
    checkins = "supervision:checkin_list"
    work = _work_link(a)
    population = [
        Tile("在矫人数", under, _url(register, a, status=Status.UNDER_CORRECTION)),
        Tile("待报到", t[REGISTER_FIGURE][Status.PENDING_REPORT], _url(register, a, status=Status.PENDING_REPORT)),
    ] + [
        Tile(label, t[POPULATION_FIGURE][value], _url(register, a, status=Status.UNDER_CORRECTION, type=value))
        for value, label in CorrectionType.choices
    ]
    flags = [
        Tile(
            FLAGS[flag][0],
            t[POPULATION_FIGURE][flag],
            # Minors are named only at their office: above it the number stands alone.
            _url(register, a, status=Status.UNDER_CORRECTION, flag=flag)
            if flag != "minor" or a.kind == "office"
            else "",
            note="只计数，不列名单" if flag == "minor" and a.kind != "office" else "",
        )
        for flag in POPULATION_FLAGS
    ]
    levels = [Tile(LEVEL_LABELS[key], value) for key, value in t[LEVEL_FIGURE].items()]
    c = t[CHECKIN_FIGURE]
    today = [
        Tile("今日已签到", c["done"], _url(checkins, a, show="done"), "success"),
        Tile("今日未签到", c["missing"], _url(checkins, a, show="missing"), "warning" if c["missing"] else ""),
        Tile("漏签待核实", c["follow_up"], _url(checkins, a, show="follow_up"), "danger" if c["follow_up"] else ""),
        Tile("未开通手机签到", c["not_enrolled"], _url(checkins, a, show="not_enrolled")),
    ]
    m, lost = t[MONITORING_FIGURE], t[LOST_CONTACT_FIGURE]
    alerts = [
        Tile("定位报警未办结", m["alerts"], reverse("supervision:monitoring_list"), "danger" if m["alerts"] else ""),
        Tile(
            "其中待接收",
            m["alerts_unread"],
            reverse("supervision:monitoring_list"),
            "danger" if m["alerts_unread"] else "",
        ),
        Tile("电子定位中", m["monitored"], reverse("supervision:monitoring_list")),
        Tile("失联查找中", lost["open"], reverse("lostcontact:list"), "danger" if lost["open"] else ""),
        Tile("重点对象", t[KEY_PEOPLE_FIGURE]["key"], "", "warning" if t[KEY_PEOPLE_FIGURE]["key"] else ""),
    ]
    todo, approvals = t[TODO_FIGURE], t[APPROVALS_FIGURE]
    work_tiles = [
        Tile("待审批", approvals["waiting"], work),
        Tile("审批已超期", approvals["overdue"], work, "danger" if approvals["overdue"] else ""),
        Tile("待办事项", todo["open"], work),
        Tile("已超期限", todo["overdue"], work, "danger" if todo["overdue"] else ""),
    ]
    return {
        "在矫人员": population,
        "特殊人群": flags,
        "管理等级": levels,
        "今日签到": today,
        "报警与失联": alerts,
        "审批与期限": work_tiles,
    }


def _work_link(area: Area) -> str:
    """The work lists: an office's items, or the area's offices with the most overdue first."""
    home = reverse("workbench:home")
    return f"{home}?{urlencode({'office': area.office_id})}" if area.kind == "office" else home


def trend(s: Screen, today: date) -> dict:
    """The last twelve months, oldest first: under correction at each month's end (today for this month), intakes
    and ends."""
    t = s.totals[TREND_FIGURE]
    months = list(reversed(range(MONTHS)))
    starts = month_starts(today)
    return {
        "months": [f"{starts[i].year}年{starts[i].month}月" for i in months],
        "active": [t[f"active_{i}"] for i in months],
        "intake": [t[f"intake_{i}"] for i in months],
        "ended": [t[f"ended_{i}"] for i in months],
    }


def chart_data(s: Screen, today: date) -> dict:
    """What static/sqjz/command.js draws: the trend, the population by type and level, and — on a city's screen —
    each county's alerts and lost-contact cases by its division code on the map (a county's screen outlines it)."""
    t = s.totals
    data = {
        "trend": trend(s, today),
        "types": [{"name": label, "value": t[POPULATION_FIGURE][value]} for value, label in CorrectionType.choices],
        "levels": [{"name": LEVEL_LABELS[k], "value": v} for k, v in t[LEVEL_FIGURE].items()],
        "map": [],
        "focus": "",
    }
    if s.area.kind == "city":
        data["map"] = [
            {
                "code": row.unit.division.code[:6],
                "value": row.values[MONITORING_FIGURE]["alerts"] + row.values[LOST_CONTACT_FIGURE]["open"],
                "people": row.values[REGISTER_FIGURE][Status.UNDER_CORRECTION],
                "link": row.link,
            }
            for row in s.rows
        ]
    else:
        county = s.area.unit.county if s.area.unit.county_id else None
        data["focus"] = county.code[:6] if county is not None else ""
    return data
