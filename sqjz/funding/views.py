"""The funding pages (FUND-1): the overview of a year or quarter, per county, of the person-days under correction,
the provincial subsidy due by the rule (FUNDING_SUBSIDY) beside the provincial subsidy the ledger received, and the
wages and purchased-services spending; a county's (or the city agency's) earmarked-funds ledger with its balances,
recording an entry and reversing one; the ledger as an Excel workbook.

Who: FUNDING_MANAGE (county agencies for their own county, the city agency for every county and its own ledger).
No person is named on these pages: people are only counted."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from openpyxl import Workbook
from openpyxl.styles import Font

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.spreadsheet import spreadsheet_cell
from sqjz.core.workflow import run_step
from sqjz.funding import selectors, services
from sqjz.funding.forms import EntryForm, ReverseForm
from sqjz.funding.models import Direction, Source, Use
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.socialwork.selectors import payments_by_county
from sqjz.statute.registry import RULES
from sqjz.statute.text import cn_date

PER_PAGE = 20
FIRST_YEAR = 2020
QUARTERS = {0: "全年", 1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
ZERO = Decimal("0")
OVERVIEW = ("经费保障", "funding:overview")


def _int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def period_of(year: int, quarter: int) -> tuple[date, date]:
    if quarter == 0:
        return date(year, 1, 1), date(year, 12, 31)
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def _period(request: HttpRequest, today: date) -> tuple[int, int, date, date]:
    year = _int(request.GET.get("year"), today.year, FIRST_YEAR, today.year)
    quarter = _int(request.GET.get("quarter"), 0, 0, 4)
    start, end = period_of(year, quarter)
    return year, quarter, start, end


def _average(person_days: int, start: date, last: date) -> Decimal:
    days = (last - start).days + 1
    if days <= 0:
        return ZERO
    return (Decimal(person_days) / Decimal(days)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@capability_required(Capability.FUNDING_MANAGE)
def overview_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    year, quarter, start, end = _period(request, today)
    last = min(end, today)
    agencies = selectors.county_agencies(request.user)
    city = selectors.city_agency(request.user)
    counties = [a.county_id for a in agencies]
    days = selectors.person_days(counties, start, end, today=today)
    sums = selectors.ledger_sums([a.pk for a in agencies] + ([city.pk] if city else []), start, end)
    paid = payments_by_county(counties, start, end)
    rule, ctx = RULES[selectors.SUBSIDY_RULE], statute_context()
    rows, total = [], {"person_days": 0, "people": 0, "minors": 0, "subsidy": ZERO, "provincial": ZERO}
    total |= {"wages": ZERO, "purchased": ZERO, "contracts": ZERO, "income": ZERO, "spending": ZERO}
    decision = None
    for agency in agencies:
        d, s = days[agency.county_id], sums[agency.pk]
        decision = rule(ctx, year=year, person_days=d.person_days)
        row = {
            "agency": agency,
            "person_days": d.person_days,
            "people": d.people,
            "minors": d.minors,
            "average": _average(d.person_days, start, last),
            "subsidy": decision.outcome,
            "provincial": s.income.get(Source.PROVINCIAL, ZERO),
            "wages": s.spending.get(Use.WAGES, ZERO),
            "purchased": s.spending.get(Use.PURCHASED, ZERO),
            "contracts": paid.get(agency.county_id, ZERO),
            "income": s.total_income,
            "spending": s.total_spending,
        }
        row["difference"] = row["provincial"] - row["subsidy"]
        rows.append(row)
        for key in total:
            total[key] += row[key]
    total["average"] = _average(total["person_days"], start, last)
    total["difference"] = total["provincial"] - total["subsidy"]
    city_row = None
    if city is not None:
        s = sums[city.pk]
        city_row = {
            "agency": city,
            "provincial": s.income.get(Source.PROVINCIAL, ZERO),
            "wages": s.spending.get(Use.WAGES, ZERO),
            "purchased": s.spending.get(Use.PURCHASED, ZERO),
            "income": s.total_income,
            "spending": s.total_spending,
        }
    figure = ctx.use("FUNDING_SUBSIDY_PER_PERSON_YEAR", date(year, 1, 1)).value
    context = {
        "year": year,
        "quarter": quarter,
        "years": list(range(today.year, FIRST_YEAR - 1, -1)),
        "quarters": QUARTERS,
        "start": start,
        "end": end,
        "last": last,
        "partial": end > today,
        "future": start > today,
        "rows": rows,
        "total": total,
        "city_row": city_row,
        "rule": rule,
        "figure": figure,
        "day_rule": selectors.DAY_RULE,
        "example": decision.reasons if decision and len(rows) == 1 else None,
        "crumbs": [(OVERVIEW[0], None)],
    }
    return render(request, "funding/overview.html", context)


# ------------------------------------------------------------------------------------------------------- ledger


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _filters(request: HttpRequest) -> dict:
    g = request.GET
    return {
        "start": _date(g.get("start", "")),
        "end": _date(g.get("end", "")),
        "direction": g.get("direction", "") if g.get("direction", "") in Direction.values else "",
        "source": g.get("source", "") if g.get("source", "") in Source.values else "",
        "use": g.get("use", "") if g.get("use", "") in Use.values else "",
        "q": g.get("q", "").strip()[:40],
    }


def _ledger_page(
    request: HttpRequest,
    agency: Unit,
    *,
    form: EntryForm | None = None,
    reversing: tuple[int, ReverseForm] | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    f = _filters(request)
    entries = selectors.entry_list(agency, **f)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    reverse_forms = {
        e.pk: ReverseForm(pk=e.pk, initial={"day": today})
        for e in page.object_list
        if e.reverses_id is None and not hasattr(e, "reversed_by")
    }
    if reversing is not None:
        reverse_forms[reversing[0]] = reversing[1]
    context = {
        "agency": agency,
        "page": page,
        "rows": [(e, reverse_forms.get(e.pk)) for e in page.object_list],
        "f": f,
        "directions": Direction.choices,
        "sources": Source.choices,
        "uses": Use.choices,
        "balances": selectors.balances(agency, until=f["end"]),
        "form": form or EntryForm(initial={"day": today}),
        "crumbs": [(OVERVIEW[0], reverse(OVERVIEW[1])), (f"{agency.name}专项资金台账", None)],
    }
    return render(request, "funding/ledger.html", context)


@capability_required(Capability.FUNDING_MANAGE)
def ledger_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _ledger_page(request, selectors.get_agency_for_user(request.user, pk))


@require_POST
@capability_required(Capability.FUNDING_MANAGE)
def entry_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for_user(request.user, pk)
    form = EntryForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.entry_record(actor=request.user, agency=agency, **data),
        done="已登记账目。",
        back_to=reverse("funding:ledger", args=[pk]),
        rerender=lambda: _ledger_page(request, agency, form=form),
    )


@require_POST
@capability_required(Capability.FUNDING_MANAGE)
def reverse_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for_user(request.user, pk)
    agency = selectors.get_agency_for_user(request.user, entry.agency_id)
    form = ReverseForm(request.POST, pk=pk)
    return run_step(
        request,
        form=form,
        act=lambda data: services.entry_reverse(actor=request.user, entry=entry, **data),
        done="已登记冲销账目。",
        back_to=reverse("funding:ledger", args=[agency.pk]),
        rerender=lambda: _ledger_page(request, agency, reversing=(pk, form)),
    )


EXPORT_LIMIT = 50_000
HEADERS = ("日期", "收支", "资金来源", "资金用途", "金额（元）", "凭证号", "摘要", "冲销", "登记人", "登记时间")


@capability_required(Capability.FUNDING_MANAGE)
def export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The filtered ledger as an Excel workbook (amounts as numbers; reversals marked)."""
    agency = selectors.get_agency_for_user(request.user, pk)
    f = _filters(request)
    wb = Workbook()
    ws = wb.active
    ws.title = "专项资金台账"
    ws.append([spreadsheet_cell(f"{agency.name}社区矫正专项资金台账")])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    period = f"{cn_date(f['start']) or '最早'}至{cn_date(f['end']) or '今'}"
    ws.append([spreadsheet_cell(f"期间：{period}　导出日期：{cn_date(timezone.localdate())}")])
    ws.append(list(HEADERS))
    for cell in ws[3]:
        cell.font = Font(bold=True)
    entries = selectors.entry_list(agency, **f)[:EXPORT_LIMIT]
    for e in entries:
        ws.append(
            [
                e.day,
                e.get_direction_display(),
                e.get_source_display(),
                e.get_use_display() if e.use else "",
                float(e.amount),
                spreadsheet_cell(e.voucher),
                spreadsheet_cell(e.description),
                "冲销" if e.reverses_id else ("已冲销" if hasattr(e, "reversed_by") else ""),
                spreadsheet_cell(e.recorded_by.full_name or e.recorded_by.username),
                timezone.localtime(e.recorded_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
        ws.cell(ws.max_row, 1).number_format = "yyyy-mm-dd"
        ws.cell(ws.max_row, 5).number_format = "#,##0.00"
    for column, width in zip("ABCDEFGHIJ", (12, 8, 12, 20, 14, 16, 40, 8, 12, 18), strict=True):
        ws.column_dimensions[column].width = width
    out = BytesIO()
    wb.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"{agency.name}专项资金台账.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
