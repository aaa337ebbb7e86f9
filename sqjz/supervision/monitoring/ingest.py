"""Storing the positions a device gateway sends (decision 0028). `fixes_ingest` is the one write: it validates a
batch fix by fix, stores the good ones append-only in one transaction, brings each device's battery and last
contact up to date, and records the batch under the gateway's batch id so that a retry answers the same and stores
nothing twice. The stored fixes are evaluated (geofences, alerts: evaluation.fixes_evaluate) in the same transaction;
`IngestResult.fix_ids` lists them, and is empty for a retry.

On PostgreSQL the rows go in with COPY (their ids drawn from the table's sequence first, so that they are known);
elsewhere with bulk_create. The checks are written out by hand rather than by a schema library: a batch of 10,000
fixes must be checked in a few tens of milliseconds, and each bad fix is answered by its index with a reason in
Chinese while the others are stored."""

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sqjz.core.rows import pg_array, pg_execute
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.monitoring.evaluation import rows_evaluate
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    GatewayBatch,
    MonitoringDevice,
    MonitoringGateway,
    PositionFix,
)

MAX_FIXES = 10_000  # per batch: about 1.3 MB of JSON, within the 2.5 MB a request body may have (decision 0016)
MAX_BATCH_ID = 100
FUTURE_SLACK = timedelta(minutes=5)  # a device's clock may run a little ahead
MAX_ACCURACY_M = 100_000.0
MAX_REPORTED = 200  # bad fixes reported one by one; the rest are counted


class BatchConflict(SupervisionError):
    """A batch id the gateway used before, sent with other fixes: not a retry."""


@dataclass
class IngestResult:
    batch_id: str
    received: int
    stored: int
    rejected: list[dict]  # {"index", "field", "reason"} of each bad fix (the first MAX_REPORTED)
    rejected_count: int
    replay: bool = False  # a retry of a batch already stored: nothing was stored now
    fix_ids: list[int] = field(default_factory=list, repr=False)  # the PositionFix rows stored now

    def as_json(self) -> dict:
        return {
            "batch_id": self.batch_id,
            "received": self.received,
            "stored": self.stored,
            "rejected_count": self.rejected_count,
            "rejected": self.rejected,
            "replay": self.replay,
        }


NUMBER = (float, int)  # JSON numbers; a bool is neither here (type(True) is bool)


def _devices(gateway: MonitoringGateway, serials: set[str]) -> dict[str, tuple]:
    """serial → (device id, monitoring id, supervisee id, monitoring start) of the batch's devices that this gateway
    may report for: those of its county agency (a city gateway: any); (id, None, None, None) when not assigned to an
    active monitoring."""
    devices = MonitoringDevice.objects.filter(serial__in=serials)
    if gateway.agency.kind != "city_agency":
        devices = devices.filter(agency__county_id=gateway.agency.county_id)
    fields = ("serial", "pk", "status", "monitoring_id", "monitoring__supervisee_id", "monitoring__status")
    rows = devices.values_list(*fields, "monitoring__start")
    found = {}
    for serial, pk, status, monitoring, person, m_status, start in rows:
        active = status == MonitoringDevice.Status.ASSIGNED and m_status == ElectronicMonitoring.Status.ACTIVE
        found[serial] = (pk, monitoring, person, start) if active else (pk, None, None, None)
    return found


def _check(fixes: list, devices: dict, now: datetime) -> tuple[list[tuple], list[dict], int]:
    """The good fixes as rows (index, device, monitoring, person, recorded_at, lat, lon, accuracy, battery, tamper)
    and the bad ones by index."""
    rows, bad, bad_count = [], [], 0
    latest = now + FUTURE_SLACK
    fromiso = datetime.fromisoformat
    for i, fix in enumerate(fixes):
        problem = None
        if not isinstance(fix, dict):
            problem = ("", "应为对象（含 serial、recorded_at、latitude、longitude、accuracy_m）")
        else:
            serial = fix.get("serial")
            device = devices.get(serial) if isinstance(serial, str) else None
            recorded = fix.get("recorded_at")
            # A NaN or an infinity fails the range checks below (every comparison with NaN is false).
            lat, lon, acc = fix.get("latitude"), fix.get("longitude"), fix.get("accuracy_m")
            battery, tamper = fix.get("battery"), fix.get("tamper", False)
            if device is None:
                problem = ("serial", "设备序列号未登记，或不属于本网关所属机构")
            elif device[1] is None:
                problem = ("serial", "该设备未分配给使用中的电子定位")
            elif not isinstance(recorded, str):
                problem = ("recorded_at", "缺少定位时间（ISO 8601，带时区，如 2026-11-30T08:00:00+08:00）")
            else:
                try:
                    at = fromiso(recorded)
                except ValueError:
                    at = None
                if at is None:
                    problem = ("recorded_at", "定位时间格式不正确（应为 ISO 8601，带时区）")
                elif at.tzinfo is None:
                    problem = ("recorded_at", "定位时间缺少时区（如 +08:00）")
                elif at > latest:
                    problem = ("recorded_at", "定位时间晚于当前时间")
                elif at.date() < device[3]:
                    problem = ("recorded_at", "定位时间早于电子定位起始日期")
                elif type(lat) not in NUMBER or not -90 <= lat <= 90:
                    problem = ("latitude", "纬度应为 -90 至 90 之间的数")
                elif type(lon) not in NUMBER or not -180 <= lon <= 180:
                    problem = ("longitude", "经度应为 -180 至 180 之间的数")
                elif type(acc) not in NUMBER or not 0 <= acc <= MAX_ACCURACY_M:
                    problem = ("accuracy_m", "定位精度应为 0 至 100000 之间的米数")
                elif battery is not None and (type(battery) is not int or not 0 <= battery <= 100):
                    problem = ("battery", "电量应为 0 至 100 之间的整数")
                elif type(tamper) is not bool:
                    problem = ("tamper", "防拆报警应为 true 或 false")
                else:
                    ids = device[0], device[1], device[2]
                    rows.append((i, *ids, at, float(lat), float(lon), float(acc), battery, tamper))
        if problem is not None:
            bad_count += 1
            if len(bad) < MAX_REPORTED:
                bad.append({"index": i, "field": problem[0], "reason": problem[1]})
    return rows, bad, bad_count


def _copy(rows: list[tuple], received: datetime) -> list[int]:
    """PostgreSQL: ids from the sequence, then one COPY of the rows."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence('supervision_positionfix', 'id')) FROM generate_series(1, %s)",
            [len(rows)],
        )
        ids = [r[0] for r in cursor.fetchall()]
        at = received.isoformat()
        buffer = io.StringIO()
        write = buffer.write
        null = "\\N"
        for pk, row in zip(ids, rows, strict=True):
            _, device, monitoring, person, recorded, lat, lon, acc, battery, tamper = row
            write(
                f"{pk}\t{device}\t{monitoring}\t{person}\t{recorded.isoformat()}\t{at}\t{lat!r}\t{lon!r}\t{acc!r}\t"
                f"{null if battery is None else battery}\t{'t' if tamper else 'f'}\n"
            )
        columns = "id, device_id, monitoring_id, supervisee_id, recorded_at, received_at, latitude, longitude, "
        columns += "accuracy_m, battery, tamper"
        with cursor.cursor.copy(f"COPY supervision_positionfix ({columns}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())
    return ids


def _bulk_create(rows: list[tuple], received: datetime) -> list[int]:
    fixes = [
        PositionFix(
            device_id=device,
            monitoring_id=monitoring,
            supervisee_id=person,
            recorded_at=recorded,
            received_at=received,
            latitude=lat,
            longitude=lon,
            accuracy_m=acc,
            battery=battery,
            tamper=tamper,
        )
        for _, device, monitoring, person, recorded, lat, lon, acc, battery, tamper in rows
    ]
    return [f.pk for f in PositionFix.objects.bulk_create(fixes, batch_size=2000)]


def _touch_devices(rows: list[tuple]) -> None:
    """Each device's last contact (its latest fix) and battery, never moved back by an older batch."""
    latest: dict[int, tuple] = {}
    for row in rows:
        seen = latest.get(row[1])
        if seen is None or row[4] > seen[0]:
            latest[row[1]] = (row[4], row[8])
    if connection.vendor == "postgresql":
        ids, times, batteries = zip(*((pk, at, battery) for pk, (at, battery) in latest.items()), strict=True)
        pg_execute(
            "UPDATE supervision_monitoringdevice AS d "
            "SET last_contact = v.at, battery = COALESCE(v.battery, d.battery) "
            "FROM unnest(%s::bigint[], %s::timestamptz[], %s::smallint[]) AS v(id, at, battery) "
            "WHERE d.id = v.id AND (d.last_contact IS NULL OR d.last_contact < v.at)",
            [pg_array(ids), pg_array(times, datetime.isoformat), pg_array(batteries)],
        )
        return
    for pk, (at, battery) in latest.items():
        changes = {"last_contact": at} | ({"battery": battery} if battery is not None else {})
        MonitoringDevice.objects.filter(pk=pk).exclude(last_contact__gte=at).update(**changes)


def batch_digest(fixes) -> str:
    return hashlib.sha256(json.dumps(fixes, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def batch_digest_of_body(body: bytes) -> str:
    """A retry resends the same bytes: their digest is cheaper than that of the parsed fixes."""
    return hashlib.sha256(body).hexdigest()


def _replay(gateway: MonitoringGateway, batch_id: str, digest: str) -> IngestResult | None:
    done = GatewayBatch.objects.filter(gateway=gateway, batch_id=batch_id).first()
    if done is None:
        return None
    if done.digest != digest:
        raise BatchConflict(f"批次号“{batch_id}”已用于另一批定位数据，请使用新的批次号。", "batch_id")
    r = done.result
    return IngestResult(batch_id, r["received"], r["stored"], r["rejected"], r["rejected_count"], replay=True)


def fixes_ingest(gateway: MonitoringGateway, batch_id, fixes, *, digest: str | None = None) -> IngestResult:
    """Store a gateway's batch. `digest` identifies the batch's content (by default the SHA-256 of its fixes as
    canonical JSON; the endpoint passes that of the request body). Raises SupervisionError for a batch that is
    not one (no batch id, no list of fixes, too many), BatchConflict for a used batch id with other content."""
    if not isinstance(batch_id, str) or not 1 <= len(batch_id) <= MAX_BATCH_ID:
        raise SupervisionError(f"batch_id（批次号）应为1至{MAX_BATCH_ID}个字符的字符串。", "batch_id")
    if not isinstance(fixes, list) or not fixes:
        raise SupervisionError("fixes（定位数据）应为非空数组。", "fixes")
    if len(fixes) > MAX_FIXES:
        raise SupervisionError(f"每批最多{MAX_FIXES}条定位数据，本批{len(fixes)}条，请分批发送。", "fixes")
    digest = digest or batch_digest(fixes)
    try:
        with transaction.atomic():
            replay = _replay(gateway, batch_id, digest)
            if replay is not None:
                return replay
            now = timezone.now()
            serials = {f["serial"] for f in fixes if isinstance(f, dict) and isinstance(f.get("serial"), str)}
            rows, bad, bad_count = _check(fixes, _devices(gateway, serials), now)
            ids = []
            if rows:
                ids = (_copy if connection.vendor == "postgresql" else _bulk_create)(rows, now)
                # Geofences and alerts, committed with the fixes they come from (FIELDS' order). The devices are
                # updated after: their rows stay locked until the commit, and a batch waits for the one before.
                rows_evaluate([(pk, *row[2:]) for pk, row in zip(ids, rows, strict=True)])
                _touch_devices(rows)
            result = IngestResult(batch_id, len(fixes), len(rows), bad, bad_count, fix_ids=ids)
            GatewayBatch.objects.create(
                gateway=gateway,
                batch_id=batch_id,
                digest=digest,
                received_at=now,
                received=len(fixes),
                stored=len(rows),
                result=result.as_json(),
            )
            MonitoringGateway.objects.filter(pk=gateway.pk).update(last_batch_at=now)
            return result
    except IntegrityError:
        # The same batch arrived twice at once and the other request stored it first.
        replay = _replay(gateway, batch_id, digest)
        if replay is None:
            raise
        return replay
