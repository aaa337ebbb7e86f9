"""Benchmark: officer pages at scale, in-process, as a ratio to a bare page in the same run.

Usage (from the repository root, virtualenv installed, on a database that already holds the demo data at the
size to measure, e.g. one built by the demo generator):
    .venv/bin/python bench/pages.py --database-url postgres://127.0.0.1:5432/NAME [--repeat 15] [--users lina,...]

For each user (office officer 李娜, county officer 张丽, city officer 刘建国, judge 孙磊, procurator 赵敏 by default)
signed in with force_login, requests their main pages through Django's test client (the whole middleware stack,
the templates, the menu and its to-do badge) `repeat` times after one warm-up, and prints p50/p95 in ms and the
number of queries of each page. The bare page is a view behind the same middleware and session that runs one
indexed SELECT and renders a small template: every page's p95 is also shown as a ratio to the bare page's p95.

The lead's runner calls `run(...)`, which needs Django set up on the database to measure and returns one dict per
(user, page): user, page, path, n, p50_ms, p95_ms, queries, ratio_p95 (the bare page has user "-").
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

USERS = ("lina", "zhangli", "liujianguo", "sunlei", "zhaomin")
BARE_PATH = "/__bench_bare__/"


def _bare_view(request):
    from django.http import HttpResponse
    from django.template import engines

    from sqjz.supervisees.models import Supervisee

    template = engines["django"].from_string("<!doctype html><title>bare</title><p>{{ s.name }} {{ s.term_end }}</p>")
    s = Supervisee.objects.only("name", "term_end").filter(pk=request.GET.get("pk", 0)).first()
    return HttpResponse(template.render({"s": s}))  # no request: no context processors, no menu


def _urlconf():
    """The project's URLs plus the bare page, as a module object Django can use as ROOT_URLCONF."""
    import types

    from django.urls import include, path

    module = types.ModuleType("bench_pages_urls")
    module.urlpatterns = [path(BARE_PATH.strip("/") + "/", _bare_view), path("", include("sqjz.urls"))]
    return module


def _pages_for(user) -> list[tuple[str, str]]:
    """(label, path) of the user's main pages: those the menu leads to first, and a search of each kind."""
    from sqjz.accounts.permissions import Capability, has_capability
    from sqjz.supervisees.permissions import supervisees_for

    pages = [("workbench", "/")]
    if not has_capability(user, Capability.SUPERVISEE_VIEW):
        return pages
    mine = supervisees_for(user).order_by("-id").first()
    pages += [
        ("register", "/supervisees/"),
        ("register, page 20", "/supervisees/?page=20"),
        ("register by term end", "/supervisees/?sort=term_end"),
        ("register, in correction", "/supervisees/?status=under_correction"),
        ("search: name 张", "/supervisees/?q=%E5%BC%A0"),
        ("search: initials zw", "/supervisees/?q=zw"),
    ]
    if mine is not None:
        pages += [
            ("search: identity number", f"/supervisees/?q={mine.id_number}"),
            ("record", f"/supervisees/{mine.pk}/"),
        ]
    if has_capability(user, Capability.CASEWORK_VIEW):
        pages.append(("check-ins", "/supervision/checkins/"))
    if has_capability(user, Capability.COMMAND_VIEW):  # the command centre: the page, and the part it polls
        pages += [("command centre", "/command/"), ("command centre, live part", "/command/live/")]
    return pages


def _measure(client, path: str, repeat: int) -> dict:
    from django.db import connection

    queries = []
    # Counted with a wrapper: the query log is cleared when each request starts.
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        response = client.get(path)  # warm-up, and the query count (the same on every request)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return {
        "path": path,
        "n": repeat,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(p95, 1),
        "queries": len(queries),
    }


def _add(results: list[dict], progress, user: str, page: str, measured: dict) -> None:
    row = {"user": user, "page": page} | measured
    row["ratio_p95"] = round(row["p95_ms"] / (results[0] if results else row)["p95_ms"], 1)
    results.append(row)
    if progress:
        progress(row)


def run(*, users: tuple[str, ...] = USERS, repeat: int = 15, progress=None, only: str = "") -> list[dict]:
    """Measure each user's pages and the bare page (Django must be set up on the database to measure); `progress`,
    if given, is called with each row as it is measured (its ratio to the bare page included). `only`: just the
    pages whose label starts with it (e.g. "command centre")."""
    from django.test import Client
    from django.test.utils import override_settings

    from sqjz.accounts.models import User
    from sqjz.supervisees.models import Supervisee

    results = []
    with override_settings(ALLOWED_HOSTS=["*"], ROOT_URLCONF=_urlconf()):
        someone = Supervisee.objects.order_by("-id").values_list("pk", flat=True).first()
        for username in users:
            user = User.objects.get(username=username)
            client = Client()
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            if not results:
                _add(results, progress, "-", "bare page", _measure(client, f"{BARE_PATH}?pk={someone}", repeat))
            for label, path in _pages_for(user):
                if label.startswith(only):
                    _add(results, progress, username, label, _measure(client, path, repeat))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default="", help="default: DATABASE_URL from the environment")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--users", default=",".join(USERS), help="comma-separated usernames")
    parser.add_argument("--only", default="", help='only the pages whose label starts with this, e.g. "command"')
    args = parser.parse_args()
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sqjz.settings_test")
    os.environ.setdefault("SQJZ_DATA_DIR", str(ROOT / "data" / "bench"))

    import django

    django.setup()
    from django.db import connection

    from sqjz.supervisees.models import Supervisee

    print(
        f"{connection.vendor}, {Supervisee.objects.count():,} supervisees "
        f"({Supervisee.objects.filter(status='under_correction').count():,} under correction), "
        f"load average {os.getloadavg()[0]:.1f}, {args.repeat} requests each after one warm-up"
    )
    print(f"{'user':11s} {'page':28s} {'p50 ms':>8s} {'p95 ms':>8s} {'÷ bare':>7s} {'queries':>7s}")

    def show(r: dict) -> None:
        print(
            f"{r['user']:11s} {r['page']:28s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f} {r['ratio_p95']:6.1f}× "
            f"{r['queries']:7d}",
            flush=True,
        )

    run(users=tuple(args.users.split(",")), repeat=args.repeat, progress=show, only=args.only)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
