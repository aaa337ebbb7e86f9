"""Electronic monitoring of one person: proposal, the bureau head's decision and extensions, release."""

from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sqjz.accounts.permissions import Capability, capability_required, has_capability
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write
from sqjz.core.workflow import run_step
from sqjz.statute.registry import RULES
from sqjz.statute.rules.monitoring import MONITORING_GROUNDS
from sqjz.supervisees.access import supervisee_viewed
from sqjz.supervisees.models import ProhibitionOrder
from sqjz.supervisees.permissions import Access, can_access, get_supervisee_for_user
from sqjz.supervision.monitoring import services
from sqjz.supervision.monitoring.forms import (
    AlertCloseForm,
    AlertVerifyForm,
    GeofenceForm,
    MonitoringDecisionForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    MonitoringForm,
    TrackWindowForm,
)
from sqjz.supervision.monitoring.models import ElectronicMonitoring, Geofence, MonitoringAlert
from sqjz.supervision.monitoring.selectors import (
    confirm_rule,
    home_area_label,
    monitored_people,
    person_map,
    positions_map,
)

TRACK_DEFAULT_HOURS = 24


def _place_orders(s):
    return s.prohibition_orders.filter(kind=ProhibitionOrder.Kind.PLACE, end_date__gte=timezone.localdate())


def _track_window(request: HttpRequest) -> tuple[TrackWindowForm, datetime, datetime]:
    """The track's time window from the query (?since=…&until=…), validated; the last day when absent or wrong."""
    now = timezone.now()
    default = (now - timedelta(hours=TRACK_DEFAULT_HOURS), now)
    if "since" in request.GET or "until" in request.GET:
        form = TrackWindowForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["since"], form.cleaned_data["until"]
        return form, *default
    initial = {"since": timezone.localtime(default[0]), "until": timezone.localtime(default[1])}
    return TrackWindowForm(initial=initial), *default


def _monitoring_page(request: HttpRequest, s, *, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    today = timezone.localdate()
    window_form, since, until = _track_window(request)
    alerts = MonitoringAlert.objects.filter(supervisee=s).select_related(
        "acknowledged_by", "verified_by", "closed_by", "geofence"
    )
    closed = MonitoringAlert.Status.CLOSED
    alerts = [*alerts.exclude(status=closed).order_by("occurred_at"), *alerts.filter(status=closed)[:20]]
    for a in alerts:  # each alert's step has its own form (ids unique on the page); a refused one comes back bound
        mine = forms.get("alert_id") == a.pk
        a.verify_form = forms["verify"] if mine and "verify" in forms else AlertVerifyForm(auto_id=f"a{a.pk}v_%s")
        a.close_form = forms["close"] if mine and "close" in forms else AlertCloseForm(auto_id=f"a{a.pk}c_%s")
    zones = list(Geofence.objects.filter(supervisee=s, removed_at__isnull=True).select_related("order"))
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
        "rules": [RULES[c] for c in ("ELECTRONIC_MONITORING_GROUNDS", "ELECTRONIC_MONITORING_PERIOD", "HOME_AREA")],
        "map": person_map(s, since, until),
        "window_form": window_form,
        "alerts": alerts,
        "zones": zones,
        "zone_form": forms.get("zone") or GeofenceForm(orders=_place_orders(s), initial={"shape": "circle"}),
        "show_map": has_capability(request.user, Capability.CASEWORK_VIEW),
        "home_area": home_area_label(s),
        "confirm_rule": confirm_rule(),
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


def _alert_for(request: HttpRequest, alert_id: int) -> MonitoringAlert:
    a = get_object_or_404(MonitoringAlert.objects.select_related("supervisee"), pk=alert_id)
    get_supervisee_for_user(request.user, a.supervisee_id, Access.EDIT)  # 404 outside jurisdiction
    return a


def _monitoring_step_on(request, s, key, form, act, done, alert_id=None) -> HttpResponse:
    def rerender() -> HttpResponse:
        s.refresh_from_db()
        return _monitoring_page(request, s, forms={key: form, "alert_id": alert_id})

    return run_step(
        request,
        form=form,
        act=act,
        done=done,
        back_to=reverse("supervision:monitoring", args=[s.pk]),
        rerender=rerender,
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_zone_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    s = get_supervisee_for_user(request.user, pk, Access.EDIT)
    form = GeofenceForm(request.POST, orders=_place_orders(s))
    return _monitoring_step_on(
        request,
        s,
        "zone",
        form,
        lambda _: services.geofence_create(actor=request.user, supervisee=s, zone=form.instance),
        "已设置禁止进入区域，此后的定位将据此报警。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_zone_remove_view(request: HttpRequest, zone_id: int) -> HttpResponse:
    zone = get_object_or_404(Geofence, pk=zone_id)
    s = get_supervisee_for_user(request.user, zone.supervisee_id, Access.EDIT)
    return _monitoring_step_on(
        request,
        s,
        "remove",
        None,
        lambda _: services.geofence_remove(actor=request.user, zone_id=zone.pk),
        "已撤销该禁止进入区域。",
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_alert_acknowledge_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    a = _alert_for(request, alert_id)
    return _monitoring_step_on(
        request,
        a.supervisee,
        "acknowledge",
        None,
        lambda _: services.alert_acknowledge(actor=request.user, alert_id=a.pk),
        "已接收报警，请尽快核实。",
        a.pk,
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_alert_verify_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    a = _alert_for(request, alert_id)
    form = AlertVerifyForm(request.POST, auto_id=f"a{a.pk}v_%s")
    return _monitoring_step_on(
        request,
        a.supervisee,
        "verify",
        form,
        lambda d: services.alert_verify(actor=request.user, alert_id=a.pk, finding=d["finding"]),
        "已记录核实情况。",
        a.pk,
    )


@require_POST
@capability_required(Capability.SUPERVISEE_EDIT)
def monitoring_alert_close_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    a = _alert_for(request, alert_id)
    form = AlertCloseForm(request.POST, auto_id=f"a{a.pk}c_%s")
    breach = request.POST.get("outcome") == MonitoringAlert.Outcome.BREACH
    return _monitoring_step_on(
        request,
        a.supervisee,
        "close",
        form,
        lambda d: services.alert_close(actor=request.user, alert_id=a.pk, outcome=d["outcome"], reason=d["reason"]),
        "已办结报警。确认违规的，可在“考核奖惩”中登记为事实。" if breach else "已办结报警。",
        a.pk,
    )


@capability_required(Capability.CASEWORK_VIEW)
def monitoring_list_view(request: HttpRequest) -> HttpResponse:
    """电子定位监控: the monitored people of the user's jurisdiction with their last fix and open alerts, and a map of
    their current positions; showing the page's people is logged as access to their personal data."""
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(monitored_people(request.user, q), 50).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    with transaction.atomic():
        access_log_write(
            actor=request.user,
            action=AccessLog.Action.VIEW,
            supervisee_ids=[m.supervisee_id for m in shown],
            request=request,
        )
    context = {
        "page": page,
        "shown": shown,
        "q": q,
        "map_config": positions_map(shown),
        "crumbs": [("电子定位监控", None)],
    }
    return render(request, "supervision/monitoring_list.html", context)
