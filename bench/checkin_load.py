"""Benchmark: the phone check-in under load, served by gunicorn, as a ratio to a bare Django view doing the same
work with the same server settings; and the cost of signing in.

Usage (from the repository root, virtualenv installed):
    .venv/bin/python bench/checkin_load.py [--people 2000] [--workers 2] [--threads 4] [--concurrency 8]
        [--seconds 20] [--requests 5000] [--rounds 1] [--database-url postgres://...] [--rebuild]
        [--profile 300] [--photo-tasks 500] [--note "what else ran"]

Builds a database once per size (SQLite under data/bench/checkin-N/ by default; later runs reuse it, --rebuild
starts over) with bench/write_cost.py's generator: the Yuxi organisation, ONE county (红塔区) with N people under
correction and their course records and a month of check-ins; then every one of the N is enrolled for phone
check-ins with an account. Before each run, the previous runs' check-ins are deleted (a person may check in at most
10 times a day) and a signed-in session is written for every account (straight into the session table, as
`login()` would leave it), so the check-in figure holds no sign-in. A few hundred accounts get one password, hashed
once with the hasher production uses, for the sign-in run.

The BARE baseline is bench/bare/: a Django project of its own (settings, one model, one view, no sqjz code) that
does what a check-in must do at the least: read the session cookie's user (CSRF checked), validate the two numbers
and the idempotency key, write the photo file and insert one row with the key in one transaction. It has its own
database of the same kind (data/bench/checkin-N/bare/bare.sqlite3, or the PostgreSQL database named like the app's
with "_bare" appended, created if missing) with N users and their sessions.

Each is served by gunicorn as scripts/demo.sh serves the demo: deploy/gunicorn.conf.py (access log included, here
to a file under the data folder), --workers 2 --threads 4 --timeout 60 by default, on a free loopback port; the app
with sqjz.settings (production settings, plain http like the demo, its keys throwaway ones). The load comes from a
second process (this script with --role drive; standard library only: threads, each with its own keep-alive
http.client connection) at a fixed concurrency, for a bounded time and count, whichever ends first, after a short
warm-up that is not counted. Every check-in is a real small JPEG (made with Pillow), a unique Idempotency-Key and the
next person (people repeat only once all N have checked in). The sign-in run (app only) POSTs /accounts/login/
with a different account each time (a valid CSRF cookie and token; success is the 302).

Prints for each: requests/s, p50/p95/p99 latency, errors, the server's CPU seconds (gunicorn's master and workers,
from /proc/<pid>/stat; on SQLite that includes the database's work, on PostgreSQL the database server's CPU is not
in it) and CPU per request, and app ÷ bare for throughput and CPU per request. Then appends a section to
bench/RESULTS.md (newest first) with the machine, date, commit, database, parameters, load average and figures;
say what else was running with --note. On a shared machine compare the ratios from the same run, not the figures
across runs. Then the workers' resident memory, and the task worker's share of the check-ins: the photos the runs
queued, decoded and re-encoded by `manage.py task_worker --batch` alone (decision 0024). --profile N then runs N
check-ins through Django's whole stack in one process (the test client, no gunicorn) under cProfile: prints the
queries of one check-in and the functions that take the time, and leaves the profile in
data/bench/checkin-N/checkin.prof.
"""

import argparse
import json
import os
import platform
import shlex
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
KEY_PREFIX = "load-"  # the Idempotency-Keys of this benchmark's check-ins (deleted before the next run)
PASSWORD = "Bench#load-2026"  # the sign-in accounts' password (throwaway data)
# sqjz.settings reads its keys from the environment: throwaway ones (the same as sqjz/settings_test.py's).
APP_KEYS = {
    "SQJZ_SECRET_KEY": "test-secret-key-not-for-production-0123456789abcdef",
    "SQJZ_FIELD_KEYS": "1:000102030405060708090a0b0c0d0e0f",
    "SQJZ_INDEX_KEY": "101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f",
    "SQJZ_AUDIT_KEY": "303132333435363738393a3b3c3d3e3f303132333435363738393a3b3c3d3e3f",
}
YUXI = (24.35, 102.54)


# --- Environments of the two servers -------------------------------------------------------------------------


def app_env(data_dir: Path, database_url: str) -> dict:
    """What scripts/demo.sh exports: production settings, plain http on loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQJZ_", "DJANGO_", "DATABASE_URL"))}
    env |= APP_KEYS | {
        "DJANGO_SETTINGS_MODULE": "sqjz.settings",
        "SQJZ_DATA_DIR": str(data_dir),
        "DATABASE_URL": database_url,
        "SQJZ_SECURE_COOKIES": "false",
        "SQJZ_SSL_REDIRECT": "false",
    }
    return env


def bare_env(data_dir: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQJZ_", "DJANGO_", "DATABASE_URL"))}
    return env | {
        "DJANGO_SETTINGS_MODULE": "bare.settings",
        "BARE_DATA_DIR": str(data_dir),
        "BARE_DATABASE_URL": database_url,
        "PYTHONPATH": str(BENCH),
    }


def _session_rows(accounts, extra: dict, *, backend: str):
    """Session rows as login() leaves them for each account (keys returned in the accounts' order)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    store, expires = SessionStore(), timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    rows = []
    for user in accounts:
        data = {SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: backend, HASH_SESSION_KEY: user.get_session_auth_hash()}
        rows.append(
            Session(
                session_key=get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789"),
                session_data=store.encode(data | extra),
                expire_date=expires,
            )
        )
    Session.objects.all().delete()  # the previous runs' sessions and sign-ins
    Session.objects.bulk_create(rows, batch_size=1000)
    return [row.session_key for row in rows]


def _database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]} (WAL)"
        cursor.execute("show server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


# --- Preparing the app's database (run in its own process: --role prepare-app) -------------------------------


def prepare_app(args) -> dict:
    import shutil

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import get_hasher, make_password
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from sqjz.accounts.middleware import SIGNED_IN_AT
    from sqjz.accounts.models import Role, SignInFailure, User
    from sqjz.core.photos import photo_path, quarantine_path
    from sqjz.supervisees.models import Status, Supervisee
    from sqjz.supervision.checkins.tasks import checkin_photo_task
    from sqjz.supervision.models import CheckIn

    sys.path.insert(0, str(BENCH))
    import write_cost  # the generator and the calls it builds the county with

    today = timezone.localdate()
    call_command("migrate", verbosity=0)
    if not Supervisee.objects.exists():
        print(f"building {args.people} people under correction in {write_cost.COUNTY} ...", flush=True)
        started = time.perf_counter()
        with transaction.atomic():
            write_cost.build(args.people, today)
        print(f"built in {time.perf_counter() - started:.0f} s", flush=True)
    with transaction.atomic():
        _enrol_everyone(today)
    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():  # the pages' manifest (production storage)
        call_command("collectstatic", interactive=False, verbosity=0)

    earlier = CheckIn.objects.filter(idempotency_key__startswith=KEY_PREFIX)
    for relative in earlier.exclude(photo="").values_list("photo", flat=True).iterator():
        photo_path(relative).unlink(missing_ok=True)
    earlier.delete()
    # The earlier runs' uploads still waiting for the task worker, and their tasks (decision 0024).
    shutil.rmtree(quarantine_path("checkins"), ignore_errors=True)
    DBTaskResult.objects.filter(task_path=checkin_photo_task.module_path).delete()
    SignInFailure.objects.all().delete()
    accounts = list(
        User.objects.filter(
            role=Role.SUPERVISEE,
            is_active=True,
            supervisee__status=Status.UNDER_CORRECTION,
            supervisee__app_enrolment__isnull=False,
        ).order_by("pk")
    )
    backend = "django.contrib.auth.backends.ModelBackend"
    signing_in = accounts[: args.signin_accounts]
    User.objects.filter(pk__in=[u.pk for u in signing_in]).update(
        password=make_password(PASSWORD), failed_logins=0, locked_until=None
    )
    for user in signing_in:
        user.refresh_from_db(fields=["password"])
    sessions = _session_rows(accounts, {SIGNED_IN_AT: int(timezone.now().timestamp())}, backend=backend)
    hasher = get_hasher()
    return {
        "sessions": sessions,
        "usernames": [u.username for u in signing_in],
        "database": _database_version(),
        "django": django.get_version(),
        "hasher": f"{hasher.algorithm}, {getattr(hasher, 'iterations', '?'):,} iterations",
        "people": Supervisee.objects.filter(status=Status.UNDER_CORRECTION).count(),
        "checkins": CheckIn.objects.count(),
    }


def _enrol_everyone(today) -> None:
    """The generator enrols about 90 % of the people under correction: enrol the rest, each with an account."""
    from datetime import timedelta

    from sqjz.accounts.models import Role, User
    from sqjz.supervisees.models import Status, Supervisee
    from sqjz.supervision.models import AppEnrolment

    missing = list(Supervisee.objects.filter(status=Status.UNDER_CORRECTION, app_enrolment__isnull=True))
    if not missing:
        return
    officer = {u.unit_id: u for u in User.objects.filter(role=Role.OFFICE_OFFICER).order_by("-pk")}
    with_account = set(User.objects.filter(supervisee__in=missing).values_list("supervisee_id", flat=True))
    AppEnrolment.objects.bulk_create(
        [
            AppEnrolment(supervisee=s, enrolled_on=today - timedelta(days=1), enrolled_by=officer[s.judicial_office_id])
            for s in missing
        ],
        batch_size=1000,
    )
    accounts = []
    for s in missing:
        if s.pk not in with_account:
            account = User(username=f"jz{s.pk:06d}", full_name=s.name, role=Role.SUPERVISEE, supervisee=s)
            account.set_unusable_password()
            accounts.append(account)
    User.objects.bulk_create(accounts, batch_size=1000)
    print(f"enrolled {len(missing)} more people for phone check-ins", flush=True)


# --- Preparing the bare baseline's database (--role prepare-bare) --------------------------------------------


def prepare_bare(args) -> dict:
    import shutil

    import django

    url = os.environ["BARE_DATABASE_URL"]
    if url.startswith(("postgres://", "postgresql://")):
        _ensure_postgres_database(url)
    django.setup()
    from bare.models import CheckIn
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command

    # Django's own tables first: the bare app has no migrations and its table (synced) refers to auth_user, which
    # PostgreSQL checks when the table is created.
    call_command("migrate", verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)
    have = User.objects.count()
    if have < args.people:
        users = [User(username=f"bare{i:06d}") for i in range(have, args.people)]
        for user in users:
            user.set_unusable_password()
        User.objects.bulk_create(users, batch_size=1000)
    CheckIn.objects.all().delete()
    shutil.rmtree(Path(settings.DATA_DIR) / "photos", ignore_errors=True)
    accounts = list(User.objects.order_by("pk")[: args.people])
    sessions = _session_rows(accounts, {}, backend="django.contrib.auth.backends.ModelBackend")
    return {"sessions": sessions, "database": _database_version()}


def _ensure_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg

    cfg = dj_database_url.parse(url)
    params = {k: cfg[c] for k, c in (("user", "USER"), ("password", "PASSWORD"), ("host", "HOST"), ("port", "PORT"))}
    params = {k: v for k, v in params.items() if v}
    try:
        psycopg.connect(dbname=cfg["NAME"], **params).close()
    except psycopg.OperationalError:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{cfg["NAME"]}"')


# --- Profile of the app's check-in (--profile; --role profile) -------------------------------------------------


def profile_app(args) -> dict:
    """Check-ins through Django's whole stack in this process (the test client, no gunicorn), under cProfile: the
    queries of one check-in, then the functions that take the time, cumulative, over --profile check-ins."""
    import cProfile
    import io
    import pstats
    import uuid

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    prepared = json.loads((Path(args.data_dir) / "prepare-app.json").read_text())
    photo = Path(args.photo).read_bytes()
    sessions = prepared["sessions"][-args.profile :]  # the people the load run reached last, if at all
    csrf = uuid.uuid4().hex
    client = Client(enforce_csrf_checks=True, HTTP_HOST="127.0.0.1")  # one handler, as in a gunicorn worker

    def checkin(session: str):
        client.cookies.clear()
        client.cookies["sessionid"], client.cookies["csrftoken"] = session, csrf
        upload = io.BytesIO(photo)
        upload.name = "checkin.jpg"
        response = client.post(
            "/api/app/checkins",
            {"photo": upload, "latitude": "24.351234", "longitude": "102.541234", "accuracy": "12"},
            HTTP_X_CSRFTOKEN=csrf,
            HTTP_IDEMPOTENCY_KEY=f"{KEY_PREFIX}{uuid.uuid4().hex}",
        )
        assert response.status_code == 201, response.content
        return response

    checkin(sessions[0])  # imports and first connection
    queries = []

    def capture(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        checkin(sessions[1])
    profiler = cProfile.Profile()
    started = time.process_time()
    profiler.enable()
    for session in sessions[2:]:
        checkin(session)
    profiler.disable()
    cpu_ms = (time.process_time() - started) / max(len(sessions) - 2, 1) * 1000
    dump = Path(args.data_dir) / "checkin.prof"  # for pstats, snakeviz, ...
    profiler.dump_stats(dump)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative")
    stats.print_stats(45)
    return {
        "queries": [sql[:160] for sql in queries],
        "cpu_ms": cpu_ms,
        "count": len(sessions) - 2,
        "profile": out.getvalue() + f"(the whole profile: {dump})",
    }


# --- The load generator (--role drive; standard library only) --------------------------------------------------


def server_cpu_seconds(master: int) -> float:
    """User + system CPU of the gunicorn master and its live workers, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")

    def stat(pid) -> list[str] | None:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None

    total = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (fields := stat(entry)) and (int(entry) == master or int(fields[1]) == master):
            total += int(fields[11]) + int(fields[12])
    return total / tick


def drive(spec: dict) -> dict:
    import http.client
    import itertools
    import random
    import threading
    import uuid

    photo = Path(spec["photo"]).read_bytes() if spec.get("photo") else b""
    boundary = "----benchload" + uuid.uuid4().hex
    photo_part = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="checkin.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode() + photo
    csrf = uuid.uuid4().hex  # any 32 letters and digits: the cookie and the header only have to match
    host = f"127.0.0.1:{spec['port']}"

    def checkin(i: int):
        rng = random.Random(i)
        fields = {
            "latitude": f"{YUXI[0] + rng.uniform(-0.01, 0.01):.6f}",
            "longitude": f"{YUXI[1] + rng.uniform(-0.01, 0.01):.6f}",
            "accuracy": str(rng.randint(5, 60)),
        }
        body = photo_part + b"".join(
            f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}'.encode()
            for k, v in fields.items()
        )
        body += f"\r\n--{boundary}--\r\n".encode()
        session = spec["sessions"][i % len(spec["sessions"])]
        headers = {
            "Host": host,
            "Cookie": f"sessionid={session}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Idempotency-Key": f"{KEY_PREFIX}{uuid.uuid4().hex}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        }
        return "/api/app/checkins", body, headers

    def signin(i: int):
        from urllib.parse import urlencode

        username = spec["usernames"][i % len(spec["usernames"])]
        body = urlencode({"username": username, "password": spec["password"], "csrfmiddlewaretoken": csrf}).encode()
        headers = {
            "Host": host,
            "Cookie": f"csrftoken={csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        return "/accounts/login/", body, headers

    make, expected = (checkin, 201) if spec["kind"] == "checkin" else (signin, 302)
    sequence = itertools.count(spec.get("offset", 0))

    def phase(count: int, seconds: float) -> tuple[list, float]:
        done, deadline, started = [], time.perf_counter() + seconds, time.perf_counter()

        def worker() -> None:
            conn, mine = None, []
            while (i := next(sequence)) < start + count and time.perf_counter() < deadline:
                path, body, headers = make(i)
                t0 = time.perf_counter()
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection("127.0.0.1", spec["port"], timeout=120)
                    conn.request("POST", path, body, headers)
                    response = conn.getresponse()
                    answer, status = response.read(), response.status
                    if response.will_close:
                        conn.close()
                        conn = None
                except (OSError, http.client.HTTPException) as error:
                    answer, status = repr(error).encode(), type(error).__name__
                    if conn is not None:
                        conn.close()
                    conn = None
                mine.append((time.perf_counter() - t0, status, answer[:200] if status != expected else b""))
            if conn is not None:
                conn.close()
            done.extend(mine)

        start = next(sequence)
        threads = [threading.Thread(target=worker) for _ in range(spec["concurrency"])]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return done, time.perf_counter() - started

    phase(spec["warmup"], 60)
    cpu_before = server_cpu_seconds(spec["server_pid"])
    done, elapsed = phase(spec["requests"], spec["seconds"])
    cpu = server_cpu_seconds(spec["server_pid"]) - cpu_before
    latencies = sorted(t for t, _, _ in done)
    errors = [(status, answer.decode(errors="replace")) for _, status, answer in done if status != expected]

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000 if latencies else 0.0

    return {
        "requests": len(done),
        "seconds": elapsed,
        "rps": len(done) / elapsed if elapsed else 0.0,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "errors": len(errors),
        "error_samples": errors[:3],
        "cpu": cpu,
        "cpu_ms": cpu / len(done) * 1000 if done else 0.0,
    }


# --- Orchestration ---------------------------------------------------------------------------------------------


def run_role(role: str, env: dict, args, extra: list[str] | None = None) -> dict:
    """Run this script in another process (its own Django settings) and read the JSON it writes."""
    out = Path(args.data_dir) / f"{role}.json"
    command = [sys.executable, __file__, "--role", role, "--out", str(out), "--people", str(args.people)]
    command += ["--signin-accounts", str(args.signin_accounts), *(extra or [])]
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    return json.loads(out.read_text())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(name: str, module: str, cwd: Path, env: dict, args, log: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", str(GUNICORN_CONF), module]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(args.workers), "--threads", str(args.threads)]
    command += ["--timeout", "60"]
    server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"{name}: gunicorn exited ({server.returncode}); see {log}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit(f"{name}: gunicorn did not answer on port {port} within 60 s; see {log}")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def load(name: str, kind: str, port: int, server: subprocess.Popen, args, **spec) -> dict:
    spec |= {
        "kind": kind,
        "port": port,
        "server_pid": server.pid,
        "concurrency": args.concurrency,
        "seconds": args.seconds if kind == "checkin" else args.signin_seconds,
        "requests": args.requests if kind == "checkin" else args.signin_requests,
        "warmup": args.warmup if kind == "checkin" else args.concurrency,
    }
    path = Path(args.data_dir) / f"drive-{name}-{kind}.json"
    path.write_text(json.dumps(spec))
    load_before = os.getloadavg()[0]
    print(f"{name}: {kind} load, concurrency {args.concurrency} (load average {load_before:.1f}) ...", flush=True)
    out = subprocess.run(
        [sys.executable, __file__, "--role", "drive", "--spec", str(path)], check=True, capture_output=True, text=True
    )
    result = json.loads(out.stdout) | {"load_before": load_before, "load_after": os.getloadavg()[0]}
    for status, answer in result["error_samples"]:
        print(f"  error {status}: {answer}", flush=True)
    return result


def workers_rss_mb(master: int) -> list[float]:
    """Resident memory of each gunicorn worker (the master's children), in MB, from /proc."""
    sizes = []
    for entry in os.listdir("/proc"):
        try:
            if (
                not entry.isdigit()
                or int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1]) != master
            ):
                continue
            status = Path(f"/proc/{entry}/status").read_text()
        except (OSError, IndexError):
            continue
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
        sizes.append(kb / 1024)
    return sorted(sizes)


def drain_photo_queue(env: dict, args, tasks: int) -> dict:
    """The task worker's share of the check-ins (decision 0024): `manage.py task_worker --batch` over at most
    --photo-tasks of the photos the runs queued, alone on the machine; its wall and CPU time (its start included)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "manage.py", "task_worker", "--batch", "--max-tasks", str(tasks)]
    command += ["--worker-id", "bench-photos", "--verbosity", "0"]
    print(f"task worker: {tasks} queued photos ...", flush=True)
    subprocess.run(command, env=env, cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"tasks": tasks, "seconds": seconds, "cpu": cpu}


def make_photo(path: Path, side: int) -> int:
    """A portrait JPEG (quality 85, as the phone page re-encodes it) with a photo's noise and shading, so that its
    decoding and re-encoding cost what a selfie's would at that size."""
    from PIL import Image

    size = (side * 3 // 4, side)
    noise = Image.effect_noise(size, 24)
    shade = Image.linear_gradient("L").resize(size)
    image = Image.merge("RGB", (Image.blend(noise, shade, 0.6), shade, Image.blend(noise, shade, 0.3)))
    image.save(path, "JPEG", quality=85)
    return path.stat().st_size


def machine() -> str:
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if "MemTotal" in line)
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.machine(),
    )
    return f"{os.cpu_count()} cores ({model}), {int(memory) / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"


def commit() -> str:
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    return head + (" with uncommitted changes" if dirty.stdout.strip() else "")


def report(
    args, app_info: dict, bare_info: dict, rounds: list[dict], signin: dict, photo_bytes: int, rss: dict, photos: dict
) -> str:
    import statistics

    def row(label: str, r: dict) -> str:
        # A percentile from too few requests is no figure: p95 needs 20, p99 100.
        p95 = f"{r['p95']:.0f}" if r["requests"] >= 20 else "–"
        p99 = f"{r['p99']:.0f}" if r["requests"] >= 100 else "–"
        return (
            f"| {label} | {r['requests']:,} | {r['seconds']:.1f} | {r['rps']:.1f} | {r['p50']:.0f} | {p95} "
            f"| {p99} | {r['errors']} | {r['cpu']:.1f} | {r['cpu'] / r['seconds']:.2f} | {r['cpu_ms']:.1f} "
            f"| {r['load_before']:.1f} |"
        )

    def ratio(a: float, b: float) -> float:
        return a / b if b else float("nan")

    def ratios(label: str, app: dict, bare: dict) -> str:
        return (
            f"| {label} | | | {ratio(app['rps'], bare['rps']):.2f}× | {ratio(app['p50'], bare['p50']):.1f}× "
            f"| {ratio(app['p95'], bare['p95']):.1f}× | {ratio(app['p99'], bare['p99']):.1f}× | | | "
            f"| {ratio(app['cpu_ms'], bare['cpu_ms']):.1f}× | |"
        )

    header = (
        "| server | requests | s | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU s | cores busy "
        "| CPU ms/request | load avg |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|"
    )
    table = [header]
    for number, r in enumerate(rounds, 1):
        suffix = f" (round {number})" if len(rounds) > 1 else ""
        table += [row(f"app{suffix}", r["app"]), row(f"bare{suffix}", r["bare"]), ratios(f"app ÷ bare{suffix}", **r)]
    throughput = statistics.median(ratio(r["app"]["rps"], r["bare"]["rps"]) for r in rounds)
    cpu = statistics.median(ratio(r["app"]["cpu_ms"], r["bare"]["cpu_ms"]) for r in rounds)
    app_cpu_ms = statistics.median(r["app"]["cpu_ms"] for r in rounds)
    command = shlex.join(["bench/checkin_load.py", *sys.argv[1:]])
    database = "PostgreSQL" if args.database_url else "SQLite"
    lines = [
        f"## {datetime.now().astimezone():%Y-%m-%d} · phone check-in under load, {database} (`bench/checkin_load.py`)",
        "",
        f"Run at {datetime.now().astimezone():%H:%M %Z}, commit {commit()}. Machine: {machine()}, "
        f"Django {app_info['django']}, {app_info['database']}"
        f" (bare: {bare_info['database']}). Command: `.venv/bin/python {command}`.",
        "",
        f"Data: {app_info['people']:,} people under correction enrolled for phone check-ins, each with an account and "
        f"a signed-in session ({app_info['checkins']:,} check-ins in the database before the run); the bare "
        f"project {args.people:,} users and sessions. Both served by gunicorn -c deploy/gunicorn.conf.py "
        f"--workers {args.workers} --threads {args.threads} (the app with sqjz.settings); load from a second process "
        f"at concurrency {args.concurrency}, each run at most {args.seconds:g} s or {args.requests:,} requests after "
        f"{args.warmup} warm-up requests, {len(rounds)} run(s) of each, alternating; a {photo_bytes // 1024} KB "
        f"{args.photo_side * 3 // 4}×{args.photo_side} JPEG each time, a new Idempotency-Key, the next person.",
        "",
        f"What else was running: {args.note or 'not stated'}. The load average (1 min) at the start of each run is in "
        "the last column; on shared cores the figures move between runs, the ratios less so. Cores busy: the "
        "server's CPU seconds over the run's seconds (what it got of the machine).",
        "",
        "Check-in (`POST /api/app/checkins`):",
        "",
        *table,
        "",
        f"App ÷ bare{' (median of the rounds)' if len(rounds) > 1 else ''}: throughput {throughput:.2f}×, "
        f"CPU per check-in {cpu:.1f}× (target: throughput ≥ 0.5×).",
        "",
        f"Sign-in (`POST /accounts/login/`, app only, {app_info['hasher']}; at most {args.signin_seconds:g} s or "
        f"{args.signin_requests} requests over {len(app_info['usernames'])} accounts):",
        "",
        header,
        row("app", signin),
        "",
        f"A sign-in costs {ratio(signin['cpu_ms'], app_cpu_ms):.0f}× the server CPU of a check-in.",
        "",
        f"Workers' resident memory after the runs (MB): app {', '.join(f'{mb:.0f}' for mb in rss['app'])}; "
        f"bare {', '.join(f'{mb:.0f}' for mb in rss['bare'])}.",
        "",
        f"The task worker's share (photos decoded and re-encoded after the check-in, decision 0024; `task_worker "
        f"--batch` alone, its start included): {photos['tasks']} photos in {photos['seconds']:.1f} s, "
        f"{photos['cpu'] / photos['tasks'] * 1000:.1f} ms CPU each.",
    ]
    return "\n".join(lines) + "\n"


def append_results(section: str) -> None:
    """Newest first: the section goes before the first earlier one."""
    text = RESULTS.read_text()
    at = text.find("\n## ")
    text = text + "\n" + section if at < 0 else text[: at + 1] + section + "\n" + text[at + 1 :]
    RESULTS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=2000, help="people under correction, each enrolled")
    parser.add_argument("--database-url", default="", help="default: SQLite under data/bench/checkin-N/")
    parser.add_argument("--bare-database-url", default="", help="default: the app's PostgreSQL database + _bare")
    parser.add_argument("--rebuild", action="store_true", help="SQLite: delete the databases of that size first")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (scripts/demo.sh: 2)")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (scripts/demo.sh: 4)")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    parser.add_argument("--seconds", type=float, default=20, help="check-in run: at most this long")
    parser.add_argument("--requests", type=int, default=5000, help="check-in run: at most this many requests")
    parser.add_argument("--warmup", type=int, default=100, help="check-ins before the measured run (not counted)")
    parser.add_argument("--signin-seconds", type=float, default=10, help="sign-in run: at most this long")
    parser.add_argument("--signin-requests", type=int, default=300, help="sign-in run: at most this many requests")
    parser.add_argument("--signin-accounts", type=int, default=300, help="accounts given the sign-in password")
    parser.add_argument("--rounds", type=int, default=1, help="check-in runs of each server, alternating")
    parser.add_argument(
        "--photo-side", type=int, default=640, help="the photo's longer side in pixels (the phone sends up to 1280)"
    )
    parser.add_argument(
        "--photo-tasks", type=int, default=500, help="queued photos the task worker then processes (measured)"
    )
    parser.add_argument("--no-results", action="store_true", help="print only; do not append to bench/RESULTS.md")
    parser.add_argument("--note", default="", help="what else was running (written into RESULTS.md)")
    parser.add_argument("--role", default="main", choices=["main", "prepare-app", "prepare-bare", "drive", "profile"])
    parser.add_argument("--profile", type=int, default=0, help="then profile this many check-ins in-process")
    parser.add_argument("--out", default="", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", default="", help=argparse.SUPPRESS)
    parser.add_argument("--photo", default="", help=argparse.SUPPRESS)
    parser.add_argument("--spec", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.role == "drive":
        print(json.dumps(drive(json.loads(Path(args.spec).read_text()))))
        return
    if args.role in ("prepare-app", "prepare-bare", "profile"):
        prepared = {"prepare-app": prepare_app, "prepare-bare": prepare_bare, "profile": profile_app}[args.role](args)
        Path(args.out).write_text(json.dumps(prepared))
        return

    data_dir = ROOT / "data" / "bench" / f"checkin-{args.people}"
    (data_dir / "bare").mkdir(parents=True, exist_ok=True)
    args.data_dir = str(data_dir)
    app_db, bare_db = data_dir / "sqjz.sqlite3", data_dir / "bare" / "bare.sqlite3"
    if args.rebuild and not args.database_url:
        for file in (app_db, bare_db):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{file}{suffix}").unlink(missing_ok=True)
    app_url = args.database_url or f"sqlite:///{app_db}"
    if args.database_url:
        base, _, name = args.database_url.rpartition("/")
        bare_url = args.bare_database_url or f"{base}/{name.split('?')[0]}_bare"
    else:
        bare_url = f"sqlite:///{bare_db}"
    envs = {"app": app_env(data_dir, app_url), "bare": bare_env(data_dir / "bare", bare_url)}
    if args.rounds * (args.requests + args.warmup + args.concurrency + 1) > 9 * args.people:
        parser.error("a person may check in at most 10 times a day: fewer --requests or --rounds, or more --people")
    photo = data_dir / f"checkin-{args.photo_side}.jpg"
    photo_bytes = make_photo(photo, args.photo_side)

    app_info = run_role("prepare-app", envs["app"], args)
    bare_info = run_role("prepare-bare", envs["bare"], args)
    # Both servers up at once (the idle one costs nothing), the runs alternating: app, bare, app, bare, ...
    app, app_port = start_server("app", "sqjz.wsgi", ROOT, envs["app"], args, data_dir / "gunicorn-app.log")
    try:
        bare, bare_port = start_server("bare", "bare.wsgi", BENCH, envs["bare"], args, data_dir / "gunicorn-bare.log")
        try:
            rounds = []
            for number in range(args.rounds):
                offset = number * (args.requests + args.warmup + args.concurrency + 1)  # the next people each round
                app_spec = {"sessions": app_info["sessions"], "photo": str(photo), "offset": offset}
                bare_spec = {"sessions": bare_info["sessions"], "photo": str(photo), "offset": offset}
                rounds.append(
                    {
                        "app": load("app", "checkin", app_port, app, args, **app_spec),
                        "bare": load("bare", "checkin", bare_port, bare, args, **bare_spec),
                    }
                )
            signin = load("app", "signin", app_port, app, args, usernames=app_info["usernames"], password=PASSWORD)
            rss = {"app": workers_rss_mb(app.pid), "bare": workers_rss_mb(bare.pid)}
        finally:
            stop_server(bare)
    finally:
        stop_server(app)

    queued = sum(r["app"]["requests"] - r["app"]["errors"] + args.warmup for r in rounds)
    photos = drain_photo_queue(envs["app"], args, min(args.photo_tasks, queued))
    section = report(args, app_info, bare_info, rounds, signin, photo_bytes, rss, photos)
    print("\n" + section)
    if args.profile:
        extra = ["--profile", str(args.profile), "--data-dir", str(data_dir), "--photo", str(photo)]
        profile = run_role("profile", envs["app"], args, extra)
        print(f"Profile: {profile['count']} check-ins in-process, {profile['cpu_ms']:.1f} ms CPU each (profiled)")
        print(f"Queries of one check-in ({len(profile['queries'])}):")
        for sql in profile["queries"]:
            print(f"  {sql}")
        print(profile["profile"])
    if not args.no_results:
        append_results(section)
        print(f"appended to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
