"""The standard statistics page and its Excel: the user's area (an office itself, a county's offices, the city's
counties or offices) for a month, a quarter or any dates, with the definitions of the lines and two charts.

Who: STATISTICS_VIEW (the offices' officers, the county agencies, the city agency). Only numbers are shown (minors
counted, never named), so no access to a personal record is logged."""

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.statistics import excel, selectors
from sqjz.statistics.forms import PERIODS, PeriodForm, last_full_month, quarter_choices

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form(request: HttpRequest) -> PeriodForm:
    return PeriodForm(request.GET, today=timezone.localdate(), levels=selectors.levels_for(request.user))


def _table(request: HttpRequest, form: PeriodForm):
    span = form.cleaned_data["span"]
    return selectors.statistics_table(request.user, span.start, span.end, form.cleaned_data.get("level") or None)


@capability_required(Capability.STATISTICS_VIEW)
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = _form(request)
    context = {
        "form": form,
        "periods": PERIODS,
        "quarters": quarter_choices(today),
        "default_month": last_full_month(today),
        "levels": selectors.levels_for(request.user),
        "today": today,
    }
    if form.is_valid():
        table = _table(request, form)
        span = form.cleaned_data["span"]
        context |= {
            "table": table,
            "span": span,
            "title": excel.title(table, span.label),
            "chart": selectors.chart_data(table),
            "export_query": request.GET.urlencode(),
        }
    return render(request, "statistics/index.html", context)


@capability_required(Capability.STATISTICS_VIEW)
def export(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        return index(request)  # the page with the form's errors
    table = _table(request, form)
    span = form.cleaned_data["span"]
    today = timezone.localdate()
    content = excel.workbook(table, period_label=span.label, start=span.start, end=span.end, today=today)
    response = HttpResponse(content, content_type=XLSX)
    filename = f"{excel.title(table, span.label)}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response
