"""The education pages: the list of sessions in the user's jurisdiction, a new group session, a session with its
enrolment and roll call, and one person's education (the month against the level's requirement, individual
education)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.education import selectors, services
from sqjz.education.forms import EnrolForm, IndividualForm, RollCallForm, ServiceForm, SessionForm
from sqjz.education.models import CommunityService, EducationSession
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
    context = {
        "page": page,
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


@capability_required(Capability.EDUCATION_RECORD)
def new_view(request: HttpRequest) -> HttpResponse:
    offices = _offices(request.user)
    if not offices:
        raise PermissionDenied
    form = SessionForm(request.POST or None, offices=offices, initial={"held_on": timezone.localdate()})
    created = {}

    def act(data: dict) -> None:
        created["session"] = services.session_create(
            actor=request.user, session=form.instance, office=data.get("office")
        )

    if request.method == "POST":
        response = run_step(
            request,
            form=form,
            act=act,
            done="已登记集中教育，请报名参加人员。",
            back_to=reverse("education:list"),
            rerender=lambda: _new_page(request, form),
            draft_key="education-new",
        )
        if "session" in created:
            return redirect("education:session", pk=created["session"].pk)
        return response
    return _new_page(request, form)


def _new_page(request: HttpRequest, form: SessionForm) -> HttpResponse:
    context = {
        "form": form,
        "rule": RULES[selectors.APART_RULE],
        "crumbs": [("教育学习", reverse("education:list")), ("组织集中教育", None)],
    }
    return render(request, "education/new.html", context)


def _session_page(request: HttpRequest, session: EducationSession, **forms) -> HttpResponse:
    attendances = list(session.attendances.select_related("supervisee").order_by("supervisee__name", "id"))
    ids = [a.supervisee_id for a in attendances]
    visible = set(supervisees_for(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    may_write = session.kind == EducationSession.Kind.GROUP and _may_organise(request.user, session.office_id)
    context = {
        "session": session,
        "rows": [(a, a.supervisee_id in visible) for a in attendances],
        "roll_url": reverse("education:roll_call", args=[session.pk]),
        "enrol_url": reverse("education:enrol", args=[session.pk]),
        "office_name": session.office.name,
        "for_minors": session.for_minors,
        "present_count": sum(1 for a in attendances if a.present),
        "may_write": may_write,
        "held": session.held_on <= timezone.localdate(),
        "enrol_form": forms.get("enrol_form")
        or (EnrolForm(queryset=selectors.candidates(session)) if may_write else None),
        "roll_form": forms.get("roll_form") or (RollCallForm(attendances=attendances) if may_write else None),
        "rule": RULES[selectors.APART_RULE],
        "crumbs": [("教育学习", reverse("education:list")), (session.topic, None)],
    }
    return render(request, "education/session.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _session_page(request, selectors.get_session_for_user(request.user, pk))


def _session_step(request: HttpRequest, pk: int, form_name: str, make_form, act, done: str) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    form = make_form(session)
    return run_step(
        request,
        form=form,
        act=lambda data: act(session, form, data),
        done=done,
        back_to=reverse("education:session", args=[pk]),
        rerender=lambda: _session_page(request, session, **{form_name: form}),
    )


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    def make(session):
        # Anyone of the office may be chosen, so that the service names who may not take part and why.
        people = Supervisee.objects.filter(judicial_office_id=session.office_id, status=Status.UNDER_CORRECTION)
        return EnrolForm(request.POST, queryset=people)

    def act(session, form, data):
        services.session_enrol(actor=request.user, session=session, people=list(data["people"]))

    return _session_step(request, pk, "enrol_form", make, act, "已报名。")


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def roll_call_view(request: HttpRequest, pk: int) -> HttpResponse:
    def make(session):
        attendances = list(session.attendances.select_related("supervisee").order_by("supervisee__name", "id"))
        return RollCallForm(request.POST, attendances=attendances)

    def act(session, form, data):
        services.session_roll_call(actor=request.user, session=session, present=form.present(), notes=form.notes())

    return _session_step(request, pk, "roll_form", make, act, "已保存点名结果。")


def _month_back(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _person_page(request: HttpRequest, s: Supervisee, form: IndividualForm | None = None) -> HttpResponse:
    today = timezone.localdate()
    editable = (
        s.status == Status.UNDER_CORRECTION
        and has_capability(request.user, Capability.EDUCATION_RECORD)
        and can_access(request.user, s, Access.EDIT)
    )
    context = {
        "s": s,
        "months": [selectors.month_progress(s, _month_back(today, n)) for n in range(3)],
        "attendances": list(selectors.attendances_of(s)[:100]),
        "services": list(selectors.service_attendances_of(s)[:100]),
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
    offices = _offices(request.user)
    if not offices:
        raise PermissionDenied
    form = ServiceForm(request.POST or None, offices=offices, initial={"held_on": timezone.localdate()})
    created = {}

    def act(data: dict) -> None:
        created["activity"] = services.service_create(
            actor=request.user, activity=form.instance, office=data.get("office")
        )

    def page() -> HttpResponse:
        context = {
            "form": form,
            "rule": RULES[selectors.FIT_RULE],
            "crumbs": [("公益活动", reverse("education:services")), ("组织公益活动", None)],
        }
        return render(request, "education/service_new.html", context)

    if request.method != "POST":
        return page()
    response = run_step(
        request,
        form=form,
        act=act,
        done="已登记公益活动，请报名参加人员。",
        back_to=reverse("education:services"),
        rerender=page,
        draft_key="service-new",
    )
    return redirect("education:service", pk=created["activity"].pk) if "activity" in created else response


def _service_page(request: HttpRequest, activity: CommunityService, **forms) -> HttpResponse:
    attendances = list(activity.attendances.select_related("supervisee").order_by("supervisee__name", "id"))
    ids = [a.supervisee_id for a in attendances]
    visible = set(supervisees_for(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    may_write = _may_organise(request.user, activity.office_id)
    context = {
        "activity": activity,
        "rows": [(a, a.supervisee_id in visible) for a in attendances],
        "roll_url": reverse("education:service_roll_call", args=[activity.pk]),
        "enrol_url": reverse("education:service_enrol", args=[activity.pk]),
        "office_name": activity.office.name,
        "for_minors": activity.for_minors,
        "capacity": activity.capacity,
        "candidates_note": "（年龄、身体状况适合本活动的）",
        "present_count": sum(1 for a in attendances if a.present),
        "may_write": may_write,
        "held": activity.held_on <= timezone.localdate(),
        "enrol_form": forms.get("enrol_form")
        or (EnrolForm(queryset=selectors.service_candidates(activity)) if may_write else None),
        "roll_form": forms.get("roll_form") or (RollCallForm(attendances=attendances) if may_write else None),
        "rules": [RULES[selectors.FIT_RULE], RULES[selectors.APART_RULE]],
        "crumbs": [("公益活动", reverse("education:services")), (activity.title, None)],
    }
    return render(request, "education/service.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def service_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _service_page(request, selectors.get_service_for_user(request.user, pk))


def _service_step(request: HttpRequest, pk: int, form_name: str, make_form, act, done: str) -> HttpResponse:
    activity = selectors.get_service_for_user(request.user, pk)
    form = make_form(activity)
    return run_step(
        request,
        form=form,
        act=lambda data: act(activity, form, data),
        done=done,
        back_to=reverse("education:service", args=[pk]),
        rerender=lambda: _service_page(request, activity, **{form_name: form}),
    )


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def service_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    def make(activity):
        people = Supervisee.objects.filter(judicial_office_id=activity.office_id, status=Status.UNDER_CORRECTION)
        return EnrolForm(request.POST, queryset=people)

    def act(activity, form, data):
        services.service_enrol(actor=request.user, activity=activity, people=list(data["people"]))

    return _service_step(request, pk, "enrol_form", make, act, "已报名。")


@require_POST
@capability_required(Capability.EDUCATION_RECORD)
def service_roll_call_view(request: HttpRequest, pk: int) -> HttpResponse:
    def make(activity):
        attendances = list(activity.attendances.select_related("supervisee").order_by("supervisee__name", "id"))
        return RollCallForm(request.POST, attendances=attendances)

    def act(activity, form, data):
        services.service_roll_call(actor=request.user, activity=activity, present=form.present(), notes=form.notes())

    return _service_step(request, pk, "roll_form", make, act, "已保存点名结果。")
