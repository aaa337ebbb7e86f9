"""Demo: the 红塔区 agency's electronic location devices and its device gateway (issue 13 §2). The person already on
electronic monitoring wears wristband YX-HT-0007; a second 红塔区 person is put on monitoring (a breach of a
prohibition order) with anklet YX-HT-0008; three wristbands wait in stock and one is in repair. The positions and
alerts of the two people are another step's (kept apart so that each can be run or changed alone)."""

from datetime import date, timedelta

from django.utils import timezone

from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.monitoring import DEVICE_PROPERTIES
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.models import ElectronicMonitoring, MonitoringDevice, MonitoringGateway
from sqjz.supervision.monitoring.services import device_assign, device_register, device_status_set, gateway_create

HONGTA = "530402"


def seed_monitoring_devices(*, today: date, users: dict) -> None:
    officer, head = users.get("zhangli"), users.get("wangqiang")
    if officer is None or head is None or MonitoringDevice.objects.filter(serial="YX-HT-0007").exists():
        return
    properties = set(DEVICE_PROPERTIES)
    devices = {
        serial: device_register(actor=officer, serial=serial, kind=kind, model_name=model, properties=properties)
        for serial, kind, model in (
            ("YX-HT-0007", "wristband", "SW-G3 定位腕带"),
            ("YX-HT-0008", "anklet", "SW-A2 定位脚环"),
            ("YX-HT-0009", "wristband", "SW-G3 定位腕带"),
            ("YX-HT-0010", "wristband", "SW-G3 定位腕带"),
            ("YX-HT-0011", "wristband", "SW-G3 定位腕带"),
            ("YX-HT-0012", "wristband", "SW-G3 定位腕带"),
        )
    }
    device_status_set(actor=officer, device=devices["YX-HT-0012"], status="repair", note="表带卡扣松动，送厂维修")
    active = ElectronicMonitoring.objects.filter(
        status=ElectronicMonitoring.Status.ACTIVE, supervisee__county__code=HONGTA
    ).select_related("supervisee")
    first = active.first()
    if first is not None:
        device_assign(actor=officer, device=devices["YX-HT-0007"], monitoring=first)
    second = _second_monitoring(today=today, users=users, taken={m.supervisee_id for m in active})
    if second is not None:
        device_assign(actor=officer, device=devices["YX-HT-0008"], monitoring=second)
    if not MonitoringGateway.objects.exists():
        gateway_create(actor=head, name="红塔区电子定位腕带平台")  # its token is not kept: create another to post


def _second_monitoring(*, today: date, users: dict, taken: set[int]) -> ElectronicMonitoring | None:
    """A 红塔区 person who breached the prohibition order, approved by 王强 a week ago for three months."""
    start = today - timedelta(days=7)
    person = (
        Supervisee.objects.filter(county__code=HONGTA, status=Status.UNDER_CORRECTION)
        .filter(term_end__gt=today + timedelta(days=120))
        .exclude(pk__in=taken)
        .exclude(name="陈刚")
        .exclude(monitorings__status__in=("proposed", "active"))
        .order_by("id")
        .first()
    )
    if person is None:
        return None
    end = RULES["ELECTRONIC_MONITORING_PERIOD"](statute_context(), start=start, requested_months=3).outcome.end
    return ElectronicMonitoring.objects.create(
        supervisee=person,
        grounds=["prohibition_order_breach"],
        facts="违反禁止令，夜间进入酒吧等娱乐场所，经派出所查实。",
        start=start,
        months=3,
        end=end,
        status=ElectronicMonitoring.Status.ACTIVE,
        proposed_by=users.get("lina") or users["zhangli"],
        decided_by=users["wangqiang"],
        decided_at=timezone.now() - timedelta(days=7),
    )
