"""The task worker survives a locked database: it waits, with backoff, while another connection holds SQLite's write
lock (when it claims a task and when it records the task's result) and carries on once the lock is released.
`manage.py db_worker` itself exits on "database is locked" at either point."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

COMMAND = "task_worker"


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _status(database: Path, task_id: str) -> str:
    with sqlite3.connect(database, timeout=5) as reader:
        query = "SELECT status FROM django_tasks_database_dbtaskresult WHERE id = ?"
        return reader.execute(query, [task_id.replace("-", "")]).fetchone()[0]  # SQLite keeps UUIDs as 32 hex digits


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite's lock")
def test_the_worker_waits_out_a_locked_database_and_finishes_the_task(tmp_path):
    database = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DJANGO_SETTINGS_MODULE": "tests.worker.settings",
        "SQJZ_DATA_DIR": str(tmp_path),
    }
    root = Path(settings.BASE_DIR)
    setup = (
        "import django; django.setup(); from django.core.management import call_command; "
        "call_command('migrate', 'django_tasks_database', verbosity=0); "
        f"from tests.worker.tasks import wait_for_go; print(wait_for_go.enqueue({str(tmp_path)!r}).id)"
    )
    task_id = subprocess.run(  # noqa: S603 (this interpreter, the test's own arguments)
        [sys.executable, "-c", setup], cwd=root, env=env, check=True, capture_output=True, text=True, timeout=60
    ).stdout.strip()

    lock = sqlite3.connect(database, timeout=0, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # held while the worker starts and tries to claim the task
    log = tmp_path / "worker.log"
    with log.open("w") as out:
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", COMMAND, "--no-startup-delay", "--interval", "0.2", "--no-reload"],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        assert _wait_for(lambda: "database is locked" in log.read_text(), 20), log.read_text()
        time.sleep(1)  # a few more attempts against the lock
        assert worker.poll() is None, log.read_text()
        lock.execute("ROLLBACK")

        assert _wait_for((tmp_path / "started").exists, 10), log.read_text()  # claimed and running
        lock.execute("BEGIN EXCLUSIVE")  # held when the task finishes and its result is to be recorded
        (tmp_path / "go").touch()
        time.sleep(2)
        assert worker.poll() is None, log.read_text()
        assert _status(database, task_id) == "RUNNING"
        lock.execute("ROLLBACK")

        assert _wait_for(lambda: _status(database, task_id) == "SUCCESSFUL", 10), log.read_text()
        assert worker.poll() is None, log.read_text()
    finally:
        lock.close()
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=10)
