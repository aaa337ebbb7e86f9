"""Writes of electronic monitoring: proposals on the statute's grounds, the bureau head's decisions and
extensions, release; the county agency's devices (registration, assignment, return, repair) and the device
gateways. Each is one transaction; views call only these. The positions gateways send are stored by
`ingest.fixes_ingest`."""

import re
import secrets
from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.crypto import secret_digest
from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import ProhibitionOrder, Supervisee
from sqjz.supervisees.permissions import Access
from sqjz.supervision.common import SupervisionError, locked_person
from sqjz.supervision.monitoring import duties
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    Geofence,
    MonitoringAlert,
    MonitoringDevice,
    MonitoringExtension,
    MonitoringGateway,
)


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


def monitoring_period(start: date, months: int, *, extension: bool = False) -> Decision:
    return RULES["ELECTRONIC_MONITORING_PERIOD"](
        statute_context(), start=start, requested_months=months, extension=extension
    )


@transaction.atomic
def monitoring_propose(*, actor, supervisee: Supervisee, monitoring: ElectronicMonitoring) -> ElectronicMonitoring:
    """Propose the device on the statute's grounds for a lawful period; the bureau head decides."""
    s = locked_person(actor, supervisee)
    if s.monitorings.filter(status__in=(ElectronicMonitoring.Status.PROPOSED, ElectronicMonitoring.Status.ACTIVE)):
        raise SupervisionError("该矫正对象已有待批准或使用中的电子定位。")
    grounds = RULES["ELECTRONIC_MONITORING_GROUNDS"](statute_context(), grounds=monitoring.grounds)
    if not grounds.outcome:
        raise SupervisionError("不属于法定情形，不得使用电子定位装置（社区矫正法第二十九条）。", "grounds")
    if monitoring.start < timezone.localdate():
        raise SupervisionError("起始日期不能早于今天。", "start")
    period = monitoring_period(monitoring.start, monitoring.months)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > s.term_end:
        raise SupervisionError(f"截止日期{period.outcome.end:%Y-%m-%d}超过矫正期满日，请缩短期限。", "months")
    monitoring.supervisee, monitoring.proposed_by, monitoring.end = s, actor, period.outcome.end
    monitoring.status = ElectronicMonitoring.Status.PROPOSED
    monitoring._history_user = actor
    monitoring.save()
    _refresh(s)
    return monitoring


def _locked_monitoring(actor, monitoring: ElectronicMonitoring, status: str) -> ElectronicMonitoring:
    current = ElectronicMonitoring.objects.select_for_update().get(pk=monitoring.pk)
    locked_person(actor, current.supervisee, Access.VIEW)
    if current.status != status:
        raise SupervisionError(f"该电子定位当前为“{current.get_status_display()}”。")
    return current


def _check_head(actor, s: Supervisee) -> None:
    if not has_capability(actor, Capability.MONITORING_APPROVE) or actor.unit.county_id != s.judicial_office.county_id:
        raise SupervisionError("使用、延长电子定位装置须经县级司法行政部门负责人批准。")


@transaction.atomic
def monitoring_decide(*, actor, monitoring: ElectronicMonitoring, approve: bool, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.PROPOSED)
    _check_head(actor, m.supervisee)
    if not approve and not reason.strip():
        raise SupervisionError("不予批准的，请写明理由。", "reason")
    m.status = ElectronicMonitoring.Status.ACTIVE if approve else ElectronicMonitoring.Status.REFUSED
    m.decided_by, m.decided_at, m.decision_reason = actor, timezone.now(), reason.strip()
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_extend(*, actor, monitoring: ElectronicMonitoring, months: int, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    _check_head(actor, m.supervisee)
    if not reason.strip():
        raise SupervisionError("请写明经评估仍有必要继续使用的理由。", "reason")
    period = monitoring_period(m.end, months, extension=True)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > m.supervisee.term_end:
        raise SupervisionError("延长后超过矫正期满日，请缩短期限。", "months")
    MonitoringExtension.objects.create(
        monitoring=m, months=months, previous_end=m.end, new_end=period.outcome.end, reason=reason, approved_by=actor
    )
    m.end = period.outcome.end
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_end(*, actor, monitoring: ElectronicMonitoring, ended_on: date, reason: str) -> ElectronicMonitoring:
    """Release the device: no longer needed, or the period is over."""
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    locked_person(actor, m.supervisee)
    if ended_on < m.start or ended_on > timezone.localdate():
        raise SupervisionError("解除日期应在起始日期至今天之间。", "ended_on")
    m.status, m.ended_on, m.end_reason = ElectronicMonitoring.Status.ENDED, ended_on, reason.strip()
    m._history_user = actor
    m.save()
    for device in MonitoringDevice.objects.select_for_update().filter(monitoring=m):
        _device_back_in_stock(actor, device, "电子定位解除，设备自动归还")
    _refresh(m.supervisee)
    return m


# ------------------------------------------------------------------------------------------------------ devices

SERIAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{2,49}$")


def _device_agency(actor):
    """The county agency whose devices the actor keeps."""
    unit = getattr(actor, "unit", None)
    if not has_capability(actor, Capability.MONITORING_DEVICES) or unit is None or unit.kind != "county_agency":
        raise SupervisionError("电子定位装置由县级社区矫正机构登记和管理。")
    return unit


def _locked_device(actor, device: MonitoringDevice) -> MonitoringDevice:
    agency = _device_agency(actor)
    current = MonitoringDevice.objects.select_for_update().select_related("agency").filter(pk=device.pk).first()
    if current is None or current.agency.county_id != agency.county_id:
        raise SupervisionError("该设备不属于本县级社区矫正机构。")
    return current


def device_qualification(kind: str, properties) -> Decision:
    return RULES["ELECTRONIC_MONITORING_DEVICE"](statute_context(), kind=kind, properties=properties)


@transaction.atomic
def device_register(*, actor, serial: str, kind: str, model_name: str, properties) -> MonitoringDevice:
    """Register a device of the actor's county agency: only one that 实施办法第三十七条 calls an electronic location
    device (never a mobile phone; satellite positioning, tamper-, blast- and water-resistant)."""
    agency = _device_agency(actor)
    decision = device_qualification(kind, properties)
    if not decision.outcome:
        rule = RULES["ELECTRONIC_MONITORING_DEVICE"]
        raise SupervisionError(
            f"不符合{rule.title}（{'、'.join(rule.articles)}）：{'；'.join(decision.reasons)}。",
            "kind" if kind == "mobile_phone" else "properties",
        )
    serial = serial.strip().upper()
    if not SERIAL.match(serial):
        raise SupervisionError("设备序列号应为3至50位字母、数字或“-”“_”“.”。", "serial")
    if not model_name.strip():
        raise SupervisionError("请填写设备型号。", "model_name")
    if MonitoringDevice.objects.filter(serial=serial).exists():
        raise SupervisionError("该序列号的设备已经登记。", "serial")
    device = MonitoringDevice(
        agency=agency,
        serial=serial,
        kind=kind,
        model_name=model_name.strip(),
        registered_by=actor,
        registered_at=timezone.now(),
        **dict.fromkeys(properties, True),
    )
    device._history_user = actor
    device.save()
    return device


# The states an officer may put a device in by hand; ASSIGNED comes only with an assignment.
MANUAL_STATUSES = (MonitoringDevice.Status.IN_STOCK, MonitoringDevice.Status.REPAIR, MonitoringDevice.Status.RETIRED)


@transaction.atomic
def device_status_set(*, actor, device: MonitoringDevice, status: str, note: str) -> MonitoringDevice:
    """Send a device for repair, take it back in stock, or retire it (final)."""
    d = _locked_device(actor, device)
    if status not in MANUAL_STATUSES:
        raise SupervisionError("请选择在库、维修或报废。", "status")
    if d.status == MonitoringDevice.Status.ASSIGNED:
        raise SupervisionError("设备正在使用中，请先归还。", "status")
    if d.status == MonitoringDevice.Status.RETIRED:
        raise SupervisionError("设备已报废，不能再改变状态。", "status")
    if status == d.status:
        raise SupervisionError(f"设备已是“{d.get_status_display()}”。", "status")
    if status != MonitoringDevice.Status.IN_STOCK and not note.strip():
        raise SupervisionError("请写明维修或报废的原因。", "note")
    d.status, d.note = status, note.strip()[:200]
    d._history_user = actor
    d.save()
    return d


@transaction.atomic
def device_assign(*, actor, device: MonitoringDevice, monitoring: ElectronicMonitoring) -> MonitoringDevice:
    """Put an in-stock device of the actor's county on an approved (ACTIVE) monitoring of a person of that county;
    the monitoring's 设备编号 becomes the device's serial."""
    d = _locked_device(actor, device)
    m = ElectronicMonitoring.objects.select_for_update().select_related("supervisee").get(pk=monitoring.pk)
    if m.supervisee.county_id != d.agency.county_id:
        raise SupervisionError("只能为本县（市、区）的矫正对象分配本机构的设备。", "device")
    if m.status != ElectronicMonitoring.Status.ACTIVE:
        raise SupervisionError(f"该电子定位当前为“{m.get_status_display()}”，批准后方可分配设备。", "device")
    if d.status != MonitoringDevice.Status.IN_STOCK:
        raise SupervisionError(f"该设备当前为“{d.get_status_display()}”，只能分配在库设备。", "device")
    if MonitoringDevice.objects.filter(monitoring=m).exists():
        raise SupervisionError("该电子定位已分配设备，请先归还原设备。", "device")
    d.status, d.monitoring, d.note = MonitoringDevice.Status.ASSIGNED, m, ""
    d._history_user = actor
    d.save()
    m.device_number = d.serial
    m._history_user = actor
    m.save(update_fields=["device_number"])
    _refresh(m.supervisee)
    return d


def _device_back_in_stock(actor, d: MonitoringDevice, note: str) -> None:
    d.status, d.monitoring, d.note = MonitoringDevice.Status.IN_STOCK, None, note[:200]
    d._history_user = actor
    d.save()


@transaction.atomic
def device_return(*, actor, device: MonitoringDevice, note: str = "") -> MonitoringDevice:
    """Take a device back from the person (e.g. to exchange a faulty one); the monitoring stays as it is."""
    d = _locked_device(actor, device)
    if d.status != MonitoringDevice.Status.ASSIGNED:
        raise SupervisionError("该设备未在使用中。")
    _device_back_in_stock(actor, d, note.strip() or "归还")
    return d


# ----------------------------------------------------------------------------------------------------- gateways


def _gateway_agency(actor):
    unit = getattr(actor, "unit", None)
    kinds = ("county_agency", "city_agency")
    if not has_capability(actor, Capability.MONITORING_GATEWAYS) or unit is None or unit.kind not in kinds:
        raise SupervisionError("定位网关由市、县级社区矫正机构负责人管理。")
    return unit


@transaction.atomic
def gateway_create(*, actor, name: str) -> tuple[MonitoringGateway, str]:
    """A gateway of the actor's agency, and its token (returned this once; only its digest is stored)."""
    agency = _gateway_agency(actor)
    name = name.strip()
    if not name:
        raise SupervisionError("请填写网关名称。", "name")
    if MonitoringGateway.objects.filter(agency=agency, name=name, active=True).exists():
        raise SupervisionError("本机构已有同名的启用中网关。", "name")
    token = "gw_" + secrets.token_urlsafe(32)
    gateway = MonitoringGateway(
        name=name[:100], agency=agency, token_hash=secret_digest(token), token_hint=token[:8], created_by=actor
    )
    gateway._history_user = actor
    gateway.save()
    return gateway, token


@transaction.atomic
def gateway_deactivate(*, actor, gateway: MonitoringGateway) -> MonitoringGateway:
    """A deactivated gateway's token is refused from the next request on; it cannot be activated again."""
    agency = _gateway_agency(actor)
    g = MonitoringGateway.objects.select_for_update().filter(pk=gateway.pk).first()
    if g is None or (g.agency_id != agency.pk and agency.kind != "city_agency"):
        raise SupervisionError("该网关不属于本机构。")
    if not g.active:
        raise SupervisionError("该网关已停用。")
    g.active, g.deactivated_at = False, timezone.now()
    g._history_user = actor
    g.save()
    return g


# ------------------------------------------------------------------------------------------------------ geofences

MAX_ZONE_POINTS = 200
ZONE_RADIUS_M = (20, 20_000)
ZONE_MAX_KM2 = 500


def _zone_shape(zone: Geofence) -> None:
    """Check an exclusion zone's shape; raises SupervisionError naming the field."""
    import shapely

    from sqjz.organisation.geo import county_at

    if zone.shape == Geofence.Shape.CIRCLE:
        zone.coordinates = []
        if zone.latitude is None or zone.longitude is None:
            raise SupervisionError("请填写中心点的纬度和经度。", "latitude")
        if not (-90 <= zone.latitude <= 90 and -180 <= zone.longitude <= 180):
            raise SupervisionError("中心点的纬度应在-90至90之间、经度应在-180至180之间。", "latitude")
        low, high = ZONE_RADIUS_M
        if zone.radius_m is None or not low <= zone.radius_m <= high:
            raise SupervisionError(f"半径应在{low}米至{high}米之间。", "radius_m")
        centre = (zone.latitude, zone.longitude)
    else:
        zone.latitude = zone.longitude = zone.radius_m = None
        points = zone.coordinates or []
        if points and points[0] == points[-1]:
            points = points[:-1]
        if len(points) < 3:
            raise SupervisionError("多边形区域至少需要3个不同的顶点。", "points")
        if len(points) > MAX_ZONE_POINTS:
            raise SupervisionError(f"多边形区域最多{MAX_ZONE_POINTS}个顶点。", "points")
        polygon = shapely.Polygon(points)
        if not polygon.is_valid or polygon.area == 0:
            raise SupervisionError("多边形的边相互交叉或面积为零，请按边界顺序逐点填写。", "points")
        zone.coordinates = [list(p) for p in [*points, points[0]]]
        centre = (polygon.centroid.y, polygon.centroid.x)
        km2 = polygon.area * 111.32 * 101.4  # degrees² at Yuxi's latitude, roughly
        if km2 > ZONE_MAX_KM2:
            raise SupervisionError(f"区域面积约{km2:.0f}平方公里，过大；禁止进入的区域、场所应当具体。", "points")
    if county_at(*centre) is None:
        raise SupervisionError("区域不在玉溪市范围内，请核对坐标（纬度约23–25度，经度约101–103度）。", zone_field(zone))


def zone_field(zone: Geofence) -> str:
    return "latitude" if zone.shape == Geofence.Shape.CIRCLE else "points"


@transaction.atomic
def geofence_create(*, actor, supervisee: Supervisee, zone: Geofence) -> Geofence:
    """An exclusion zone from a prohibition order that forbids entering a place or area, entered by the office."""
    s = locked_person(actor, supervisee)
    order = zone.order if zone.order_id else None
    if order is None or order.supervisee_id != s.pk or order.kind != ProhibitionOrder.Kind.PLACE:
        raise SupervisionError("请选择该矫正对象“禁止进入特定区域、场所”的禁止令。", "order")
    if order.end_date < timezone.localdate():
        raise SupervisionError(f"该禁止令已于{order.end_date:%Y-%m-%d}期满，无需设置禁止进入区域。", "order")
    if not zone.name.strip():
        raise SupervisionError("请填写区域名称，如“某某小学”。", "name")
    _zone_shape(zone)
    zone.supervisee, zone.created_by, zone.name = s, actor, zone.name.strip()
    zone._history_user = actor
    zone.save()
    return zone


@transaction.atomic
def geofence_remove(*, actor, zone_id: int) -> Geofence:
    zone = Geofence.objects.select_for_update().filter(pk=zone_id, removed_at__isnull=True).first()
    if zone is None:
        raise SupervisionError("该禁止进入区域不存在或已撤销。")
    locked_person(actor, zone.supervisee)
    zone.removed_by, zone.removed_at = actor, timezone.now()
    zone._history_user = actor
    zone.save()
    return zone


# --------------------------------------------------------------------------------------------------------- alerts

A = MonitoringAlert.Status


def _locked_alert(actor, alert_id: int, status: str) -> MonitoringAlert:
    alert = MonitoringAlert.objects.select_for_update().filter(pk=alert_id).first()
    if alert is None:
        raise SupervisionError("该报警不存在。")
    locked_person(actor, alert.supervisee)
    if alert.status != status:
        raise SupervisionError(f"该报警当前为“{alert.get_status_display()}”，不能办理此步骤。")
    return alert


def _alert_save(actor, alert: MonitoringAlert) -> MonitoringAlert:
    alert._history_user = actor
    alert.save()
    _refresh(alert.supervisee)
    return alert


@transaction.atomic
def alert_acknowledge(*, actor, alert_id: int) -> MonitoringAlert:
    """The office has seen the alert and is looking into it."""
    alert = _locked_alert(actor, alert_id, A.OPEN)
    alert.status, alert.acknowledged_by, alert.acknowledged_at = A.ACKNOWLEDGED, actor, timezone.now()
    return _alert_save(actor, alert)


@transaction.atomic
def alert_verify(*, actor, alert_id: int, finding: str) -> MonitoringAlert:
    """What the office found out (a call, a visit, the device checked)."""
    alert = _locked_alert(actor, alert_id, A.ACKNOWLEDGED)
    if not finding.strip():
        raise SupervisionError("请写明核实情况：如何核实、本人说明和实际去向。", "finding")
    alert.status, alert.verified_by, alert.verified_at = A.VERIFIED, actor, timezone.now()
    alert.finding = finding.strip()
    return _alert_save(actor, alert)


@transaction.atomic
def alert_close(*, actor, alert_id: int, outcome: str, reason: str) -> MonitoringAlert:
    """Close with an outcome. A confirmed breach is then offered to enforcement as a fact (record_breaches)."""
    alert = _locked_alert(actor, alert_id, A.VERIFIED)
    if outcome not in MonitoringAlert.Outcome.values:
        raise SupervisionError("请选择处理结果：确认违规、误报或设备故障。", "outcome")
    if outcome == MonitoringAlert.Outcome.FALSE_ALARM and not reason.strip():
        raise SupervisionError("认定误报的，请写明理由（如定位漂移、经批准外出）。", "reason")
    alert.status, alert.closed_by, alert.closed_at = A.CLOSED, actor, timezone.now()
    alert.outcome, alert.outcome_reason = outcome, reason.strip()
    return _alert_save(actor, alert)
