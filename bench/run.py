"""Every benchmark of issue 12 from one command: build the data at a chosen scale, run each benchmark against it (and
its bare baseline in the same run), print each figure beside its target, and append them to bench/RESULTS.md with
the machine, date, commit and database.

Usage (from the repository root, virtualenv installed):
    .venv/bin/python bench/run.py --under 100000 --history 700000 [--database-url postgres://127.0.0.1:5432/NAME]
        [--rebuild] [--only data,pages,daily,checkin] [--note "what else ran"]

- Data: a database of its own (SQLite under data/bench/run-<under>-<history>/, or the PostgreSQL database named in
  --database-url, created if missing), migrated, with the Yuxi demo (`manage.py demo`, its accounts are the users
  the pages are measured for) and then `manage.py demo_bulk --under N --history M` (the national-scale generator:
  COPY on PostgreSQL), then the daily job once to compute their to-dos. Built once: a later run with the same sizes
  reuses it, migrated to the current code (--rebuild starts over).
- daily (bench/daily_job.py): the daily job again, with a writer beside it (its cost is the computation; the build's
  run already opened the to-dos, so it writes little, as an ordinary night does).
- pages (bench/pages.py): each kind of officer's main pages and searches, in-process, p95 against a bare page.
- checkin (bench/checkin_load.py): the phone check-in under load, served by gunicorn, against the bare project
  served the same way. It builds its own database of the same kind with 2,000 people enrolled (a check-in reads
  one person's rows by index: its cost does not grow with the city) and appends its own section to RESULTS.md.

Each benchmark runs in a process of its own. The figures are only comparable within one run: say in --note what
else was running.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "RESULTS.md"
PYTHON = sys.executable
STAGES = ("data", "pages", "daily", "checkin")
# The targets of issue 12.
PAGE_P95_MS, SEARCH_P95_MS = 150, 50
DAILY_S, DAILY_LOCK_MS, WRITE_P99_MS = 120, 200, 100


def _env(database_url: str, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQJZ_", "DJANGO_", "DATABASE_URL"))}
    return env | {
        "DATABASE_URL": database_url,
        "SQJZ_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "sqjz.settings_test",
    }


def _manage(env: dict, *command: str) -> None:
    print(f"$ manage.py {' '.join(command)}", flush=True)
    subprocess.run([PYTHON, str(ROOT / "manage.py"), *command], env=env, cwd=ROOT, check=True)


def _postgres_admin(url: str, sql: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _count_people(env: dict) -> int:
    code = (
        "import django; django.setup(); from sqjz.supervisees.models import Supervisee; "
        "print(Supervisee.objects.count())"
    )
    done = subprocess.run([PYTHON, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    return int(done.stdout.strip() or 0) if done.returncode == 0 else 0


def build(args, env: dict) -> dict:
    """The database at the chosen scale (built once)."""
    url = env["DATABASE_URL"]
    if args.rebuild:
        if url.startswith("sqlite"):
            for path in Path(args.data_dir).glob("db.sqlite3*"):
                path.unlink()
        else:
            _postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}"')
    if url.startswith("postgres"):
        try:
            _postgres_admin(url, f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
        except Exception as e:  # it exists
            if "already exists" not in str(e):
                raise
    started = time.perf_counter()
    if _count_people(env) >= args.under:
        _manage(env, "migrate", "-v", "0")  # the current code's schema (new tables fill in the daily job)
        print("data: already built, reused", flush=True)
        return {"built": False, "seconds": 0.0}
    _manage(env, "migrate", "-v", "0")
    _manage(env, "demo", "--if-empty")
    _manage(env, "demo_bulk", "--under", str(args.under), "--history", str(args.history))
    seconds = time.perf_counter() - started
    _manage(env, "inbox_refresh", "--now")  # the to-dos of the new people (their first computation, not measured)
    return {"built": True, "seconds": seconds}


def _in_process(env: dict, code: str) -> object:
    """Run `code` (which prints one JSON line last) in a process of its own; its other output is shown."""
    done = subprocess.run(
        [PYTHON, "-c", code], env=env | {"PYTHONPATH": str(BENCH)}, cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"benchmark failed: {code}")
    lines = done.stdout.strip().splitlines()
    print("\n".join(lines[:-1]), flush=True)
    return json.loads(lines[-1])


def pages(env: dict, repeat: int) -> list[dict]:
    code = f"import django, json, pages; django.setup(); print(json.dumps(pages.run(repeat={int(repeat)})))"
    return _in_process(env, code)


def daily(env: dict) -> dict:
    code = (
        "import json, os, daily_job; print(json.dumps(daily_job.run(database_url=os.environ['DATABASE_URL'], "
        "data_dir=os.environ['SQJZ_DATA_DIR'])))"
    )
    return _in_process(env, code)


def checkin(args) -> None:
    command = [PYTHON, str(BENCH / "checkin_load.py"), "--note", args.note or "bench/run.py"]
    if not args.database_url.startswith("sqlite") and args.database_url:
        command += ["--database-url", args.database_url + "_checkin"]
    subprocess.run(command, cwd=ROOT, check=True)


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(args, database: str, data: dict | None, page_rows: list[dict] | None, job: dict | None) -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    now = datetime.now(UTC)
    lines = [
        f"## {now:%Y-%m-%d} · issue 12's benchmarks (`bench/run.py`), {database}",
        "",
        f"Run at {now:%H:%M} UTC, commit {commit.stdout.strip()}. Machine: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}. Command: "
        f"`.venv/bin/python bench/run.py {' '.join(sys.argv[1:])}`. Data: {args.under:,} under correction and "
        f"{args.history:,} in history (demo_bulk) beside the Yuxi demo"
        + (f", built in {data['seconds']:.0f} s" if data and data["built"] else "")
        + f". Load average (1 min) at the end: {os.getloadavg()[0]:.1f}.",
        "",
    ]
    if page_rows:
        bare = page_rows[0]
        lines += [
            f"Pages (in-process, {bare['n']} requests each after a warm-up; the bare page: p95 {bare['p95_ms']} ms). "
            f"Target p95 < {PAGE_P95_MS} ms, searches < {SEARCH_P95_MS} ms:",
            "",
            "| user | page | p50 ms | p95 ms | ÷ bare | queries | target |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in page_rows[1:]:
            limit = SEARCH_P95_MS if "search" in r["page"] or "搜索" in r["page"] else PAGE_P95_MS
            lines.append(
                f"| {r['user']} | {r['page']} | {r['p50_ms']} | {r['p95_ms']} | {r['ratio_p95']}× | {r['queries']} "
                f"| {_met(r['p95_ms'] < limit)} |"
            )
        lines.append("")
    if job:
        w = job["writes_during"]
        lines += [
            f"Daily job ({job['people']:,} under correction), with one write a twentieth of a second beside it:",
            "",
            "| figure | value | target |",
            "|---|---|---|",
            f"| job | {job['seconds']:.1f} s | {_met(job['seconds'] < DAILY_S)} (< {DAILY_S} s) |",
            f"| transactions / longest / median | {job['transactions']} / {job['longest_ms']:.0f} ms / "
            f"{job['median_ms']:.0f} ms | {_met(job['longest_ms'] < DAILY_LOCK_MS)} (< {DAILY_LOCK_MS} ms) |",
            f"| writes during: done, errors, p95, p99, max | {w['writes']}, {w['errors']}, {w['p95_ms']:.0f} ms, "
            f"{w['p99_ms']:.0f} ms, {w['max_ms']:.0f} ms | {_met(w['p99_ms'] < WRITE_P99_MS and not w['errors'])} "
            f"(p99 < {WRITE_P99_MS} ms) |",
            f"| writes alone: p99 | {job['writes_alone']['p99_ms']:.1f} ms | |",
            "",
            "Longest transactions: " + "; ".join(job["longest"]) + ".",
            "",
        ]
    return "\n".join(lines) + "\n"


def append_results(section: str) -> None:
    """Newest first, as bench/checkin_load.py does."""
    from checkin_load import append_results as append

    append(section)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--under", type=int, default=100_000, help="people under correction (demo_bulk)")
    parser.add_argument("--history", type=int, default=700_000, help="people in history (demo_bulk)")
    parser.add_argument("--database-url", default="", help="PostgreSQL; default: SQLite under data/bench/")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--only", default=",".join(STAGES), help=f"comma-separated, of {','.join(STAGES)}")
    parser.add_argument("--repeat", type=int, default=15, help="requests of each page (fewer where pages take seconds)")
    parser.add_argument("--note", default="", help="what else was running")
    args = parser.parse_args()
    stages = set(args.only.split(","))
    args.data_dir = str(ROOT / "data" / "bench" / f"run-{args.under}-{args.history}")
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)
    url = args.database_url or f"sqlite:///{args.data_dir}/db.sqlite3"
    env = _env(url, Path(args.data_dir))
    database = "PostgreSQL" if url.startswith("postgres") else "SQLite"

    data = build(args, env) if "data" in stages else None
    job = daily(env) if "daily" in stages else None
    page_rows = pages(env, args.repeat) if "pages" in stages else None
    if page_rows or job:
        section = report(args, database, data, page_rows, job)
        print(section)
        append_results(section)
    if "checkin" in stages:
        checkin(args)


if __name__ == "__main__":
    main()
