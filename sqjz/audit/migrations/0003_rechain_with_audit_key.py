"""Re-chain the access log with the audit key (HMAC-SM3 under SQJZ_AUDIT_KEY instead of a plain SM3 hash).

The old chain is checked first: a log that was already broken is not blessed with the key. The system was not in
production when this ran (docs/decisions/0013-access-log-chain-and-backups.md). The head row is created here so the
application role needs only UPDATE on it (docs/security/postgresql-grants.md).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations

GENESIS = "0" * 64


def _material(e) -> bytes:
    subject = str(e.supervisee_id) if e.supervisee_id else f"investigation:{e.investigation_id}"
    fields = [e.prev_hash, str(e.seq), e.at.isoformat(), str(e.actor_id), e.action, subject, e.ip_address or "", e.path]
    return "|".join(fields).encode()


def _plain(e) -> str:
    return hashlib.new("sm3", _material(e)).hexdigest()


def _keyed(key: bytes):
    return lambda e: hmac.new(key, _material(e), "sm3").hexdigest()


def _rechain(apps, old, new) -> None:
    AccessLog = apps.get_model("audit", "AccessLog")
    ChainHead = apps.get_model("audit", "ChainHead")
    seq, old_prev, new_prev, batch = 0, GENESIS, GENESIS, []
    for e in AccessLog.objects.order_by("seq").iterator(chunk_size=2000):
        if e.seq != seq + 1 or e.prev_hash != old_prev or old(e) != e.entry_hash:
            raise RuntimeError(f"Access log entry {e.seq} does not verify under the old chain: not re-chaining it.")
        seq, old_prev = e.seq, e.entry_hash
        e.prev_hash = new_prev
        e.entry_hash = new_prev = new(e)
        batch.append(e)
        if len(batch) == 2000:
            AccessLog.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
            batch = []
    AccessLog.objects.bulk_update(batch, ["prev_hash", "entry_hash"])
    head, _ = ChainHead.objects.get_or_create(pk=1)
    head.seq, head.last_hash = seq, new_prev
    head.save()


def _key() -> bytes:
    try:
        key = bytes.fromhex(settings.AUDIT_KEY)
    except ValueError:
        key = b""
    if len(key) < 32:
        raise ImproperlyConfigured("SQJZ_AUDIT_KEY must be at least 256 bits (64 hex digits).")
    return key


def forwards(apps, schema_editor):
    _rechain(apps, _plain, _keyed(_key()))


def backwards(apps, schema_editor):
    _rechain(apps, _keyed(_key()), _plain)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_accesslog_investigation_alter_accesslog_action_and_more")]

    operations = [migrations.RunPython(forwards, backwards)]
