"""Phone check-ins: the page of one person (account, check-ins, follow-ups, spot checks) and the list of who
checked in today within jurisdiction."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.models import User
from sqjz.accounts.permissions import Capability, capability_required
from sqjz.accounts.services import devices_of
from sqjz.core.context_processors import clear_draft
from sqjz.core.http import int_param
from sqjz.core.pagination import CappedPaginator
from sqjz.figures.selectors import figure_top, figure_totals, oldest
from sqjz.intake.selectors import report_in_photo
from sqjz.organisation.models import Division
from sqjz.statute.registry import RULES
from sqjz.supervisees.access import photo_viewed, supervisee_viewed
from sqjz.supervisees.permissions import Access, area_offices, can_access, get_supervisee_for_user, jurisdiction_q
from sqjz.supervisees.selectors import area_level, figure_units, register_filter_options
from sqjz.supervision.checkins import services
from sqjz.supervision.checkins.forms import CheckInFollowUpForm, CheckInReviewForm
from sqjz.supervision.checkins.models import AppEnrolment, CheckIn
from sqjz.supervision.checkins.selectors import (
    CHECKIN_FIGURE,
    CHECKIN_VIEWS,
    checkin_counts,
    checkin_decision,
    checkin_list,
    reminders_shown,
    reviews_open,
)
from sqjz.supervision.travel.selectors import leave_on

# ----------------------------------------------------------------------------------------------- check-ins

CHECKINS_PER_PAGE = 30
# The offices a county's or a city's summary lists, those awaiting most follow-ups first (Yuxi has 76).
BY_OFFICE_SHOWN = 100
SPOT_CHECKS_SHOWN = 10


def _checkins_page(
    request: HttpRequest, s, *, form=None, review_form=None, review_of=None, password: str = "", status: int = 200
) -> HttpResponse:
    today = timezone.localdate()
    enrolment = AppEnrolment.objects.filter(supervisee=s).select_related("enrolled_by").first()
    account = User.objects.filter(supervisee=s).only("username", "is_active", "last_login").first()
    decision = checkin_decision(s, today)
    due = decision.outcome.due if decision and decision.outcome else None
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    page = Paginator(s.checkins.all(), CHECKINS_PER_PAGE).get_page(request.GET.get("page"))
    _name_places(page.object_list)
    reviews = _reviews(s, review_form, review_of)
    context = {
        "s": s,
        "enrolment": enrolment,
        "account": account,
        "devices": devices_of(account) if account else [],
        "password": password,
        "decision": decision,
        "due": due,
        "days_left": (due - today).days if due else None,
        "level": s.levels.filter(effective_from__lte=today).first(),  # the one in force today
        "page": page,
        "follow_ups": list(s.checkin_follow_ups.select_related("recorded_by")),
        "spot_checks": list(s.spot_checks.select_related("answer", "requested_by")[:SPOT_CHECKS_SHOWN]),
        "reminders": reminders_shown(s),
        "spot_check_rule": RULES["SPOT_CHECK_ANSWER_DUE"],
        "now": timezone.now(),
        "form": form or CheckInFollowUpForm(initial={"followed_up_on": today, "method": "phone"}),
        "editable": editable,
        "reviews": reviews,
        "map": _checkin_map(s, page.object_list, [c for c, _ in reviews]),
        "report_in_photo": bool(report_in_photo(s.pk)),
        "match_distance": services.FACE_MATCH_DISTANCE,
        "rule": RULES["CHECKIN_MISSED"],
        "crumbs": [
            ("矫正对象名册", reverse("supervisees:list")),
            (s.name, reverse("supervisees:detail", args=[s.pk])),
            ("手机签到", None),
        ],
    }
    return render(request, "supervision/checkins.html", context, status=status)


def _name_places(checkins) -> None:
    """Each check-in's `place`: the county its position lies in (from the vendored boundaries), so that officers do
    not read bare coordinates."""
    from sqjz.organisation.geo import county_at  # shapely: only on the pages that place positions

    checkins = list(checkins)
    codes = {c.pk: county_at(float(c.latitude), float(c.longitude)) for c in checkins}
    names = dict(Division.objects.filter(code__in=set(codes.values()) - {None}).values_list("code", "name"))
    for c in checkins:
        c.place = names.get(codes[c.pk], "玉溪市以外")


def _checkin_map(s, shown, waiting) -> dict:
    """The map beside the check-ins: this page's check-ins, those waiting for review in red, the person's county
    outlined (decision 0027)."""
    from sqjz.organisation.geo import MapLayer, map_config  # shapely: only on the pages that draw maps

    counted = MapLayer("签到位置", "points", "#1f5f9e")
    doubtful = MapLayer("存疑签到", "points", "#c0392b")
    for c in {c.pk: c for c in [*shown, *waiting]}.values():
        layer = doubtful if c.needs_review or c.review == "rejected" else counted
        layer.point(
            f"{timezone.localtime(c.checked_at):%m月%d日 %H:%M} {c.place}", float(c.latitude), float(c.longitude)
        )
    return map_config([counted, doubtful], focus=s.county.name if s.county_id else "")


def _reviews(s, form, form_of) -> list[tuple[CheckIn, CheckInReviewForm]]:
    """The person's check-ins waiting for the officer's review, each with its form (the one posted, with its errors,
    for the check-in it was about)."""
    waiting = list(reviews_open(Q(supervisee=s)).order_by("checked_at"))
    _name_places(waiting)
    for c in waiting:
        c.leave = leave_on(s, timezone.localdate(c.checked_at))
    return [
        (c, form if c.pk == form_of and form is not None else CheckInReviewForm(auto_id=f"review{c.pk}_%s"))
        for c in waiting
    ]


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
def checkin_unlock_view(request: HttpRequest, pk: int) -> HttpResponse:
    """End the phone account's sign-in lock (the person, or someone else, entered wrong passwords)."""
    s = get_supervisee_for_user(request.user, pk)
    try:
        services.app_account_unlock(actor=request.user, supervisee=s)
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已解除手机账户的登录锁定，本人可立即登录。")
    return redirect("supervision:checkins", pk=pk)


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def checkin_device_revoke_view(request: HttpRequest, pk: int, device_id: int) -> HttpResponse:
    """Unbind one of the person's phones, with the reason (lost, replaced, used by someone else)."""
    s = get_supervisee_for_user(request.user, pk)
    try:
        credential = services.app_device_revoke(
            actor=request.user, supervisee=s, device_id=device_id, reason=request.POST.get("reason", "")
        )
    except services.SupervisionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"已解除“{credential.label}”的绑定，该手机下次使用须重新输入密码登录。")
    return redirect("supervision:checkins", pk=pk)


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


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def checkin_review_view(request: HttpRequest, pk: int, checkin_id: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk)
    checkin = get_object_or_404(CheckIn, pk=checkin_id, supervisee=s)
    form = CheckInReviewForm(request.POST, auto_id=f"review{checkin.pk}_%s")
    if form.is_valid():
        try:
            services.checkin_review(
                actor=request.user,
                checkin=checkin,
                review=form.cleaned_data["review"],
                note=form.cleaned_data["review_note"],
            )
        except services.SupervisionError as error:
            if error.field not in form.fields:  # nothing (more) to review: the page no longer shows its form
                messages.error(request, error.message)
                return redirect("supervision:checkins", pk=pk)
            form.add_error(error.field, error.message)
        else:
            clear_draft(request, f"review-{checkin.pk}")
            messages.success(request, f"已登记{timezone.localtime(checkin.checked_at):%m月%d日 %H:%M}签到的核实结果。")
            return redirect("supervision:checkins", pk=pk)
    return _checkins_page(request, s, review_form=form, review_of=checkin.pk, status=400)


@capability_required(Capability.SUPERVISEE_VIEW)
def checkin_photo_view(request: HttpRequest, checkin_id: int) -> FileResponse:
    visible = CheckIn.objects.filter(jurisdiction_q(request.user, prefix="supervisee__"))
    checkin = get_object_or_404(visible, pk=checkin_id, photo_state=CheckIn.PhotoState.STORED)  # never the upload
    return photo_viewed(request, checkin.supervisee_id, checkin.photo)


@capability_required(Capability.CASEWORK_VIEW)
def checkin_list_view(request: HttpRequest) -> HttpResponse:
    """Who checked in today, who has not, who awaits a follow-up, who has no app: within jurisdiction. A city first
    sees its counties' totals, a county (its own, or the one a city picked) its offices', both from the offices'
    stored figures (decision 0025), then the people; an office, or a name searched, lists the people at once."""
    user = request.user
    g = request.GET
    show = g["show"] if g.get("show") in CHECKIN_VIEWS else "missing"
    q = g.get("q", "").strip()[:50]
    today = timezone.localdate()
    level, area = area_level(user), area_offices(user)
    counties = register_filter_options(user)[0] if level == "city" else []
    county = next((c for c in counties if c.pk == int_param(g.get("county"))), None)
    if county is not None and area is not None:
        area = area.filter(county_id=county.pk)
    office_id = int_param(g.get("office"))
    office = area.filter(pk=office_id).first() if area is not None and office_id else None
    context: dict = {"show": show, "q": q, "county": county, "office": office, "today": today, "page": None}
    context["crumbs"] = [("手机签到", None)]
    summary = level and area is not None and office is None and not q
    if summary and level == "city" and county is None:
        counties_area = figure_units(user)  # the county agencies' rows, each the sum of its offices'
        by_county, more = figure_top(CHECKIN_FIGURE, counties_area, BY_OFFICE_SHOWN)
        totals = figure_totals(CHECKIN_FIGURE, counties_area)
        context |= {"by_county": by_county, "by_county_more": more, "as_of": totals.as_of}
        counts = totals.values
    else:
        if summary:
            shown, more = figure_top(CHECKIN_FIGURE, area, BY_OFFICE_SHOWN)
            context |= {"by_office": shown, "by_office_more": more, "as_of": oldest(shown)}
        where = {"office": office.pk if office else None, "county": county.pk if county else None, "q": q}
        counts = checkin_counts(user, today, **where)  # the list's own count among them
        people = CappedPaginator(checkin_list(user, today, show, **where), 50, known_count=counts[show])
        context["page"] = people.get_page(g.get("page"))
    context["views"] = [(key, label, counts[key]) for key, label in CHECKIN_VIEWS.items()]
    return render(request, "supervision/checkin_list.html", context)
