"""Writing and checking the access log. Writes join the caller's transaction, so a record is shown or
exported only if its log entry is committed with it.

Each entry's hash is an HMAC-SM3 under SQJZ_AUDIT_KEY over its fields and the previous hash, so nobody without
the key can recompute the chain after an edit. The head is anchored outside the database by signed checkpoints
(`checkpoints.py`): deleting the log, cutting its tail or rewriting it with the key is found against them.
See docs/decisions/0013-access-log-chain-and-backups.md.
"""

import hmac
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from sqjz.audit.checkpoints import Checkpoint, checkpoint_append, checkpoints_read
from sqjz.audit.models import AccessLog, ChainHead
from sqjz.core.errors import ServiceError
from sqjz.core.http import client_ip

GENESIS = "0" * 64


class AuditChainError(ServiceError):
    """The chain or its checkpoints do not hold: nothing is anchored on top of a broken chain."""


def audit_key() -> bytes:
    """The key of the chain and the checkpoints, from SQJZ_AUDIT_KEY (hex, 256 bits or more)."""
    return _parse_key(settings.AUDIT_KEY)


@cache
def _parse_key(hex_key: str) -> bytes:
    try:
        key = bytes.fromhex(hex_key)
    except ValueError:
        raise ImproperlyConfigured("SQJZ_AUDIT_KEY must be hex (64 hex digits, 256 bits).") from None
    if len(key) < 32:
        raise ImproperlyConfigured("SQJZ_AUDIT_KEY must be at least 256 bits (64 hex digits).")
    return key


def entry_digest(entry: AccessLog, key: bytes | None = None) -> str:
    material = "|".join(
        [
            entry.prev_hash,
            str(entry.seq),
            entry.at.isoformat(),
            str(entry.actor_id),
            entry.action,
            str(entry.supervisee_id) if entry.supervisee_id else f"investigation:{entry.investigation_id}",
            entry.ip_address or "",
            entry.path,
        ]
    )
    return hmac.new(key or audit_key(), material.encode(), "sm3").hexdigest()


def access_log_write(
    *, actor, action: str, request, supervisee_ids: Iterable[int] = (), investigation_ids: Iterable[int] = ()
) -> int:
    """Append one entry per record, chained after the current head. Returns the number written. Call it in a
    transaction (the chain's head is locked until the entries are written)."""
    ids = [("supervisee_id", pk) for pk in supervisee_ids] + [("investigation_id", pk) for pk in investigation_ids]
    if not ids:
        return 0
    # The first writer creates the head; a concurrent first writer waits on it (get_or_create retries).
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now()
    ip = client_ip(request)
    path = request.path[:300]  # no query string: searches may contain names of sealed minors
    entries = []
    key = audit_key()
    seq, prev = head.seq, head.last_hash
    for field, pk in ids:
        seq += 1
        entry = AccessLog(
            seq=seq,
            at=now,
            actor=actor,
            action=action,
            **{field: pk},
            ip_address=ip,
            path=path,
            prev_hash=prev,
        )
        entry.entry_hash = prev = entry_digest(entry, key)
        entries.append(entry)
    AccessLog.objects.bulk_create(entries)
    head.seq, head.last_hash = seq, prev
    head.save(update_fields=["seq", "last_hash"])
    return len(entries)


@dataclass
class ChainBreak:
    seq: int | None  # the first entry that does not hold; None when the checkpoint file itself is damaged
    reason: str


def access_log_verify(batch_size: int = 5000, *, anchor_dir=None) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order with the key and compare it with every checkpoint; return how many entries
    checked out and the first broken link, if any."""
    key = audit_key()
    checkpoints, bad = checkpoints_read(key, anchor_dir)
    if bad:
        return 0, ChainBreak(None, f"检查点文件第{bad[0].line}行签名无效或格式错误（检查点被伪造或篡改）")
    anchored = {c.seq: c for c in checkpoints}
    checked, last, broken = _walk(key, after=(0, GENESIS), upto=None, anchored=anchored, batch_size=batch_size)
    if broken:
        return checked, broken
    head = ChainHead.objects.filter(pk=1).first()
    if head and head.seq > checked:  # written while we walked: committed with the head, so they are there now
        checked, last, broken = _walk(key, after=(checked, last), upto=head.seq, anchored=anchored)
        if broken:
            return checked, broken
    beyond = [c for c in checkpoints if c.seq > checked]
    if beyond:
        c = max(beyond, key=lambda c: c.seq)
        return checked, ChainBreak(
            checked + 1,
            f"{_when(c)}的检查点记录日志已有第{c.seq}条，现在只到第{checked}条（末尾记录被删除或整个日志被清空）",
        )
    if head and (head.seq, head.last_hash) != (checked, last):
        return checked, ChainBreak(checked + 1, f"链头记录为第{head.seq}条，但日志只到第{checked}条（末尾记录被删除）")
    return checked, None


def access_log_checkpoint(*, anchor_dir=None) -> Checkpoint:
    """Anchor the current head outside the database: check the entries written since the latest checkpoint (with
    the key, and that the checkpointed entry is still there unchanged), then append a signed checkpoint line.
    Raises AuditChainError, appending nothing, when the chain does not hold."""
    key = audit_key()
    checkpoints, bad = checkpoints_read(key, anchor_dir)
    if bad:
        raise AuditChainError(f"检查点文件第{bad[0].line}行签名无效或格式错误，未记录新的检查点。")
    head = ChainHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.last_hash) if head else (0, GENESIS)
    start = max(checkpoints, key=lambda c: c.seq, default=Checkpoint(0, GENESIS, timezone.now()))
    if start.seq > head_seq:
        raise AuditChainError(f"{_when(start)}的检查点记录日志已有第{start.seq}条，链头却只到第{head_seq}条。")
    if start.seq:
        entry = AccessLog.objects.filter(seq=start.seq).first()
        if entry is None or entry.entry_hash != start.entry_hash:
            raise AuditChainError(f"第{start.seq}条记录与{_when(start)}的检查点不符（记录被删除或改写）。")
    checked, last, broken = _walk(key, after=(start.seq, start.entry_hash), upto=head_seq, anchored={})
    if broken:
        raise AuditChainError(f"访问日志哈希链在第{broken.seq}条断开：{broken.reason}。")
    if (checked, last) != (head_seq, head_hash):
        raise AuditChainError(f"链头记录为第{head_seq}条，但日志只到第{checked}条（末尾记录被删除）。")
    return checkpoint_append(key, head_seq, head_hash, timezone.now(), anchor_dir)


def _walk(
    key: bytes, *, after: tuple[int, str], upto: int | None, anchored: dict[int, Checkpoint], batch_size: int = 5000
) -> tuple[int, str, ChainBreak | None]:
    """Check the entries after `after` (a sequence number and its hash) up to `upto` (or the end): consecutive
    numbers, each linked to the one before, each hash recomputed with the key, each checkpointed hash unchanged.
    Returns the last sequence number that held, its hash, and the first break."""
    expected_seq, expected_prev = after[0] + 1, after[1]
    for entry in _in_order(batch_size, after=after[0], upto=upto):
        if entry.seq != expected_seq:
            return (
                expected_seq - 1,
                expected_prev,
                ChainBreak(expected_seq, f"缺少第{expected_seq}条记录（下一条为第{entry.seq}条）"),
            )
        if entry.prev_hash != expected_prev:
            return (
                expected_seq - 1,
                expected_prev,
                ChainBreak(entry.seq, "前序哈希与上一条记录不符（记录被删除、插入或篡改）"),
            )
        if not hmac.compare_digest(entry_digest(entry, key), entry.entry_hash):
            return expected_seq - 1, expected_prev, ChainBreak(entry.seq, "记录内容与其哈希不符（记录被篡改）")
        checkpoint = anchored.get(entry.seq)
        if checkpoint and checkpoint.entry_hash != entry.entry_hash:
            return (
                expected_seq - 1,
                expected_prev,
                ChainBreak(entry.seq, f"记录的哈希与{_when(checkpoint)}的检查点不符（此前的记录被改写）"),
            )
        expected_seq, expected_prev = expected_seq + 1, entry.entry_hash
    return expected_seq - 1, expected_prev, None


def _when(checkpoint: Checkpoint) -> str:
    return f"{timezone.localtime(checkpoint.at):%Y年%m月%d日 %H:%M:%S}"


def _in_order(batch_size: int, *, after: int = 0, upto: int | None = None) -> Iterator[AccessLog]:
    last = after
    entries = AccessLog.objects.order_by("seq")
    if upto is not None:
        entries = entries.filter(seq__lte=upto)
    while True:
        batch = list(entries.filter(seq__gt=last)[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
