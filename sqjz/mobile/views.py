"""The supervisee's pages on the phone (手机端, like Yunnan's 在矫通): today's check-in status and the check-in
itself. Only the person's own record is reachable; officers use the supervision pages."""

import uuid
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.core.photos import MAX_PHOTO_BYTES
from sqjz.mobile.forms import OwnTravelForm
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.text import cn_datetime
from sqjz.supervision import services
from sqjz.supervision.models import AppEnrolment
from sqjz.supervision.selectors import checkin_decision

RECENT_CHECKINS = 7
RECENT_LEAVES = 10


def supervisee_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous users go to the login page; anyone but a supervisee with a record gets 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != Role.SUPERVISEE or request.user.supervisee_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _requirement(s, today) -> str:
    """The person's own check-in requirement, in words."""
    level = s.levels.first()
    if level is None:
        return ""
    days = RULES["SUPERVISION_LEVEL_REQUIREMENTS"](statute_context(), level=level.level, on=today).outcome
    interval = days.get("app_checkin_days", 0)
    if not interval:
        return f"您目前为{level.get_level_display()}，无需手机签到。"
    every = "每天" if interval == 1 else f"每{interval}天"
    return f"您目前为{level.get_level_display()}，{every}至少签到一次。"


@supervisee_required
def home_view(request: HttpRequest) -> HttpResponse:
    s = request.user.supervisee
    today = timezone.localdate()
    enrolled = AppEnrolment.objects.filter(supervisee=s).exists()
    recent = list(s.checkins.all()[:RECENT_CHECKINS])
    decision = checkin_decision(s, today) if enrolled else None
    context = {
        "s": s,
        "enrolled": enrolled and s.status == "under_correction",
        "today_checkin": next((c for c in recent if c.checked_on == today), None),
        "recent": recent,
        "requirement": _requirement(s, today) if enrolled else "",
        "missed": decision.facts.get("missed", []) if decision and decision.outcome else [],
        "spot_check": services.spot_check_open(s) if enrolled else None,
    }
    return render(request, "mobile/home.html", context)


@supervisee_required
def checkin_view(request: HttpRequest) -> HttpResponse:
    """GET: the form, with a fresh idempotency key. POST: record the check-in; a retry of the same form (same key)
    does not record it twice."""
    errors: dict[str, str] = {}
    values = {"idempotency_key": uuid.uuid4().hex, "latitude": "", "longitude": "", "accuracy": "", "leave": ""}
    values["leave"] = request.GET.get("leave", "")
    status = 200
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        upload = request.FILES.get("photo")
        photo = upload.read(MAX_PHOTO_BYTES + 1) if upload else b""
        try:
            checkin, _ = services.checkin_record(
                user=request.user,
                idempotency_key=values["idempotency_key"],
                latitude=values["latitude"] or None,
                longitude=values["longitude"] or None,
                accuracy=values["accuracy"] or None,
                photo=photo,
            )
        except services.SupervisionError as error:
            errors[error.field or "form"] = error.message
            status = 400
        else:
            answered = "，已应答抽查" if hasattr(checkin, "spot_check") else ""
            messages.success(request, f"签到成功：{cn_datetime(timezone.localtime(checkin.checked_at))}{answered}")
            if values["leave"]:
                try:
                    services.travel_return_own(user=request.user, leave_id=values["leave"], checkin=checkin)
                except services.SupervisionError as error:
                    messages.warning(request, error.message)
                else:
                    messages.success(request, "已销假。")
                return redirect("mobile:travel")
            return redirect("mobile:home")
    leave = services.returnable_leave(request.user, values["leave"]) if values["leave"] else None
    context = {"values": values, "errors": errors, "leave": leave}
    return render(request, "mobile/checkin.html", context, status=status)


@supervisee_required
def travel_view(request: HttpRequest) -> HttpResponse:
    """The person's own leave applications and their decisions; a new application with a photo of the evidence."""
    s = request.user.supervisee
    form = OwnTravelForm(initial={"days": 1})
    status = 200
    if request.method == "POST":
        form = OwnTravelForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["evidence_photo"]
            try:
                leave = services.travel_apply_own(
                    user=request.user, leave=form.instance, evidence_photo=upload.read(MAX_PHOTO_BYTES + 1)
                )
            except services.SupervisionError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, f"已提交外出申请，由{leave.get_level_display()}审批。")
                return redirect("mobile:travel")
        status = 400
    leaves = list(s.travel_leaves.all()[:RECENT_LEAVES])
    ctx = statute_context()
    today = timezone.localdate()
    rows = [
        (leave, RULES["TRAVEL_RETURN_DUE"](ctx, start=leave.start, days=leave.days).outcome, leave.start <= today)
        for leave in leaves
    ]
    context = {
        "rows": rows,
        "form": form,
        "can_apply": s.status == "under_correction",
        "lead_days": ctx.use("TRAVEL_LEAD_DAYS", timezone.localdate()).value,
        "lead_rule": RULES["TRAVEL_LEAVE_LEAD_TIME"],
    }
    return render(request, "mobile/travel.html", context, status=status)
