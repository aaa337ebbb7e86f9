"""The education pages: the list of sessions in the user's jurisdiction, a new group session, a session with its
enrolment and roll call, and one person's education (the month against the level's requirement, individual
education)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.models import User
from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.education import selectors, services
from sqjz.education.forms import (
    EnrolForm,
    HelpersForm,
    IndividualForm,
    ReadForm,
    RollCallForm,
    ServiceForm,
    SessionForm,
)
from sqjz.education.models import Attendance, EducationSession
from sqjz.statute.calendar import add_months
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, area_offices, can_access, get_supervisee_for_user, supervisees_for

PER_PAGE = 20
KINDS = {"": "全部", **dict(EducationSession.Kind.choices)}


def _may_organise(user, office_id: int | None = None) -> bool:
    if not has_capability(user, Capability.EDUCATION_RECORD):
        return False
    offices = area_offices(user)
    return offices is not None and (office_id is None or offices.filter(pk=office_id).exists())


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.session_list(request.user, kind=kind, q=q), PER_PAGE).get_page(request.GET.get("page"))
    # Whom each individual session was with, named where the user may open the record (a minor's is sealed).
    individual = [e.pk for e in page.object_list if e.kind == EducationSession.Kind.INDIVIDUAL]
    people = dict(Attendance.objects.filter(session_id__in=individual).values_list("session_id", "supervisee_id"))
    visible = dict(supervisees_for(request.user).filter(pk__in=people.values()).values_list("pk", "name"))
    context = {
        "page": page,
        "rows": [(e, people.get(e.pk), visible.get(people.get(e.pk))) for e in page.object_list],
        "kind": kind,
        "kinds": KINDS,
        "q": q,
        "may_organise": _may_organise(request.user),
        "crumbs": [("教育学习", None)],
    }
    return render(request, "education/list.html", context)


def _offices(user) -> list:
    offices = area_offices(user)
    return list(offices.order_by("name")) if offices is not None else []


def _new(request: HttpRequest, form_class, create, *, template: str, draft: str, page: str, done: str, context: dict):
    """The form of a new session or activity; once saved, its page (to enrol people)."""
    offices = _offices(request.user)
    if not offices:
        raise PermissionDenied
    form = form_class(request.POST or None, offices=offices, initial={"held_on": timezone.localdate()})
    created = []

    def rerender() -> HttpResponse:
        return render(request, template, context | {"form": form})

    if request.method != "POST":
        return rerender()
    response = run_step(
        request,
        form=form,
        act=lambda data: created.append(create(request.user, form.instance, data.get("office"))),
        done=done,
        back_to=context["crumbs"][0][1],
        rerender=rerender,
        draft_key=draft,
    )
    return redirect(page, pk=created[0].pk) if created else response


@capability_required(Capability.EDUCATION_RECORD)
def new_view(request: HttpRequest) -> HttpResponse:
    return _new(
        request,
        SessionForm,
        lambda user, session, office: services.session_create(actor=user, session=session, office=office),
        template="education/new.html",
        draft="education-new",
        page="education:session",
        done="已登记集中教育，请报名参加人员。",
        context={
            "rule": RULES[selectors.APART_RULE],
            "crumbs": [("教育学习", reverse("education:list")), ("组织集中教育", None)],
        },
    )


@dataclass(frozen=True)
class _Gathering:
    """What differs between a group session and a public-benefit activity on their pages: both are organised by an
    office, take people in (enrol), and have a roll call."""

    name: str  # the record's name in the template
    template: str
    page: str  # URL names
    enrol: str
    roll_call: str
    get: Callable  # (user, pk) → the record within the user's jurisdiction, else 404
    candidates: Callable  # record → the people the enrolment offers
    enrol_people: Callable  # the services
    roll_call_people: Callable
    own_context: Callable  # record → the page's own context


def _attendances(event) -> list:
    return list(event.attendances.select_related("supervisee").order_by("supervisee__name", "id"))


def _gathering_page(request: HttpRequest, g: _Gathering, event, **forms) -> HttpResponse:
    attendances = _attendances(event)
    ids = [a.supervisee_id for a in attendances]
    visible = set(supervisees_for(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    individual = getattr(event, "kind", "") == EducationSession.Kind.INDIVIDUAL
    may_write = not individual and _may_organise(request.user, event.office_id)
    context = {
        g.name: event,
        "rows": [(a, a.supervisee_id in visible) for a in attendances],
        "roll_url": reverse(g.roll_call, args=[event.pk]),
        "enrol_url": reverse(g.enrol, args=[event.pk]),
        "office_name": event.office.name,
        "for_minors": event.for_minors,
        "present_count": sum(1 for a in attendances if a.present),
        "may_write": may_write,
        "held": event.held_on <= timezone.localdate(),
        "enrol_form": forms.get("enrol_form") or (EnrolForm(queryset=g.candidates(event)) if may_write else None),
        "roll_form": forms.get("roll_form") or (RollCallForm(attendances=attendances) if may_write else None),
        "helpers_form": forms.get("helpers_form"),
    }
    return render(request, g.template, context | g.own_context(event))


def _gathering_step(request: HttpRequest, g: _Gathering, pk: int, form_name: str, make_form, act, done: str):
    event = g.get(request.user, pk)
    form = make_form(event)
    return run_step(
        request,
        form=form,
        act=lambda data: act(event, form, data),
        done=done,
        back_to=reverse(g.page, args=[pk]),
        rerender=lambda: _gathering_page(request, g, event, **{form_name: form}),
    )


def _enrol(request: HttpRequest, g: _Gathering, pk: int) -> HttpResponse:
    def make(event):
        # Anyone of the office may be chosen, so that the service names who may not take part and why.
        people = Supervisee.objects.filter(judicial_office_id=event.office_id, status=Status.UNDER_CORRECTION)
        return EnrolForm(request.POST, queryset=people)

    def act(event, form, data):
        g.enrol_people(request.user, event, list(data["people"]))

    return _gathering_step(request, g, pk, "enrol_form", make, act, "已报名。")


def _roll_call(request: HttpRequest, g: _Gathering, pk: int) -> HttpResponse:
    def act(event, form, data):
        g.roll_call_people(request.user, event, form.present(), form.notes())

    make = lambda event: RollCallForm(request.POST, attendances=_attendances(event))  # noqa: E731
    return _gathering_step(request, g, pk, "roll_form", make, act, "已保存点名结果。")


SESSION = _Gathering(
    name="session",
    template="education/session.html",
    page="education:session",
    enrol="education:enrol",
    roll_call="education:roll_call",
    get=selectors.get_session_for_user,
    candidates=selectors.candidates,
    enrol_people=lambda user, e, people: services.session_enrol(actor=user, session=e, people=people),
    roll_call_people=lambda user, e, present, notes: services.session_roll_call(
        actor=user, session=e, present=present, notes=notes
    ),
    own_context=lambda e: {
        "rule": [RULES[selectors.APART_RULE], RULES[selectors.VENUE_RULE]],
        "crumbs": [("教育学习", reverse("education:list")), (e.topic, None)],
    },
)


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def checkin_attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    try:
        marked = services.session_checkin_attendance(actor=request.user, session=session)
    except services.EducationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"按现场签到登记{marked}人到场；其余人员请点名。")
    return redirect("education:session", pk=pk)


@capability_required(Capability.CASEWORK_VIEW)
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _gathering_page(request, SESSION, selectors.get_session_for_user(request.user, pk))


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrol(request, SESSION, pk)


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def roll_call_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _roll_call(request, SESSION, pk)


def _person_page(request: HttpRequest, s: Supervisee, form: IndividualForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    editable = (
        s.status == Status.UNDER_CORRECTION
        and has_capability(request.user, Capability.EDUCATION_RECORD)
        and can_access(request.user, s, Access.EDIT)
    )
    context = {
        "s": s,
        "months": selectors.months_progress(s, add_months(today.replace(day=1), -2), today)[::-1],  # newest first
        "attendances": list(selectors.attendances_of(s)[:100]),
        "services": list(selectors.service_attendances_of(s)[:100]),
        "reports": list(s.personal_reports.select_related("read_by")[:20]),
        "quarter": selectors.quarter_reports(s, today),
        "read_form": ReadForm() if editable else None,
        "editable": editable,
        "form": form or (IndividualForm(initial={"held_on": today, "hours": 1}) if editable else None),
        "rules": [RULES[selectors.PROGRESS_RULE], RULES[selectors.APART_RULE], RULES[selectors.FIT_RULE]],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("教育学习", None),
        ],
    }
    return render(request, "education/person.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, supervisee_viewed(request, pk))


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def individual_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = IndividualForm(request.POST)

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _person_page(request, s, form)

    return run_step(
        request,
        form=form,
        act=lambda data: services.individual_record(actor=request.user, supervisee=s, session=form.instance),
        done="已记录个别教育。",
        back_to=reverse("education:person", args=[pk]),
        rerender=rerender,
        draft_key=f"education-individual-{pk}",
    )


# ------------------------------------------------------------------------------------------- community service


@capability_required(Capability.CASEWORK_VIEW)
def service_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.service_list(request.user, q=q), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "may_organise": _may_organise(request.user),
        "crumbs": [("公益活动", None)],
    }
    return render(request, "education/service_list.html", context)


@capability_required(Capability.EDUCATION_RECORD)
def service_new_view(request: HttpRequest) -> HttpResponse:
    return _new(
        request,
        ServiceForm,
        lambda user, activity, office: services.service_create(actor=user, activity=activity, office=office),
        template="education/service_new.html",
        draft="service-new",
        page="education:service",
        done="已登记公益活动，请报名参加人员。",
        context={
            "rule": RULES[selectors.FIT_RULE],
            "crumbs": [("公益活动", reverse("education:services")), ("组织公益活动", None)],
        },
    )


SERVICE = _Gathering(
    name="activity",
    template="education/service.html",
    page="education:service",
    enrol="education:service_enrol",
    roll_call="education:service_roll_call",
    get=selectors.get_service_for_user,
    candidates=selectors.service_candidates,
    enrol_people=lambda user, e, people: services.service_enrol(actor=user, activity=e, people=people),
    roll_call_people=lambda user, e, present, notes: services.service_roll_call(
        actor=user, activity=e, present=present, notes=notes
    ),
    own_context=lambda e: {
        "helpers": list(e.helpers.select_related("user").order_by("user__full_name")),
        "capacity": e.capacity,
        "candidates_note": "（年龄、身体状况适合本活动的）",
        "rules": [RULES[selectors.FIT_RULE], RULES[selectors.APART_RULE]],
        "crumbs": [("公益活动", reverse("education:services")), (e.title, None)],
    },
)


def _service_page(request: HttpRequest, activity, helpers_form: HelpersForm | None = None) -> HttpResponse:
    may_arrange = _may_organise(request.user, activity.office_id) and activity.held_on >= timezone.localdate()
    if helpers_form is None and may_arrange:
        chosen = list(activity.helpers.values_list("user_id", flat=True))
        helpers_form = HelpersForm(queryset=selectors.helper_candidates(activity), initial={"users": chosen})
    return _gathering_page(request, SERVICE, activity, helpers_form=helpers_form)


@capability_required(Capability.CASEWORK_VIEW)
def service_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _service_page(request, selectors.get_service_for_user(request.user, pk))


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def service_helpers_view(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.get_service_for_user(request.user, pk)
    # Anyone may be posted, so that the service names who may not help.
    form = HelpersForm(request.POST, queryset=User.objects.filter(is_active=True))
    return run_step(
        request,
        form=form,
        act=lambda data: services.service_helpers_set(actor=request.user, activity=activity, users=list(data["users"])),
        done="已安排协助人员，活动前将列入其待办。",
        back_to=reverse("education:service", args=[pk]),
        rerender=lambda: _service_page(request, activity, form),
    )


@capability_required(Capability.HELP_RECORD)
def helping_view(request: HttpRequest) -> HttpResponse:
    """我协助的公益活动: the activities a volunteer or social worker helps run (not who takes part: that is the
    office's)."""
    page = Paginator(selectors.helping(request.user), PER_PAGE).get_page(request.GET.get("page"))
    context = {"page": page, "today": timezone.localdate(), "crumbs": [("我协助的公益活动", None)]}
    return render(request, "education/helping.html", context)


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def service_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _enrol(request, SERVICE, pk)


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def service_roll_call_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _roll_call(request, SERVICE, pk)


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def report_read_view(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = ReadForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda data: services.report_read(
            actor=request.user, supervisee=s, report_id=report_id, reply=data["reply"], occasion=data["occasion"]
        ),
        done="已阅示思想汇报。",
        back_to=reverse("education:person", args=[pk]),
        rerender=lambda: _person_page(request, s),
    )
