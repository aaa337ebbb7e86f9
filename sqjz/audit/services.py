"""Writing and checking the access log. Writes join the caller's transaction, so a record is shown or
exported only if its log entry is committed with it."""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from sqjz.audit.models import AccessLog, ChainHead

GENESIS = "0" * 64


def entry_digest(entry: AccessLog) -> str:
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
    return hashlib.new("sm3", material.encode()).hexdigest()


def client_ip(request) -> str | None:
    """The REMOTE_ADDR the server saw. Behind a proxy, configure the proxy to set it (no header trust)."""
    return request.META.get("REMOTE_ADDR") or None


def access_log_write(
    *, actor, action: str, request, supervisee_ids: Iterable[int] = (), investigation_ids: Iterable[int] = ()
) -> int:
    """Append one entry per record, chained after the current head. Returns the number written."""
    ids = [("supervisee_id", pk) for pk in supervisee_ids] + [("investigation_id", pk) for pk in investigation_ids]
    if not ids:
        return 0
    # The first writer creates the head; a concurrent first writer waits on it (get_or_create retries).
    head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
    now = timezone.now()
    ip = client_ip(request)
    path = request.path[:300]  # no query string: searches may contain names of sealed minors
    entries = []
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
        entry.entry_hash = prev = entry_digest(entry)
        entries.append(entry)
    AccessLog.objects.bulk_create(entries)
    head.seq, head.last_hash = seq, prev
    head.save(update_fields=["seq", "last_hash"])
    return len(entries)


@dataclass
class ChainBreak:
    seq: int
    reason: str


def access_log_verify(batch_size: int = 5000) -> tuple[int, ChainBreak | None]:
    """Walk the chain in order; return how many entries checked out and the first broken link, if any."""
    expected_prev, expected_seq, checked = GENESIS, 1, 0
    for entry in _in_order(batch_size):
        if entry.seq != expected_seq:
            return checked, ChainBreak(expected_seq, f"缺少第{expected_seq}条记录（下一条为第{entry.seq}条）")
        if entry.prev_hash != expected_prev:
            return checked, ChainBreak(entry.seq, "前序哈希与上一条记录不符（记录被删除、插入或篡改）")
        if entry_digest(entry) != entry.entry_hash:
            return checked, ChainBreak(entry.seq, "记录内容与其哈希不符（记录被篡改）")
        expected_prev, expected_seq, checked = entry.entry_hash, expected_seq + 1, checked + 1
    head = ChainHead.objects.filter(pk=1).first()
    if head and (head.seq, head.last_hash) != (checked, expected_prev):
        return checked, ChainBreak(checked + 1, f"链头记录为第{head.seq}条，但日志只到第{checked}条（末尾记录被删除）")
    return checked, None


def _in_order(batch_size: int) -> Iterator[AccessLog]:
    last = 0
    while True:
        batch = list(AccessLog.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
