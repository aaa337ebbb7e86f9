"""Backup and restore (a level-3 control, 等保三级 数据备份与恢复): a consistent copy of the database, of the files
the database refers to (`documents/`, `quarantine/`, `photos/` under SQJZ_DATA_DIR) and of the access log's
checkpoints, with a manifest (row counts per table, SHA-256 of every file) that a restore is checked against.

Order matters, and the backup takes it:
1. the checkpoint file first, so every checkpoint in the backup is at or before the database's snapshot and the
   restored log verifies against them;
2. the database as one snapshot: SQLite through the online backup API (readers and writers go on meanwhile, WAL),
   PostgreSQL through `pg_dump` in the custom format from a snapshot exported by a repeatable-read transaction,
   which also counts the rows and reads the chain head, so the manifest describes exactly what was dumped;
3. the files last: services write a file before the row naming it commits, so every file a row of the snapshot
   names is there when it is copied.
Restore goes only into a new, empty database (and refuses files or checkpoints that are already there), checks the
backup against its manifest before and the restored database after. See docs/decisions/0013.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
from django.conf import settings
from django.db import DatabaseError, connections
from django.db.backends.postgresql.client import DatabaseClient
from django.db.utils import load_backend
from django.utils import timezone

from sqjz.audit.checkpoints import FILE_NAME, checkpoint_path, locked
from sqjz.core.errors import ServiceError

MANIFEST = "manifest.json"
# Check-in uploads waiting for the task worker (decision 0024) before the photos: one processed while the backup runs
# is then in the backup as the upload, or as the photo the task wrote before deleting the upload.
FILE_DIRS = ("documents", "quarantine", "photos")
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
CHECKPOINTS = f"audit/{FILE_NAME}"


class BackupError(ServiceError):
    """The backup cannot be made or restored; nothing was overwritten."""


@dataclass(frozen=True)
class Restored:
    tables: int
    rows: int
    files: int
    audit_seq: int


def backup_create(dest: Path, *, using: str = "default") -> dict:
    """Write a backup into `dest` (a new or empty directory); returns the manifest."""
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"备份目录 {dest} 不是空目录：请指定新的目录。")
    dest.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"format": 1, "created_at": timezone.now().isoformat(), "files": {}}
    anchor = checkpoint_path()
    if anchor.exists():
        target = dest / CHECKPOINTS
        target.parent.mkdir(parents=True)
        with locked(anchor) as f, target.open("wb") as out:
            shutil.copyfileobj(f, out)
        manifest["files"][CHECKPOINTS] = _sha256(target)
    vendor = connections[using].vendor
    if vendor == "sqlite":
        tables, head = _sqlite_backup(connections[using].settings_dict["NAME"], dest / SQLITE_FILE)
        manifest["database"] = {"engine": vendor, "file": SQLITE_FILE, "sha256": _sha256(dest / SQLITE_FILE)}
    elif vendor == "postgresql":
        tables, head = _pg_backup(using, dest / PG_FILE)
        manifest["database"] = {"engine": vendor, "file": PG_FILE, "sha256": _sha256(dest / PG_FILE)}
    else:
        raise BackupError(f"不支持备份 {vendor} 数据库。")
    manifest["tables"] = tables
    manifest["audit_head"] = {"seq": head[0], "hash": head[1]}
    data_dir = Path(settings.DATA_DIR)
    for name in FILE_DIRS:
        for path in sorted(p for p in (data_dir / name).rglob("*") if p.is_file()):
            relative = path.relative_to(data_dir).as_posix()
            target = dest / "files" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(path, target)
            except FileNotFoundError:  # removed since listed: a write that did not commit, so no row names it
                continue
            manifest["files"][f"files/{relative}"] = _sha256(target)
    (dest / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))
    return manifest


def backup_restore(src: Path, *, database: str, data_dir: Path, anchor_dir: Path) -> Restored:
    """Restore the backup in `src` into a new, empty database (`database`: a database URL, or for PostgreSQL the
    name of a database on the configured server, for SQLite a file path), the files into `data_dir` and the
    checkpoints into `anchor_dir`. Checks every file against the manifest first and the restored rows after."""
    src = Path(src)
    try:
        manifest = json.loads((src / MANIFEST).read_text())
    except (OSError, ValueError):
        raise BackupError(f"{src} 中没有可读的备份清单 {MANIFEST}。") from None
    db = manifest["database"]
    expected = {db["file"]: db["sha256"], **manifest["files"]}
    if any(Path(r).is_absolute() or ".." in Path(r).parts for r in expected):
        raise BackupError("备份清单中有指向备份目录之外的文件：备份不可信，未恢复。")
    for relative, digest in expected.items():
        if not (src / relative).is_file() or _sha256(src / relative) != digest:
            raise BackupError(f"备份文件 {relative} 缺失或与清单不符：备份已损坏，未恢复。")
    target = _target_settings(database, db["engine"])
    data_dir, anchor_dir = Path(data_dir), Path(anchor_dir)
    copies = {src / r: data_dir / r.removeprefix("files/") for r in manifest["files"] if r.startswith("files/")}
    clashes = [t for s, t in copies.items() if t.exists() and _sha256(t) != _sha256(s)]
    if clashes:
        raise BackupError(f"数据目录中已有内容不同的文件 {clashes[0]}：请指定新的数据目录。")
    if CHECKPOINTS in manifest["files"] and checkpoint_path(anchor_dir).exists():
        raise BackupError(f"检查点目录 {anchor_dir} 中已有检查点文件：请指定新的检查点目录。")
    if db["engine"] == "sqlite":
        path = Path(target["NAME"])
        if path.exists() and path.stat().st_size:
            raise BackupError(f"数据库文件 {path} 已存在且不为空：只能恢复到新的数据库。")
        path.parent.mkdir(parents=True, exist_ok=True)
        backup_file = f"{(src / db['file']).resolve().as_uri()}?mode=ro"
        with closing(sqlite3.connect(backup_file, uri=True)) as source, closing(sqlite3.connect(path)) as copy:
            source.backup(copy)
    else:
        if _table_count(target):
            raise BackupError(f"数据库 {target['NAME']} 不是空库：只能恢复到新建的空数据库。")
        args, env = _pg_command("pg_restore", target)
        _run([*args, "--no-owner", "--no-acl", "--exit-on-error", "-d", target["NAME"], str(src / db["file"])], env)
    rows, head = _counts(target)
    if rows != manifest["tables"]:
        wrong = sorted(t for t in manifest["tables"].keys() | rows.keys() if rows.get(t) != manifest["tables"].get(t))
        raise BackupError(f"恢复后的数据库与备份清单不符（表 {', '.join(wrong[:5])} 的行数不同）。")
    if list(head) != [manifest["audit_head"]["seq"], manifest["audit_head"]["hash"]]:
        raise BackupError("恢复后访问日志的链头与备份清单不符。")
    for source, copy in copies.items():
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)
    if CHECKPOINTS in manifest["files"]:
        anchor_dir.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src / CHECKPOINTS, checkpoint_path(anchor_dir))
    return Restored(len(rows), sum(rows.values()), len(manifest["files"]), head[0])


def _sqlite_backup(name: str, out: Path) -> tuple[dict[str, int], tuple[int, str]]:
    # One step (pages=-1): the copy is one read transaction, a consistent snapshot while writers go on (WAL).
    uri = name.startswith("file:")
    with closing(sqlite3.connect(name, uri=uri, timeout=20)) as source, closing(sqlite3.connect(out)) as copy:
        source.backup(copy, pages=-1)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single file: reading it later leaves no -wal beside it
    wrapper = _wrapper({"ENGINE": "django.db.backends.sqlite3", "NAME": str(out)})
    try:
        return _count_rows(wrapper)
    finally:
        wrapper.close()


def _pg_backup(using: str, out: Path) -> tuple[dict[str, int], tuple[int, str]]:
    conn = connections.create_connection(using)
    try:
        conn.set_autocommit(False)
        with conn.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # pg_dump reads the very snapshot this transaction counts in, while it stays open.
        args, env = _pg_command("pg_dump", conn.settings_dict)
        _run([*args, "--format=custom", f"--snapshot={snapshot}", f"--file={out}", conn.settings_dict["NAME"]], env)
        return _count_rows(conn)
    finally:
        conn.rollback()
        conn.close()


def _count_rows(conn) -> tuple[dict[str, int], tuple[int, str]]:
    with conn.cursor() as cursor:
        tables = sorted(conn.introspection.table_names(cursor))
        rows = {}
        for table in tables:
            # bandit B608 reviewed 2026-11-30: table names come from the database's own catalogue and are quoted; no
            # user input reaches this SQL.
            cursor.execute(f"SELECT COUNT(*) FROM {conn.ops.quote_name(table)}")  # noqa: S608  # nosec B608
            rows[table] = cursor.fetchone()[0]
        head = (0, "0" * 64)
        if "audit_chainhead" in rows:
            cursor.execute("SELECT seq, last_hash FROM audit_chainhead WHERE id = 1")
            head = cursor.fetchone() or head
    return rows, (int(head[0]), head[1])


def _counts(target: dict) -> tuple[dict[str, int], tuple[int, str]]:
    wrapper = _wrapper(target)
    try:
        return _count_rows(wrapper)
    finally:
        wrapper.close()


def _table_count(target: dict) -> int:
    wrapper = _wrapper(target)
    try:
        with wrapper.cursor() as cursor:
            return len(wrapper.introspection.table_names(cursor))
    except DatabaseError as e:
        raise BackupError(f"无法连接数据库 {target['NAME']}（请先以所有者角色新建空数据库）：{e}") from None
    finally:
        wrapper.close()


def _target_settings(database: str, engine: str) -> dict:
    if "://" in database:
        target = dj_database_url.parse(database)
    elif engine == "sqlite":
        target = {"ENGINE": "django.db.backends.sqlite3", "NAME": database}
    else:  # a database name on the server the system uses
        target = {**connections["default"].settings_dict, "NAME": database}
    vendor = "sqlite" if target["ENGINE"].endswith("sqlite3") else "postgresql"
    if vendor != engine:
        raise BackupError(f"这是 {engine} 数据库的备份，不能恢复到 {vendor} 数据库。")
    return target


def _wrapper(settings_dict: dict):
    """A connection of its own to a database the project does not otherwise use (the backup copy, the target)."""
    configured = connections.configure_settings({"default": dict(settings_dict)})["default"]
    return load_backend(configured["ENGINE"]).DatabaseWrapper(configured, "backup")


def _pg_command(program: str, settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """The program with the connection options of these settings; the password and TLS options go in the
    environment, as Django's dbshell passes them."""
    args = [program]
    for flag, key in (("-U", "USER"), ("-h", "HOST"), ("-p", "PORT")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    _, env = DatabaseClient.settings_to_cmd_args_env({"OPTIONS": {}, **settings_dict}, [])
    return args, {**os.environ, **(env or {})}


def _run(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{args[0]} 失败：{result.stderr.strip()[:500]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
