"""Entries written before the chain was keyed are re-chained with the audit key by migration 0003."""

import hashlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from sqjz.audit.models import AccessLog, ChainHead
from sqjz.audit.services import GENESIS, access_log_verify
from tests.world import build_world

BEFORE = ("audit", "0002_accesslog_investigation_alter_accesslog_action_and_more")
AFTER = ("audit", "0003_rechain_with_audit_key")


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def _unkeyed(entry: AccessLog) -> str:
    fields = [entry.prev_hash, str(entry.seq), entry.at.isoformat(), str(entry.actor_id), entry.action]
    fields += [str(entry.supervisee_id), entry.ip_address or "", entry.path]
    return hashlib.new("sm3", "|".join(fields).encode()).hexdigest()


def _old_chain(world, count: int) -> None:
    prev = GENESIS
    for seq in range(1, count + 1):
        entry = AccessLog(
            seq=seq,
            at=timezone.now(),
            actor=world.users["office_officer"],
            action=AccessLog.Action.VIEW,
            supervisee=world.people["A"],
            ip_address="10.1.2.3",
            path="/supervisees/",
            prev_hash=prev,
        )
        entry.entry_hash = prev = _unkeyed(entry)
        entry.save()
    ChainHead.objects.update_or_create(pk=1, defaults={"seq": count, "last_hash": prev})


@pytest.mark.django_db(transaction=True)
def test_entries_of_the_unkeyed_chain_are_re_chained_with_the_key():
    world = build_world()
    _migrate(BEFORE)
    _old_chain(world, 3)
    assert access_log_verify()[1].seq == 1  # the unkeyed chain does not verify under the key
    _migrate(AFTER)
    assert access_log_verify() == (3, None)
    head = ChainHead.objects.get(pk=1)
    assert (head.seq, head.last_hash) == (3, AccessLog.objects.get(seq=3).entry_hash)


@pytest.mark.django_db(transaction=True)
def test_an_unkeyed_chain_that_was_already_broken_is_not_re_chained():
    world = build_world()
    _migrate(BEFORE)
    _old_chain(world, 3)
    AccessLog.objects.filter(seq=2).update(path="/forged/")
    with pytest.raises(RuntimeError, match="entry 2 does not verify"):
        _migrate(AFTER)
    AccessLog.objects.filter(seq=2).update(path="/supervisees/")
    _migrate(AFTER)  # the repaired chain is re-chained; the database is left migrated for the tests after this one
    assert access_log_verify() == (3, None)
