"""Electronic monitoring in the demo (issue 13): two people in 红塔区 on monitoring, each with a device and a day of
positions; one of them left the home area this afternoon, so the office has one open boundary alert."""

from datetime import date, timedelta

from django.utils import timezone

from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.models import ElectronicMonitoring, MonitoringDevice, PositionFix
from sqjz.supervision.monitoring.evaluation import fixes_evaluate

HOME = (24.352, 102.541)  # 玉兴街道, near the city seat
NORTH_EDGE = (24.540, 102.589)  # where 红塔区 meets 澄江市 to the north


def _active(people: list[Supervisee], today: date, users: dict) -> list[ElectronicMonitoring]:
    hongta = [s for s in people if s.status == Status.UNDER_CORRECTION and s.judicial_office.county.code == "530402"]
    found = list(
        ElectronicMonitoring.objects.filter(
            supervisee__in=hongta, status=ElectronicMonitoring.Status.ACTIVE
        ).select_related("supervisee__judicial_office")
    )
    busy = set(ElectronicMonitoring.objects.filter(supervisee__in=hongta).values_list("supervisee_id", flat=True))
    for s in hongta:
        if len(found) >= 2:
            break
        if s.pk in busy or s.name == "陈刚" or s.term_end <= today + timedelta(days=60):
            continue
        start = today - timedelta(days=20)
        found.append(
            ElectronicMonitoring.objects.create(
                supervisee=s,
                grounds=["prohibition_order_breach"],
                facts="违反禁止令进入禁止进入的场所，经训诫仍未改正。",
                start=start,
                months=2,
                end=RULES["ELECTRONIC_MONITORING_PERIOD"](
                    statute_context(), start=start, requested_months=2
                ).outcome.end,
                status=ElectronicMonitoring.Status.ACTIVE,
                proposed_by=users["lina"],
                decided_by=users["wangqiang"],
                decided_at=timezone.now() - timedelta(days=20),
            )
        )
    return found[:2]


def _device(m: ElectronicMonitoring, n: int) -> MonitoringDevice:
    device = m.devices.first()
    if device is None:  # the device registry's demo (another step) may already have assigned one
        device = MonitoringDevice.objects.create(
            agency=m.supervisee.judicial_office.parent,
            serial=f"YX-HT-DEMO-{n:03d}",
            kind=MonitoringDevice.Kind.WRISTBAND,
            model_name="YX-W1",
            status=MonitoringDevice.Status.ASSIGNED,
            monitoring=m,
        )
    return device


def seed_monitoring(people: list[Supervisee], *, today: date, users: dict) -> None:
    """A day of fixes every 10 minutes for two monitored people; the first walks out of the home area northwards
    in the last two hours (an open boundary alert), the second stays home. Evaluated as a gateway's batch would be."""
    monitorings = _active(people, today, users)
    now = timezone.now().replace(second=0, microsecond=0)
    rows = []
    for n, m in enumerate(monitorings):
        device = _device(m, n + 1)
        home = (HOME[0] + 0.004 * n, HOME[1] - 0.003 * n)
        for i in range(144):
            at = now - timedelta(minutes=10 * (144 - i))
            lat, lon = home[0] + 0.002 * ((i * 7) % 5 - 2) / 2, home[1] + 0.002 * ((i * 3) % 5 - 2) / 2
            if n == 0 and i >= 132:  # the last two hours: northwards, then past the edge
                step = (i - 131) / 12
                lat = home[0] + (NORTH_EDGE[0] + 0.05 - home[0]) * step
                lon = home[1] + (NORTH_EDGE[1] - home[1]) * step
            rows.append(
                PositionFix(
                    device=device,
                    monitoring=m,
                    supervisee=m.supervisee,
                    recorded_at=at,
                    received_at=at + timedelta(seconds=30),
                    latitude=lat,
                    longitude=lon,
                    accuracy_m=15 + (i % 4) * 10,
                    battery=max(95 - i // 3, 30),
                    tamper=False,
                )
            )
        device.battery, device.last_contact = rows[-1].battery, rows[-1].received_at
        device.save(update_fields=["battery", "last_contact"])
    fixes_evaluate([f.pk for f in PositionFix.objects.bulk_create(rows)])
