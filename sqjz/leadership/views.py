"""The leadership pages (decision 0047): the meetings of the user's area (filter by year and kind, paged) with the
overdue follow-up tasks above them, recording a meeting, a meeting with its attendance, decisions and tasks (adding a
task, marking one done) and its printable summary.

Reading and writing: LEADERSHIP_MANAGE (the county agencies for their county; the city agency reads every county's
and writes the city's). Meetings hold no personal records of people under correction: opening one is not logged."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required
from sqjz.core.http import int_param
from sqjz.core.workflow import run_step
from sqjz.inbox.registry import LOOKAHEAD_DAYS
from sqjz.leadership import selectors, services
from sqjz.leadership.forms import DoneForm, MeetingForm, TaskForm
from sqjz.leadership.models import FollowUpTask, Meeting

PER_PAGE = 20
KINDS = {"": "全部", **dict(Meeting.Kind.choices)}
TOP = ("领导小组和联席会议", "leadership:list")
OVERDUE_SHOWN = 20


def _crumbs(*rest) -> list:
    return [(TOP[0], reverse(TOP[1]) if rest else None), *rest]


@capability_required(Capability.LEADERSHIP_MANAGE)
def list_view(request: HttpRequest) -> HttpResponse:
    g, user, today = request.GET, request.user, timezone.localdate()
    kind = g.get("kind", "") if g.get("kind", "") in KINDS else ""
    years = selectors.years(user)
    year = int_param(g.get("year"))
    year = year if year in years else None
    # Overdue and due within the inbox's look-ahead (the to-do leadership_task points here), the earliest first.
    overdue = selectors.open_tasks_due(user, today + timedelta(days=LOOKAHEAD_DAYS))
    context = {
        "page": Paginator(selectors.meeting_list(user, year=year, kind=kind), PER_PAGE).get_page(g.get("page")),
        "kind": kind,
        "kinds": KINDS,
        "year": year,
        "years": years,
        "overdue": list(overdue[:OVERDUE_SHOWN]),
        "overdue_count": overdue.count(),
        "today": today,
        "crumbs": _crumbs(),
    }
    return render(request, "leadership/list.html", context)


@capability_required(Capability.LEADERSHIP_MANAGE)
def new_view(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    crumbs = _crumbs(("记录会议", None))

    def rerender() -> HttpResponse:
        return render(request, "leadership/form.html", {"form": form, "crumbs": crumbs})

    if request.method != "POST":
        return rerender()
    saved: list[Meeting] = []
    response = run_step(
        request,
        form=form,
        act=lambda data: saved.append(
            services.meeting_create(
                actor=request.user, meeting=form.instance, attendance=data["attendance"], decisions=data["decisions"]
            )
        ),
        done="已记录会议。请按议定事项添加督办任务。",
        back_to=reverse("leadership:list"),
        rerender=rerender,
    )
    return redirect("leadership:meeting", pk=saved[0].pk) if saved else response


def _meeting_page(
    request: HttpRequest, meeting: Meeting, task_form: TaskForm | None = None, done: tuple | None = None
) -> HttpResponse:
    today = timezone.localdate()
    may_write = selectors.may_write(request.user, meeting)
    decisions = list(meeting.decisions.all())
    rows = []
    for d in decisions:
        for t in d.tasks.all():
            form = None
            if may_write and t.done_on is None:
                form = done[1] if done and done[0] == t.pk else DoneForm(pk=t.pk, initial={"done_on": today})
            rows.append((t, form))
    if may_write and task_form is None:
        task_form = TaskForm(meeting=meeting)
    attendance = list(meeting.attendance.all())
    context = {
        "meeting": meeting,
        "decisions": decisions,
        "attendance": attendance,
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "tasks": rows,
        "task_form": task_form if may_write else None,
        "may_write": may_write,
        "today": today,
        "crumbs": _crumbs((str(meeting), None)),
    }
    return render(request, "leadership/meeting.html", context)


@capability_required(Capability.LEADERSHIP_MANAGE)
def meeting_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, selectors.get_meeting_for_user(request.user, pk))


@capability_required(Capability.LEADERSHIP_MANAGE)
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    attendance = list(meeting.attendance.all())
    context = {
        "meeting": meeting,
        "decisions": list(meeting.decisions.all()),
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "today": timezone.localdate(),
    }
    return render(request, "leadership/print.html", context)


@require_POST
@capability_required(Capability.LEADERSHIP_MANAGE)
def task_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not selectors.may_write(request.user, meeting):
        raise Http404
    form = TaskForm(request.POST, meeting=meeting)
    return run_step(
        request,
        form=form,
        act=lambda data: services.task_add(
            actor=request.user,
            decision=data["decision"],
            task=data["task"],
            department=data["department"],
            due_on=data["due_on"],
        ),
        done="已添加督办任务。",
        back_to=reverse("leadership:meeting", args=[meeting.pk]),
        rerender=lambda: _meeting_page(request, meeting, task_form=form),
    )


@require_POST
@capability_required(Capability.LEADERSHIP_MANAGE)
def task_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = FollowUpTask.objects.filter(pk=pk).select_related("decision").first()
    if task is None:
        raise Http404
    meeting = selectors.get_meeting_for_user(request.user, task.decision.meeting_id)
    if not selectors.may_write(request.user, meeting):
        raise Http404
    form = DoneForm(request.POST, pk=task.pk)
    return run_step(
        request,
        form=form,
        act=lambda data: services.task_done(
            actor=request.user, task=task, done_on=data["done_on"], outcome=data["outcome"]
        ),
        done="已办结督办任务。",
        back_to=reverse("leadership:meeting", args=[meeting.pk]),
        rerender=lambda: _meeting_page(request, meeting, done=(task.pk, form)),
    )
