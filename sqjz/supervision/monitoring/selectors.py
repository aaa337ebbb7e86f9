"""Reads of the device registry and the gateways, limited to what the user may see: a county agency sees its own
devices, the city agency every device of the city, anyone else (an office, a procurator) only the devices worn by
people within their jurisdiction."""

from django.db.models import Q, QuerySet

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.search import prefix_q
from sqjz.supervisees.permissions import jurisdiction_q
from sqjz.supervision.monitoring.models import MonitoringDevice, MonitoringGateway

NOTHING = Q(pk__in=[])


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
