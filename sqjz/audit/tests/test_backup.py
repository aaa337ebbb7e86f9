"""Backup while the system is in use, restore into a new database: the restored rows and files match the manifest
and the restored access log verifies against the restored checkpoints (in a new process, as an operator runs it).
On SQLite and, when DATABASE_URL names PostgreSQL, on PostgreSQL (pg_dump / pg_restore)."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from io import StringIO
from pathlib import Path
from urllib.parse import quote

import dj_database_url
import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.db.utils import load_backend
from django.test import RequestFactory
from django.utils import timezone

from sqjz.audit.backup import backup_create
from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_checkpoint, access_log_write
from sqjz.intake.services import level_set
from sqjz.supervision.checkins.services import checkin_photo_process, checkin_record
from sqjz.supervision.models import AppEnrolment, CheckIn
from tests.factories import jpeg
from tests.world import build_world


@pytest.fixture
def live_database(transactional_db, tmp_path):
    """The default database as a server's threads share it. On SQLite a file copy of the (empty, migrated) test
    database: the test database lives in memory with a shared cache, where a second writer fails at once
    ("database table is locked") instead of waiting its turn as it does on a file in WAL mode."""
    if connection.vendor != "sqlite":
        yield
        return
    path = tmp_path / "live.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    saved_settings, saved_connection = connections.settings["default"], connections["default"]
    connections.settings["default"] = {**saved_settings, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = saved_settings
        connections["default"] = saved_connection


@pytest.fixture
def new_database(tmp_path):
    """A database to restore into, as (the restore command's --database, a DATABASE_URL for manage.py)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield str(path), f"sqlite:///{path}"
        return
    s = connection.settings_dict
    name = f"{s['NAME']}_restored"
    server = _wrapper({**s, "NAME": "postgres"})
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(s["USER"]) + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    try:
        yield name, f"postgres://{credentials}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


def _wrapper(settings_dict: dict):
    configured = connections.configure_settings({"default": dict(settings_dict)})["default"]
    return load_backend(configured["ENGINE"]).DatabaseWrapper(configured, "check")


def _rows(url: str, sql: str) -> list[tuple]:
    db = _wrapper(dj_database_url.parse(url))
    try:
        with db.cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchall()
    finally:
        db.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_backup_taken_while_others_write_restores_to_its_manifest_and_the_chain_verifies(
    live_database, new_database, settings, tmp_path
):
    settings.DATA_DIR = tmp_path / "data"
    settings.AUDIT_ANCHOR_DIR = tmp_path / "anchor"
    world = build_world()
    a, officer = world.people["A"], world.users["office_officer"]
    level_set(actor=officer, supervisee=a, on=timezone.localdate())
    AppEnrolment.objects.create(supervisee=a, enrolled_on=timezone.localdate(), enrolled_by=officer)
    access_log_checkpoint()

    stop, errors = threading.Event(), []

    def thread(work):
        def run():
            try:
                work()
            except Exception as e:  # reported by the test, not lost in the thread
                errors.append(repr(e))
            finally:
                connections.close_all()

        return threading.Thread(target=run)

    def log_views(actor):
        request = RequestFactory().get(f"/supervisees/{a.pk}/", REMOTE_ADDR="10.1.2.3")
        while not stop.is_set():
            with transaction.atomic():
                access_log_write(actor=world.users[actor], action="view", supervisee_ids=[a.pk], request=request)

    def check_in():
        for n in range(9):  # the phone's check-ins, each with its upload under DATA_DIR; every other one processed
            checkin, _ = checkin_record(
                user=world.users["supervisee"],
                idempotency_key=f"backup-test-{n:04d}",
                latitude="24.352",
                longitude="102.541",
                accuracy="10",
                photo=jpeg(),
            )
            if n % 2:
                checkin_photo_process(checkin_id=checkin.pk)
            time.sleep(0.05)

    def checkpoints():
        while not stop.is_set():
            access_log_checkpoint()
            time.sleep(0.1)

    threads = [thread(lambda: log_views("office_officer")), thread(lambda: log_views("county_officer"))]
    threads += [thread(check_in), thread(checkpoints)]
    for t in threads:
        t.start()
    try:
        _wait_for(lambda: AccessLog.objects.count() >= 30 and CheckIn.objects.exists(), errors)
        written_before = AccessLog.objects.count()
        manifest = backup_create(tmp_path / "backup")
        written_during, written_after = manifest["audit_head"]["seq"], AccessLog.objects.count()
        _wait_for(lambda: AccessLog.objects.count() >= written_during + 30, errors)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert written_before <= written_during <= written_after < AccessLog.objects.count()  # the writers went on

    target, url = new_database
    out = StringIO()
    restored_data, restored_anchor = tmp_path / "restored-data", tmp_path / "restored-anchor"
    call_command(
        "restore",
        str(tmp_path / "backup"),
        "--database",
        target,
        "--data-dir",
        str(restored_data),
        "--anchor-dir",
        str(restored_anchor),
        stdout=out,
    )
    assert "与备份清单相符" in out.getvalue()

    # The restored database, counted here, has the manifest's rows in every table.
    assert manifest == json.loads((tmp_path / "backup" / "manifest.json").read_text())
    for table, count in manifest["tables"].items():
        assert _rows(url, f'SELECT COUNT(*) FROM "{table}"') == [(count,)], table  # noqa: S608
    assert _rows(url, "SELECT MAX(seq) FROM audit_accesslog") == [(written_during,)]
    # Every photo a restored check-in names is there, unchanged; an upload still waiting for the task worker (its
    # task restored with it) too, unless the task finished it meanwhile and its photo is there instead.
    photos = _rows(url, f"SELECT id, photo, photo_sha256 FROM {CheckIn._meta.db_table}")  # noqa: S608
    assert photos
    for pk, relative, digest in photos:
        if relative:
            assert _sha256(restored_data / relative) == digest
            assert manifest["files"][f"files/{relative}"] == digest
        else:
            waiting = f"quarantine/checkins/{pk}"
            processed = [f for f in manifest["files"] if f.endswith(f"-{pk}.jpg")]
            assert (restored_data / waiting).exists() or processed, pk
    # The checkpoints came along, all at or before the snapshot.
    assert (restored_anchor / "checkpoints.log").read_text().splitlines()

    # The operator's check of the restored log, in a new process against the restored database and checkpoints.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sqjz.settings_test",
        "DATABASE_URL": url,
        "SQJZ_DATA_DIR": str(restored_data),
        "SQJZ_AUDIT_ANCHOR_DIR": str(restored_anchor),
    }
    verified = subprocess.run(
        [sys.executable, "manage.py", "audit_verify"],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert verified.returncode == 0, verified.stderr
    assert f"访问日志哈希链完好，共{written_during}条" in verified.stdout


def _wait_for(condition, errors, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert not errors, errors
        assert time.monotonic() < deadline, "the writers did not get on"
        time.sleep(0.05)


def test_restore_refuses_a_database_that_is_not_empty(live_database, new_database, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.AUDIT_ANCHOR_DIR = tmp_path / "anchor"
    build_world()
    backup_create(tmp_path / "backup")
    target, _ = new_database
    restore = ["restore", str(tmp_path / "backup"), "--database", target, "--data-dir", str(tmp_path / "restored")]
    call_command(*restore, "--anchor-dir", str(tmp_path / "a1"), stdout=StringIO())
    with pytest.raises(CommandError, match="只能恢复到"):
        call_command(*restore, "--anchor-dir", str(tmp_path / "a2"), stdout=StringIO())


def test_restore_refuses_a_backup_that_does_not_match_its_manifest(live_database, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    (tmp_path / "data" / "photos" / "1").mkdir(parents=True)
    (tmp_path / "data" / "photos" / "1" / "p.jpg").write_bytes(jpeg())
    call_command("backup", str(tmp_path / "backup"), stdout=StringIO())
    (tmp_path / "backup" / "files" / "photos" / "1" / "p.jpg").write_bytes(jpeg((10, 10)))
    with pytest.raises(CommandError, match=r"files/photos/1/p\.jpg 缺失或与清单不符"):
        call_command(
            "restore", str(tmp_path / "backup"), "--database", str(tmp_path / "new.sqlite3"), stdout=StringIO()
        )
    assert not (tmp_path / "new.sqlite3").exists()


def test_backup_refuses_a_directory_that_is_not_empty(db, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="不是空目录"):
        call_command("backup", str(tmp_path / "backup"), stdout=StringIO())


def test_restore_refuses_a_manifest_naming_files_outside_the_backup(db, tmp_path):
    (tmp_path / "backup").mkdir()
    manifest = {"database": {"engine": "sqlite", "file": "database.sqlite3", "sha256": "0" * 64}}
    manifest["files"] = {"files/../../outside.txt": "0" * 64}
    (tmp_path / "backup" / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="备份目录之外"):
        call_command(
            "restore", str(tmp_path / "backup"), "--database", str(tmp_path / "new.sqlite3"), stdout=StringIO()
        )
