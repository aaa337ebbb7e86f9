"""The access log's hash chain: entries are appended in order and any edit or deletion is found."""

import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from sqjz.audit.models import AccessLog, ChainHead
from sqjz.audit.services import GENESIS, access_log_verify, access_log_write, entry_digest


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
    assert "访问日志哈希链完好，共3条。" in _verify_command()


def test_verify_command_fails_naming_the_broken_entry(three_entries):
    AccessLog.objects.filter(seq=2).update(path="/supervisees/999/")
    with pytest.raises(CommandError, match="访问日志哈希链在第2条断开") as exc:
        _verify_command()
    assert "此前1条完好" in str(exc.value)
