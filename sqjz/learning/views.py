"""The pages of phone courses for offices and county agencies: the list, a new course, a course with its assignments
and the assign form, the county's counting rule, and the course's file (also for the person it is assigned to)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.core.workflow import run_step
from sqjz.learning import selectors, services
from sqjz.learning.files import course_file_response
from sqjz.learning.forms import AssignForm, CourseForm, RuleForm
from sqjz.learning.models import Assignment, Course
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import supervisees_for

PER_PAGE = 20


def _may_publish(user) -> bool:
    unit = user.unit
    return has_capability(user, Capability.LEARNING_MANAGE) and unit is not None and unit.kind in services.PUBLISHERS


def _may_set_rule(user) -> bool:
    unit = user.unit
    return (
        has_capability(user, Capability.LEARNING_MANAGE) and unit is not None and unit.kind == Unit.Kind.COUNTY_AGENCY
    )


@capability_required(Capability.CASEWORK_VIEW)
def list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.course_list(request.user, q=q), PER_PAGE).get_page(request.GET.get("page"))
    county_id = request.user.unit.county_id if request.user.unit else None
    context = {
        "page": page,
        "q": q,
        "may_publish": _may_publish(request.user),
        "may_set_rule": _may_set_rule(request.user),
        "rule": selectors.counting_rule(county_id) if county_id else None,
        "crumbs": [("网上学习", None)],
    }
    return render(request, "learning/list.html", context)


@capability_required(Capability.LEARNING_MANAGE)
def new_view(request: HttpRequest) -> HttpResponse:
    if not _may_publish(request.user):
        raise PermissionDenied
    form = CourseForm(request.POST or None, request.FILES or None, initial={"kind": Course.Kind.TEXT, "hours": 1})
    created = []
    crumbs = [("网上学习", reverse("learning:list")), ("发布课程", None)]

    def rerender() -> HttpResponse:
        return render(request, "learning/new.html", {"form": form, "crumbs": crumbs})

    if request.method != "POST":
        return rerender()

    def act(data):
        upload = data.get("file")
        created.append(
            services.course_create(
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                hours=data["hours"],
                body=data["body"],
                data=upload.read() if upload else b"",
            )
        )

    response = run_step(
        request,
        form=form,
        act=act,
        done="已发布课程，请布置给矫正对象。",
        back_to=reverse("learning:list"),
        rerender=rerender,
    )
    return redirect("learning:course", pk=created[0].pk) if created else response


def _course_page(request: HttpRequest, course: Course, assign_form: AssignForm | None = None) -> HttpResponse:
    assignments = selectors.assignments_of_course(course)
    ids = [a.supervisee_id for a in assignments]
    visible = set(supervisees_for(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    may_assign = course.active and has_capability(request.user, Capability.LEARNING_MANAGE)
    if assign_form is None and may_assign:
        assign_form = AssignForm(queryset=selectors.candidates(request.user, course))
    context = {
        "course": course,
        "rows": [(a, a.supervisee_id in visible) for a in assignments],
        "finished": sum(1 for a in assignments if a.completed_at),
        "assign_form": assign_form if may_assign else None,
        "crumbs": [("网上学习", reverse("learning:list")), (course.title, None)],
    }
    return render(request, "learning/course.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def course_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _course_page(request, selectors.get_course_for_user(request.user, pk))


@require_POST
@capability_required(Capability.LEARNING_MANAGE)
def assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for_user(request.user, pk)
    # Anyone under correction may be posted, so that the service names who may not have the course and why.
    form = AssignForm(request.POST, queryset=Supervisee.objects.filter(status=Status.UNDER_CORRECTION))
    return run_step(
        request,
        form=form,
        act=lambda data: services.course_assign(actor=request.user, course=course, people=list(data["people"])),
        done="已布置课程，矫正对象可在手机上学习。",
        back_to=reverse("learning:course", args=[pk]),
        rerender=lambda: _course_page(request, course, form),
    )


@capability_required(Capability.LEARNING_MANAGE)
def rule_view(request: HttpRequest) -> HttpResponse:
    if not _may_set_rule(request.user):
        raise PermissionDenied
    rule = selectors.counting_rule(request.user.unit.county_id)
    form = RuleForm(request.POST or None, initial={"counts_as_hours": bool(rule and rule.counts_as_hours)})
    crumbs = [("网上学习", reverse("learning:list")), ("计时规则", None)]
    if request.method != "POST":
        return render(request, "learning/rule.html", {"form": form, "rule": rule, "crumbs": crumbs})
    return run_step(
        request,
        form=form,
        act=lambda data: services.counting_rule_set(actor=request.user, counts_as_hours=data["counts_as_hours"]),
        done="已保存本县网上学习计时规则。",
        back_to=reverse("learning:list"),
        rerender=lambda: render(request, "learning/rule.html", {"form": form, "rule": rule, "crumbs": crumbs}),
    )


def file_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A course's PDF or video, shown in the page: for staff who may open the course, and for a person it is
    assigned to."""
    user = request.user
    if not user.is_authenticated or not user.is_active:
        return redirect_to_login(request.get_full_path())
    if user.role == Role.SUPERVISEE:
        mine = Assignment.objects.filter(course_id=pk, course__active=True, supervisee_id=user.supervisee_id)
        assignment = mine.select_related("course").first()
        if assignment is None:
            raise Http404
        return course_file_response(assignment.course.file_name)
    if not has_capability(user, Capability.CASEWORK_VIEW):
        raise PermissionDenied
    return course_file_response(selectors.get_course_for_user(user, pk).file_name)
