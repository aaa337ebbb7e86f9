"""Crash drills (marker `drill`): real processes killed with kill -9 and a database cut off, on a drill database of
their own (tests/drills/harness.py), on SQLite or on PostgreSQL when DATABASE_URL names one.

- The web worker is killed in the middle of a burst of phone check-ins: every check-in that was answered 2xx is in
  the database, a retry with the same Idempotency-Key records nothing twice, the database passes its integrity
  check, and the restarted server serves.
- The task worker is killed while it runs a task: the task is not lost (`manage.py tasks_recover` puts it back in
  the queue), and the restarted worker runs it and everything queued behind it.
- The database is unavailable: PostgreSQL cut off by a proxy (connections dropped and refused), or SQLite's write
  lock held past the busy timeout. Requests answer 503 with Retry-After within seconds, and succeed again once the
  database is back, from the same server processes."""

import http.client
import os
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

import dj_database_url
import pytest

from tests.drills.harness import (
    Proxy,
    Server,
    TaskWorker,
    Template,
    jpeg,
    manage,
    wait_until,
)

pytestmark = pytest.mark.drill

DATABASE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = DATABASE_URL.startswith("postgres")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    made = Template.build(tmp_path_factory.mktemp("drills"), DATABASE_URL or None)
    yield made
    made.drop()


@pytest.fixture
def drill_db(template, tmp_path):
    return template.copy(tmp_path)


@pytest.fixture
def started(tmp_path):
    """Every process a drill starts, killed at the end whatever happened."""
    processes = []
    yield processes
    for process in processes:
        process.kill_group()


def _keys(sessions, per_person):
    return [(session, f"drill-{p}-{i:04d}") for p, session in enumerate(sessions) for i in range(per_person)]


def test_killing_the_web_worker_mid_burst_loses_no_answered_write(drill_db, started, tmp_path):
    server = Server(drill_db, tmp_path / "gunicorn.log", workers=2)
    started.append(server)
    photo, answered, failed = jpeg(), {}, []
    requests = _keys(drill_db.sessions, 8)  # 40 check-ins, 8 per person (the daily cap is 10)
    first_workers = set(server.children())

    def send(item):
        session, key = item
        try:
            status, _, _ = server.checkin(session, key, photo)
        except (OSError, http.client.HTTPException) as error:  # the connection died with the worker, maybe mid-answer
            failed.append((item, repr(error)))
            return
        if 200 <= status < 300:
            answered[key] = status
        else:
            failed.append((item, status))

    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(send, item) for item in requests]
        wait_until(lambda: len(answered) >= 6, 20, what="the first check-ins")
        for pid in first_workers:  # kill -9 of every web worker in the middle of the burst
            os.kill(pid, signal.SIGKILL)
        for future in futures:
            future.result(timeout=60)
    print(f"answered before the retries: {len(answered)}, without an answer: {failed}")  # shown with -s
    assert answered, "no check-in was answered before the kill"
    assert len(answered) < len(requests) or failed == [], "inconsistent bookkeeping"
    # gunicorn's master replaces the killed workers; the phone retries what got no answer, with the same key.
    server.wait_ready()
    assert not set(server.children()) & first_workers
    for session, key in requests:
        if key not in answered:
            status, _, body = server.checkin(session, key, photo)
            assert status in (200, 201), body
            answered[key] = status

    rows = drill_db.query("SELECT idempotency_key, id FROM supervision_checkin WHERE idempotency_key LIKE 'drill-%'")
    keys = [key for key, _ in rows]
    assert sorted(keys) == sorted(answered), "an answered check-in is missing, or one was recorded twice"
    for _, pk in rows:  # each recorded check-in has its upload for the task worker (written before the row commits)
        assert (drill_db.data_dir / "quarantine" / "checkins" / str(pk)).is_file(), pk
    if drill_db.is_sqlite:
        assert drill_db.query("PRAGMA integrity_check") == [("ok",)]
        assert drill_db.query("PRAGMA foreign_key_check") == []
    else:
        orphans = drill_db.query(
            "SELECT count(*) FROM supervision_checkin c LEFT JOIN supervisees_supervisee s ON s.id = c.supervisee_id "
            "WHERE s.id IS NULL"
        )
        assert orphans == [(0,)]
        invalid = drill_db.query("SELECT conname FROM pg_constraint WHERE NOT convalidated")
        assert invalid == []

    # The whole server killed and started again: it serves, and the person sees every check-in.
    server.kill_group()
    again = Server(drill_db, tmp_path / "gunicorn-2.log", workers=1)
    started.append(again)
    status, _, body = again.get(drill_db.sessions[0], "/api/app/checkins")
    assert status == 200 and body.count(b'"checked_at"') == 8


def _task_status(db, task_id: str) -> str:
    stored = task_id.replace("-", "") if db.is_sqlite else task_id  # SQLite keeps a UUID as 32 hex digits
    return db.query(f"SELECT status FROM django_tasks_database_dbtaskresult WHERE id = '{stored}'")[0][0]  # noqa: S608


def test_killing_the_task_worker_mid_task_requeues_the_task(drill_db, started, tmp_path):
    mark = tmp_path / "slow.done"
    enqueue = (
        "from tests.drills.tasks import drill_work; from sqjz.inbox.tasks import inbox_refresh_task; "
        f"print(drill_work.using(priority=10).enqueue({str(mark)!r}, 4).id); "
        f"print(drill_work.enqueue({str(tmp_path / 'quick.done')!r}, 0).id); "
        "print(inbox_refresh_task.enqueue().id)"
    )
    slow, quick, refresh = manage(drill_db.env(), "shell", "-c", enqueue).split()[-3:]
    worker = TaskWorker(drill_db, tmp_path / "worker.log", "drill-host-1")
    started.append(worker)
    wait_until(lambda: _task_status(drill_db, slow) == "RUNNING", 30, what="the slow task to start")
    worker.kill_group()  # kill -9 in the middle of the slow task
    assert not mark.exists()
    assert _task_status(drill_db, slow) == "RUNNING"  # what a killed worker leaves behind: nobody will run it

    if os.environ.get("DRILL_WITHOUT_RECOVERY") != "1":  # set it to see what happens without (the drill fails)
        recovered = manage(drill_db.env(), "tasks_recover", "--worker-id", "drill-host-1")
        assert slow in recovered
        assert _task_status(drill_db, slow) == "READY"

    restarted = TaskWorker(drill_db, tmp_path / "worker-2.log", "drill-host-1")
    started.append(restarted)
    wait_until(
        lambda: all(_task_status(drill_db, t) == "SUCCESSFUL" for t in (slow, quick, refresh)),
        20,
        step=0.3,
        what="every task to finish after the restart",
    )
    assert mark.read_text() == "done"


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL cut off through a proxy: only when DATABASE_URL is PostgreSQL")
def test_postgresql_cut_off_answers_503_fast_and_recovers(drill_db, started, tmp_path):
    parts = dj_database_url.parse(drill_db.url)
    proxy = Proxy(parts["HOST"] or "127.0.0.1", int(parts["PORT"] or 5432))
    url = f"postgres://{parts['USER']}@127.0.0.1:{proxy.port}/{parts['NAME']}"
    try:
        server = Server(drill_db, tmp_path / "gunicorn.log", workers=1, DATABASE_URL=url, SQJZ_DB_CONNECT_TIMEOUT="2")
        started.append(server)
        session, photo = drill_db.sessions[0], jpeg()
        assert server.get(session, "/api/app/checkins")[0] == 200  # a persistent connection through the proxy
        workers = server.children()

        proxy.cut()  # the server restarts: open connections drop, new ones are refused
        for request in (
            lambda: server.get(session, "/api/app/checkins"),
            lambda: server.checkin(session, "outage-0001", photo),
            lambda: server.get(session, "/app/"),  # a page: the Chinese 503 page
        ):
            began = time.monotonic()
            status, headers, body = request()
            assert status == 503, body[:300]
            assert headers["Retry-After"].isdigit()
            assert time.monotonic() - began < 5
        assert server.request("GET", "/healthz")[0] == 503

        proxy.restore()  # back: the same processes reconnect by themselves
        status, _, body = server.checkin(session, "outage-0001", photo)
        assert status == 201, body
        assert server.get(session, "/api/app/checkins")[0] == 200
        assert server.children() == workers
    finally:
        proxy.stop()


@pytest.mark.skipif(ON_POSTGRES, reason="SQLite's write lock: only on SQLite")
def test_sqlite_locked_past_the_busy_timeout_answers_503_and_recovers(drill_db, started, tmp_path):
    server = Server(drill_db, tmp_path / "gunicorn.log", workers=1, SQJZ_DB_BUSY_TIMEOUT="1")
    started.append(server)
    session, photo = drill_db.sessions[0], jpeg()
    assert server.get(session, "/api/app/checkins")[0] == 200

    holder = sqlite3.connect(drill_db.sqlite_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
    try:
        began = time.monotonic()
        status, headers, body = server.checkin(session, "locked-0001", photo)
        assert status == 503, body[:300]
        assert headers["Retry-After"].isdigit()
        assert body.startswith(b'{"detail"')
        assert time.monotonic() - began < 6
        status, headers, body = server.checkin(session, "locked-0002", photo, page=True)  # a page that writes
        assert status == 503 and "数据库暂时无法访问" in body.decode() and headers["Retry-After"].isdigit(), body[:500]
        assert server.request("GET", "/accounts/login/")[0] == 200  # reading needs no lock (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    status, _, body = server.checkin(session, "locked-0001", photo)
    assert status == 201, body
