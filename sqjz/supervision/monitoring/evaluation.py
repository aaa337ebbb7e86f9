"""Evaluating stored position fixes against the geofences and raising alerts (issue 13 §2, decision 0028).

`fixes_evaluate` takes a batch of stored fixes (any mix of people), places them with vectorised shapely calls (the
home area per distinct area, each exclusion zone over its person's fixes), then walks each monitoring's fixes in time
order through a small state machine per fence, kept in FenceState between batches:

- Home area (statute HOME_AREA; the county boundaries widened by supervision.common.BOUNDARY_MARGIN_M as for
  check-ins): a fix counts towards leaving only when its whole error circle is outside (OUTSIDE); an UNCERTAIN
  fix never confirms and breaks a run, as does an INSIDE one. Returning is confirmed the same way by INSIDE fixes.
- Exclusion zone: a fix counts towards entering when its centre is inside the zone and at least half of its error
  circle is (ZONE_MIN_SHARE): a zone is often smaller than a fix's error circle, so "the whole circle inside" would
  never fire on a school gate; "the centre inside but most of the circle outside" is too vague to act on. A fix
  whose centre is outside counts towards leaving the zone; one in between breaks both runs. A fix inside the window
  of an approved application to enter the order's place (places.selectors.entries_approved) counts for neither:
  it neither raises an alert nor confirms leaving, so a person still inside when the window closes is caught.
- A change is confirmed after settings.MONITORING_CONFIRM_FIXES consecutive qualifying fixes, or when qualifying
  fixes have run for settings.MONITORING_CONFIRM_MINUTES (first to last). Only the change into breach raises an
  alert; the next alert of that fence needs a confirmed return first.
- Battery below settings.MONITORING_LOW_BATTERY and the tamper flag: an alert on the first such fix, again only
  after a fix that shows it cleared.

Fixes no later than the last one a fence has evaluated are skipped (a device's late batch does not rewrite history),
so evaluating fixes in two batches raises the same alerts as in one when the batches come in time order.

`monitoring_silence_check` (a daily step and callable at any time) raises "no signal" for active monitorings whose
devices have been silent for settings.MONITORING_SILENCE_HOURS.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from sqjz.core.rows import pg_array, pg_execute
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.models import Division
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervision.common import BOUNDARY_MARGIN_M
from sqjz.supervision.monitoring import duties
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    FenceState,
    Geofence,
    MonitoringAlert,
    MonitoringDevice,
    PositionFix,
)
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.supervision.places.selectors import entries_approved

ZONE_MIN_SHARE = 0.5
HOME, BATTERY, TAMPER = "home", "battery", "tamper"
# A fix's code against a fence: towards breach, towards normal, or neither (uncertain / not known).
BREACH, NORMAL, NEITHER = 1, 0, -1
FIELDS = (
    *("id", "monitoring_id", "supervisee_id", "recorded_at"),
    *("latitude", "longitude", "accuracy_m", "battery", "tamper"),
)
ID_CHUNK = 900  # SQLite's limit of parameters per query, with room to spare


@dataclass
class _Area:
    codes: tuple[str, ...]
    names: str


def _home_areas(monitoring_ids: Iterable[int]) -> dict[int, _Area | None]:
    """Each active monitoring's home area among `monitoring_ids` (None where a county of it has no boundary on
    file: e.g. the national-scale benchmark's synthetic counties)."""
    from sqjz.organisation.geo import county_boundaries

    rows = ElectronicMonitoring.objects.filter(pk__in=list(monitoring_ids), status=ElectronicMonitoring.Status.ACTIVE)
    rows = rows.values_list("pk", "supervisee__county__code", "supervisee__county__parent_id")
    rows = list(rows)
    parents = {parent for _pk, _code, parent in rows}
    city = defaultdict(dict)
    for code, name, parent in Division.objects.filter(parent_id__in=parents, level=Division.Level.COUNTY).values_list(
        "code", "name", "parent_id"
    ):
        city[parent][code] = name
    ctx, areas, cache = statute_context(), {}, {}
    for pk, code, parent in rows:
        if code not in cache:
            names = city[parent]
            area = RULES["HOME_AREA"](ctx, county=code, city_counties=list(names)).outcome
            known = code in county_boundaries() and all(c in county_boundaries() for c in area)
            cache[code] = _Area(tuple(area), "、".join(names.get(c, c) for c in area)) if known else None
        areas[pk] = cache[code]
    return areas


def _load(fixes) -> list[tuple]:
    if isinstance(fixes, QuerySet):
        return list(fixes.order_by().values_list(*FIELDS))
    ids = sorted(set(fixes))
    rows = []
    for i in range(0, len(ids), ID_CHUNK):
        rows.extend(PositionFix.objects.filter(pk__in=ids[i : i + ID_CHUNK]).values_list(*FIELDS))
    return rows


def _place(fix: str) -> str:
    return f"北纬{fix[4]:.5f}°、东经{fix[5]:.5f}°（精度约{fix[6]:.0f}米）"


def _when(at: datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S")


def _rule_text() -> str:
    n, m = settings.MONITORING_CONFIRM_FIXES, settings.MONITORING_CONFIRM_MINUTES
    return f"连续{n}次定位或持续{m}分钟方予确认"


def fixes_evaluate(fixes) -> list[MonitoringAlert]:
    """Evaluate stored fixes (a queryset of PositionFix or their ids) and raise the alerts they call for. One
    transaction; returns the alerts raised. Fixes of monitorings not active are ignored."""
    return rows_evaluate(_load(fixes))


def rows_evaluate(rows: list[tuple]) -> list[MonitoringAlert]:
    """fixes_evaluate for fixes just stored whose values the caller holds, as tuples in the order of FIELDS (the
    ingestion's batch: no need to read them back)."""
    if not rows:
        return []
    areas = _home_areas({r[1] for r in rows})
    rows = [r for r in rows if r[1] in areas]
    if not rows:
        return []
    rows.sort(key=lambda r: (r[1], r[3], r[0]))
    n = len(rows)
    lat = np.fromiter((r[4] for r in rows), float, n)
    lon = np.fromiter((r[5] for r in rows), float, n)
    acc = np.fromiter((r[6] for r in rows), float, n)
    monitoring = np.fromiter((r[1] for r in rows), np.int64, n)
    person = np.fromiter((r[2] for r in rows), np.int64, n)
    codes: dict[str, np.ndarray] = {}
    distances: dict[str, np.ndarray] = {}
    _place_home(rows, areas, monitoring, lat, lon, acc, codes, distances)
    zones = _place_zones(rows, person, lat, lon, acc, codes, distances)
    battery = np.fromiter((NEITHER if r[7] is None else r[7] for r in rows), np.int64, n)
    codes[BATTERY] = np.where(
        battery == NEITHER, NEITHER, np.where(battery < settings.MONITORING_LOW_BATTERY, BREACH, NORMAL)
    )
    codes[TAMPER] = np.fromiter((BREACH if r[8] else NORMAL for r in rows), np.int64, n)
    return _run(rows, areas, zones, codes, distances)


def _place_home(rows, areas, monitoring, lat, lon, acc, codes, distances) -> None:
    from sqjz.organisation.geo import Placement, distances_from_counties, positions_in_counties

    n = len(rows)
    home = np.full(n, NEITHER, np.int64)
    away = np.zeros(n)
    groups = defaultdict(list)
    for m, area in areas.items():
        if area is not None:
            groups[area.codes].append(m)
    for area_codes, ms in groups.items():
        idx = np.flatnonzero(np.isin(monitoring, ms))
        if not len(idx):
            continue
        placed = positions_in_counties(area_codes, lat[idx], lon[idx], acc[idx] + BOUNDARY_MARGIN_M)
        code_of = {Placement.OUTSIDE: BREACH, Placement.INSIDE: NORMAL, Placement.UNCERTAIN: NEITHER}
        placed = np.array([code_of[p] for p in placed], dtype=np.int64)
        home[idx] = placed
        out = idx[placed == BREACH]
        if len(out):
            away[out] = distances_from_counties(area_codes, lat[out], lon[out])
    codes[HOME], distances[HOME] = home, away


def _place_zones(rows, person, lat, lon, acc, codes, distances) -> dict[str, Geofence]:
    from sqjz.organisation.geo import circles_in_area

    found = list(
        Geofence.objects.filter(supervisee_id__in=set(person.tolist()), removed_at__isnull=True).select_related("order")
    )
    zones = {}
    if not found:
        return zones
    tz = timezone.get_current_timezone()
    first, last = min(r[3] for r in rows), max(r[3] for r in rows)
    days = timezone.localdate(first, tz), timezone.localdate(last, tz)
    windows = defaultdict(list)  # (person, order) → approved windows to enter the order's place
    for w in entries_approved(sorted({z.supervisee_id for z in found}), first, last):
        if w.kind == SpecialPlaceEntry.Kind.PLACE:
            windows[(w.supervisee_id, w.order_id)].append(w)
    for zone in found:
        idx = np.flatnonzero(person == zone.supervisee_id)
        order, allowed = zone.order, windows.get((zone.supervisee_id, zone.order_id), ())
        if allowed or not order.start_date <= days[0] <= days[1] <= order.end_date:  # else: every fix counts
            idx = np.array(
                [
                    i
                    for i in idx.tolist()
                    if order.start_date <= rows[i][3].astimezone(tz).date() <= order.end_date
                    and not any(w.covers(rows[i][3]) for w in allowed)
                ],
                dtype=np.int64,
            )
        if not len(idx):
            continue
        key = f"zone:{zone.pk}"
        centre_inside, share = circles_in_area(zone.area(), lat[idx], lon[idx], acc[idx])
        code = np.full(len(rows), NEITHER, np.int64)
        code[idx] = np.where(
            centre_inside & (share >= ZONE_MIN_SHARE), BREACH, np.where(centre_inside, NEITHER, NORMAL)
        )
        share_all = np.zeros(len(rows))
        share_all[idx] = share
        codes[key], distances[key], zones[key] = code, share_all, zone
    return zones


def zones_entered(supervisee_id: int, latitude, longitude, accuracy_m, moment: datetime) -> list[Geofence]:
    """The person's exclusion zones that a single position at `moment` is in by the rule fixes follow (centre inside,
    at least ZONE_MIN_SHARE of the error circle inside; a position with no accuracy counts as 1 km), while the
    order runs and no approved window to enter its place covers `moment`. For a check-in's evidence. Two queries."""
    from sqjz.organisation.geo import circles_in_area

    if latitude is None or longitude is None:
        return []
    day = timezone.localdate(moment)
    found = Geofence.objects.filter(
        supervisee_id=supervisee_id, removed_at__isnull=True, order__start_date__lte=day, order__end_date__gte=day
    ).select_related("order")
    found = list(found)
    if not found:
        return []
    allowed = {
        w.order_id for w in entries_approved([supervisee_id], moment, moment) if w.kind == SpecialPlaceEntry.Kind.PLACE
    }
    accuracy = 1000 if accuracy_m is None else float(accuracy_m)
    entered = []
    for zone in found:
        if zone.order_id in allowed:
            continue
        centre_inside, share = circles_in_area(zone.area(), [float(latitude)], [float(longitude)], [accuracy])
        if centre_inside[0] and share[0] >= ZONE_MIN_SHARE:
            entered.append(zone)
    return entered


@dataclass
class _Raised:
    kind: str
    monitoring_id: int
    supervisee_id: int
    geofence: Geofence | None
    first: tuple
    last: tuple
    count: int
    farthest: float


@dataclass(slots=True)
class _State:
    """A FenceState's values while a batch is walked (model instances cost a third of the walk)."""

    pk: int | None
    breach: bool = False
    run_first_id: int | None = None
    run_first_at: datetime | None = None
    run_count: int = 0
    run_farthest_m: float = 0.0
    last_recorded_at: datetime | None = None

    def run_end(self) -> None:
        self.run_first_id, self.run_first_at, self.run_count, self.run_farthest_m = None, None, 0, 0.0


STATE_FIELDS = ("pk", "breach", "run_first_id", "run_first_at", "run_count", "run_farthest_m", "last_recorded_at")


@transaction.atomic
def _run(rows, areas, zones, codes, distances) -> list[MonitoringAlert]:
    """Walk each monitoring's fixes (rows sorted by monitoring and time) through its fences' states. A fence whose
    fixes in the batch contain none towards a change (most: people are where they should be) is only moved on,
    without visiting its fixes one by one."""
    monitoring_ids = sorted({r[1] for r in rows})
    # Batches evaluate one monitoring one after the other (fixes in time order): its row is the lock, taken in one
    # order by every batch (no deadlock), and only now, after the placement, so that two gateways' batches overlap
    # in everything else. A lock on the states would not do: a monitoring has none before its first batch.
    mine = ElectronicMonitoring.objects.select_for_update(no_key=True).filter(pk__in=monitoring_ids).order_by("pk")
    list(mine.values_list("pk", flat=True))
    found = FenceState.objects.filter(monitoring_id__in=monitoring_ids)
    states = {
        (m, fence): _State(*values) for m, fence, *values in found.values_list("monitoring_id", "fence", *STATE_FIELDS)
    }
    fixes_by_id = {r[0]: r for r in rows}
    times = [r[3] for r in rows]
    monitoring = np.fromiter((r[1] for r in rows), np.int64, len(rows))
    starts = np.flatnonzero(np.r_[True, monitoring[1:] != monitoring[:-1]])
    ends = np.r_[starts[1:], len(rows)]
    # Per fence and monitoring: how many of the batch's fixes count towards breach, and towards normal.
    towards = {
        fence: {c: np.add.reduceat((code == c).astype(np.int64), starts).tolist() for c in (BREACH, NORMAL)}
        for fence, code in codes.items()
    }
    need_n = settings.MONITORING_CONFIRM_FIXES
    need_time = timedelta(minutes=settings.MONITORING_CONFIRM_MINUTES)
    raised: list[_Raised] = []
    touched: dict[tuple[int, str], _State] = {}
    zones_of = defaultdict(list)
    for key, zone in zones.items():
        zones_of[zone.supervisee_id].append(key)
    for g, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        m, person = rows[start][1], rows[start][2]
        fences = [BATTERY, TAMPER, *zones_of.get(person, ())]
        if areas.get(m) is not None:
            fences.insert(0, HOME)
        for fence in fences:
            state = states.get((m, fence))
            if state is None:
                state = states[(m, fence)] = _State(None)
            last = state.last_recorded_at
            begin = start if last is None else bisect_right(times, last, start, end)
            if begin == end:
                continue  # a late batch: its fixes are not newer than those evaluated
            touched[(m, fence)] = state
            state.last_recorded_at = times[end - 1]
            wanted = NORMAL if state.breach else BREACH
            if begin == start and not towards[fence][wanted][g]:
                state.run_end()  # the batch's first fix breaks any run
                continue
            code = codes[fence][begin:end].tolist()
            distance = distances[fence][begin:end].tolist() if fence in distances else None
            for j, i in enumerate(range(begin, end)):
                if last is not None and times[i] <= last:
                    continue  # two fixes at the same moment: the first counts
                last = times[i]
                if code[j] != wanted:
                    state.run_end()
                    continue
                row = rows[i]
                if state.run_count == 0:
                    state.run_first_id, state.run_first_at, state.run_farthest_m = row[0], row[3], 0.0
                state.run_count += 1
                if distance is not None:
                    state.run_farthest_m = max(state.run_farthest_m, distance[j])
                instant = fence in (BATTERY, TAMPER)
                if instant or state.run_count >= need_n or row[3] - state.run_first_at >= need_time:
                    if wanted == BREACH:
                        raised.append(_alert_of(fence, row, state, zones, fixes_by_id))
                    state.breach = wanted == BREACH
                    wanted = NORMAL if state.breach else BREACH
                    state.run_end()
    FenceState.objects.bulk_create(
        FenceState(monitoring_id=m, fence=fence, **{f: getattr(s, f) for f in STATE_FIELDS[1:]})
        for (m, fence), s in touched.items()
        if s.pk is None
    )
    _states_update([s for s in touched.values() if s.pk is not None])
    alerts = _alerts(raised, areas, fixes_by_id)
    if alerts:
        inbox_refresh(area=duties.AREA, ids=sorted({a.supervisee_id for a in alerts}))
    return alerts


def _states_update(states: list[_State]) -> None:
    """Write the fence states a batch moved in one statement on PostgreSQL (UPDATE … FROM unnest), one prepared
    statement run many times elsewhere. Django's bulk_update builds a CASE per field and row: 12 s for a batch's
    3,000 states in the benchmark."""
    if not states:
        return
    values = [
        (bool(s.breach), s.run_first_id, s.run_first_at, s.run_count, float(s.run_farthest_m), s.last_recorded_at, s.pk)
        for s in states
    ]
    if connection.vendor == "postgresql":
        breach, first_id, first_at, count, farthest, last, pk = zip(*values, strict=True)
        iso = datetime.isoformat
        pg_execute(
            "UPDATE supervision_fencestate AS f SET breach = v.breach, run_first_id = v.run_first_id, "
            "run_first_at = v.run_first_at, run_count = v.run_count, run_farthest_m = v.run_farthest_m, "
            "last_recorded_at = v.last_recorded_at "
            "FROM unnest(%s::boolean[], %s::bigint[], %s::timestamptz[], %s::integer[], "
            "%s::double precision[], %s::timestamptz[], %s::bigint[]) "
            "AS v(breach, run_first_id, run_first_at, run_count, run_farthest_m, last_recorded_at, id) "
            "WHERE f.id = v.id",
            [
                pg_array(breach, lambda b: "t" if b else "f"),
                pg_array(first_id),
                pg_array(first_at, iso),
                pg_array(count),
                pg_array(farthest, repr),
                pg_array(last, iso),
                pg_array(pk),
            ],
        )
        return
    with connection.cursor() as cursor:
        adapt = connection.ops.adapt_datetimefield_value
        cursor.executemany(
            "UPDATE supervision_fencestate SET breach = %s, run_first_id = %s, run_first_at = %s, run_count = %s, "
            "run_farthest_m = %s, last_recorded_at = %s WHERE id = %s",
            [(b, first, adapt(first_at), n, far, adapt(last), pk) for b, first, first_at, n, far, last, pk in values],
        )


def _alert_of(fence, row, state, zones, fixes_by_id) -> _Raised:
    kind = {
        HOME: MonitoringAlert.Kind.LEFT_AREA,
        BATTERY: MonitoringAlert.Kind.LOW_BATTERY,
        TAMPER: MonitoringAlert.Kind.TAMPER,
    }.get(fence, MonitoringAlert.Kind.ENTERED_ZONE)
    first = fixes_by_id.get(state.run_first_id) or state.run_first_id  # an id when the run began in another batch
    return _Raised(kind, row[1], row[2], zones.get(fence), first, row, state.run_count, state.run_farthest_m)


def _alerts(raised: list[_Raised], areas, fixes_by_id) -> list[MonitoringAlert]:
    earlier = [r.first for r in raised if not isinstance(r.first, tuple)]
    if earlier:
        found = {f[0]: f for f in PositionFix.objects.filter(pk__in=earlier).values_list(*FIELDS)}
        for r in raised:
            if not isinstance(r.first, tuple):
                r.first = found[r.first]
    now = timezone.now()
    alerts = [
        MonitoringAlert(
            monitoring_id=r.monitoring_id,
            supervisee_id=r.supervisee_id,
            kind=r.kind,
            geofence=r.geofence,
            occurred_at=r.first[3],
            raised_at=now,
            first_fix_id=r.first[0],
            last_fix_id=r.last[0],
            evidence=_evidence(r, areas.get(r.monitoring_id)),
        )
        for r in raised
    ]
    return MonitoringAlert.objects.bulk_create(alerts)


def _evidence(r: _Raised, area: _Area | None) -> str:
    first, last = r.first, r.last
    span = f"{_when(first[3])}至{_when(last[3])}连续{r.count}次定位"
    ends = f"首次：{_when(first[3])}，{_place(first)}；确认：{_when(last[3])}，{_place(last)}"
    if r.kind == MonitoringAlert.Kind.LEFT_AREA:
        return (
            f"{span}的整个误差范围均在{area.names}以外（边界另留{BOUNDARY_MARGIN_M}米余量）。{ends}。"
            f"定位中心距{area.names}边界最远约{r.farthest:.0f}米。确认规则：{_rule_text()}。"
        )
    if r.kind == MonitoringAlert.Kind.ENTERED_ZONE:
        zone = r.geofence
        return (
            f"{span}的定位中心均在禁止进入区域“{zone.name}”内，且误差范围至少一半在区域内"
            f"（最多{r.farthest:.0%}）。{ends}。依据禁止令：{zone.order.content}。确认规则：{_rule_text()}。"
        )
    if r.kind == MonitoringAlert.Kind.LOW_BATTERY:
        return (
            f"{_when(last[3])}设备电量{last[7]}%，低于{settings.MONITORING_LOW_BATTERY}%，请督促及时充电。"
            f"位置：{_place(last)}。"
        )
    return f"{_when(last[3])}设备报告防拆报警（腕带或脚环被打开或剪断）。位置：{_place(last)}。"


def _last_contacts(monitoring_ids: list[int]) -> dict[int, datetime]:
    last: dict[int, datetime] = {}
    fixes = PositionFix.objects.filter(monitoring_id__in=monitoring_ids).values("monitoring_id")
    for row in fixes.annotate(at=Max("received_at")).order_by():
        last[row["monitoring_id"]] = row["at"]
    devices = MonitoringDevice.objects.filter(monitoring_id__in=monitoring_ids, last_contact__isnull=False)
    for m, at in devices.values_list("monitoring_id", "last_contact"):
        if m not in last or at > last[m]:
            last[m] = at
    return last


def monitoring_silence_check(now: datetime | None = None) -> int:
    """Raise "no signal" for each active monitoring whose devices have sent nothing for MONITORING_SILENCE_HOURS
    (since the last fix received or the device's last contact; with neither, since the approval), once per silence
    (an alert for the same last contact is not raised again). Returns how many alerts it raised."""
    now = now or timezone.now()
    limit = timedelta(hours=settings.MONITORING_SILENCE_HOURS)
    active = ElectronicMonitoring.objects.filter(
        status=ElectronicMonitoring.Status.ACTIVE, start__lte=timezone.localdate(now)
    )
    active = list(active.values_list("pk", "supervisee_id", "decided_at"))
    last = _last_contacts([m for m, _s, _d in active])
    silent = []
    for m, supervisee_id, decided_at in active:
        since = last.get(m) or decided_at
        if since is not None and now - since >= limit:
            silent.append((m, supervisee_id, since))
    if not silent:
        return 0
    known = set(
        MonitoringAlert.objects.filter(
            monitoring_id__in=[m for m, _s, _a in silent], kind=MonitoringAlert.Kind.NO_SIGNAL
        ).values_list("monitoring_id", "occurred_at")
    )
    hours = settings.MONITORING_SILENCE_HOURS
    alerts = [
        MonitoringAlert(
            monitoring_id=m,
            supervisee_id=s,
            kind=MonitoringAlert.Kind.NO_SIGNAL,
            occurred_at=since,
            raised_at=now,
            evidence=f"自{_when(since)}起未收到设备的任何定位或通信，至{_when(now)}已超过{hours}小时"
            f"（约{(now - since).total_seconds() / 3600:.1f}小时），请立即联系本人核实设备和去向。",
        )
        for m, s, since in silent
        if (m, since) not in known
    ]
    if alerts:
        with transaction.atomic():
            MonitoringAlert.objects.bulk_create(alerts)
            inbox_refresh(area=duties.AREA, ids=sorted({a.supervisee_id for a in alerts}))
    return len(alerts)
