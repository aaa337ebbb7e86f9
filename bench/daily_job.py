"""Benchmark: the daily job (`inbox_daily`: the areas' daily steps, then the refresh of every duty in batches) on an
existing database, with small writes from a second process running meanwhile.

Usage (from the repository root, virtualenv installed):
    .venv/bin/python bench/daily_job.py --database-url sqlite:///data/bench/x/db.sqlite3 --data-dir data/bench/x
        [--write-rate 20] [--profile] [--note "what else ran"]

The job runs in this process with the test settings (the database's own data: build it first, e.g. with
`manage.py demo` or `manage.py demo_bulk`). Every outermost transaction it opens is timed (django.db.transaction's
Atomic is wrapped), so the figures say how long the job held a write lock at most (on SQLite a write transaction
locks the whole database; on PostgreSQL only the rows it writes). Meanwhile a second process (--role write) makes
one small write transaction at a fixed rate, as an officer saving a form would: it updates one person's
`updated_at`, and times each. The baseline is the same writer with no job running, for a few seconds before.

Prints the job's time, its transactions (count, longest, median), and the writer's p50/p95/p99/max latency and
errors during the job and alone. `run()` returns the same as a dict for bench/run.py. --profile writes a cProfile
of the job to <data-dir>/daily_job.prof and prints the 25 functions with the most cumulative time.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(database_url: str, data_dir: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["SQJZ_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sqjz.settings_test")
    import django

    django.setup()


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- The writer (its own process) ------------------------------------------------------------------------------


def write(args) -> None:
    """Write at a fixed rate until the stop file appears (or --seconds pass); print the latencies as JSON."""
    _setup(args.database_url, args.data_dir)
    from django.db import transaction
    from django.utils import timezone

    from sqjz.supervisees.models import Supervisee

    ids = list(Supervisee.objects.order_by("pk").values_list("pk", flat=True)[:5000])
    stop, interval = Path(args.stop_file), 1 / args.write_rate
    latencies, errors, i = [], 0, 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline and not stop.exists():
        started = time.perf_counter()
        try:
            with transaction.atomic():
                Supervisee.objects.filter(pk=ids[i % len(ids)]).update(updated_at=timezone.now())
            latencies.append((time.perf_counter() - started) * 1000)
        except Exception:  # a locked database is what this measures
            errors += 1
        i += 1
        time.sleep(max(0.0, interval - (time.perf_counter() - started)))
    print(json.dumps({"latencies": latencies, "errors": errors}))


def _writer(args, seconds: float, stop_file: Path) -> subprocess.Popen:
    command = [sys.executable, __file__, "--role", "write", "--database-url", args.database_url]
    command += ["--data-dir", args.data_dir, "--write-rate", str(args.write_rate), "--seconds", str(seconds)]
    command += ["--stop-file", str(stop_file)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True)


def _writes(process: subprocess.Popen) -> dict:
    out, _ = process.communicate(timeout=600)
    data = json.loads(out.strip().splitlines()[-1])
    lat = data["latencies"]
    return {
        "writes": len(lat),
        "errors": data["errors"],
        "p50_ms": pct(lat, 50),
        "p95_ms": pct(lat, 95),
        "p99_ms": pct(lat, 99),
        "max_ms": max(lat, default=0.0),
    }


# --- The job ---------------------------------------------------------------------------------------------------


def _timed_transactions() -> list[tuple[float, str]]:
    """Wrap Atomic so that every outermost transaction's length (ms) and the function of ours that opened it are
    appended to the returned list."""
    from django.db import transaction

    spans: list[tuple[float, str]] = []
    enter, exit_ = transaction.Atomic.__enter__, transaction.Atomic.__exit__
    started: dict[str, tuple[float, str]] = {}

    def opener() -> str:
        ours = [f for f in traceback.extract_stack() if "/sqjz/" in f.filename]
        return f"{Path(ours[-1].filename).parent.name}.{ours[-1].name}" if ours else "?"

    def timed_enter(self):
        connection = transaction.get_connection(self.using)
        if not connection.in_atomic_block:
            started[self.using or "default"] = (time.perf_counter(), opener())
        return enter(self)

    def timed_exit(self, exc_type, exc_value, tb):
        result = exit_(self, exc_type, exc_value, tb)
        connection = transaction.get_connection(self.using)
        if not connection.in_atomic_block and (self.using or "default") in started:
            at, where = started.pop(self.using or "default")
            spans.append(((time.perf_counter() - at) * 1000, where))
        return result

    transaction.Atomic.__enter__, transaction.Atomic.__exit__ = timed_enter, timed_exit
    return spans


def run(*, database_url: str, data_dir: str, write_rate: float = 20, profile: bool = False, baseline_s: float = 5):
    """Run the daily job once with the writer; returns the figures."""
    _setup(database_url, data_dir)
    from sqjz.inbox.services import inbox_daily
    from sqjz.supervisees.models import Status, Supervisee

    args = argparse.Namespace(database_url=database_url, data_dir=data_dir, write_rate=write_rate)
    people = Supervisee.objects.filter(status=Status.UNDER_CORRECTION).count()
    stop_file = Path(data_dir) / "daily_job.stop"
    stop_file.unlink(missing_ok=True)
    alone = _writes(_writer(args, baseline_s, stop_file))

    spans = _timed_transactions()
    writer = _writer(args, 3600, stop_file)
    time.sleep(1)  # the writer's Django set-up
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started = time.perf_counter()
    result = inbox_daily()
    seconds = time.perf_counter() - started
    if profiler:
        import pstats

        profiler.disable()
        path = Path(data_dir) / "daily_job.prof"
        profiler.dump_stats(path)
        pstats.Stats(str(path)).sort_stats("cumulative").print_stats(25)
    stop_file.touch()
    during = _writes(writer)
    stop_file.unlink(missing_ok=True)
    lengths = [ms for ms, _ in spans]
    return {
        "people": people,
        "seconds": seconds,
        "transactions": len(spans),
        "longest_ms": max(lengths, default=0.0),
        "median_ms": statistics.median(lengths) if lengths else 0.0,
        "over_200ms": sum(1 for ms in lengths if ms > 200),
        "longest": [f"{where} {ms:.0f} ms" for ms, where in sorted(spans, reverse=True)[:5]],
        "failed_steps": result.failed,
        "writes_during": during,
        "writes_alone": alone,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--role", default="job", choices=["job", "write"])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--write-rate", type=float, default=20, help="writes per second from the second process")
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--stop-file", default="")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.role == "write":
        write(args)
        return
    figures = run(
        database_url=args.database_url, data_dir=args.data_dir, write_rate=args.write_rate, profile=args.profile
    )
    print(json.dumps(figures, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
