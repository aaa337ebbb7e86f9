"""Hand-made tracks for electronic monitoring's tests: people on active monitoring with a device, and their fixes
stored directly (bulk_create), as the ingestion endpoint would store them."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from sqjz.supervisees.models import ProhibitionOrder, Supervisee
from sqjz.supervisees.services import supervisee_derive
from sqjz.supervision.models import ElectronicMonitoring, Geofence, MonitoringDevice, PositionFix
from tests.factories import resident_id

# Inside 红塔区, near the city seat.
HOME = (24.35, 102.54)
# The northernmost point of 红塔区+江川区 (the home area of anyone in either district); north of it is outside.
EDGE = (24.54004, 102.58887)
METRE_LAT = 1 / 111_000
FAR_NORTH = 24.60  # about 6.6 km north of the edge: outside with any ordinary accuracy


def monitor(s: Supervisee, officer, *, serial: str) -> ElectronicMonitoring:
    today = timezone.localdate()
    m = ElectronicMonitoring.objects.create(
        supervisee=s,
        grounds=["left_without_approval"],
        facts="未经批准离开玉溪市。",
        start=today - timedelta(days=10),
        months=3,
        end=today + timedelta(days=80),
        status=ElectronicMonitoring.Status.ACTIVE,
        proposed_by=officer,
        decided_by=officer,
        decided_at=timezone.now() - timedelta(days=10),
    )
    MonitoringDevice.objects.create(
        agency=s.judicial_office.parent,
        serial=serial,
        kind=MonitoringDevice.Kind.WRISTBAND,
        model_name="YX-W1",
        status=MonitoringDevice.Status.ASSIGNED,
        monitoring=m,
    )
    return m


def many_people(template: Supervisee, officer, count: int) -> list[tuple[Supervisee, ElectronicMonitoring, int]]:
    """`count` people like `template` (same office), each on active monitoring with a device: (person, monitoring,
    device id). Bulk-created: a few queries."""
    people = []
    for i in range(count):
        s = Supervisee(
            **{
                f.attname: getattr(template, f.attname)
                for f in Supervisee._meta.concrete_fields
                if f.attname not in ("id", "created_at", "updated_at")
            }
        )
        s.name = f"定位对象{i}"
        s.id_number = resident_id("530402", date(1980, 1, 1) + timedelta(days=i // 400), i % 400)
        supervisee_derive(s)
        people.append(s)
    people = Supervisee.objects.bulk_create(people)
    today = timezone.localdate()
    monitorings = ElectronicMonitoring.objects.bulk_create(
        ElectronicMonitoring(
            supervisee=s,
            grounds=["left_without_approval"],
            facts="未经批准离开玉溪市。",
            start=today - timedelta(days=10),
            months=3,
            end=today + timedelta(days=80),
            status=ElectronicMonitoring.Status.ACTIVE,
            proposed_by=officer,
            decided_by=officer,
            decided_at=timezone.now() - timedelta(days=10),
        )
        for s in people
    )
    agency = template.judicial_office.parent
    devices = MonitoringDevice.objects.bulk_create(
        MonitoringDevice(
            agency=agency,
            serial=f"T{i:06d}",
            kind=MonitoringDevice.Kind.WRISTBAND,
            model_name="YX-W1",
            status=MonitoringDevice.Status.ASSIGNED,
            monitoring=m,
        )
        for i, m in enumerate(monitorings)
    )
    return [(s, m, d.pk) for s, m, d in zip(people, monitorings, devices, strict=True)]


def fixes(
    m: ElectronicMonitoring,
    device_id: int,
    start: datetime,
    points: list[tuple[float, float, float]],
    *,
    minutes: int = 5,
    battery: list[int | None] | None = None,
    tamper: list[bool] | None = None,
) -> list[PositionFix]:
    """Unsaved fixes every `minutes` from `start`: points are (latitude, longitude, accuracy in metres)."""
    out = []
    for i, (lat, lon, accuracy) in enumerate(points):
        at = start + timedelta(minutes=minutes * i)
        out.append(
            PositionFix(
                device_id=device_id,
                monitoring=m,
                supervisee_id=m.supervisee_id,
                recorded_at=at,
                received_at=at + timedelta(seconds=20),
                latitude=lat,
                longitude=lon,
                accuracy_m=accuracy,
                battery=battery[i] if battery else 80,
                tamper=tamper[i] if tamper else False,
            )
        )
    return out


def place_order(s: Supervisee) -> ProhibitionOrder:
    today = timezone.localdate()
    return ProhibitionOrder.objects.create(
        supervisee=s,
        kind=ProhibitionOrder.Kind.PLACE,
        content="禁止进入玉溪第一小学周边",
        start_date=today - timedelta(days=100),
        end_date=today + timedelta(days=300),
    )


def zone(s: Supervisee, order: ProhibitionOrder, officer, centre=HOME, radius_m=300) -> Geofence:
    return Geofence.objects.create(
        supervisee=s,
        order=order,
        name="玉溪第一小学",
        shape=Geofence.Shape.CIRCLE,
        latitude=centre[0],
        longitude=centre[1],
        radius_m=radius_m,
        created_by=officer,
    )


def approved_entry(s: Supervisee, order: ProhibitionOrder, officer, start: datetime, end: datetime, kind="place"):
    """An approved application under `order` for the window start – end (kind: place / contact / visitor)."""
    from sqjz.supervision.models import SpecialPlaceEntry

    return SpecialPlaceEntry.objects.create(
        supervisee=s,
        order=order,
        kind=kind,
        place="被害人张某" if kind == "contact" else "玉溪第一小学",
        reason="参加子女家长会" if kind == "place" else "调解赔偿",
        window_from=start,
        window_to=end,
        applied_on=timezone.localdate(start),
        status=SpecialPlaceEntry.Status.APPROVED,
        recorded_by=officer,
    )
