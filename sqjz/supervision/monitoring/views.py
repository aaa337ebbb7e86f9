"""Electronic monitoring of one person: proposal, the bureau head's decision and extensions, release, the device
put on the person; the county agency's device registry and the device gateways."""

from datetime import datetime, timedelta

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
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
from sqjz.supervision.monitoring import selectors, services
from sqjz.supervision.monitoring.forms import (
    AlertCloseForm,
    AlertVerifyForm,
    DeviceAssignForm,
    DeviceForm,
    DeviceReturnForm,
    DeviceStatusForm,
    GatewayForm,
    GeofenceForm,
    MonitoringDecisionForm,
    MonitoringEndForm,
    MonitoringExtendForm,
    MonitoringForm,
    TrackWindowForm,
)
from sqjz.supervision.monitoring.models import ElectronicMonitoring, Geofence, MonitoringAlert, MonitoringDevice
from sqjz.supervision.monitoring.selectors import (
    confirm_rule,
    home_area_label,
    monitored_people,
    person_map,
    positions_map,
)
from sqjz.supervision.places.selectors import entries_approved

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
    if zones:  # approved windows to enter a zone's place, in the track's span or the month after: no alert then
        windows = entries_approved([s.pk], since, until + timedelta(days=30))
        for z in zones:
            z.windows = [w for w in windows if w.order_id == z.order_id and w.kind == "place"]
    monitorings = list(s.monitorings.select_related("proposed_by", "decided_by").prefetch_related("extensions"))
    current = next((m for m in monitorings if m.status in ("proposed", "active")), None)
    editable = s.status == "under_correction" and can_access(request.user, s, Access.EDIT)
    is_head = has_capability(request.user, Capability.MONITORING_APPROVE) and request.user.unit.county_id == (
        s.judicial_office.county_id
    )
    worn = {d.monitoring_id: d for d in MonitoringDevice.objects.filter(monitoring__in=[m.pk for m in monitorings])}
    for m in monitorings:
        m.device = worn.get(m.pk)
    in_stock = selectors.devices_in_stock(request.user, s.county_id)
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
        "keeps_devices": selectors.keeps_devices(request.user) and request.user.unit.county_id == s.county_id,
        "assign_form": forms.get("assign") or DeviceAssignForm(devices=in_stock),
        "rules": [
            RULES[c]
            for c in (
                "ELECTRONIC_MONITORING_GROUNDS",
                "ELECTRONIC_MONITORING_PERIOD",
                "ELECTRONIC_MONITORING_DEVICE",
                "HOME_AREA",
            )
        ],
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


@require_POST
@capability_required(Capability.MONITORING_DEVICES)
def monitoring_device_assign_view(request: HttpRequest, monitoring_id: int) -> HttpResponse:
    m = _monitoring_for(request, monitoring_id, Access.VIEW)
    form = DeviceAssignForm(request.POST, devices=selectors.devices_in_stock(request.user, m.supervisee.county_id))
    return _monitoring_step(
        request,
        m.supervisee,
        "assign",
        form,
        lambda d: services.device_assign(actor=request.user, device=d["device"], monitoring=m),
        "已分配电子定位装置。",
    )


# ------------------------------------------------------------------------------------------------ device registry


def _device_list_page(request: HttpRequest, form=None) -> HttpResponse:
    text, status = request.GET.get("q", "")[:50], request.GET.get("status", "")
    devices = selectors.device_list(request.user, text=text, status=status)
    page = Paginator(devices, 30).get_page(request.GET.get("page"))
    keeps = selectors.keeps_devices(request.user)
    context = {
        "page": page,
        "q": text,
        "status": status,
        "statuses": MonitoringDevice.Status.choices,
        "keeps": keeps,
        "form": form or (DeviceForm() if keeps else None),
        "rules": [RULES["ELECTRONIC_MONITORING_DEVICE"]],
        "crumbs": [("电子定位装置", None)],
    }
    return render(request, "supervision/device_list.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def device_list_view(request: HttpRequest) -> HttpResponse:
    return _device_list_page(request)


@require_POST
@capability_required(Capability.MONITORING_DEVICES)
def device_register_view(request: HttpRequest) -> HttpResponse:
    form = DeviceForm(request.POST)
    return run_step(
        request,
        form=form,
        act=lambda d: services.device_register(
            actor=request.user,
            serial=d["serial"],
            kind=d["kind"],
            model_name=d["model_name"],
            properties=set(d["properties"]),
        ),
        done="已登记电子定位装置。",
        back_to=reverse("supervision:device_list"),
        rerender=lambda: _device_list_page(request, form),
    )


def _device_for(request: HttpRequest, device_id: int) -> MonitoringDevice:
    visible = selectors.devices_visible(request.user).select_related("agency", "monitoring__supervisee")
    return get_object_or_404(visible, pk=device_id)  # 404 outside what the user may see


def _device_page(request: HttpRequest, device: MonitoringDevice, forms: dict | None = None) -> HttpResponse:
    forms = forms or {}
    keeps = selectors.keeps_devices(request.user) and request.user.unit.county_id == device.agency.county_id
    context = {
        "device": device,
        "keeps": keeps,
        "history": device.history.select_related("history_user").order_by("-history_date")[:20],
        "status_form": forms.get("status") or DeviceStatusForm(initial={"status": device.status}),
        "return_form": forms.get("return") or DeviceReturnForm(),
        "crumbs": [("电子定位装置", reverse("supervision:device_list")), (device.serial, None)],
    }
    return render(request, "supervision/device.html", context)


@capability_required(Capability.CASEWORK_VIEW)
def device_view(request: HttpRequest, device_id: int) -> HttpResponse:
    return _device_page(request, _device_for(request, device_id))


def _device_step(request: HttpRequest, device: MonitoringDevice, key: str, form, act, done: str) -> HttpResponse:
    def rerender() -> HttpResponse:
        return _device_page(request, _device_for(request, device.pk), {key: form})

    back = reverse("supervision:device", args=[device.pk])
    return run_step(request, form=form, act=act, done=done, back_to=back, rerender=rerender)


@require_POST
@capability_required(Capability.MONITORING_DEVICES)
def device_status_view(request: HttpRequest, device_id: int) -> HttpResponse:
    device = _device_for(request, device_id)
    form = DeviceStatusForm(request.POST)
    return _device_step(
        request,
        device,
        "status",
        form,
        lambda d: services.device_status_set(actor=request.user, device=device, status=d["status"], note=d["note"]),
        "已更新设备状态。",
    )


@require_POST
@capability_required(Capability.MONITORING_DEVICES)
def device_return_view(request: HttpRequest, device_id: int) -> HttpResponse:
    device = _device_for(request, device_id)
    form = DeviceReturnForm(request.POST)
    return _device_step(
        request,
        device,
        "return",
        form,
        lambda d: services.device_return(actor=request.user, device=device, note=d["note"]),
        "设备已归还入库。",
    )


# ------------------------------------------------------------------------------------------------------- gateways


def _gateway_page(request: HttpRequest, form=None, token: str = "", status: int = 200) -> HttpResponse:
    context = {
        "gateways": selectors.gateways_visible(request.user).select_related("agency", "created_by"),
        "form": form or GatewayForm(),
        "token": token,
        "crumbs": [("电子定位装置", reverse("supervision:device_list")), ("定位网关", None)],
    }
    return render(request, "supervision/gateways.html", context, status=status)


@capability_required(Capability.MONITORING_GATEWAYS)
def gateway_list_view(request: HttpRequest) -> HttpResponse:
    return _gateway_page(request)


@require_POST
@capability_required(Capability.MONITORING_GATEWAYS)
def gateway_create_view(request: HttpRequest) -> HttpResponse:
    """The token is shown on this answer only (not redirected: it must never sit in a session or a message)."""
    form = GatewayForm(request.POST)
    if form.is_valid():
        try:
            _, token = services.gateway_create(actor=request.user, name=form.cleaned_data["name"])
        except services.SupervisionError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return _gateway_page(request, token=token)
    return _gateway_page(request, form, status=400)


@require_POST
@capability_required(Capability.MONITORING_GATEWAYS)
def gateway_deactivate_view(request: HttpRequest, gateway_id: int) -> HttpResponse:
    gateway = get_object_or_404(selectors.gateways_visible(request.user), pk=gateway_id)
    return run_step(
        request,
        form=None,
        act=lambda _: services.gateway_deactivate(actor=request.user, gateway=gateway),
        done="网关已停用，其令牌不再有效。",
        back_to=reverse("supervision:gateway_list"),
        rerender=lambda: redirect("supervision:gateway_list"),
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
