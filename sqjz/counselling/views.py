"""The counselling pages (restricted, decision 0038; every page that shows a person's records is logged): the open
crisis cases and recent sessions of the user's people, one person's counselling, and one crisis case."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.workflow import run_step
from sqjz.counselling import selectors, services
from sqjz.counselling.forms import AssessmentForm, CloseForm, CrisisForm, SessionForm
from sqjz.counselling.models import Assessment, CrisisCase, Session
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import get_supervisee_for_user

PER_PAGE = 20
RULE_CODES = (selectors.FOLLOW_UP_RULE, selectors.ASSESSMENT_RULE)


@capability_required(Capability.COUNSELLING_RECORD)
def list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:50]
    cases = selectors.cases_for(request.user).filter(closed_on__isnull=True).select_related("supervisee", "counsellor")
    if q:
        cases = cases.filter(supervisee__name__icontains=q)
    page = Paginator(cases.order_by("opened_on", "id"), PER_PAGE).get_page(request.GET.get("page"))
    dues = selectors.follow_ups(list(page.object_list))
    sessions = (
        Session.objects.filter(selectors.people_q(request.user, "supervisee__"), counsellor=request.user)
        .select_related("supervisee")
        .order_by("-held_on", "-id")[:20]
    )
    context = {
        "page": page,
        "rows": [(c, dues[c.pk]) for c in page.object_list],
        "sessions": list(sessions),
        "q": q,
        "today": timezone.localdate(),
        "crumbs": [("心理辅导", None)],
    }
    return render(request, "counselling/list.html", context)


def _person_page(request: HttpRequest, s: Supervisee, **forms) -> HttpResponse:
    today = timezone.localdate()
    active = s.status == Status.UNDER_CORRECTION
    cases = list(s.crisis_cases.select_related("counsellor", "opened_by", "closed_by"))
    open_case = next((c for c in cases if c.closed_on is None), None)
    latest = s.psych_assessments.first()
    context = {
        "s": s,
        "assessments": list(s.psych_assessments.select_related("assessed_by")[:20]),
        "after": selectors.after_assessment(latest.result) if latest else None,
        "cases": cases,
        "open_case": open_case,
        "due": selectors.follow_ups([open_case])[open_case.pk] if open_case else None,
        "sessions": list(s.counselling_sessions.select_related("counsellor", "crisis")[:50]),
        "assessment_form": forms.get("assessment_form")
        or (AssessmentForm(initial={"assessed_on": today}) if active else None),
        "session_form": forms.get("session_form")
        or (SessionForm(initial={"held_on": today, "hours": 1, "manner": "face"}) if active else None),
        "crisis_form": forms.get("crisis_form")
        or (
            CrisisForm(initial={"opened_on": today}, counsellors=selectors.counsellors_for(s))
            if active and open_case is None
            else None
        ),
        "rules": [RULES[code] for code in RULE_CODES],
        "crumbs": [
            ("心理辅导", reverse("counselling:list")),
            (s.name, None),
        ],
    }
    return render(request, "counselling/person.html", context)


@capability_required(Capability.COUNSELLING_RECORD)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, supervisee_viewed(request, pk))


def _step(request, pk: int, form, act, done: str, form_key: str, draft: str) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    return run_step(
        request,
        form=form,
        act=lambda data: act(s),
        done=done,
        back_to=reverse("counselling:person", args=[pk]),
        rerender=lambda: _person_page(request, s, **{form_key: form}),
        draft_key=f"counselling-{draft}-{pk}",
    )


@require_POST
@capability_required(Capability.COUNSELLING_RECORD)
def assessment_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssessmentForm(request.POST, instance=Assessment())
    return _step(
        request,
        pk,
        form,
        lambda s: services.assessment_record(actor=request.user, supervisee=s, assessment=form.instance),
        "已记录心理评估。",
        "assessment_form",
        "assessment",
    )


@require_POST
@capability_required(Capability.COUNSELLING_RECORD)
def crisis_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    form = CrisisForm(request.POST, instance=CrisisCase(), counsellors=selectors.counsellors_for(s))
    return _step(
        request,
        pk,
        form,
        lambda s: services.crisis_open(actor=request.user, supervisee=s, case=form.instance),
        "已启动心理危机干预，责任心理辅导人员的待办中已列出跟进期限。",
        "crisis_form",
        "crisis",
    )


@require_POST
@capability_required(Capability.COUNSELLING_RECORD)
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = SessionForm(request.POST, instance=Session())
    crisis = request.POST.get("crisis", "")
    crisis_id = int(crisis) if crisis.isascii() and crisis.isdigit() else None
    return _step(
        request,
        pk,
        form,
        lambda s: services.session_record(actor=request.user, supervisee=s, session=form.instance, crisis_id=crisis_id),
        "已记录心理辅导。",
        "session_form",
        "session",
    )


def _case(request: HttpRequest, pk: int) -> CrisisCase:
    case = selectors.cases_for(request.user).select_related("supervisee", "counsellor").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def _case_page(request: HttpRequest, case: CrisisCase, close_form: CloseForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    is_open = case.closed_on is None
    context = {
        "case": case,
        "s": case.supervisee,
        "sessions": list(case.sessions.select_related("counsellor")),
        "due": selectors.follow_ups([case]).get(case.pk),
        "session_form": SessionForm(initial={"held_on": today, "hours": 1, "manner": "face"}) if is_open else None,
        "close_form": close_form or (CloseForm(initial={"closed_on": today}) if is_open else None),
        "rules": [RULES[selectors.FOLLOW_UP_RULE]],
        "crumbs": [
            ("心理辅导", reverse("counselling:list")),
            (case.supervisee.name, reverse("counselling:person", args=[case.supervisee_id])),
            ("心理危机干预", None),
        ],
    }
    return render(request, "counselling/case.html", context)


@capability_required(Capability.COUNSELLING_RECORD)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    access_log_write(
        actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[case.supervisee_id], request=request
    )
    return _case_page(request, case)


@require_POST
@capability_required(Capability.COUNSELLING_RECORD)
def case_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    form = CloseForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.crisis_close(actor=request.user, case=case, **data),
        done="心理危机干预已结案。",
        back_to=reverse("counselling:case", args=[pk]),
        rerender=lambda: _case_page(request, case, form),
        draft_key=f"counselling-close-{pk}",
    )
