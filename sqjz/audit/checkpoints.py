"""The access log's anchor outside the database: an append-only file of signed checkpoints.

One line per checkpoint, tab-separated: the sequence number of the chain head, that entry's hash, the time
(ISO 8601) and an HMAC-SM3 under the audit key over the three. Someone who can rewrite the database cannot
rewrite what a checkpoint says, nor forge a new one without the key; the file lives where SQJZ_AUDIT_ANCHOR_DIR
says (another disk or host in production, docs/decisions/0013-access-log-chain-and-backups.md).
Writers and copiers lock the file (flock), so a backup never copies half a line.
"""

import fcntl
import hmac
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from django.conf import settings

FILE_NAME = "checkpoints.log"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    entry_hash: str
    at: datetime
    line: int = 0  # its line number in the file


@dataclass(frozen=True)
class BadLine:
    line: int
    text: str


def checkpoint_path(anchor_dir: Path | str | None = None) -> Path:
    return Path(anchor_dir if anchor_dir is not None else settings.AUDIT_ANCHOR_DIR) / FILE_NAME


def checkpoint_mac(key: bytes, seq: int, entry_hash: str, at: str) -> str:
    return hmac.new(key, f"checkpoint|{seq}|{entry_hash}|{at}".encode(), "sm3").hexdigest()


def checkpoint_append(key: bytes, seq: int, entry_hash: str, at: datetime, anchor_dir=None) -> Checkpoint:
    """Append one signed line and flush it to disk before returning."""
    path = checkpoint_path(anchor_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = at.isoformat()
    line = f"{seq}\t{entry_hash}\t{stamp}\t{checkpoint_mac(key, seq, entry_hash, stamp)}\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return Checkpoint(seq, entry_hash, at)


def checkpoints_read(key: bytes, anchor_dir=None) -> tuple[list[Checkpoint], list[BadLine]]:
    """The checkpoints whose signature holds, and the lines that are malformed or signed with another key."""
    path = checkpoint_path(anchor_dir)
    if not path.exists():
        return [], []
    good: list[Checkpoint] = []
    bad: list[BadLine] = []
    with locked(path) as f:
        text = f.read().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            seq, entry_hash, stamp, mac = line.split("\t")
            checkpoint = Checkpoint(int(seq), entry_hash, datetime.fromisoformat(stamp), number)
        except ValueError:
            bad.append(BadLine(number, line))
            continue
        if not hmac.compare_digest(mac, checkpoint_mac(key, checkpoint.seq, entry_hash, stamp)):
            bad.append(BadLine(number, line))
            continue
        good.append(checkpoint)
    return good, bad


@contextmanager
def locked(path: Path) -> Iterator[BinaryIO]:
    """The checkpoint file opened for reading under a shared lock: no checkpoint is being half written."""
    with path.open("rb") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_SH)
        try:
            yield f
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
