"""Benchmark: the register list and search at scale.

Usage (from the repository root, virtualenv installed):
    .venv/bin/python bench/register_list.py --supervisees 100000 [--database-url postgres://...]

Builds a fresh database (SQLite under data/bench/ by default), generates the Yuxi demo data with the given
number of people under correction (plus as many discharged), then times the register list as a county
officer, a city officer and an office officer would load it: first page, a later page, a name search, an
exact identity-number search and a filtered page. Prints the median of repeated requests in milliseconds
and the number of queries. Record results in bench/RESULTS.md with the machine and the date.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--supervisees", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    data_dir = ROOT / "data" / "bench"
    data_dir.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("SQJZ_DATA_DIR", str(data_dir))
    db_file = data_dir / f"bench-{args.supervisees}.sqlite3"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sqjz.settings_test")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from sqjz.accounts.models import User
    from sqjz.demo.generator import seed_demo
    from sqjz.supervisees.models import Supervisee

    call_command("migrate", verbosity=0)
    if not Supervisee.objects.exists():
        started = time.perf_counter()
        seed_demo(
            supervisees=args.supervisees,
            discharged=args.supervisees,
            seed=1,
            today=timezone.localdate(),
            progress=lambda s: None,
        )
        print(f"generated {Supervisee.objects.count()} supervisees in {time.perf_counter() - started:.0f} s")
    someone = Supervisee.objects.filter(judicial_office__county__code="530402").order_by("id").first()
    cases = [
        ("zhangli", "county: first page", {}),
        ("zhangli", "county: page 20", {"page": 20}),
        ("zhangli", "county: name search", {"q": "张"}),
        ("zhangli", "county: initials search", {"q": "zw"}),
        ("zhangli", "county: exact identity number", {"q": someone.id_number}),
        (
            "zhangli",
            "county: probation, under correction, 100 a page",
            {"type": "probation", "status": "under_correction", "per_page": 100},
        ),
        ("liujianguo", "city: first page", {}),
        ("liujianguo", "city: sort by term end", {"sort": "term_end"}),
        ("lina", "office: first page", {}),
    ]
    print(f"backend {connection.vendor}, {Supervisee.objects.count()} supervisees, median of {args.repeat}")
    with override_settings(ALLOWED_HOSTS=["*"]):
        for username, label, params in cases:
            client = Client()
            client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
            client.get("/supervisees/", params)
            timings = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get("/supervisees/", params)
                    timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            print(f"{label:55s} {statistics.median(timings):8.1f} ms  {len(queries.captured_queries)} queries")


if __name__ == "__main__":
    main()
