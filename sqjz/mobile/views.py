"""The supervisee's pages on the phone (手机端, like Yunnan's 在矫通): the home page (today's check-in, the leave
under way), the check-in, leave to travel and its report back (销假), and the person's account. Only the person's
own record is reachable; officers use the supervision pages. No page is kept by the browser or a proxy (no-store):
they show the person's own data, and a phone is easily lent or lost."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from sqjz.accounts import services as accounts
from sqjz.accounts.cookies import device_cookie_delete, device_cookie_set
from sqjz.accounts.models import Role
from sqjz.core.context_processors import clear_draft
from sqjz.core.errors import ServiceError
from sqjz.core.photos import MAX_PHOTO_BYTES
from sqjz.education import selectors as education_selectors
from sqjz.education import services as education
from sqjz.education.forms import ReportForm
from sqjz.intake.services import active_team
from sqjz.learning import selectors as learning_selectors
from sqjz.learning import services as learning
from sqjz.mentoring import services as mentoring
from sqjz.mentoring.forms import ChangeForm
from sqjz.mobile.forms import HealthForm, OwnPasswordChangeForm
from sqjz.mobile.middleware import device_may_sign_in
from sqjz.publicity import selectors as publicity_selectors
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES, Context
from sqjz.statute.text import cn_datetime
from sqjz.supervisees.models import CorrectionType, ProhibitionOrder, Status, Supervisee
from sqjz.supervision.checkins import selectors as checkin_selectors
from sqjz.supervision.checkins import services as checkins
from sqjz.supervision.medical import services as medical
from sqjz.supervision.places import services as places
from sqjz.supervision.places.forms import OwnEntryForm
from sqjz.supervision.transfer import services as transfer
from sqjz.supervision.transfer.forms import OwnTransferForm
from sqjz.supervision.transfer.selectors import open_transfer, transfers_current
from sqjz.supervision.travel import duties as travel_duties
from sqjz.supervision.travel import services as travel
from sqjz.supervision.travel.forms import FrequentTripForm, OwnTravelForm
from sqjz.supervision.travel.selectors import LeaveStatus, permits_in_force, travel_leaves_current

if TYPE_CHECKING:
    from sqjz.supervision.travel.models import TravelLeave

RECENT_CHECKINS = 7
RECENT_LEAVES = 10


def supervisee_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Anonymous users go to the login page; anyone but a supervisee with a record gets 403. Responses are not
    stored by the browser or any cache."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if request.user.role != Role.SUPERVISEE or request.user.supervisee_id is None:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _person(request: HttpRequest) -> Supervisee:
    return Supervisee.objects.select_related("judicial_office").get(pk=request.user.supervisee_id)


def _checks_in(s: Supervisee) -> bool:
    """Whether the person checks in (and so reports back) from the phone: enrolled and under correction."""
    return s.status == Status.UNDER_CORRECTION and checkin_selectors.is_enrolled(s)


def _receipt(title: str, at: datetime, *lines: str) -> str:
    """What a submission did, when, and its reference; the phone shows it line by line (messages keep no markup)."""
    return "\n".join((title, f"时间：{cn_datetime(timezone.localtime(at))}", *lines))


@dataclass(frozen=True)
class LeaveRow:
    """A leave as the person sees it: the last day of the leave (the day to be back and report by), whether it
    has begun, whether it can be reported back from the phone now, whether it is overdue."""

    leave: "TravelLeave"
    last_day: date
    begun: bool
    can_return: bool
    overdue: bool


def _leave_rows(leaves: list["TravelLeave"], ctx: Context, today: date, *, checks_in: bool) -> list[LeaveRow]:
    rows = []
    for leave in leaves:
        last = travel_duties.return_due(ctx, leave).outcome
        away = leave.status == LeaveStatus.APPROVED and leave.start <= today
        rows.append(LeaveRow(leave, last, leave.start <= today, away and checks_in, away and last < today))
    return rows


def _requirement(s: Supervisee, ctx: Context, today: date) -> str:
    """The person's own check-in requirement, in words."""
    level = s.levels.filter(effective_from__lte=today).first()  # a level decided today applies from tomorrow
    if level is None:
        return ""
    days = RULES["SUPERVISION_LEVEL_REQUIREMENTS"](ctx, level=level.level, on=today).outcome
    interval = days.get("app_checkin_days", 0)
    if not interval:
        return f"您目前为{level.get_level_display()}，无需手机签到。"
    every = "每天" if interval == 1 else f"每{interval}天"
    return f"您目前为{level.get_level_display()}，{every}至少签到一次。"


@supervisee_required
def home_view(request: HttpRequest) -> HttpResponse:
    s = _person(request)
    today = timezone.localdate()
    ctx = statute_context()
    checks_in = _checks_in(s)
    recent = list(s.checkins.all()[:RECENT_CHECKINS])
    today_checkins = [c for c in recent if c.checked_on == today]
    decision, due = checkin_selectors.checkin_state(s, today) if checks_in else (None, None)
    context = {
        "s": s,
        "office": s.judicial_office,
        "enrolled": checks_in,
        "today_checkin": next((c for c in today_checkins if not checkin_selectors.photo_rejected(c)), None),
        "today_rejected": next((c for c in today_checkins if checkin_selectors.photo_rejected(c)), None),
        "recent": recent,
        "requirement": _requirement(s, ctx, today) if checks_in else "",
        "missed": decision.facts.get("missed", []) if decision and decision.outcome else [],
        "spot_check": checkins.spot_check_open(s) if checks_in else None,
        "leaves": _leave_rows(travel_leaves_current(s, today), ctx, today, checks_in=checks_in),
        "offer_binding": _may_bind(request, s),
        "due": due,
        "has_permit": bool(permits_in_force(s, today)),
        "has_orders": s.prohibition_orders.exclude(kind=ProhibitionOrder.Kind.ACTIVITY).exists(),
        "reports_health": s.correction_type == CorrectionType.TEMPORARY_RELEASE,
        "notices": publicity_selectors.phone_posts(s, today),  # the posts meant for people under correction
    }
    return render(request, "mobile/home.html", context)


@supervisee_required
def service_worker_view(request: HttpRequest) -> HttpResponse:
    """The phone pages' service worker (reminders), served under /app/ so that its scope is the phone pages."""
    response = render(request, "mobile/sw.js", content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def _may_bind(request: HttpRequest, s: Supervisee) -> bool:
    """Binding is offered after a sign-in with the password, to a person whose record is active (decision 0022)."""
    return request.session.get(accounts.DEVICE_SESSION_KEY) is None and device_may_sign_in(request.user, s)


@require_POST
@supervisee_required
def device_bind_view(request: HttpRequest) -> HttpResponse:
    """在本手机上保持登录: this phone gets a device credential; the session now stands for it. A credential this phone
    already carried is replaced."""
    s = _person(request)
    if not device_may_sign_in(request.user, s):
        office = s.judicial_office.name
        messages.error(request, f"您的社区矫正已结束，不能在手机上保持登录。如有疑问，请联系{office}。")
        return redirect("mobile:home")
    old = accounts.device_from_cookie(request.COOKIES.get(accounts.DEVICE_COOKIE, ""))
    if old is not None and old.user_id == request.user.pk:
        accounts.device_revoke(user=request.user, credential_id=old.pk, actor=request.user, reason="本手机重新绑定")
    credential, value = accounts.device_enrol(user=request.user, user_agent=request.headers.get("User-Agent", ""))
    request.session[accounts.DEVICE_SESSION_KEY] = credential.pk
    messages.success(
        request,
        _receipt(
            "已在本手机上保持登录",
            credential.created_at,
            f"设备：{credential.label}",
            "以后签到无需输入密码。手机丢失或换手机，请告知司法所解除绑定。",
        ),
    )
    response = redirect("mobile:home")
    device_cookie_set(response, value)
    return response


@require_POST
@supervisee_required
def device_unbind_view(request: HttpRequest, device_id: int) -> HttpResponse:
    """The person unbinds one of their phones; unbinding this phone keeps this session until it ends as usual."""
    credential = accounts.device_revoke(
        user=request.user, credential_id=device_id, actor=request.user, reason="本人解除绑定"
    )
    if credential is None:
        messages.warning(request, "该手机已解除绑定。")
        return redirect("mobile:account")
    response = redirect("mobile:account")
    if request.session.get(accounts.DEVICE_SESSION_KEY) == credential.pk:
        request.session.pop(accounts.DEVICE_SESSION_KEY)
        device_cookie_delete(response)
    messages.success(request, _receipt("已解除绑定", credential.revoked_at, f"设备：{credential.label}"))
    return response


@supervisee_required
def checkin_view(request: HttpRequest) -> HttpResponse:
    """GET: the form, with a fresh idempotency key. POST: record the check-in; a retry of the same form (same key)
    does not record it twice. With `leave`, the check-in reports back from that leave (销假)."""
    s = _person(request)
    errors: dict[str, str] = {}
    values = {
        "idempotency_key": uuid.uuid4().hex,
        "latitude": "",
        "longitude": "",
        "accuracy": "",
        "photo_taken_at": "",
        "leave": "",
    }
    values["leave"] = request.GET.get("leave", "")
    status = 200
    if request.method == "POST":
        values = {key: request.POST.get(key, "").strip() for key in values}
        upload = request.FILES.get("photo")
        photo = upload.read(MAX_PHOTO_BYTES + 1) if upload else b""
        try:
            checkin, _ = checkins.checkin_record(
                user=request.user,
                idempotency_key=values["idempotency_key"],
                latitude=values["latitude"] or None,
                longitude=values["longitude"] or None,
                accuracy=values["accuracy"] or None,
                photo=photo,
                device_id=request.session.get(accounts.DEVICE_SESSION_KEY),
                photo_taken_at=values["photo_taken_at"] or None,
            )
        except ServiceError as error:
            errors[error.field or "form"] = error.message
            status = 400
        else:
            reference = f"签到编号：{checkin.pk}"
            answered = ("已应答抽查。",) if hasattr(checkin, "spot_check") else ()
            if not values["leave"]:
                messages.success(request, _receipt("签到成功", checkin.checked_at, reference, *answered))
                return redirect("mobile:home")
            try:
                leave = travel.travel_return_own(user=request.user, leave_id=values["leave"], checkin=checkin)
            except ServiceError as error:
                messages.success(request, _receipt("签到成功", checkin.checked_at, reference, *answered))
                messages.warning(request, error.message)
            else:
                title = f"销假成功：外出{leave.destination}已结束"
                messages.success(request, _receipt(title, checkin.checked_at, f"外出申请编号：{leave.pk}", reference))
            return redirect("mobile:home")
    leave = travel.returnable_leave(request.user, values["leave"]) if values["leave"] else None
    context = {
        "values": values,
        "errors": errors,
        "leave": leave,
        "enrolled": _checks_in(s),
        "office": s.judicial_office,
    }
    return render(request, "mobile/checkin.html", context, status=status)


@supervisee_required
def return_view(request: HttpRequest) -> HttpResponse:
    """销假: the leave under way, with the way to report back (a check-in at home); or why there is nothing to do."""
    s = _person(request)
    today = timezone.localdate()
    checks_in = _checks_in(s)
    rows = _leave_rows(travel_leaves_current(s, today), statute_context(), today, checks_in=checks_in)
    away = [row for row in rows if row.leave.status == LeaveStatus.APPROVED and row.begun]
    context = {"rows": rows, "away": away, "enrolled": checks_in, "office": s.judicial_office}
    return render(request, "mobile/return.html", context)


@supervisee_required
def travel_view(request: HttpRequest) -> HttpResponse:
    """The person's own leave applications and their decisions; a new application with a photo of the evidence."""
    s = _person(request)
    form = OwnTravelForm(initial={"days": 1})
    status = 200
    if request.method == "POST":
        form = OwnTravelForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["evidence_photo"]
            try:
                leave = travel.travel_apply_own(
                    user=request.user, leave=form.instance, evidence_photo=upload.read(MAX_PHOTO_BYTES + 1)
                )
            except ServiceError as error:
                message = error.message
                form.add_error(error.field if error.field in form.fields else None, message)
            else:
                clear_draft(request, "own-travel")
                decides = f"由{leave.get_level_display()}审批，结果会显示在首页和本页。"
                messages.success(
                    request, _receipt("已提交外出申请", leave.created_at, f"申请编号：{leave.pk}", decides)
                )
                return redirect("mobile:travel")
        status = 400
    ctx = statute_context()
    today = timezone.localdate()
    leaves = list(s.travel_leaves.all()[:RECENT_LEAVES])
    pending = any(leave.status == LeaveStatus.PENDING for leave in leaves)
    context = {
        "rows": _leave_rows(leaves, ctx, today, checks_in=_checks_in(s)),
        "form": form,
        "under_correction": s.status == Status.UNDER_CORRECTION,
        # One application at a time: while one awaits its decision the form is not offered (the service refuses).
        "can_apply": s.status == Status.UNDER_CORRECTION and (not pending or form.is_bound),
        "pending": pending,
        "office": s.judicial_office,
        "lead_days": ctx.use("TRAVEL_LEAD_DAYS", today).value,
        "lead_rule": RULES["TRAVEL_LEAVE_LEAD_TIME"],
    }
    return render(request, "mobile/travel.html", context, status=status)


def _own_transfer_form(s: Supervisee, data=None, files=None) -> OwnTransferForm:
    return OwnTransferForm(data, files, city_id=s.county.parent_id, exclude_county=s.county_id)


@supervisee_required
def transfer_view(request: HttpRequest) -> HttpResponse:
    """The person's own applications to change the place of execution (变更执行地) and their progress; a new one
    with photos of the proof. The lead-time rule's result is shown after sending (a reminder, not a refusal)."""
    s = Supervisee.objects.select_related("judicial_office", "county").get(pk=request.user.supervisee_id)
    form = _own_transfer_form(s)
    status = 200
    if request.method == "POST":
        form = _own_transfer_form(s, request.POST, request.FILES)
        if form.is_valid():
            proofs = [
                form.cleaned_data[name].read(MAX_PHOTO_BYTES + 1)
                for name in ("proof_1", "proof_2")
                if form.cleaned_data.get(name)
            ]
            try:
                t = transfer.transfer_apply_own(user=request.user, transfer=form.instance, proofs=proofs)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _receipt("已提交执行地变更申请", t.created_at, f"申请编号：{t.pk}", t.lead_time_note),
                )
                return redirect("mobile:transfer")
        status = 400
    ctx = statute_context()
    pending = open_transfer(s)
    transfers = transfers_current(s)
    for t in transfers:
        if t.status == "approved" and t.within_city:
            t.report_by = RULES["TRANSFER_REPORT_IN_DEADLINE"](ctx, decision_received=t.decided_on).outcome.due
    context = {
        "transfers": transfers,
        "form": form,
        "can_apply": s.status == Status.UNDER_CORRECTION and (pending is None or form.is_bound),
        "pending": pending,
        "office": s.judicial_office,
        "lead_months": ctx.use("TRANSFER_APPLICATION_LEAD_MONTHS", timezone.localdate()).value,
        "lead_rule": RULES["TRANSFER_APPLICATION_LEAD_TIME"],
    }
    return render(request, "mobile/transfer.html", context, status=status)


@supervisee_required
def places_view(request: HttpRequest) -> HttpResponse:
    """Applications under the person's prohibition orders (禁止令): to enter a place the order covers, to contact a
    person it names or to receive visitors, with the time window; their decisions. Without such an order there is
    nothing to apply for and the page says so."""
    s = _person(request)
    form = OwnEntryForm(supervisee=s)
    orders = list(form.fields["order"].queryset)
    if len(orders) == 1:  # nothing to choose
        form.initial["order"] = orders[0].pk
    status = 200
    if request.method == "POST":
        form = OwnEntryForm(request.POST, supervisee=s)
        if form.is_valid():
            try:
                entry = places.entry_apply_own(user=request.user, entry=form.instance)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _receipt(
                        "已提交申请",
                        entry.created_at,
                        f"申请编号：{entry.pk}",
                        "由县级社区矫正机构审批，批准前请勿进入或接触。",
                    ),
                )
                return redirect("mobile:places")
        status = 400
    context = {
        "form": form,
        "orders": orders,
        "can_apply": s.status == Status.UNDER_CORRECTION and bool(orders),
        "entries": list(s.place_entries.select_related("order")[:RECENT_LEAVES]),
        "office": s.judicial_office,
    }
    return render(request, "mobile/places.html", context, status=status)


def _trip_form(permit, data=None) -> FrequentTripForm:
    initial = {"start": timezone.localdate(), "days": 1}
    if len(permit.destinations) == 1:
        initial["destination"] = permit.destinations[0]
    return FrequentTripForm(data, initial=initial, permit=permit, auto_id=f"trip{permit.pk}_%s")


@supervisee_required
def trips_view(request: HttpRequest) -> HttpResponse:
    """Trips under the person's frequent-travel permits in force (经常性跨市、县活动): reported, not approved one by
    one, a form per permit; a trip to a destination the permit does not name needs an ordinary leave application."""
    s = _person(request)
    today = timezone.localdate()
    permits = permits_in_force(s, today)
    forms = {p.pk: _trip_form(p) for p in permits}
    status = 200
    if request.method == "POST":
        chosen = travel.reportable_permit(request.user, request.POST.get("permit"))
        if chosen is None or chosen.pk not in forms:
            messages.error(request, "没有可以报告外出的经常性跨市、县活动批准，请联系司法所。")
            return redirect("mobile:trips")
        form = forms[chosen.pk] = _trip_form(chosen, request.POST)
        if form.is_valid():
            try:
                trip = travel.trip_report_own(user=request.user, permit_id=chosen.pk, trip=form.instance)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(
                    request,
                    _receipt("已报告外出", trip.reported_at, f"报告编号：{trip.pk}", "返回后请按时签到。"),
                )
                return redirect("mobile:trips")
        status = 400
    context = {
        "permits": [(p, forms[p.pk]) for p in permits],
        "can_report": s.status == Status.UNDER_CORRECTION,
        "trips": list(s.frequent_trips.order_by("-start", "-id")[:RECENT_LEAVES]),
        "office": s.judicial_office,
    }
    return render(request, "mobile/trips.html", context, status=status)


@supervisee_required
def education_view(request: HttpRequest) -> HttpResponse:
    """教育学习和公益活动: this month's hours and individual education against the level's requirement, and the
    office's coming group sessions and activities the person may sign up for (minors apart from adults; activities
    that fit the person's age and health)."""
    s = _person(request)
    today = timezone.localdate()
    if request.method == "POST":
        try:
            pk = int(request.POST.get("pk", ""))
        except ValueError:
            pk = 0
        try:
            name = education.signup_own(user=request.user, kind=request.POST.get("kind", ""), pk=pk)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _receipt("已报名", timezone.now(), name, "请按时参加，不能参加的请提前向司法所请假。")
            )
        return redirect("mobile:education")
    context = {
        "progress": education_selectors.month_progress(s, today),
        "upcoming": education_selectors.upcoming_for(s, today),
        "can_sign_up": s.status == Status.UNDER_CORRECTION,
        "office": s.judicial_office,
    }
    return render(request, "mobile/education.html", context)


@supervisee_required
def learning_view(request: HttpRequest) -> HttpResponse:
    """网上学习: the courses assigned to the person, newest first, with their state."""
    s = _person(request)
    return render(request, "mobile/learning.html", {"assignments": list(learning_selectors.assignments_of(s))})


@supervisee_required
def learning_course_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One assigned course: its text, PDF or video; the first opening starts the clock, and "学完了" is accepted no
    sooner than half the course's hours later."""
    _person(request)
    if request.method == "POST":
        try:
            a = learning.course_finish_own(user=request.user, pk=pk)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _receipt("已学完", a.completed_at, f"课程：{a.course.title}"))
        return redirect("mobile:learning_course", pk=pk)
    try:
        a = learning.course_open_own(user=request.user, pk=pk)
    except ServiceError:
        raise Http404 from None
    context = {"a": a, "course": a.course, "finish_from": learning_selectors.finish_from(a)}
    return render(request, "mobile/learning_course.html", context)


@supervisee_required
def reports_view(request: HttpRequest) -> HttpResponse:
    """思想汇报: the person writes a report for the office, and sees how many the level asks for this quarter and the
    office's replies."""
    s = _person(request)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = education.report_submit_own(user=request.user, content=form.cleaned_data["content"])
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _receipt("已提交思想汇报", report.submitted_at, "司法所阅示后在本页显示。"))
                return redirect("mobile:reports")
        status = 400
    context = {
        "form": form,
        "quarter": education_selectors.quarter_reports(s, timezone.localdate()),
        "reports": list(s.personal_reports.select_related("read_by")[:RECENT_LEAVES]),
        "can_submit": s.status == Status.UNDER_CORRECTION,
    }
    return render(request, "mobile/reports.html", context, status=status)


@supervisee_required
def health_view(request: HttpRequest) -> HttpResponse:
    """身体情况报告: a person serving a sentence outside prison reports their physical condition every month
    (实施办法第二十四条, HEALTH_REPORT_DUE), for this month or the last."""
    s = _person(request)
    if s.correction_type != CorrectionType.TEMPORARY_RELEASE:
        raise Http404
    today = timezone.localdate()
    done = set(s.health_reports.values_list("month", flat=True))
    months = [m for m in medical.report_months(s, today) if m not in done]
    choices = [(m.isoformat(), f"{m.year}年{m.month}月") for m in months]
    form = HealthForm(request.POST or None, months=choices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = medical.health_report_submit_own(
                    user=request.user,
                    month=date.fromisoformat(form.cleaned_data["month"]),
                    condition=form.cleaned_data["condition"],
                    treatment=form.cleaned_data["treatment"],
                )
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _receipt("已报告身体情况", report.submitted_at, "司法所阅知后在本页显示。"))
                return redirect("mobile:health")
        status = 400
    due = RULES["HEALTH_REPORT_DUE"](statute_context(), month=months[0]) if months else None
    context = {
        "form": form,
        "due": due,
        "reports": list(s.health_reports.select_related("read_by")[:RECENT_LEAVES]),
        "can_submit": s.status == Status.UNDER_CORRECTION and bool(months),
    }
    return render(request, "mobile/health.html", context, status=status)


@supervisee_required
def changes_view(request: HttpRequest) -> HttpResponse:
    """变动情况报告: the person reports a change of job, family, social contacts, living or residence at once
    (实施办法, reporting); a change that is an occasion for the mentor's visit (五必访) tells them so."""
    s = _person(request)
    form = ChangeForm(request.POST or None, initial={"happened_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = mentoring.change_report_own(user=request.user, **form.cleaned_data)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                after = "司法所会尽快核实。" + ("结对干警将与您联系走访。" if getattr(report, "trigger", None) else "")
                messages.success(request, _receipt("已报告变动情况", report.submitted_at, after))
                return redirect("mobile:changes")
        status = 400
    context = {
        "form": form,
        "reports": list(s.change_reports.select_related("read_by")[:RECENT_LEAVES]),
        "can_submit": s.status == Status.UNDER_CORRECTION,
    }
    return render(request, "mobile/changes.html", context, status=status)


@supervisee_required
def account_view(request: HttpRequest) -> HttpResponse:
    """我的账户: who is signed in, the judicial office in charge and the office's member of the person's correction
    team who can be phoned (when recorded), the password and signing out."""
    s = _person(request)
    contacts = [m for m in active_team(s) if m.kind == "office" and m.phone]
    context = {
        "s": s,
        "office": s.judicial_office,
        "contacts": contacts,
        "devices": accounts.devices_of(request.user),
        "this_device": request.session.get(accounts.DEVICE_SESSION_KEY),
    }
    return render(request, "mobile/account.html", context)


@sensitive_post_parameters("old_password", "new_password1", "new_password2")
@supervisee_required
def password_view(request: HttpRequest) -> HttpResponse:
    """The person's own password, with the system's password rules; the session stays signed in after the change."""
    form = OwnPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            # Every bound phone now needs the new password (decision 0022); this one may be bound again.
            unbound = accounts.device_revoke_all(user=user, actor=user, reason="本人修改密码")
            request.session.pop(accounts.DEVICE_SESSION_KEY, None)
            lines = ["下次登录请使用新密码。", *(["已绑定的手机均已解除绑定。"] if unbound else [])]
            messages.success(request, _receipt("密码已修改", timezone.now(), f"登录账户：{user.username}", *lines))
            response = redirect("mobile:account")
            device_cookie_delete(response)
            return response
        if request.user.is_locked():  # wrong old passwords locked the account: the session ends too (decision 0012)
            message = " ".join(form.errors.get("old_password", []))
            logout(request)
            messages.error(request, message)
            return redirect("accounts:login")
        return render(request, "mobile/password.html", {"form": form}, status=400)
    return render(request, "mobile/password.html", {"form": form})
