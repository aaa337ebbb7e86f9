"""The mentoring pages: the mentor's own people (我的帮教对象), one person's mentoring (the pairing, the occasions for
a visit with their deadlines, the visits, the changes the person reported), and the figures per department."""

from datetime import date
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.mentoring import selectors, services
from sqjz.mentoring.forms import TriggerForm, VisitForm
from sqjz.mentoring.models import ChangeReport, Trigger, Visit
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user

RULE_CODES = (selectors.DUE_RULE, selectors.ESCALATION_RULE, selectors.CHANGE_RULE)


def _may_read(user) -> bool:
    return has_capability(user, Capability.CASEWORK_VIEW) or has_capability(user, Capability.MENTORING_VISIT)


def _readers(view):
    """The pages of one person's mentoring: those who follow the casework, and mentors (of their own people)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not _may_read(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@capability_required(Capability.MENTORING_VISIT)
def mine_view(request: HttpRequest) -> HttpResponse:
    people = list(selectors.mentor_people(request.user)[:200])
    open_ = selectors.open_triggers_of([s.pk for s in people])
    ctx = statute_context()
    rows = [(s, selectors.trigger_rows(open_.get(s.pk, []), ctx)) for s in people]
    rows.sort(key=lambda row: (not row[1], row[1][0].due.outcome.due if row[1] else date.max, row[0].name))
    visits = Visit.objects.filter(mentor=request.user).select_related("supervisee", "trigger")[:20]
    context = {"rows": rows, "visits": list(visits), "crumbs": [("我的帮教对象", None)]}
    return render(request, "mentoring/mine.html", context)


def _person_page(
    request: HttpRequest,
    s: Supervisee,
    *,
    trigger_form: TriggerForm | None = None,
    visit_form: VisitForm | None = None,
    focus: Trigger | None = None,
    focus_report: ChangeReport | None = None,
) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    pair = selectors.mentor_of(s)
    active = s.status == Status.UNDER_CORRECTION
    may_record = active and has_capability(user, Capability.MENTORING_MANAGE) and can_access(user, s, Access.VIEW)
    is_mentor = active and pair is not None and pair.user_id == user.pk
    rows = selectors.person_triggers(s)
    if focus is None and is_mentor:
        focus = next((r.trigger for r in rows if r.visit is None), None)
    history = (
        CaseAssignment.objects.filter(supervisee=s, kind=CaseAssignment.Kind.MENTOR)
        .select_related("user__unit")
        .order_by("-is_active", "-assigned_at", "-id")
    )
    context = {
        "s": s,
        "pair": pair,
        "history": list(history),
        "rows": rows,
        "focus": focus,
        "focus_report": focus_report,
        "visits": list(Visit.objects.filter(supervisee=s).select_related("mentor__unit", "trigger")[:50]),
        "reports": list(selectors.change_reports(s)[:50]),
        "may_read_reports": may_record,
        "trigger_form": trigger_form
        or (TriggerForm(initial={"known_on": today, "source": Trigger.Source.OFFICE}) if may_record else None),
        "visit_form": visit_form
        or (VisitForm(initial={"visited_on": today, "manner": Visit.Manner.HOME_VISIT}) if is_mentor else None),
        "rules": [RULES[code] for code in RULE_CODES],
        "crumbs": _crumbs(user, s),
    }
    return render(request, "mentoring/person.html", context)


def _crumbs(user, s: Supervisee) -> list:
    if has_capability(user, Capability.CASEWORK_VIEW):
        return [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("511帮教", None),
        ]
    return [("我的帮教对象", reverse("mentoring:mine")), (s.name, None)]


@_readers
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, supervisee_viewed(request, pk))


@_readers
def trigger_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One occasion (the to-do's page): the person's mentoring page with the visit form set to answer it."""
    trigger = Trigger.objects.filter(pk=pk).only("supervisee_id").first()
    if trigger is None:
        raise Http404
    s = supervisee_viewed(request, trigger.supervisee_id)
    return _person_page(request, s, focus=selectors.get_trigger(s, pk))


@_readers
def change_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = ChangeReport.objects.filter(pk=pk).only("supervisee_id").first()
    if report is None:
        raise Http404
    s = supervisee_viewed(request, report.supervisee_id)
    return _person_page(request, s, focus_report=report)


@require_POST
@capability_required(Capability.MENTORING_MANAGE)
def trigger_new_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    form = TriggerForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.trigger_record(actor=request.user, supervisee=s, **data),
        done="已登记五必访情形，已通知结对干警走访。",
        back_to=reverse("mentoring:person", args=[pk]),
        rerender=lambda: _person_page(request, s, trigger_form=form),
        draft_key=f"mentoring-trigger-{pk}",
    )


@require_POST
@capability_required(Capability.MENTORING_VISIT)
def visit_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    form = VisitForm(request.POST)
    trigger_id = request.POST.get("trigger", "")
    trigger_id = int(trigger_id) if trigger_id.isascii() and trigger_id.isdigit() else None
    focus = selectors.get_trigger(s, trigger_id) if trigger_id else None
    return run_step(
        request,
        form=form,
        act=lambda data: services.visit_record(
            actor=request.user, supervisee=s, visit=form.instance, trigger_id=trigger_id
        ),
        done="已登记走访。",
        back_to=reverse("mentoring:person", args=[pk]),
        rerender=lambda: _person_page(request, s, visit_form=form, focus=focus),
        draft_key=f"mentoring-visit-{pk}",
    )


@require_POST
@capability_required(Capability.MENTORING_MANAGE)
def change_read_view(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    return run_step(
        request,
        form=None,
        act=lambda data: services.change_report_read(actor=request.user, supervisee=s, report_id=report_id),
        done="已阅知变动情况报告。",
        back_to=reverse("mentoring:person", args=[pk]),
        rerender=lambda: _person_page(request, s),
    )


def _day(value: str | None, default: date) -> date:
    try:
        day = parse_date(value or "")
    except ValueError:
        day = None
    return day or default


@capability_required(Capability.CASEWORK_VIEW)
def report_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    start = _day(request.GET.get("start"), today.replace(month=1, day=1))
    end = _day(request.GET.get("end"), today)
    error = "起始日期不能晚于截止日期。" if start > end else ""
    rows = [] if error else selectors.department_report(request.user, start, end)
    context = {
        "start": start,
        "end": end,
        "error": error,
        "rows": rows,
        "rules": [RULES[selectors.DUE_RULE], RULES[selectors.ESCALATION_RULE]],
        "crumbs": [("511帮教统计", None)],
    }
    return render(request, "mentoring/report.html", context)
