"""The review committee's pages: the matters and meetings list, the committee's members, a person's matters (and
the form to put a difficult case), a matter, a meeting (agenda, attendance, votes and resolutions) and its minutes.
Every page checks the capability and reaches records through the committee's jurisdiction filters."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.committee import registry, selectors, services
from sqjz.committee.committee_kinds import DIFFICULT_CASE
from sqjz.committee.forms import (
    AttendanceForm,
    DeliberationForm,
    DifficultCaseForm,
    MeetingForm,
    MemberEndForm,
    MemberForm,
    WithdrawForm,
)
from sqjz.committee.models import Matter, Meeting
from sqjz.core.workflow import run_step
from sqjz.organisation.models import Unit
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user

MAJORITY_RULE = (
    "出席会议的表决委员须超过表决委员总数的{percent}%（法定人数），会议方可作出决议；"
    "事项须经出席会议的表决委员过半数同意方为通过，否则为不通过或暂缓。列席人员不参加表决。"
)


def _crumbs(*rest):
    return [("审核委员会", reverse("committee:index")), *rest]


def _log(request: HttpRequest, ids: list[int]) -> None:
    if ids:
        access_log_write(actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=ids, request=request)


# ------------------------------------------------------------------------------------------ list


@capability_required(Capability.COMMITTEE_VIEW)
def index_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    status = status if status in selectors.LIST_STATUSES else "open"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(selectors.matter_list(request.user, status=status, q=q), 20).get_page(request.GET.get("page"))
    committee = selectors.committee_for_unit(request.user.unit)
    today = timezone.localdate()
    context = {
        "page": page,
        "status": status,
        "statuses": selectors.LIST_STATUSES,
        "q": q,
        "meetings": list(selectors.meeting_list(request.user)[:10]),
        "now": timezone.now(),
        "may_run": committee is not None and selectors.can_run(request.user, committee, today),
        "may_manage": has_capability(request.user, Capability.COMMITTEE_MANAGE)
        and request.user.unit is not None
        and request.user.unit.kind in (Unit.Kind.COUNTY_AGENCY, Unit.Kind.CITY_AGENCY),
        "kind_label": registry.kind_label,
        "crumbs": _crumbs(),
    }
    context["rows"] = [(m, registry.kind_label(m.kind)) for m in page.object_list]
    return render(request, "committee/index.html", context)


# ------------------------------------------------------------------------------------------ members


def _members_page(request: HttpRequest, *, form: MemberForm | None = None) -> HttpResponse:
    unit = request.user.unit
    if unit is None or unit.kind not in (Unit.Kind.COUNTY_AGENCY, Unit.Kind.CITY_AGENCY):
        raise PermissionDenied
    committee = selectors.committee_for_unit(unit)
    members = list(committee.members.select_related("user").order_by("role", "id")) if committee else []
    context = {
        "committee": committee,
        "unit": unit,
        "members": members,
        "today": timezone.localdate(),
        "form": form or MemberForm(unit=unit, initial={"from_date": timezone.localdate(), "voting": True}),
        "end_form": MemberEndForm(initial={"to_date": timezone.localdate()}),
        "crumbs": _crumbs(("委员管理", None)),
    }
    return render(request, "committee/members.html", context)


@capability_required(Capability.COMMITTEE_MANAGE)
def members_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _members_page(request)
    form = MemberForm(request.POST, unit=request.user.unit)
    return run_step(
        request,
        form=form,
        act=lambda d: services.member_add(
            actor=request.user,
            user=d["user"],
            name=d["name"],
            organisation=d["organisation"],
            role=d["role"],
            voting=d["voting"],
            from_date=d["from_date"],
            to_date=d["to_date"],
        ),
        done="已登记审核委员会委员。",
        back_to=reverse("committee:members"),
        rerender=lambda: _members_page(request, form=form),
    )


@require_POST
@capability_required(Capability.COMMITTEE_MANAGE)
def member_end_view(request: HttpRequest, member_id: int) -> HttpResponse:
    committee = selectors.committee_for_unit(request.user.unit)
    if committee is None or not committee.members.filter(pk=member_id).exists():
        raise Http404
    form = MemberEndForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.member_end(actor=request.user, member_id=member_id, to_date=d["to_date"]),
        done="已登记任职截止日。",
        back_to=reverse("committee:members"),
        rerender=lambda: _members_page(request),
    )


# ------------------------------------------------------------------------------------------ a person's matters


def _case_page(request: HttpRequest, s, *, form: DifficultCaseForm | None = None) -> HttpResponse:
    matters = list(
        Matter.objects.filter(selectors.matter_q(request.user), supervisee=s)
        .select_related("committee__unit", "meeting", "submitting_unit")
        .order_by("-submitted_at")
    )
    may_submit = (
        selectors.deliberation_level(DIFFICULT_CASE.code) is not None
        and can_access(request.user, s, Access.EDIT)
        and request.user.unit_id is not None
    )
    context = {
        "s": s,
        "rows": [(m, registry.kind_label(m.kind)) for m in matters],
        "may_submit": may_submit,
        "form": form or DifficultCaseForm(),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("审核委员会", None),
        ],
    }
    return render(request, "committee/case.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, supervisee_viewed(request, pk))


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = DifficultCaseForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.matter_submit(
            actor=request.user,
            supervisee=s,
            kind=DIFFICULT_CASE.code,
            title=d["title"],
            summary=d["summary"],
            materials=[("矫正对象档案", reverse("supervisees:detail", args=[s.pk]))],
        ),
        done="已提请审核委员会审议。",
        back_to=reverse("committee:case", args=[pk]),
        rerender=lambda: _case_page(request, s, form=form),
    )


# ------------------------------------------------------------------------------------------ a matter


def _matter_page(request: HttpRequest, m: Matter, *, form: WithdrawForm | None = None) -> HttpResponse:
    context = {
        "m": m,
        "kind": registry.kind_label(m.kind),
        "materials": list(m.materials.all()),
        "votes": selectors.votes_of(m) if m.status == Matter.Status.RESOLVED else [],
        "may_withdraw": m.status in (Matter.Status.PENDING, Matter.Status.ON_AGENDA)
        and m.submitting_unit_id == request.user.unit_id
        and has_capability(request.user, Capability.SUPERVISEE_EDIT),
        "form": form or WithdrawForm(),
        "crumbs": _crumbs((m.title, None)),
    }
    return render(request, "committee/matter.html", context)


@capability_required(Capability.COMMITTEE_VIEW)
def matter_view(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        m = selectors.get_matter_for_user(request.user, pk)
        _log(request, [m.supervisee_id])
    return _matter_page(request, m)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    m = selectors.get_matter_for_user(request.user, pk)
    if m.submitting_unit_id != request.user.unit_id:
        raise PermissionDenied  # only the submitting office or agency withdraws
    form = WithdrawForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.matter_withdraw(actor=request.user, matter_id=m.pk, reason=d["reason"]),
        done="已撤回该事项。",
        back_to=reverse("committee:matter", args=[pk]),
        rerender=lambda: _matter_page(request, m, form=form),
    )


# ------------------------------------------------------------------------------------------ meetings


def _run_committee(request: HttpRequest):
    committee = selectors.committee_for_unit(request.user.unit)
    if committee is None:
        committee = next(
            (m.committee for m in request.user.committee_memberships.select_related("committee__unit")), None
        )
    if committee is None or not selectors.can_run(request.user, committee, timezone.localdate()):
        raise PermissionDenied
    return committee


def _meeting_new_page(request: HttpRequest, committee, pending, *, form: MeetingForm | None = None) -> HttpResponse:
    context = {
        "committee": committee,
        "pending": pending,
        "form": form or MeetingForm(pending=pending),
        "crumbs": _crumbs(("安排会议", None)),
    }
    return render(request, "committee/meeting_new.html", context)


@capability_required(Capability.COMMITTEE_VIEW)
def meeting_new_view(request: HttpRequest) -> HttpResponse:
    committee = _run_committee(request)
    pending = selectors.pending_for(committee, request.user)
    if request.method != "POST":
        return _meeting_new_page(request, committee, pending)
    form = MeetingForm(request.POST, pending=pending)
    result = {}

    def act(d):
        result["meeting"] = services.meeting_schedule(
            actor=request.user,
            committee_id=committee.pk,
            held_at=d["held_at"],
            place=d["place"],
            matter_ids=[m.pk for m in d["matters"]],
        )

    response = run_step(
        request,
        form=form,
        act=act,
        done="已安排会议，议程已通知委员。",
        back_to=reverse("committee:index"),
        rerender=lambda: _meeting_new_page(request, committee, pending, form=form),
    )
    if "meeting" in result:
        response["Location"] = reverse("committee:meeting", args=[result["meeting"].pk])
    return response


def _meeting_context(request: HttpRequest, meeting: Meeting) -> dict:
    day = timezone.localtime(meeting.held_at).date()
    agenda = selectors.agenda_for(request.user, meeting)
    _log(request, [m.supervisee_id for m in agenda])
    quorum = selectors.quorum(meeting)
    return {
        "meeting": meeting,
        "day": day,
        "agenda": agenda,
        "attendance": selectors.attendance_of(meeting),
        "quorum": quorum,
        "majority_rule": MAJORITY_RULE.format(percent=meeting.committee.quorum_percent),
        "may_run": selectors.can_run(request.user, meeting.committee, day),
        "started": meeting.held_at <= timezone.now(),
    }


def _meeting_page(request: HttpRequest, meeting: Meeting, *, attendance_form=None, failed=None) -> HttpResponse:
    context = _meeting_context(request, meeting)
    day = context["day"]
    if attendance_form is None:
        attendance_form = AttendanceForm(
            members=selectors.serving_members(meeting.committee, day), attendance=context["attendance"]
        )
    voters = selectors.present_voters(meeting) if meeting.status == Meeting.Status.HELD else []
    rows = []
    for m in context["agenda"]:
        if failed is not None and failed[0] == m.pk:
            form = failed[1]
        elif m.status == Matter.Status.ON_AGENDA and voters:
            form = DeliberationForm(voters=voters, matter_id=m.pk, initial={"resolved_on": day})
        else:
            form = None
        rows.append((m, registry.kind_label(m.kind), form))
    context |= {"rows": rows, "attendance_form": attendance_form, "crumbs": _crumbs((meeting.number, None))}
    return render(request, "committee/meeting.html", context)


@capability_required(Capability.COMMITTEE_VIEW)
def meeting_view(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        meeting = selectors.get_meeting_for_user(request.user, pk)
        return _meeting_page(request, meeting)


@capability_required(Capability.COMMITTEE_VIEW)
def minutes_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting as minutes (会议记录), for printing."""
    with transaction.atomic():
        meeting = selectors.get_meeting_for_user(request.user, pk)
        context = _meeting_context(request, meeting)
    context["rows"] = [(m, registry.kind_label(m.kind), selectors.votes_of(m)) for m in context["agenda"]]
    context["crumbs"] = _crumbs((meeting.number, reverse("committee:meeting", args=[pk])), ("会议记录", None))
    return render(request, "committee/minutes.html", context)


def _meeting_to_run(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if not selectors.can_run(request.user, meeting.committee, timezone.localtime(meeting.held_at).date()):
        raise PermissionDenied
    return meeting


@require_POST
@capability_required(Capability.COMMITTEE_VIEW)
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    day = timezone.localtime(meeting.held_at).date()
    form = AttendanceForm(request.POST, members=selectors.serving_members(meeting.committee, day))
    return run_step(
        request,
        form=form,
        act=lambda d: services.attendance_record(actor=request.user, meeting_id=meeting.pk, rows=form.rows()),
        done="已登记出席情况。",
        back_to=reverse("committee:meeting", args=[pk]),
        rerender=lambda: _meeting_page(request, meeting, attendance_form=form),
    )


@require_POST
@capability_required(Capability.COMMITTEE_VIEW)
def deliberate_view(request: HttpRequest, pk: int, matter_id: int) -> HttpResponse:
    meeting = _meeting_to_run(request, pk)
    if not meeting.matters.filter(pk=matter_id).filter(selectors.matter_q(request.user)).exists():
        raise Http404
    form = DeliberationForm(request.POST, voters=selectors.present_voters(meeting), matter_id=matter_id)
    return run_step(
        request,
        form=form,
        act=lambda d: services.matter_deliberate(
            actor=request.user,
            meeting_id=meeting.pk,
            matter_id=matter_id,
            votes=form.votes(),
            outcome=d["outcome"],
            text=d["text"],
            resolved_on=d["resolved_on"],
        ),
        done="已登记表决和决议，评议意见已归入矫正档案。",
        back_to=reverse("committee:meeting", args=[pk]),
        rerender=lambda: _meeting_page(request, meeting, failed=(matter_id, form)),
    )
