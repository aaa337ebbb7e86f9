"""Reads of electronic monitoring: the device registry and the gateways, limited to what the user may see (a county
agency sees its own devices, the city agency every device of the city, anyone else — an office, a procurator — only
the devices worn by people within their jurisdiction); and for the pages a person's map (current position, track
over a time window, home area, exclusion zones, open alerts) and the jurisdiction's monitored people with their last
fix and open alerts."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.search import prefix_q
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.common import home_area
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    Geofence,
    MonitoringAlert,
    MonitoringDevice,
    MonitoringGateway,
    PositionFix,
)

NOTHING = Q(pk__in=[])
MONITORING_FIGURE = "monitoring"  # the figure per office (supervision.figures): monitored, alerts open


def _unit(user):
    return getattr(user, "unit", None) if user.is_authenticated and user.is_active else None


def devices_visible(user) -> QuerySet[MonitoringDevice]:
    unit = _unit(user)
    if unit is None or not has_capability(user, Capability.SUPERVISEE_VIEW):
        return MonitoringDevice.objects.none()
    if unit.kind == "county_agency" and user.role in ("county_officer", "county_head"):
        return MonitoringDevice.objects.filter(agency__county_id=unit.county_id)
    if unit.kind == "city_agency" and user.role == "city_officer":
        return MonitoringDevice.objects.filter(agency__parent_id=unit.pk)
    worn = jurisdiction_q(user, prefix="monitoring__supervisee__")
    return MonitoringDevice.objects.filter(Q(monitoring__isnull=False) & worn)


def keeps_devices(user) -> bool:
    """Whether the user registers and assigns devices (county agency staff with the capability)."""
    unit = _unit(user)
    return unit is not None and unit.kind == "county_agency" and has_capability(user, Capability.MONITORING_DEVICES)


def device_list(user, *, text: str = "", status: str = "") -> QuerySet[MonitoringDevice]:
    devices = devices_visible(user).select_related("agency", "monitoring__supervisee")
    text = text.strip()
    if text:  # serials are stored in capitals
        devices = devices.filter(prefix_q("serial", text.upper()) | prefix_q("model_name", text))
    if status in MonitoringDevice.Status.values:
        devices = devices.filter(status=status)
    return devices.order_by("serial")


def devices_in_stock(user, county_id: int) -> QuerySet[MonitoringDevice]:
    """The devices the user may put on a person of `county_id`."""
    if not keeps_devices(user) or user.unit.county_id != county_id:
        return MonitoringDevice.objects.none()
    return MonitoringDevice.objects.filter(agency__county_id=county_id, status=MonitoringDevice.Status.IN_STOCK)


def gateways_visible(user) -> QuerySet[MonitoringGateway]:
    unit = _unit(user)
    if unit is None or not has_capability(user, Capability.MONITORING_GATEWAYS):
        return MonitoringGateway.objects.none()
    if unit.kind == "city_agency":
        return MonitoringGateway.objects.filter(Q(agency=unit) | Q(agency__parent_id=unit.pk))
    return MonitoringGateway.objects.filter(agency=unit)


TRACK_MAX_POINTS = 2000  # a longer track is thinned evenly (its first and last fixes kept)
OPEN = (MonitoringAlert.Status.OPEN, MonitoringAlert.Status.ACKNOWLEDGED, MonitoringAlert.Status.VERIFIED)


@dataclass
class PersonMap:
    config: dict
    last: PositionFix | None
    fixes: int  # in the window
    thinned: bool


def _when(at: datetime) -> str:
    return timezone.localtime(at).strftime("%m-%d %H:%M")


def person_map(s, since: datetime, until: datetime) -> PersonMap:
    """The map of one person: the home county outlined, exclusion zones, the track from `since` to `until`, the
    current (last) position and the positions of open alerts. A few queries."""
    from sqjz.organisation.geo import MapLayer, map_config

    zones = MapLayer("禁止进入区域", "polygons", "#c0392b")
    for z in Geofence.objects.filter(supervisee=s, removed_at__isnull=True):
        zones.polygon(z.name, z.area())
    rows = list(
        PositionFix.objects.filter(supervisee=s, recorded_at__gte=since, recorded_at__lte=until)
        .order_by("recorded_at", "id")
        .values_list("recorded_at", "latitude", "longitude")
    )
    thinned = len(rows) > TRACK_MAX_POINTS
    if thinned:
        step = len(rows) / (TRACK_MAX_POINTS - 1)
        rows = [rows[int(i * step)] for i in range(TRACK_MAX_POINTS - 1)] + [rows[-1]]
    track = MapLayer("轨迹", "lines", "#1f5f9e")
    if len(rows) > 1:
        track.line(f"{_when(rows[0][0])}至{_when(rows[-1][0])}", [(lat, lon) for _at, lat, lon in rows])
    points = MapLayer("定位点", "points", "#5b8fc7")
    if len(rows) <= 300:
        for at, lat, lon in rows:
            points.point(_when(at), lat, lon)
    last = PositionFix.objects.filter(supervisee=s).order_by("-recorded_at", "-id").first()
    current = MapLayer("当前位置", "points", "#198754")
    if last is not None:
        current.point(f"{_when(last.recorded_at)}，精度约{last.accuracy_m:.0f}米", last.latitude, last.longitude)
    alerts = MapLayer("未办结报警", "points", "#e67e22")
    for a in MonitoringAlert.objects.filter(supervisee=s, status__in=OPEN, last_fix__isnull=False).select_related(
        "last_fix"
    ):
        alerts.point(f"{a.get_kind_display()} {_when(a.occurred_at)}", a.last_fix.latitude, a.last_fix.longitude)
    config = map_config([zones, track, points, alerts, current], focus=s.county.name)
    return PersonMap(config, last, len(rows), thinned)


def monitored_people(user, q: str = "") -> QuerySet:
    """The active monitorings of people in `user`'s jurisdiction (a name searched from its start), each with its
    person, the last fix's time and position, and the number of open alerts. Ordered by open alerts, then name."""
    last = PositionFix.objects.filter(supervisee_id=OuterRef("supervisee_id")).order_by("-recorded_at", "-id")
    found = ElectronicMonitoring.objects.filter(
        jurisdiction_q(user, prefix="supervisee__"), status=ElectronicMonitoring.Status.ACTIVE
    )
    if q:
        found = found.filter(prefix_q("supervisee__name", q))
    return (
        found.select_related("supervisee__judicial_office")
        .annotate(
            last_at=Subquery(last.values("recorded_at")[:1]),
            last_latitude=Subquery(last.values("latitude")[:1]),
            last_longitude=Subquery(last.values("longitude")[:1]),
            last_accuracy=Subquery(last.values("accuracy_m")[:1]),
            open_alerts=Count("alerts", filter=Q(alerts__status__in=OPEN)),
        )
        .order_by("-open_alerts", "supervisee__name", "pk")
    )


def positions_map(monitorings: list) -> dict:
    """The map of the listed people's current positions (red: with open alerts)."""
    from sqjz.organisation.geo import MapLayer, map_config

    calm = MapLayer("当前位置", "points", "#198754")
    alarmed = MapLayer("有未办结报警", "points", "#c0392b")
    for m in monitorings:
        if m.last_at is not None:
            layer = alarmed if m.open_alerts else calm
            layer.point(f"{m.supervisee.name} {_when(m.last_at)}", m.last_latitude, m.last_longitude)
    return map_config([calm, alarmed])


def home_area_label(s) -> str:
    """The names of the person's home area (statute HOME_AREA), e.g. "红塔区、江川区"."""
    return home_area(s)[1]


def confirm_rule() -> str:
    from django.conf import settings

    n, m = settings.MONITORING_CONFIRM_FIXES, settings.MONITORING_CONFIRM_MINUTES
    return f"连续{n}次定位或持续{m}分钟"
