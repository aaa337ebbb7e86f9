"""Supervision pages of one supervisee: phone-app check-ins (手机签到) and their follow-up, leave to travel
(外出审批、销假), electronic monitoring (电子定位) and medical re-examinations (保外就医)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.models import User
from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write, supervisee_viewed
from sqjz.core.context_processors import clear_draft
from sqjz.core.http import int_param
from sqjz.core.photos import photo_file_response
from sqjz.core.workflow import run_step
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.monitoring import MONITORING_GROUNDS
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user, jurisdiction_q
from sqjz.supervisees.selectors import register_filter_options
from sqjz.supervision import services
from sqjz.supervision.forms import (
    CheckInFollowUpForm,
    MedicalExaminationForm,
    MonitoringDecisionForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    MonitoringForm,
    TravelDecisionForm,
    TravelLeaveForm,
    TravelReturnForm,
)
from sqjz.supervision.models import AppEnrolment, CheckIn, ElectronicMonitoring, TravelLeave
from sqjz.supervision.selectors import (
    CHECKIN_VIEWS,
    TRAVEL_VIEWS,
    checkin_counts,
    checkin_counts_by_office,
    checkin_decision,
    checkin_list,
    travel_list,
)


@capability_required(Capability.SUPERVISEE_VIEW)
def medical_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    form = MedicalExaminationForm(initial={"examined_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        form = MedicalExaminationForm(request.POST)
        if not can_access(request.user, s, Access.EDIT):
            raise PermissionDenied
        if form.is_valid():
            try:
                services.examination_record(actor=request.user, supervisee=s, examination=form.instance)
            except services.SupervisionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                clear_draft(request, f"medical-{pk}")
                messages.success(request, "已登记病情复查，下次复查期限已更新。")
                return redirect("supervision:medical", pk=pk)
        status = 400
    examinations = list(s.medical_examinations.select_related("recorded_by"))
    applies = services.on_medical_parole(s)
    deadline = services.next_examination(s, examinations[0] if examinations else None) if applies else None
    context = {
        "s": s,
        "applies": applies,
        "examinations": examinations,
        "deadline": deadline,
        "days_left": (deadline.outcome - timezone.localdate()).days if deadline else None,
        "rule": RULES["MEDICAL_REEXAMINATION_DUE"],
        "form": form,
        "editable": applies and s.status == "under_correction" and can_access(request.user, s, Access.EDIT),
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("病情复查", None),
        ],
    }
    return render(request, "supervision/medical.html", context, status=status)


# ----------------------------------------------------------------------------------------------- travel leave


def _travel_page(request: HttpRequest, s, *, forms: dict | None = None, status: int = 200) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    leaves = list(s.travel_leaves.select_related("decided_by", "recorded_by", "supervisee__judicial_office__county"))
    ctx = statute_context()
    rows = []
    for leave in leaves:
        returns = RULES["TRAVEL_RETURN_DUE"](ctx, start=leave.start, days=leave.days).outcome
        rows.append(
            {
                "leave": leave,
                "returns": returns,
                "overdue": leave.status == TravelLeave.Status.APPROVED and returns < today,
                "blocker": services.decide_blocker(request.user, leave),
                "decision_form": forms.get(("decision", leave.pk))
                or TravelDecisionForm(auto_id=f"decision{leave.pk}_%s"),
                "return_form": forms.get(("return", leave.pk))
                or TravelReturnForm(auto_id=f"return{leave.pk}_%s", initial={"returned_on": min(today, returns)}),
            }
        )
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    context = {
        "s": s,
        "rows": rows,
        "editable": editable,
        "apply_form": forms.get("apply") or TravelLeaveForm(initial={"applied_on": today, "days": 1}),
        "rules": [RULES[c] for c in ("TRAVEL_LEAVE_APPROVER", "TRAVEL_LEAVE_LEAD_TIME", "TRAVEL_RETURN_DUE")],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("外出审批", None),
        ],
    }
    return render(request, "supervision/travel.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def travel_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _travel_page(request, s)


def _leave_step(request: HttpRequest, leave: TravelLeave, key, form, act, done: str) -> HttpResponse:
    s = leave.supervisee

    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _travel_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:travel", args=[s.pk]),
        rerender=rerender,
        draft_key=f"travel-{s.pk}" if key == "apply" else "",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = TravelLeaveForm(request.POST)
    leave = TravelLeave(supervisee=s)
    return _leave_step(
        request,
        leave,
        "apply",
        form,
        lambda _: services.travel_apply(actor=request.user, supervisee=s, leave=form.instance),
        "已登记外出申请，审批机关已按规定确定。",
    )


def _leave_for(request: HttpRequest, leave_id: int, access: Access) -> TravelLeave:
    leave = get_object_or_404(TravelLeave.objects.select_related("supervisee"), pk=leave_id)
    get_supervisee_for_user(request.user, leave.supervisee_id, access)  # 404 outside jurisdiction
    return leave


@require_POST
@capability_required(Capability.TRAVEL_DECIDE)
def travel_decide_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.VIEW)
    form = TravelDecisionForm(request.POST, auto_id=f"decision{leave.pk}_%s")
    approve = request.POST.get("decision") == "approve"
    return _leave_step(
        request,
        leave,
        ("decision", leave.pk),
        form,
        lambda d: services.travel_decide(actor=request.user, leave=leave, approve=approve, reason=d["reason"]),
        "已批准外出。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_return_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.EDIT)
    form = TravelReturnForm(request.POST, auto_id=f"return{leave.pk}_%s")
    return _leave_step(
        request,
        leave,
        ("return", leave.pk),
        form,
        lambda d: services.travel_return(actor=request.user, leave=leave, returned_on=d["returned_on"], note=d["note"]),
        "已销假。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def travel_withdraw_view(request: HttpRequest, leave_id: int) -> HttpResponse:
    leave = _leave_for(request, leave_id, Access.EDIT)
    return _leave_step(
        request, leave, None, None, lambda _: services.travel_withdraw(actor=request.user, leave=leave), "已撤回申请。"
    )


@capability_required(Capability.SUPERVISEE_VIEW)
def travel_list_view(request: HttpRequest) -> HttpResponse:
    """Leaves within jurisdiction: awaiting a decision, away now, or back late (逾期未销假)."""
    show = request.GET.get("show", "pending")
    show = show if show in TRAVEL_VIEWS else "pending"
    today = timezone.localdate()
    leaves = travel_list(request.user, show, today)
    page = Paginator(leaves, 20).get_page(request.GET.get("page"))
    ctx = statute_context()
    rows = [
        (leave, RULES["TRAVEL_RETURN_DUE"](ctx, start=leave.start, days=leave.days).outcome)
        for leave in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "show": show,
        "views": TRAVEL_VIEWS,
        "today": today,
        "crumbs": [("外出审批", None)],
    }
    return render(request, "supervision/travel_list.html", context)


# ----------------------------------------------------------------------------------------- electronic monitoring


def _monitoring_page(request: HttpRequest, s, *, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    monitorings = list(s.monitorings.select_related("proposed_by", "decided_by").prefetch_related("extensions"))
    current = next((m for m in monitorings if m.status in ("proposed", "active")), None)
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    is_head = has_capability(request.user, Capability.MONITORING_APPROVE) and request.user.unit.county_id == (
        s.judicial_office.county_id
    )
    context = {
        "s": s,
        "monitorings": monitorings,
        "current": current,
        "days_left": (current.end - today).days if current else None,
        "editable": editable,
        "is_head": is_head,
        "grounds": MONITORING_GROUNDS,
        "propose_form": forms.get("propose") or MonitoringForm(initial={"start": today, "months": 3}),
        "decision_form": forms.get("decision") or MonitoringDecisionForm(),
        "extend_form": forms.get("extend") or MonitoringExtendForm(),
        "end_form": forms.get("end") or MonitoringEndForm(initial={"ended_on": today}),
        "rules": [RULES[c] for c in ("ELECTRONIC_MONITORING_GROUNDS", "ELECTRONIC_MONITORING_PERIOD")],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("电子定位", None),
        ],
    }
    return render(request, "supervision/monitoring.html", context)


@capability_required(Capability.SUPERVISEE_VIEW)
def monitoring_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _monitoring_page(request, s)


def _monitoring_step(request: HttpRequest, s, key: str, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _monitoring_page(request, s, forms={key: form})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:monitoring", args=[s.pk]),
        rerender=rerender,
        draft_key=f"monitoring-{s.pk}" if key == "propose" else "",
    )


def _monitoring_for(request: HttpRequest, monitoring_id: int, access: Access) -> ElectronicMonitoring:
    m = get_object_or_404(ElectronicMonitoring.objects.select_related("supervisee"), pk=monitoring_id)
    get_supervisee_for_user(request.user, m.supervisee_id, access)  # 404 outside jurisdiction
    return m


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = MonitoringForm(request.POST)
    return _monitoring_step(
        request,
        s,
        "propose",
        form,
        lambda _: services.monitoring_propose(actor=request.user, supervisee=s, monitoring=form.instance),
        "已提请使用电子定位装置，待县级司法行政部门负责人批准。",
    )


@require_POST
@capability_required(Capability.MONITORING_APPROVE)
def monitoring_decide_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.VIEW)
    form = MonitoringDecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    return _monitoring_step(
        request,
        m.supervisee,
        "decision",
        form,
        lambda d: services.monitoring_decide(actor=request.user, monitoring=m, approve=approve, reason=d["reason"]),
        "已批准使用电子定位装置。" if approve else "已作出不予批准决定。",
    )


@require_POST
@capability_required(Capability.MONITORING_APPROVE)
def monitoring_extend_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.VIEW)
    form = MonitoringExtendForm(request.POST)
    return _monitoring_step(
        request,
        m.supervisee,
        "extend",
        form,
        lambda d: services.monitoring_extend(actor=request.user, monitoring=m, months=d["months"], reason=d["reason"]),
        "已批准延长电子定位期限。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_end_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.EDIT)
    form = MonitoringEndForm(request.POST)
    return _monitoring_step(
        request,
        m.supervisee,
        "end",
        form,
        lambda d: services.monitoring_end(actor=request.user, monitoring=m, ended_on=d["ended_on"], reason=d["reason"]),
        "已解除电子定位。",
    )


# ----------------------------------------------------------------------------------------------- check-ins

CHECKINS_PER_PAGE = 30
SPOT_CHECKS_SHOWN = 10


def _checkins_page(request: HttpRequest, s, *, form=None, password: str = "", status: int = 200) -> HttpResponse:
    today = timezone.localdate()
    enrolment = AppEnrolment.objects.filter(supervisee=s).select_related("enrolled_by").first()
    decision = checkin_decision(s, today)
    due = decision.outcome.due if decision and decision.outcome else None
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    page = Paginator(s.checkins.all(), CHECKINS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "s": s,
        "enrolment": enrolment,
        "account": User.objects.filter(supervisee=s).only("username", "is_active", "last_login").first(),
        "password": password,
        "decision": decision,
        "due": due,
        "days_left": (due - today).days if due else None,
        "level": s.levels.first(),
        "page": page,
        "follow_ups": list(s.checkin_follow_ups.select_related("recorded_by")),
        "spot_checks": list(s.spot_checks.select_related("answer", "requested_by")[:SPOT_CHECKS_SHOWN]),
        "spot_check_rule": RULES["SPOT_CHECK_ANSWER_DUE"],
        "now": timezone.now(),
        "form": form or CheckInFollowUpForm(initial={"followed_up_on": today, "method": "phone"}),
        "editable": editable,
        "rule": RULES["CHECKIN_MISSED"],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("手机签到", None),
        ],
    }
    return render(request, "supervision/checkins.html", context, status=status)


@capability_required(Capability.SUPERVISEE_VIEW)
def checkins_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = supervisee_viewed(request, pk)
    return _checkins_page(request, s)


def _account_step(request: HttpRequest, pk: int, act, done: str) -> HttpResponse:
    """Open the app or reset its password: the one-time password is shown on this response only (never stored
    in the session or a message)."""
    s = get_supervisee_for_user(request.user, pk)
    try:
        password = act(s)
    except services.SupervisionError as error:
        messages.error(request, error.message)
        return redirect("supervision:checkins", pk=pk)
    messages.success(request, done)
    response = _checkins_page(request, s, password=password)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def checkin_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_step(
        request,
        pk,
        lambda s: services.app_enrol(actor=request.user, supervisee=s)[1],
        "已开通手机签到。请将账号和初始密码当面告知本人，并提醒其登录后修改密码。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def checkin_password_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_step(
        request,
        pk,
        lambda s: services.app_password_reset(actor=request.user, supervisee=s)[1],
        "已重置手机签到密码，原密码即时失效。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def spot_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    try:
        spot = services.spot_check_request(actor=request.user, supervisee=s)
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已发起抽查，请本人于{timezone.localtime(spot.answer_by):%H:%M}前在手机上签到应答。")
    return redirect("supervision:checkins", pk=pk)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def checkin_follow_up_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    form = CheckInFollowUpForm(request.POST)
    if form.is_valid():
        try:
            follow_up = services.checkin_follow_up_record(actor=request.user, supervisee=s, follow_up=form.instance)
        except services.SupervisionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            clear_draft(request, f"followup-{pk}")
            if follow_up.reached:
                messages.success(request, "已登记核实情况，此前未签到的事项已办结。")
            else:
                messages.warning(request, "已登记核实情况。未能联系上本人的，应立即组织查找。")
            return redirect("supervision:checkins", pk=pk)
    return _checkins_page(request, s, form=form, status=400)


@capability_required(Capability.SUPERVISEE_VIEW)
def checkin_photo_view(request: HttpRequest, checkin_id: int) -> FileResponse:
    visible = CheckIn.objects.filter(jurisdiction_q(request.user, prefix="supervisee__"))
    checkin = get_object_or_404(visible, pk=checkin_id)
    return _photo_response(request, checkin.supervisee_id, checkin.photo)


@capability_required(Capability.SUPERVISEE_VIEW)
def checkin_list_view(request: HttpRequest) -> HttpResponse:
    """Who checked in today, who has not, who awaits a follow-up, who has no app: within jurisdiction."""
    show = request.GET.get("show", "missing")
    show = show if show in CHECKIN_VIEWS else "missing"
    q = request.GET.get("q", "").strip()[:50]
    today = timezone.localdate()
    _, offices = register_filter_options(request.user)
    office = next((o for o in offices if o.pk == int_param(request.GET.get("office"))), None)
    office_id = office.pk if office else None
    page = Paginator(checkin_list(request.user, today, show, q, office_id), 50).get_page(request.GET.get("page"))
    counts = checkin_counts(request.user, today, office_id)
    by_office = checkin_counts_by_office(request.user, today) if offices and office is None and not q else None
    context = {
        "page": page,
        "show": show,
        "q": q,
        "office": office,
        "by_office": by_office,
        "views": [(key, label, counts[key]) for key, label in CHECKIN_VIEWS.items()],
        "today": today,
        "crumbs": [("手机签到", None)],
    }
    return render(request, "supervision/checkin_list.html", context)


def _photo_response(request: HttpRequest, supervisee_id: int, relative: str) -> FileResponse:
    """A stored photo of a record the user may see; showing it is logged as an access to the person's data."""
    with transaction.atomic():
        access_log_write(
            actor=request.user, action=AccessLog.Action.VIEW, supervisee_ids=[supervisee_id], request=request
        )
    return photo_file_response(relative)


@capability_required(Capability.SUPERVISEE_VIEW)
def travel_evidence_view(request: HttpRequest, leave_id: int) -> FileResponse:
    visible = TravelLeave.objects.filter(jurisdiction_q(request.user, prefix="supervisee__"))
    leave = get_object_or_404(visible, pk=leave_id)
    return _photo_response(request, leave.supervisee_id, leave.evidence_photo)
