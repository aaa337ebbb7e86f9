"""The assistance pages: a person's 帮扶 (the standing needs assessment and what it makes them eligible for, a new
assessment, the cases, a new case), a case with its steps, the list of cases in the user's jurisdiction (and the
cases the user handles), and the coverage report (应保尽保) per city, county and office with the people not covered.

Reading: those who follow the casework (CASEWORK_VIEW) and those who do it for the people assigned to them (social
workers, ASSISTANCE_RECORD); writing: ASSISTANCE_RECORD, for people under correction whose record the user sees."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.assistance import selectors, services
from sqjz.assistance.forms import AssessmentForm, CaseForm, StepForm
from sqjz.assistance.models import AssistanceCase, Kind
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.organisation.models import Unit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices, get_supervisee_for_user, supervisees_for
from sqjz.supervisees.selectors import area_level, register_filter_options

PER_PAGE = 20
STATUSES = {"": "全部", **dict(AssistanceCase.Status.choices)}
KINDS = {"": "全部", **dict(Kind.choices)}


def _readable(request: HttpRequest) -> None:
    if not selectors.may_read(request.user):
        raise PermissionDenied


def _may_write(user, s: Supervisee) -> bool:
    """The page's forms: for a person under correction the user sees (the page found them), with the capability."""
    return s.status == Status.UNDER_CORRECTION and has_capability(user, Capability.ASSISTANCE_RECORD)


def _rules() -> list:
    return [RULES[selectors.ELIGIBILITY_RULE], RULES[selectors.ASSESSMENT_RULE], RULES[selectors.FOLLOW_UP_RULE]]


def _person_page(request: HttpRequest, s: Supervisee, **forms) -> HttpResponse:
    today = timezone.localdate()
    assessment = selectors.current_assessment(s)
    eligible = [n.kind for n in assessment.needs.all()] if assessment else []
    editable = _may_write(request.user, s)
    helpers = selectors.helpers_of(s) if editable else []
    cases = selectors.cases_of(s)
    latest = {}
    for c in reversed(cases):  # oldest first: the latest case of each kind stays
        latest[c.kind] = c
    needs = sorted(assessment.needs.all(), key=lambda n: Kind.values.index(n.kind)) if assessment else []
    context = {
        "s": s,
        "assessment": assessment,
        "needs": [(n, latest.get(n.kind)) for n in needs],
        "reasons": assessment.reasons.splitlines() if assessment else [],
        "earlier": list(s.needs_assessments.filter(current=False).select_related("recorded_by")[:20]),
        "cases": cases,
        "editable": editable,
        "assessment_form": forms.get("assessment_form")
        or (AssessmentForm(instance=assessment, initial={"assessed_on": today, "note": ""}) if editable else None),
        "case_form": forms.get("case_form")
        or (
            CaseForm(eligible=eligible, handlers=helpers, initial={"opened_on": today})
            if editable and assessment
            else None
        ),
        "rules": _rules(),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("帮扶", None),
        ],
    }
    return render(request, "assistance/person.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    _readable(request)
    return _person_page(request, supervisee_viewed(request, pk))


def _writable_person(request: HttpRequest, pk: int) -> Supervisee:
    s = get_supervisee_for_user(request.user, pk)
    if s.status != Status.UNDER_CORRECTION:
        raise PermissionDenied
    return s


@require_POST
@capability_required(Capability.ASSISTANCE_RECORD)
def assess_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = _writable_person(request, pk)
    form = AssessmentForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.assessment_record(actor=request.user, supervisee=s, assessment=form.instance),
        done="已登记帮扶需求评估。",
        back_to=reverse("assistance:person", args=[pk]),
        rerender=lambda: _person_page(request, s, assessment_form=form),
        draft_key=f"assistance-assessment-{pk}",
    )


@require_POST
@capability_required(Capability.ASSISTANCE_RECORD)
def open_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = _writable_person(request, pk)
    assessment = selectors.current_assessment(s)
    eligible = [n.kind for n in assessment.needs.all()] if assessment else []
    helpers = selectors.helpers_of(s)
    form = CaseForm(request.POST, eligible=eligible, handlers=helpers)

    def act(data):
        need = assessment.needs.filter(kind=data["kind"]).first() if assessment else None
        body = data["body"] or (need.bodies[0] if need else "")
        handler = next((u for u in helpers if u.pk == data.get("handler")), None)
        services.case_open(
            actor=request.user,
            supervisee=s,
            kind=data["kind"],
            body=body,
            opened_on=data["opened_on"],
            note=data["note"],
            handler=handler,
        )

    return run_step(
        request,
        form=form,
        act=act,
        done="已立案，请转介负责部门。",
        back_to=reverse("assistance:person", args=[pk]),
        rerender=lambda: _person_page(request, s, case_form=form),
    )


def _case_page(request: HttpRequest, case: AssistanceCase, form: StepForm | None = None) -> HttpResponse:
    s = case.supervisee
    editable = _may_write(request.user, s) and not case.finished
    steps = list(case.steps.select_related("recorded_by"))
    follow_up = None
    if case.status in (AssistanceCase.Status.REFERRED, AssistanceCase.Status.IN_PROGRESS):
        follow_up = RULES[selectors.FOLLOW_UP_RULE](statute_context(), followed_up_on=steps[-1].day)
    context = {
        "case": case,
        "s": s,
        "steps": steps,
        "follow_up": follow_up,
        "form": form
        or (StepForm(actions=services.actions_for(case), initial={"day": timezone.localdate()}) if editable else None),
        "editable": editable,
        "rules": [RULES[selectors.FOLLOW_UP_RULE], RULES[selectors.ELIGIBILITY_RULE]],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("帮扶", reverse("assistance:person", args=[s.pk])),
            (case.get_kind_display(), None),
        ],
    }
    return render(request, "assistance/case.html", context)


def _case(request: HttpRequest, pk: int) -> AssistanceCase:
    case = selectors.get_case_for_user(request.user, pk)
    case.supervisee = supervisee_viewed(request, case.supervisee_id)
    return case


@capability_required(Capability.SUPERVISEE_VIEW)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    _readable(request)
    return _case_page(request, _case(request, pk))


@require_POST
@capability_required(Capability.ASSISTANCE_RECORD)
def step_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for_user(request.user, pk)
    if case.supervisee.status != Status.UNDER_CORRECTION:
        raise PermissionDenied
    form = StepForm(request.POST, actions=services.actions_for(case))
    return run_step(
        request,
        form=form,
        act=lambda data: services.case_step(
            actor=request.user, case=case, action=data["action"], day=data["day"], note=data["note"]
        ),
        done="已登记帮扶进展。",
        back_to=reverse("assistance:case", args=[pk]),
        rerender=lambda: _case_page(request, case, form),
    )


def _list(request: HttpRequest, *, mine: bool) -> HttpResponse:
    g = request.GET
    status = g.get("status", "") if g.get("status", "") in STATUSES else ""
    kind = g.get("kind", "") if g.get("kind", "") in KINDS else ""
    q = g.get("q", "").strip()[:50]
    cases = selectors.case_list(request.user, status=status, kind=kind, q=q, mine=mine)
    title = "我的帮扶个案" if mine else "帮扶个案"
    context = {
        "page": Paginator(cases, PER_PAGE).get_page(g.get("page")),
        "status": status,
        "statuses": STATUSES,
        "kind": kind,
        "kinds": KINDS,
        "q": q,
        "mine": mine,
        "title": title,
        "crumbs": [(title, None)],
    }
    return render(request, "assistance/list.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=False)


@capability_required(Capability.ASSISTANCE_RECORD)
def mine_view(request: HttpRequest) -> HttpResponse:
    return _list(request, mine=True)


@capability_required(Capability.CASEWORK_VIEW)
def coverage_view(request: HttpRequest) -> HttpResponse:
    """应保尽保: a city first sees its counties, a county (its own, or the one a city picked) its offices, then an
    office (or the one picked) the people not covered. Counted over the user's area, minors included; a person is
    named only where the user may open the record."""
    user, g = request.user, request.GET
    area = area_offices(user)
    if area is None:
        raise PermissionDenied
    kind = g.get("kind", "") if g.get("kind", "") in Kind.values else ""
    level = area_level(user)
    counties = register_filter_options(user)[0] if level == "city" else []
    county = next((c for c in counties if c.pk == int_param(g.get("county"))), None)
    if county is not None:
        area = area.filter(county_id=county.pk)
    office_id = int_param(g.get("office"))
    office = area.filter(pk=office_id).first() if office_id else None
    if office is not None:
        area = area.filter(pk=office.pk)
    by = "county" if level == "city" and county is None and office is None else "office"
    by_kind, by_unit = selectors.coverage(area, by, kind)
    context: dict = {
        "kind": kind,
        "kinds": Kind.choices,
        "by_kind": [(code, label, by_kind[code]) for code, label in Kind.choices],
        "county": county,
        "office": office,
        "by": by,
        "rows": None,
        "page": None,
        "rule": RULES[selectors.ELIGIBILITY_RULE],
        "crumbs": [("帮扶覆盖情况", reverse("assistance:coverage") if county or office else None)],
    }
    if office is None and level:  # a county's or a city's: its counties or offices, most not covered first
        if by == "county":
            units = Unit.objects.filter(kind=Unit.Kind.COUNTY_AGENCY, county_id__in=list(by_unit))
            rows = [(u, by_unit[u.county_id]) for u in units]
        else:
            rows = [(u, by_unit[u.pk]) for u in Unit.objects.filter(pk__in=list(by_unit))]
        context["rows"] = sorted(rows, key=lambda row: (-row[1].uncovered, row[0].name))
    else:  # an office's: the people not covered
        page = Paginator(selectors.uncovered(area, kind), PER_PAGE * 2).get_page(g.get("page"))
        people = {n.assessment.supervisee_id for n in page.object_list}
        visible = set(supervisees_for(user).filter(pk__in=people).values_list("pk", flat=True))
        context |= {"page": page, "visible": visible}
    context["crumbs"] += [(unit.name, None) for unit in (county, office) if unit is not None]
    return render(request, "assistance/coverage.html", context)
