"""No personal data in any log (decision 0015): searches carry names, identity and phone numbers in their query
strings and in the Referer of the next page. gunicorn's access log (deploy/gunicorn.conf.py) names the path only, and
Django's own loggers, every one at DEBUG, write none of the test world's names or numbers."""

import logging
import os
import runpy
import socket
import subprocess
import sys
import time
from datetime import date
from http.client import HTTPConnection
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.urls import reverse

from tests.factories import resident_id

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "gunicorn.conf.py"
NAME, ID_NUMBER, PHONE = "张三", resident_id("530402", date(1990, 5, 17), 7), "13912345678"
SECRETS = [NAME, quote(NAME), ID_NUMBER, PHONE]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_log(tmp_path, *options: str, app: str = "sqjz.wsgi") -> str:
    """Serve the test settings with gunicorn and these options, send a search with a Referer, return all it wrote."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SQJZ_", "DJANGO_", "DATABASE_URL"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "sqjz.settings_test",
        "SQJZ_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    out = (tmp_path / "gunicorn.log").open("w+")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn and options, no outside input)
        [str(gunicorn), *options, app, "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        search = "/supervisees/?" + urlencode({"q": ID_NUMBER, "name": NAME})
        referer = f"http://127.0.0.1:{port}/supervision/checkins/?" + urlencode({"q": NAME, "phone": PHONE})
        for path in (search, "/no-such-page/?" + urlencode({"q": ID_NUMBER})):
            connection = HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers={"Referer": referer})
            assert connection.getresponse().status in (302, 404, 500)
            connection.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    out.seek(0)
    return out.read()


def test_gunicorns_own_access_log_format_would_write_the_search_and_the_referer(tmp_path):
    """Why the configuration exists: with gunicorn's default format the query string and the Referer are logged."""
    log = gunicorn_log(tmp_path, "--access-logfile", "-")
    assert ID_NUMBER in log and quote(NAME) in log and PHONE in log


def test_the_access_log_names_paths_without_query_strings_or_referer(tmp_path):
    log = gunicorn_log(tmp_path, "-c", str(CONFIG))
    assert '"GET /supervisees/ HTTP/1.1" 302' in log  # the request is logged…
    assert '"GET /no-such-page/ HTTP/1.1" 404' in log
    assert [secret for secret in SECRETS if secret in log] == []  # …without what it searched for
    access = [line for line in log.splitlines() if '"GET ' in line]
    assert len(access) == 2 and not any("?" in line or "http://" in line for line in access), access


def test_a_request_failing_outside_django_is_logged_by_its_path(tmp_path):
    """gunicorn's error log names the request's URI when the application fails outside Django's own handling."""
    log = gunicorn_log(tmp_path, "-c", str(CONFIG), app="tests.wsgi_failing")
    assert "Error handling request GET /supervisees/\n" in log
    assert "RuntimeError: failed outside Django" in log
    assert [secret for secret in SECRETS if secret in log] == []


@pytest.fixture
def every_logger_at_debug():
    """Every logger, Django's and ours, at DEBUG into one list (loggers that do not propagate included)."""
    records: dict[int, logging.LogRecord] = {}

    class Capture(logging.Handler):
        def emit(self, record):
            records[id(record)] = record  # once, though every logger on its way hands it on

    handler = Capture(logging.DEBUG)
    loggers = [logging.getLogger()] + [
        logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger)
    ]
    saved = [(logger, logger.level, logger.disabled) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.disabled = False
        logger.addHandler(handler)
    yield records
    for logger, level, disabled in saved:
        logger.setLevel(level)
        logger.disabled = disabled
        logger.removeHandler(handler)


def test_djangos_loggers_write_no_personal_data_of_searches(world, login, client, every_logger_at_debug):
    people = list(world.people.values())
    secrets = {s for p in people for s in (p.name, quote(p.name), p.id_number, p.phone) if s}
    a = world.people["A"]
    referer = {"HTTP_REFERER": "http://testserver/supervisees/?" + urlencode({"q": a.name, "phone": a.phone})}
    office = login(world.users["office_officer"])
    for q in (a.name, a.id_number, a.phone, world.people["C"].name):
        assert office.get(reverse("supervisees:list"), {"q": q}, **referer).status_code == 200
        assert office.get(reverse("supervision:checkin_list"), {"q": q}, **referer).status_code == 200
        assert office.get("/api/supervisees/", {"q": q}, **referer).status_code == 200
    # Refusals and misses, which django.request logs as warnings.
    assert office.get(reverse("supervisees:export"), {"q": a.id_number}, **referer).status_code == 403
    assert office.get("/supervisees/999999/", {"q": a.name}, **referer).status_code == 404
    assert office.get(f"/api/supervisees/{world.people['C'].pk}", {"q": a.phone}, **referer).status_code == 404
    assert office.post(reverse("supervisees:create"), {"name": a.name, "id_number": a.id_number}).status_code == 200
    client.logout()
    assert client.post(reverse("accounts:login"), {"username": a.id_number, "password": a.phone}).status_code == 200

    messages = []
    for record in every_logger_at_debug.values():
        text = record.getMessage()
        if record.exc_info:
            text += logging.Formatter().formatException(record.exc_info)
        messages.append(f"{record.name}: {text}")
    assert any(m.startswith("django.request: Forbidden") and "/supervisees/export/" in m for m in messages)
    assert any(m.startswith("django.request: Not Found: /supervisees/999999/") for m in messages)  # captured
    assert [m for m in messages if any(secret in m for secret in secrets)] == []


@pytest.mark.parametrize(
    ("database_url", "per_core", "threads"),
    [("sqlite:////srv/sqjz/sqjz.sqlite3", 2, 1), ("postgres://sqjz@db/sqjz", 1, 4), ("postgresql://db/sqjz", 1, 4)],
)
def test_gunicorn_chooses_workers_and_threads_by_the_database(monkeypatch, database_url, per_core, threads):
    """As measured (the comment in deploy/gunicorn.conf.py): processes on SQLite, threads on PostgreSQL."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    config = runpy.run_path(str(CONFIG))
    assert (config["workers"], config["threads"]) == (per_core * (os.cpu_count() or 1), threads)
