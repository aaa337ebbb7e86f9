"""The standard statistics: each line against the records made in tests/records.py; the table per sub-unit for an
office, a county and the city; the period's validation; the Excel against the page's figures; the page's queries
do not grow with the number of offices."""

import shutil
import subprocess
from datetime import date, datetime, time
from io import BytesIO
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sqjz.organisation.models import Division, Unit
from sqjz.statistics import selectors
from sqjz.statistics.excel import DEFINITIONS_SHEET, HEADER_ROW, TABLE_SHEET
from sqjz.statistics.forms import PeriodForm
from sqjz.statistics.registry import STATISTICS
from sqjz.statistics.tests.records import END, EXPECTED, START, TODAY, build
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
NOW = datetime.combine(TODAY, time(9), tzinfo=ZoneInfo("Asia/Shanghai"))
NOVEMBER = {"period": "month", "month": "2026-11"}


OFFICES = ("yuxing", "fenghuang", "xingyun")


@pytest.fixture
def records(world):
    """The test world's own people (under correction since before November) and the records of tests/records.py;
    `world.before` holds what every line counted for the world alone."""
    world.before = selectors.counts(None, [world.units[k].id for k in OFFICES], START, END)
    build(world)
    return world


def before(w, name: str, *keys: str) -> int:
    return sum(w.before[name].get(w.units[k].id, 0) for k in keys)


def _ids(w, mapping: dict[str, int]) -> dict[int, int]:
    return {w.units[key].id: n for key, n in mapping.items()}


def test_every_line_counts_what_its_definition_says(records):
    w = records
    offices = [w.units[k].id for k in OFFICES]
    numbers = selectors.counts(None, offices, START, END)
    assert set(numbers) == set(STATISTICS) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        added = {o: numbers[name].get(o, 0) - w.before[name].get(o, 0) for o in offices}
        assert {o: n for o, n in added.items() if n} == _ids(w, expected), name
        assert STATISTICS[name].definition


def test_counts_keep_to_the_offices_given(records):
    w = records
    numbers = selectors.counts(["population", "intake"], [w.units["xingyun"].id], START, END)
    assert numbers == {"population": {w.units["xingyun"].id: 1 + before(w, "population", "xingyun")}, "intake": {}}
    assert selectors.counts(["population"], [], START, END) == {"population": {}}


def test_population_on_an_earlier_day(records):
    """On November 5th p8 (discharged without a record, term ended November 10th) and p4 (terminated November 15th)
    were still under correction; p2 had not yet reported."""
    w = records
    offices = [w.units[k].id for k in OFFICES]
    numbers = selectors.counts(["population"], offices, START, date(2026, 11, 5))["population"]
    added = {k: n + before(w, "population", k) for k, n in {"yuxing": 2, "fenghuang": 3, "xingyun": 1}.items()}
    assert numbers == _ids(w, added)


def _totals(table) -> dict[str, int]:
    return {line.statistic.name: line.total for line in table.lines}


@pytest.mark.parametrize(
    ("persona", "level", "columns"),
    [
        ("office_officer", None, ["玉兴街道司法所"]),
        ("other_office_officer", None, ["凤凰街道司法所"]),
        ("county_officer", None, ["玉兴街道司法所", "凤凰街道司法所"]),
        ("county_head", "county", ["玉兴街道司法所", "凤凰街道司法所"]),  # a county cannot ask for counties
        ("other_county_officer", None, ["星云街道司法所"]),
        ("city_officer", None, ["红塔区", "江川区"]),
        ("city_officer", "office", ["玉兴街道司法所", "凤凰街道司法所", "星云街道司法所"]),
    ],
)
def test_each_user_sees_the_units_of_their_area(records, persona, level, columns):
    w = records
    table = selectors.statistics_table(w.users[persona], START, END, level)
    assert [c.name for c in table.columns] == columns
    for line in table.lines:
        assert line.total == sum(line.values)


def test_county_columns_are_sums_of_their_offices(records):
    w = records
    city = w.users["city_officer"]
    counties = selectors.statistics_table(city, START, END, "county")
    offices = selectors.statistics_table(city, START, END, "office")
    for by_county, by_office in zip(counties.lines, offices.lines, strict=True):
        yuxing, fenghuang, xingyun = by_office.values
        assert by_county.values == [yuxing + fenghuang, xingyun], by_county.statistic.name
        assert by_county.total == by_office.total
    hongta = before(w, "population", "yuxing", "fenghuang")
    assert counties.line("population").values == [3 + hongta, 1 + before(w, "population", "xingyun")]
    minors = [1 + before(w, "population_minors", "yuxing", "fenghuang"), before(w, "population_minors", "xingyun")]
    assert counties.line("population_minors").values == minors  # counted by the city, never named
    assert counties.area == "玉溪市"


def test_an_office_sees_only_its_own_numbers(records):
    w = records
    table = selectors.statistics_table(w.users["office_officer"], START, END)
    assert _totals(table)["population"] == 2 + before(w, "population", "yuxing")
    assert _totals(table)["discharged"] == 0  # 凤凰's
    assert table.area == "玉兴街道司法所"


# ------------------------------------------------------------------------------------------------------ period


def _form(data, levels=None):
    form = PeriodForm(data, today=TODAY, levels=levels or {"office": "按司法所"})
    form.is_valid()
    return form


def test_the_default_period_is_the_last_full_month():
    form = _form({})
    span = form.cleaned_data["span"]
    assert (span.start, span.end, span.label) == (START, END, "2026年11月")


@pytest.mark.parametrize(
    ("data", "start", "end", "label"),
    [
        ({"period": "quarter", "quarter": "2026-Q3"}, date(2026, 7, 1), date(2026, 9, 30), "2026年第三季度"),
        ({"period": "quarter", "quarter": "2026-Q4"}, date(2026, 10, 1), TODAY, "2026年第四季度"),  # until today
        ({"period": "month", "month": "2026-12"}, date(2026, 12, 1), TODAY, "2026年12月"),
        ({"period": "month", "month": "2024-02"}, date(2024, 2, 1), date(2024, 2, 29), "2024年2月"),
        (
            {"period": "range", "start": "2026-01-01", "end": "2026-03-31"},
            date(2026, 1, 1),
            date(2026, 3, 31),
            "2026年1月1日至2026年3月31日",
        ),
    ],
)
def test_periods(data, start, end, label):
    span = _form(data).cleaned_data["span"]
    assert (span.start, span.end, span.label) == (start, end, label)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"period": "month", "month": "2027-01"}, "month", "月份不能晚于本月"),
        ({"period": "month", "month": "十一月"}, "month", "月份格式不正确"),
        ({"period": "month", "month": "2026-13"}, "month", "月份格式不正确"),
        ({"period": "quarter", "quarter": "2027-Q1"}, "quarter", "季度不能晚于本季度"),
        ({"period": "quarter", "quarter": "2026-Q5"}, "quarter", "季度格式不正确"),
        ({"period": "range", "end": "2026-03-31"}, "start", "请填写起始日期"),
        ({"period": "range", "start": "2026-03-31"}, "end", "请填写截止日期"),
        ({"period": "range", "start": "2026-03-31", "end": "2026-03-01"}, "end", "截止日期不能早于起始日期"),
        ({"period": "range", "start": "2026-11-01", "end": "2026-12-02"}, "end", "截止日期不能晚于今天"),
        ({"period": "range", "start": "2023-01-01", "end": "2026-11-30"}, "end", "不能超过三年"),
        ({"period": "range", "start": "2026-02-30", "end": "2026-03-31"}, "start", "起始日期格式不正确"),
        ({"period": "week"}, "period", "统计周期不正确"),
        ({"level": "province"}, "level", "统计层级不正确"),
    ],
)
def test_bad_periods_are_refused_naming_the_field(data, field, message):
    form = _form(data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field]), form.errors


# ------------------------------------------------------------------------------------------------------ page


def test_page_shows_the_table_chart_and_definitions(records, login):
    w = records
    with time_machine.travel(NOW, tick=False):
        response = login(w.users["city_officer"]).get(reverse("statistics:index"), NOVEMBER)
    assert response.status_code == 200
    page = response.content.decode()
    assert "玉溪市社区矫正工作统计表（2026年11月）" in page
    assert STATISTICS["population"].definition in page
    assert 'id="statistics-chart-data"' in page and "statistics/charts.js" in page
    assert "<script>" not in page.replace('<script src="', "")  # no inline script (CSP)
    table = response.context["table"]
    assert [c.name for c in table.columns] == ["红塔区", "江川区"]
    probation = response.context["chart"]["population"][1]
    assert probation["name"] == "缓刑"
    assert probation["data"] == table.line("population_probation").values


def test_page_refuses_a_bad_period_without_failing(records, login):
    w = records
    with time_machine.travel(NOW, tick=False):
        client = login(w.users["county_officer"])
        response = client.get(reverse("statistics:index"), {"period": "range", "start": "2026-12-01", "end": "x"})
        export = client.get(reverse("statistics:export"), {"period": "month", "month": "2030-01"})
    assert response.status_code == 200 and "截止日期格式不正确" in response.content.decode()
    assert "table" not in response.context
    assert export.status_code == 200 and "月份不能晚于本月" in export.content.decode()


def test_page_is_refused_without_the_capability(records, login):
    for persona in ("procurator", "judge", "social_worker"):
        assert login(records.users[persona]).get(reverse("statistics:index")).status_code == 403


def _page_queries(client) -> int:
    client.get(reverse("statistics:index"), NOVEMBER)  # the session's first request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("statistics:index"), NOVEMBER).status_code == 200
    return len(queries)


def test_the_pages_queries_do_not_grow_with_the_offices(records, login):
    w = records
    with time_machine.travel(NOW, tick=False):
        client = login(w.users["city_officer"])
        before = _page_queries(client)
        hongta = w.units["hongta_agency"]
        for i in range(8):
            township = Division.objects.create(
                code=f"5304020{i + 10}", name=f"新{i}街道", level=Division.Level.TOWNSHIP, parent=w.hongta
            )
            UnitFactory(
                name=f"新{i}街道司法所",
                kind=Unit.Kind.JUDICIAL_OFFICE,
                division=township,
                county=w.hongta,
                parent=hongta,
            )
        after = _page_queries(client)
        by_office = login(w.users["city_officer"])
        by_office.get(reverse("statistics:index"), NOVEMBER | {"level": "office"})
        with CaptureQueriesContext(connection) as queries:
            by_office.get(reverse("statistics:index"), NOVEMBER | {"level": "office"})
    assert after == before
    assert len(queries) == before
    assert before <= len(STATISTICS) + 8  # one query per line, one for the units, the page's frame


# ------------------------------------------------------------------------------------------------------ Excel


def _sheet_numbers(sheet) -> tuple[list[str], dict[str, list]]:
    header = [cell.value for cell in sheet[HEADER_ROW]]
    rows = {}
    for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True):
        if row[0] and any(isinstance(v, int) for v in row[1:]):
            rows.setdefault(row[0], []).append(list(row[1:]))
    return header, rows


@pytest.mark.parametrize(("persona", "params"), [("county_officer", NOVEMBER), ("city_officer", NOVEMBER)])
def test_excel_has_the_figures_the_page_shows(records, login, persona, params, tmp_path):
    w = records
    with time_machine.travel(NOW, tick=False):
        client = login(w.users[persona])
        page = client.get(reverse("statistics:index"), params)
        response = client.get(reverse("statistics:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    title = page.context["title"]
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''{quote(title + '.xlsx')}"
    book = load_workbook(BytesIO(response.content))
    sheet = book[TABLE_SHEET]
    assert sheet["A1"].value == title
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == f"填报单位：{w.users[persona].unit.name}"
    table = page.context["table"]
    header, rows = _sheet_numbers(sheet)
    assert header == ["项目", *(c.name for c in table.columns), "合计"]
    assert all(sheet.cell(HEADER_ROW, col).font.bold for col in range(1, len(header) + 1))
    labels_seen: dict[str, int] = {}
    for line in table.lines:
        label = line.statistic.label
        index = labels_seen.get(label, 0)
        labels_seen[label] = index + 1
        assert rows[label][index] == [*line.values, line.total], label
    sections = [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert all(section in sections for section, _ in table.sections)
    assert any(str(v).startswith("填报人") for v in sections if v)
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("审核人") for t in texts) and any(t.startswith("填报日期：2026年12月1日") for t in texts)
    assert sheet.column_dimensions["A"].width == 26
    definitions = list(book[DEFINITIONS_SHEET].iter_rows(min_row=2, values_only=True))
    assert [d[2] for d in definitions] == [line.statistic.definition for line in table.lines]

    if shutil.which("libreoffice") or shutil.which("soffice"):
        path = tmp_path / "report.xlsx"
        path.write_bytes(response.content)
        program = shutil.which("libreoffice") or shutil.which("soffice")
        subprocess.run(  # noqa: S603 (the program found on the PATH, the test's own file)
            [program, "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
            check=True,
            timeout=120,
            capture_output=True,
        )
        assert title in (tmp_path / "report.csv").read_text(encoding="utf-8", errors="replace")
