"""The access log's hash chain: entries are appended in order and any edit or deletion is found."""

import hashlib
import hmac
import itertools
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from sqjz.audit.models import AccessLog, ChainHead
from sqjz.audit.services import GENESIS, access_log_verify, access_log_write, audit_key, entry_digest


@pytest.fixture
def write(world):
    officer = world.users["office_officer"]

    def _write(*keys: str, action: str = AccessLog.Action.VIEW, ip: str = "10.1.2.3") -> int:
        request = RequestFactory().get("/supervisees/", {"q": "张"}, REMOTE_ADDR=ip)
        return access_log_write(
            actor=officer, action=action, supervisee_ids=[world.people[k].pk for k in keys], request=request
        )

    return _write


@pytest.fixture
def three_entries(write):
    write("A", "M")
    write("D")


def _verify_command() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def test_each_write_appends_entries_with_consecutive_numbers_linked_by_hash(world, write):
    assert write("A", "M") == 2
    assert write("D", ip="192.0.2.7") == 1
    entries = list(AccessLog.objects.order_by("seq"))
    assert [e.seq for e in entries] == [1, 2, 3]
    assert [e.supervisee for e in entries] == [world.people["A"], world.people["M"], world.people["D"]]
    assert entries[0].prev_hash == GENESIS
    for previous, entry in itertools.pairwise(entries):
        assert entry.prev_hash == previous.entry_hash
    for entry in entries:
        assert entry.entry_hash == entry_digest(entry)
        assert entry.actor == world.users["office_officer"]
        assert entry.path == "/supervisees/"  # no query string: it may hold a sealed name
    assert [e.ip_address for e in entries] == ["10.1.2.3", "10.1.2.3", "192.0.2.7"]
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (3, entries[-1].entry_hash)


def test_writing_no_records_writes_nothing(write):
    assert write() == 0
    assert not AccessLog.objects.exists()


def test_intact_chain_verifies(three_entries):
    assert access_log_verify() == (3, None)


def test_verification_in_small_batches_sees_the_whole_chain(three_entries, write):
    write("A", "A", "M")
    assert access_log_verify(batch_size=2) == (6, None)


def test_empty_log_verifies(db):
    assert access_log_verify() == (0, None)


def test_edited_entry_is_reported_at_its_number(three_entries):
    AccessLog.objects.filter(seq=2).update(ip_address="203.0.113.66")
    checked, broken = access_log_verify()
    assert checked == 1
    assert broken.seq == 2
    assert "篡改" in broken.reason


def test_edited_entry_with_a_recomputed_hash_is_reported_at_the_next_number(three_entries):
    entry = AccessLog.objects.get(seq=2)
    entry.ip_address = "203.0.113.66"
    AccessLog.objects.filter(seq=2).update(ip_address=entry.ip_address, entry_hash=entry_digest(entry))
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (2, 3)
    assert "前序哈希" in broken.reason


def test_deleted_middle_entry_is_reported_as_missing(three_entries):
    AccessLog.objects.filter(seq=2).delete()
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (1, 2)
    assert "缺少第2条记录" in broken.reason


def test_deleted_last_entry_is_found_through_the_chain_head(three_entries):
    AccessLog.objects.filter(seq=3).delete()
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (2, 3)
    assert "末尾记录被删除" in broken.reason


def test_entry_inserted_with_a_forged_hash_breaks_the_chain(three_entries, world):
    last = AccessLog.objects.get(seq=3)
    forged = AccessLog(
        seq=4,
        at=last.at,
        actor=world.users["county_officer"],
        action=AccessLog.Action.EXPORT,
        supervisee=world.people["B"],
        path="/supervisees/export/",
        prev_hash=last.entry_hash,
    )
    forged.entry_hash = entry_digest(forged)
    forged.save()
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (4, 5)  # the chain head still says 3
    assert "链头记录为第3条" in broken.reason


def test_verify_command_reports_an_intact_chain(three_entries):
    assert "访问日志哈希链完好，共3条（尚无检查点）。" in _verify_command()


def test_verify_command_fails_naming_the_broken_entry(three_entries):
    AccessLog.objects.filter(seq=2).update(path="/supervisees/999/")
    with pytest.raises(CommandError, match="访问日志哈希链在第2条断开") as exc:
        _verify_command()
    assert "此前1条完好" in str(exc.value)


# Attacks by someone who can write to the database (issue 10): the digests are keyed with SQJZ_AUDIT_KEY, and the
# head is anchored outside the database in a signed, append-only checkpoint file (`manage.py audit_checkpoint`).


@pytest.fixture
def anchor(settings, tmp_path):
    """A checkpoint directory of this test's own, as SQJZ_AUDIT_ANCHOR_DIR would name on another disk."""
    settings.AUDIT_ANCHOR_DIR = tmp_path / "anchor"
    return settings.AUDIT_ANCHOR_DIR


def _checkpoint() -> str:
    out = StringIO()
    call_command("audit_checkpoint", stdout=out)
    return out.getvalue()


def _rewrite_from(seq: int, digest) -> None:
    """What an attacker with write access does: edit an entry, then recompute every link from it to the head."""
    entries = list(AccessLog.objects.filter(seq__gte=seq).order_by("seq"))
    prev = AccessLog.objects.get(seq=seq - 1).entry_hash if seq > 1 else GENESIS
    entries[0].ip_address = "203.0.113.66"
    for entry in entries:
        entry.prev_hash = prev
        entry.entry_hash = prev = digest(entry)
        entry.save(update_fields=["ip_address", "prev_hash", "entry_hash"])
    ChainHead.objects.filter(pk=1).update(last_hash=prev)


def _material(entry: AccessLog) -> bytes:
    return "|".join(
        [
            entry.prev_hash,
            str(entry.seq),
            entry.at.isoformat(),
            str(entry.actor_id),
            entry.action,
            str(entry.supervisee_id),
            entry.ip_address or "",
            entry.path,
        ]
    ).encode()


def _plain_sm3(entry: AccessLog) -> str:
    return hashlib.new("sm3", _material(entry)).hexdigest()


def _guessed_key(entry: AccessLog) -> str:
    return hmac.new(b"\x00" * 32, _material(entry), "sm3").hexdigest()


@pytest.mark.parametrize("digest", [_plain_sm3, _guessed_key], ids=["unkeyed-sm3", "guessed-key"])
def test_chain_rewritten_from_an_entry_on_without_the_key_is_reported_there(three_entries, digest):
    _rewrite_from(2, digest)
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (1, 2)
    assert "篡改" in broken.reason


def test_digest_depends_on_the_audit_key(three_entries, settings):
    entry = AccessLog.objects.get(seq=1)
    settings.AUDIT_KEY = "ab" * 32
    assert entry_digest(entry) != entry.entry_hash
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (0, 1)


@pytest.mark.parametrize("bad", ["", "not-hex", "ab" * 31])
def test_audit_key_must_be_256_bit_hex(db, settings, bad):
    settings.AUDIT_KEY = bad
    with pytest.raises(ImproperlyConfigured, match="SQJZ_AUDIT_KEY"):
        audit_key()


def test_whole_log_deleted_and_head_reset_is_reported_against_the_checkpoint(three_entries, anchor):
    _checkpoint()
    AccessLog.objects.all().delete()
    ChainHead.objects.filter(pk=1).update(seq=0, last_hash=GENESIS)
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (0, 1)
    assert "检查点" in broken.reason and "第3条" in broken.reason
    with pytest.raises(CommandError, match="访问日志哈希链在第1条断开"):
        _verify_command()


def test_truncated_tail_with_the_head_moved_back_is_reported_against_the_checkpoint(three_entries, write, anchor):
    write("A", "B")
    _checkpoint()
    third = AccessLog.objects.get(seq=3)
    AccessLog.objects.filter(seq__gt=3).delete()
    ChainHead.objects.filter(pk=1).update(seq=3, last_hash=third.entry_hash)
    checked, broken = access_log_verify()
    assert (checked, broken.seq) == (3, 4)
    assert "检查点" in broken.reason and "第5条" in broken.reason


def test_chain_rewritten_with_the_key_itself_is_caught_by_an_earlier_checkpoint(three_entries, anchor):
    _checkpoint()
    _rewrite_from(2, entry_digest)  # an insider who has the key: the chain links up again
    _, broken = access_log_verify()
    assert broken.seq == 3
    assert "检查点不符" in broken.reason


def test_entries_written_after_the_latest_checkpoint_verify(three_entries, write, anchor):
    _checkpoint()
    write("A", "B")
    assert access_log_verify() == (5, None)
    assert "共5条" in _verify_command() and "1个检查点" in _verify_command()


def test_checkpoints_are_appended_one_signed_line_each(three_entries, write, anchor):
    assert "已记录检查点：第3条" in _checkpoint()
    write("B")
    _checkpoint()
    lines = (anchor / "checkpoints.log").read_text().splitlines()
    assert len(lines) == 2
    seqs = [int(line.split("\t")[0]) for line in lines]
    assert seqs == [3, 4]
    assert lines[1].split("\t")[1] == AccessLog.objects.get(seq=4).entry_hash


def test_forged_checkpoint_line_is_reported(three_entries, anchor):
    _checkpoint()
    path = anchor / "checkpoints.log"
    at = path.read_text().splitlines()[0].split("\t")[2]
    with path.open("a") as f:
        f.write(f"2\t{AccessLog.objects.get(seq=2).entry_hash}\t{at}\t{'0' * 64}\n")
    _, broken = access_log_verify()
    assert "检查点文件第2行" in broken.reason and "签名无效" in broken.reason


def test_checkpoint_refuses_to_anchor_a_tampered_chain(three_entries, write, anchor):
    _checkpoint()
    write("B")
    AccessLog.objects.filter(seq=4).update(path="/forged/")
    with pytest.raises(CommandError, match="第4条"):
        _checkpoint()
    assert len((anchor / "checkpoints.log").read_text().splitlines()) == 1


def test_verify_command_fails_when_the_latest_checkpoint_is_too_old(three_entries, anchor):
    with time_machine.travel(timezone.now() - timedelta(hours=2)):
        _checkpoint()
    out = StringIO()
    call_command("audit_verify", "--max-age", "180", stdout=out)
    assert "1个检查点" in out.getvalue()
    with pytest.raises(CommandError, match="最近的检查点"):
        call_command("audit_verify", "--max-age", "60", stdout=StringIO())


def test_verify_command_with_max_age_fails_when_there_is_no_checkpoint(three_entries, anchor):
    with pytest.raises(CommandError, match="没有检查点"):
        call_command("audit_verify", "--max-age", "60", stdout=StringIO())


def test_entries_written_while_the_chain_is_walked_are_not_taken_for_a_cut_tail(three_entries, write, monkeypatch):
    from sqjz.audit import services

    walk = services._in_order

    def walk_then_another_request_writes(*args, **kwargs):
        yield from walk(*args, **kwargs)
        if kwargs.get("upto") is None:
            write("B")  # committed after the walk read the last entry, before the head is read

    monkeypatch.setattr(services, "_in_order", walk_then_another_request_writes)
    assert access_log_verify() == (4, None)
