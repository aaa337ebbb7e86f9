"""The appraisal pages: indicators and ranking (counties for the city, offices for a county), the office-quality view
and the items behind its numbers, recidivism against the provincial figure, the city's settings, and a person's
re-offences.

Reading: APPRAISAL_VIEW (county agencies, the city). Settings and the provincial figure: APPRAISAL_CONFIGURE (the
city). A person's re-offences: CASEWORK_VIEW within jurisdiction; recording one: SUPERVISEE_EDIT (the office and its
county agency), also for a discharged person."""

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.appraisal import selectors, services
from sqjz.appraisal.forms import FigureForm, ReOffenceForm, SettingsForm
from sqjz.appraisal.indicators import INDICATORS
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.supervisees.permissions import get_supervisee_for_user

PER_PAGE = 20
HOME = ("考核评价", "appraisal:index")


def _scope(request: HttpRequest) -> selectors.Scope:
    scope = selectors.scope_for(request.user, request.GET.get("county", ""))
    if scope is None:
        raise Http404
    return scope


def _log(request: HttpRequest, ids) -> None:
    if ids:
        with transaction.atomic():  # the access log's chain head is locked while it is written
            access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=ids, request=request)


def _year(request: HttpRequest, today) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and today.year - 10 <= int(raw) <= today.year else today.year


@capability_required(Capability.APPRAISAL_VIEW)
def index_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    scope = _scope(request)
    period = selectors.parse_period(request.GET.get("period", ""), today)
    result = selectors.appraisal(scope, period, today)
    context = {
        "scope": scope,
        "period": period,
        "periods": selectors.period_choices(today),
        "result": result,
        "indicators": INDICATORS,
        "is_city": request.user.unit.county_id is None,
        "may_configure": has_capability(request.user, Capability.APPRAISAL_CONFIGURE),
        "crumbs": [(HOME[0], None)],
    }
    return render(request, "appraisal/index.html", context)


@capability_required(Capability.APPRAISAL_VIEW)
def quality_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    scope = _scope(request)
    period = selectors.parse_period(request.GET.get("period", ""), today)
    context = {
        "scope": scope,
        "period": period,
        "periods": selectors.period_choices(today),
        "quality": selectors.quality(scope.county, period, today) if scope.county else None,
        "outlier_sd": selectors.OUTLIER_SD,
        "crumbs": [(HOME[0], reverse(HOME[1])), ("办理质量", None)],
    }
    return render(request, "appraisal/quality.html", context)


@capability_required(Capability.APPRAISAL_VIEW)
def quality_items_view(request: HttpRequest) -> HttpResponse:
    today, g = timezone.localdate(), request.GET
    scope = _scope(request)
    period = selectors.parse_period(g.get("period", ""), today)
    items = None
    if scope.county:
        items = selectors.missed_items(
            request.user,
            scope.county,
            period,
            today,
            office_id=int_param(g.get("office", "")),
            officer_id=int_param(g.get("officer", "")),
            unnamed=g.get("unnamed") == "1",
        )
    page = Paginator(items, PER_PAGE).get_page(g.get("page")) if items is not None else None
    if page is not None:
        _log(request, sorted({i.supervisee_id for i in page.object_list if i.supervisee_id and i.visible}))
    context = {
        "scope": scope,
        "period": period,
        "page": page,
        "crumbs": [
            (HOME[0], reverse(HOME[1])),
            (
                "办理质量",
                f"{reverse('appraisal:quality')}?period={period.key}&county={scope.county.pk if scope.county else ''}",
            ),
            ("超期事项", None),
        ],
    }
    return render(request, "appraisal/quality_items.html", context)


def _recidivism_page(request: HttpRequest, form: FigureForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    scope = _scope(request)
    year = _year(request, today)
    may_configure = has_capability(request.user, Capability.APPRAISAL_CONFIGURE)
    if may_configure and form is None:
        form = FigureForm(initial={"year": year})
    page = Paginator(selectors.reoffences_in(request.user, scope, year), PER_PAGE).get_page(request.GET.get("page"))
    _log(request, sorted({r.supervisee_id for r in page.object_list}))
    context = {
        "scope": scope,
        "year": year,
        "years": list(range(today.year, today.year - 6, -1)),
        "result": selectors.recidivism(scope, year, today),
        "page": page,
        "form": form if may_configure else None,
        "crumbs": [(HOME[0], reverse(HOME[1])), ("重新犯罪率", None)],
    }
    return render(request, "appraisal/recidivism.html", context)


@capability_required(Capability.APPRAISAL_VIEW)
def recidivism_view(request: HttpRequest) -> HttpResponse:
    return _recidivism_page(request)


@require_POST
@capability_required(Capability.APPRAISAL_CONFIGURE)
def figure_view(request: HttpRequest) -> HttpResponse:
    form = FigureForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.provincial_figure_save(
            actor=request.user, year=data["year"], rate=data["rate"], source=data["source"]
        ),
        done="已保存全省重新犯罪率。",
        back_to=f"{reverse('appraisal:recidivism')}?year={form.cleaned_data['year'] if form.is_valid() else ''}",
        rerender=lambda: _recidivism_page(request, form),
    )


@capability_required(Capability.APPRAISAL_CONFIGURE)
def settings_view(request: HttpRequest) -> HttpResponse:
    current = {w.code: w for w in selectors.weights()}
    initial = {"follow_up": ",".join(str(y) for y in selectors.follow_up_years())}
    for code, w in current.items():
        initial[f"weight_{code}"] = w.weight
        initial[f"better_{code}"] = w.higher_is_better
    form = SettingsForm(request.POST or None, initial=initial)

    def rerender() -> HttpResponse:
        context = {"form": form, "crumbs": [(HOME[0], reverse(HOME[1])), ("考核指标设置", None)]}
        return render(request, "appraisal/settings.html", context)

    if request.method != "POST":
        return rerender()

    def act(data) -> None:
        services.weights_save(
            actor=request.user,
            weights={i.code: (data[f"weight_{i.code}"], data[f"better_{i.code}"]) for i in INDICATORS},
        )
        services.follow_up_save(actor=request.user, years=data["follow_up"])

    return run_step(
        request, form=form, act=act, done="已保存考核指标设置。", back_to=reverse("appraisal:index"), rerender=rerender
    )


def _person_page(request: HttpRequest, pk: int, form: ReOffenceForm | None = None) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    _log(request, [s.pk])
    may_record = has_capability(request.user, Capability.SUPERVISEE_EDIT)
    if may_record and form is None:
        form = ReOffenceForm()
    context = {
        "s": s,
        "reoffences": selectors.reoffences_of(s),
        "last_day": services.correction_last_day(s),
        "form": form if may_record else None,
        "crumbs": [(s.name, reverse("supervisees:detail", args=[s.pk])), ("重新犯罪", None)],
    }
    return render(request, "appraisal/person.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, pk)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def reoffence_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    form = ReOffenceForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.reoffence_record(
            actor=request.user,
            supervisee=s,
            offence_date=data["offence_date"],
            judged_on=data["judged_on"],
            source=data["source"],
            crime=data["crime"],
            note=data["note"],
        ),
        done="已登记重新犯罪情况。",
        back_to=reverse("appraisal:person", args=[s.pk]),
        rerender=lambda: _person_page(request, pk, form),
    )
