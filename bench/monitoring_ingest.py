"""Benchmark: positions from device gateways (POST /api/monitoring/fixes, decision 0028) for 1,000 monitored people,
as fixes stored per second, against PostgreSQL COPY of the same rows in the same run.

Usage (from the repository root, virtualenv installed; PostgreSQL only: the layout measured is PostgreSQL's):
    .venv/bin/python bench/monitoring_ingest.py [--people 1000] [--batches 30] [--batch-size 10000]
        [--concurrency 2] [--workers 2] [--threads 1] [--database-url postgres://postgres@127.0.0.1:5432/bench_mon]
        [--rebuild] [--note "what else ran"]

- Data (built once; --rebuild starts over): the database named in --database-url (created if missing), migrated,
  with the Yuxi organisation (`seed_demo` without people), N people under correction in 红塔区 (the demo's
  generator), an approved electronic monitoring for each with an assigned wristband, and one gateway of the 红塔区
  agency (its token written to the data folder). Before each run the fixes of earlier runs are deleted and the table
  vacuumed, so every run writes into the same indexes.
- APP: the project served by gunicorn with production settings (deploy/gunicorn.conf.py, --workers/--threads), on a
  loopback port. A second process (this script, --role drive; standard library only) POSTs pre-built JSON batches
  (--batch-size fixes each, every person's device about equally often, 10 s apart, accuracy 5–60 m, a battery
  reading) over keep-alive connections at --concurrency, with the gateway's bearer token, and counts the fixes the
  answers say were stored. fixes/s = stored fixes ÷ the wall time of the whole run.
- COPY: the same number of rows, with the same columns, written by psycopg's COPY into a copy of the fixes table
  (CREATE TABLE … (LIKE supervision_positionfix INCLUDING ALL): the same indexes, BRIN included), one COPY and
  commit per batch, the text already built before the clock starts. That is the floor of any write of these rows.
- Then appends a section to bench/RESULTS.md with the machine, date, commit, database and the figures.

What the endpoint does per batch that COPY does not: read and parse the JSON, authenticate the gateway (one query),
look up the batch id, map the serials to devices and monitorings (one query), check every fix, draw the ids from the
sequence, COPY, update the devices' battery and last contact (one UPDATE … FROM unnest), evaluate the batch against
the geofences (each person's home area; an exclusion zone of 300 m for every tenth person) with its fence states and
alerts, record the batch.
"""

import argparse
import http.client
import json
import os
import platform
import random
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
from checkin_load import app_env, start_server, stop_server  # noqa: E402

RESULTS = BENCH / "RESULTS.md"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_mon"
SERIAL = "BM-{:05d}"
TARGET_FPS, TARGET_RATIO = 100_000, 0.4


def _django(database_url: str, data_dir: Path) -> None:
    os.environ.update(app_env(data_dir, database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def build(people: int, data_dir: Path) -> None:
    """The organisation, N monitored people of 红塔区 with a wristband each, and a gateway (its token in a file)."""
    from simple_history.utils import bulk_create_with_history

    from sqjz.accounts.models import Role, User
    from sqjz.demo.generator import DemoGenerator, seed_demo
    from sqjz.organisation.models import Unit
    from sqjz.supervisees.models import Status, Supervisee
    from sqjz.supervision.models import ElectronicMonitoring, MonitoringDevice
    from sqjz.supervision.monitoring.services import gateway_create

    today = datetime.now(UTC).date()
    seed_demo(supervisees=0, discharged=0, seed=7, today=today, progress=lambda s: None)
    agency = Unit.objects.get(kind=Unit.Kind.COUNTY_AGENCY, county__name="红塔区")
    offices = list(Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county=agency.county).select_related("division"))
    city = agency.county.parent
    courts = {u.county_id: u for u in Unit.objects.filter(kind=Unit.Kind.COURT, county__parent=city)}
    authorities = {
        **courts,
        "county_courts": list(courts.values()),
        "city_court": Unit.objects.get(kind=Unit.Kind.COURT, division=city),
        "prison": Unit.objects.get(kind=Unit.Kind.PRISON, division=city),
    }
    generator = DemoGenerator(seed=8, today=today, taken_indexes=frozenset())
    head = User.objects.filter(role=Role.COUNTY_HEAD, unit=agency).first()
    rows = [
        generator.supervisee(
            office=office,
            villages=list(office.division.children.all()),
            authorities=authorities,
            status=Status.UNDER_CORRECTION,
        )
        for office in (offices[i % len(offices)] for i in range(people))
    ]
    everyone = [s for s, _, _ in rows]
    bulk_create_with_history(everyone, Supervisee, batch_size=500, default_user=head)
    everyone = list(Supervisee.objects.filter(county=agency.county, status=Status.UNDER_CORRECTION).order_by("id"))
    start = today - timedelta(days=10)
    monitorings = ElectronicMonitoring.objects.bulk_create(
        ElectronicMonitoring(
            supervisee=s,
            grounds=["left_without_approval"],
            facts="基准测试",
            start=start,
            months=3,
            end=start + timedelta(days=90),
            status="active",
            proposed_by=head,
            decided_by=head,
            device_number=SERIAL.format(i),
        )
        for i, s in enumerate(everyone[:people])
    )
    MonitoringDevice.objects.bulk_create(
        MonitoringDevice(
            agency=agency,
            serial=SERIAL.format(i),
            kind="wristband",
            model_name="BENCH-W1",
            status="assigned",
            monitoring=m,
            satellite_positioning=True,
            tamper_resistant=True,
            blast_resistant=True,
            water_resistant=True,
        )
        for i, m in enumerate(monitorings)
    )
    from sqjz.supervisees.models import ProhibitionOrder
    from sqjz.supervision.models import Geofence

    rng = random.Random(9)
    zoned = everyone[:people:10]
    orders = ProhibitionOrder.objects.bulk_create(
        ProhibitionOrder(
            supervisee=s,
            kind="place",
            content="禁止进入中小学校区",
            start_date=start,
            end_date=start + timedelta(days=365),
        )
        for s in zoned
    )
    Geofence.objects.bulk_create(
        Geofence(
            supervisee=s,
            order=o,
            name="某小学",
            shape="circle",
            latitude=round(24.30 + rng.random() * 0.12, 6),
            longitude=round(102.48 + rng.random() * 0.12, 6),
            radius_m=300,
            created_by=head,
        )
        for s, o in zip(zoned, orders, strict=True)
    )
    _, token = gateway_create(actor=head, name="基准网关")
    (data_dir / "gateway-token").write_text(token)


def batches(people: int, count: int, size: int, run: str) -> list[bytes]:
    """`count` JSON bodies of `size` fixes: the people's devices in turn, 10 s apart, ending about now."""
    rng = random.Random(42)
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    total = count * size
    bodies, n = [], 0
    for b in range(count):
        fixes = []
        for _ in range(size):
            person = n % people
            at = now - timedelta(seconds=10 * ((total - n) // people))
            fixes.append(
                {
                    "serial": SERIAL.format(person),
                    "recorded_at": at.isoformat(),
                    "latitude": round(24.30 + rng.random() * 0.12, 6),
                    "longitude": round(102.48 + rng.random() * 0.12, 6),
                    "accuracy_m": round(5 + rng.random() * 55, 1),
                    "battery": 100 - (n // people) % 100,
                }
            )
            n += 1
        bodies.append(json.dumps({"batch_id": f"{run}-{b:05d}", "fixes": fixes}, separators=(",", ":")).encode())
    return bodies


def drive(port: int, token: str, bodies: list[bytes], concurrency: int) -> dict:
    """POST every body; returns stored fixes, errors, wall seconds, per-batch latencies."""
    queue = list(reversed(bodies))
    lock = threading.Lock()
    stored, errors, latencies = [0], [], []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}", "Host": "127.0.0.1"}
        while True:
            with lock:
                if not queue:
                    break
                body = queue.pop()
            t = time.perf_counter()
            conn.request("POST", "/api/monitoring/fixes", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            took = time.perf_counter() - t
            with lock:
                latencies.append(took)
                if response.status == 200:
                    stored[0] += json.loads(data)["stored"]
                else:
                    errors.append(f"{response.status} {data[:200]!r}")
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"stored": stored[0], "errors": errors, "seconds": time.perf_counter() - t0, "latencies": latencies}


def copy_baseline(url: str, bodies: list[bytes]) -> dict:
    """The same rows by COPY into a copy of the table (same indexes), one COPY and commit per batch."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS bench_fix_copy")
        conn.execute("CREATE TABLE bench_fix_copy (LIKE supervision_positionfix INCLUDING ALL)")
        devices = dict(
            conn.execute(
                "SELECT d.serial, d.id || E'\\t' || m.id || E'\\t' || m.supervisee_id "
                "FROM supervision_monitoringdevice d JOIN supervision_electronicmonitoring m ON m.id = d.monitoring_id"
            ).fetchall()
        )
        conn.commit()
        received = datetime.now(UTC).isoformat()
        texts, pk = [], 0
        for body in bodies:
            lines = []
            for f in json.loads(body)["fixes"]:
                pk += 1
                lines.append(
                    f"{pk}\t{devices[f['serial']]}\t{f['recorded_at']}\t{received}\t{f['latitude']}\t"
                    f"{f['longitude']}\t{f['accuracy_m']}\t{f['battery']}\tf\n"
                )
            texts.append("".join(lines))
        columns = "id, device_id, monitoring_id, supervisee_id, recorded_at, received_at, latitude, longitude, "
        columns += "accuracy_m, battery, tamper"
        t0 = time.perf_counter()
        for text in texts:
            with conn.cursor() as cursor, cursor.copy(f"COPY bench_fix_copy ({columns}) FROM STDIN") as copy:
                copy.write(text)
            conn.commit()
        seconds = time.perf_counter() - t0
        rows = conn.execute("SELECT count(*) FROM bench_fix_copy").fetchone()[0]
        conn.execute("DROP TABLE bench_fix_copy")
        conn.commit()
    return {"rows": rows, "seconds": seconds}


def reset(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "TRUNCATE supervision_positionfix, supervision_gatewaybatch, supervision_fencestate, "
            "supervision_monitoringalert"
        )
        conn.execute("UPDATE supervision_monitoringdevice SET last_contact = NULL, battery = NULL")
        conn.execute("VACUUM ANALYZE supervision_positionfix")
        conn.execute("VACUUM ANALYZE supervision_monitoringdevice")


def query_cost(url: str) -> dict:
    """One person's track over two hours, and one minute of arrivals, after the run (ms, plan's index)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE supervision_positionfix")
        person, last = conn.execute(
            "SELECT supervisee_id, max(recorded_at) FROM supervision_positionfix GROUP BY 1 LIMIT 1"
        ).fetchone()
        out = {}
        for name, sql, args in (
            (
                "track",
                "SELECT recorded_at, latitude, longitude, accuracy_m FROM supervision_positionfix "
                "WHERE supervisee_id = %s AND recorded_at BETWEEN %s AND %s ORDER BY recorded_at",
                [person, last - timedelta(hours=2), last],
            ),
            (
                "arrivals",
                "SELECT count(*) FROM supervision_positionfix WHERE received_at >= "
                "(SELECT max(received_at) FROM supervision_positionfix) - interval '1 minute'",
                [],
            ),
        ):
            plan = conn.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, args).fetchone()[0][0]
            out[name] = {"ms": round(plan["Execution Time"], 2), "plan": json.dumps(plan["Plan"])[:4000]}
        size = conn.execute(
            "SELECT pg_relation_size('supervision_positionfix'), pg_indexes_size('supervision_positionfix'), "
            "(SELECT count(*) FROM supervision_positionfix)"
        ).fetchone()
        out["size"] = {"table": size[0], "indexes": size[1], "rows": size[2]}
    return out


def _index_names(plan: str) -> str:
    names = sorted({part.split('"')[0] for part in plan.split('"Index Name": "')[1:]})
    return ", ".join(names) or "seq scan"


def append_results(args, figures: dict) -> None:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    app, copy, q = figures["app"], figures["copy"], figures["queries"]
    fps, copy_fps = app["stored"] / app["seconds"], copy["rows"] / copy["seconds"]
    lat = sorted(app["latencies"])
    p50, p95 = lat[len(lat) // 2], lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    load = os.getloadavg()
    endpoint = "endpoint (parse, authenticate, validate, COPY, devices, geofences and alerts, batch record)"
    text = f"""
## {datetime.now(UTC):%Y-%m-%d} · position ingestion (`bench/monitoring_ingest.py`)

Machine: {platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, PostgreSQL on 127.0.0.1 (same
machine), commit {commit.strip()}. {args.people:,} monitored people, {args.batches} batches of {args.batch_size:,}
fixes posted by a second process over loopback ({args.concurrency} connections) to gunicorn ({args.workers} workers ×
{args.threads} threads, production settings). Load average at the end: {load[0]:.2f}. {args.note}

| | fixes | seconds | fixes/s | target |
|---|---|---|---|---|
| {endpoint} | {app["stored"]:,} | {app["seconds"]:.2f} | {fps:,.0f} | ≥ {TARGET_FPS:,} |
| PostgreSQL COPY of the same rows (same indexes) | {copy["rows"]:,} | {copy["seconds"]:.2f} | {copy_fps:,.0f} | |
| endpoint ÷ COPY | | | {fps / copy_fps:.2f} | ≥ {TARGET_RATIO} |

Per batch: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; errors: {len(app["errors"])}. After the run the table
held {q["size"]["rows"]:,} rows ({q["size"]["table"] / 2**20:.0f} MiB, indexes {q["size"]["indexes"] / 2**20:.0f} MiB);
one person's two-hour track: {q["track"]["ms"]} ms ({_index_names(q["track"]["plan"])}); the last minute's
arrivals: {q["arrivals"]["ms"]} ms ({_index_names(q["arrivals"]["plan"])}).
"""
    print(text)
    head, sep, rest = RESULTS.read_text().partition("\n## ")
    RESULTS.write_text(head.rstrip() + "\n" + text + ("\n## " + rest if sep else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--batches", type=int, default=30)
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--note", default="")
    parser.add_argument("--role", default="main", choices=["main", "build", "drive"])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    data_dir = ROOT / "data" / "bench" / f"monitoring-{args.people}"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = app_env(data_dir, args.database_url)

    if args.role == "drive":  # a process of its own: the client shares no interpreter with the server
        bodies = [b.encode() for b in json.loads((data_dir / "bodies.json").read_text())]
        token = (data_dir / "gateway-token").read_text()
        (data_dir / "drive.json").write_text(json.dumps(drive(args.port, token, bodies, args.concurrency)))
        return
    if args.role == "build":
        _django(args.database_url, data_dir)
        build(args.people, data_dir)
        return

    token_file = data_dir / "gateway-token"
    if args.rebuild or not token_file.exists():
        import psycopg

        parts = urlparse(args.database_url)
        admin = parts._replace(path="/postgres").geturl()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}"')
        token_file.unlink(missing_ok=True)
    _ensure_database(args.database_url)
    subprocess.run([sys.executable, str(ROOT / "manage.py"), "migrate", "-v", "0"], env=env, cwd=ROOT, check=True)
    if not token_file.exists():
        t = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--role", "build", *sys.argv[1:]], env=env, cwd=ROOT, check=True)
        print(f"built in {time.perf_counter() - t:.0f} s", flush=True)
    reset(args.database_url)
    bodies = batches(args.people, args.batches, args.batch_size, f"run{int(time.time())}")
    print(f"{len(bodies)} bodies, {sum(map(len, bodies)) / 2**20:.1f} MiB", flush=True)

    server, port = start_server("app", "sqjz.wsgi", ROOT, env, args, data_dir / "gunicorn.log")
    try:
        drive(port, token_file.read_text(), bodies[:2], 1)  # warm-up: each worker imports and connects
        reset(args.database_url)
        # The driver runs in a process of its own: the server's workers and the client do not share an interpreter.
        out = data_dir / "drive.json"
        (data_dir / "bodies.json").write_text(json.dumps([b.decode() for b in bodies]))
        drive_args = ["--role", "drive", "--port", str(port), "--concurrency", str(args.concurrency)]
        subprocess.run([sys.executable, __file__, *drive_args, "--people", str(args.people)], cwd=ROOT, check=True)
        app = json.loads(out.read_text())
    finally:
        stop_server(server)
    print(f"endpoint: {app['stored']:,} fixes in {app['seconds']:.2f} s, errors {app['errors'][:3]}", flush=True)
    queries = query_cost(args.database_url)
    copy = copy_baseline(args.database_url, bodies)
    print(f"COPY: {copy['rows']:,} rows in {copy['seconds']:.2f} s", flush=True)
    append_results(args, {"app": app, "copy": copy, "queries": queries})


if __name__ == "__main__":
    main()
