"""The staffing pages (队伍配备): a city first sees its counties, a county (its own, or the one a city picked) its
offices, an office its own row: people under correction by level, the weighted workload, staff and social workers on
hand against those needed (STAFFING_WORKLOAD), most short first. Each office's village page lists its villages with
people under correction, the specialists in post and the evaluators' accounts, flagging where short; the county agency
registers and ends specialists there (STAFFING_MANAGE). Counts only: nobody under correction is named."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.staffing import selectors, services
from sqjz.staffing.forms import EndForm, SpecialistForm
from sqjz.statute.registry import RULES
from sqjz.statute.rules.staffing import LEVELS
from sqjz.supervisees.permissions import area_offices
from sqjz.supervisees.selectors import area_level, register_filter_options

PER_PAGE = 50
RULE_CODES = (selectors.WORKLOAD_RULE, selectors.SPECIALIST_RULE, selectors.EVALUATOR_RULE)


@capability_required(Capability.CASEWORK_VIEW)
def index_view(request: HttpRequest) -> HttpResponse:
    user, g = request.user, request.GET
    offices = area_offices(user)
    if offices is None:
        raise PermissionDenied
    today, ctx = timezone.localdate(), statute_context()
    counties = register_filter_options(user)[0] if area_level(user) == "city" else []
    county = next((c for c in counties if c.pk == int_param(g.get("county"))), None)
    if county is not None:
        offices = offices.filter(county_id=county.pk)
    rows = selectors.office_staffing(offices, today, ctx)
    by = "county" if counties and county is None else "office"
    if by == "county":
        rows = selectors.county_staffing(rows)
    total = selectors.totals(rows)
    q = g.get("q", "").strip()[:50]
    shown = [r for r in rows if q in r.unit.name] if q else rows
    shown.sort(key=lambda r: (-r.short, -r.workload, r.unit.name))
    context = {
        "page": Paginator(shown, PER_PAGE).get_page(g.get("page")),
        "total": total,
        "by": by,
        "county": county,
        "q": q,
        "levels": LEVELS,
        "rules": [RULES[code] for code in RULE_CODES],
        "explain": selectors.workload_explain(ctx, today),
        "crumbs": [("队伍配备", reverse("staffing:index") if county else None)]
        + ([(county.name, None)] if county else []),
    }
    return render(request, "staffing/index.html", context)


def _villages_page(request: HttpRequest, office: Unit, **forms) -> HttpResponse:
    today, ctx = timezone.localdate(), statute_context()
    rows, unplaced = selectors.village_staffing(office, today, ctx)
    q = request.GET.get("q", "").strip()[:50]
    shown = [r for r in rows if q in r.village.name] if q else rows
    manage = selectors.may_manage(request.user, office)
    form = forms.get("form") or (
        SpecialistForm(villages=selectors.office_villages(office), initial={"since": today}) if manage else None
    )
    context = {
        "office": office,
        "page": Paginator(shown, PER_PAGE).get_page(request.GET.get("page")),
        "unplaced": unplaced,
        "short_specialists": sum(1 for r in rows if r.specialist.outcome["specialist_short"]),
        "short_evaluators": sum(1 for r in rows if r.evaluator.outcome["evaluators_short"]),
        "q": q,
        "manage": manage,
        "form": form,
        "end_form": forms.get("end_form") or (EndForm(initial={"until": today}) if manage else None),
        "rules": [RULES[selectors.SPECIALIST_RULE], RULES[selectors.EVALUATOR_RULE]],
        "crumbs": [("队伍配备", reverse("staffing:index"))]
        + ([(office.county.name, f"{reverse('staffing:index')}?county={office.county_id}")] if office.county else [])
        + [(f"{office.name}：村（社区）", None)],
    }
    return render(request, "staffing/villages.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def villages_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _villages_page(request, selectors.get_office_for_user(request.user, pk))


def _managed_office(request: HttpRequest, pk: int) -> Unit:
    office = selectors.get_office_for_user(request.user, pk)
    if not selectors.may_manage(request.user, office):
        raise PermissionDenied
    return office


@require_POST
@capability_required(Capability.STAFFING_MANAGE)
def register_view(request: HttpRequest, pk: int) -> HttpResponse:
    office = _managed_office(request, pk)
    form = SpecialistForm(request.POST, villages=selectors.office_villages(office))
    return run_step(
        request,
        form=form,
        act=lambda data: services.specialist_register(actor=request.user, specialist=form.instance),
        done="已登记社区矫正工作专干。",
        back_to=reverse("staffing:villages", args=[pk]),
        rerender=lambda: _villages_page(request, office, form=form),
        draft_key=f"staffing-specialist-{pk}",
    )


@require_POST
@capability_required(Capability.STAFFING_MANAGE)
def end_view(request: HttpRequest, pk: int, specialist_id: int) -> HttpResponse:
    office = _managed_office(request, pk)
    specialist = selectors.get_specialist_for_manager(request.user, office, specialist_id)
    form = EndForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.specialist_end(actor=request.user, specialist=specialist, until=data["until"]),
        done=f"已登记{specialist.name}离任。",
        back_to=reverse("staffing:villages", args=[pk]),
        rerender=lambda: _villages_page(request, office, end_form=form),
    )
