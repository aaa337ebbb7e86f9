"""The outbox's writes and its sender (decision 0042).

- `notify` records a notice in the caller's transaction (a rolled-back action sends nothing) and, after commit,
  queues a background task that sends it. The payload must fit the kind's JSON Schema (sqjz/outbox/schemas/): a
  payload that does not is a programming error and raises ValueError.
- `deliver` sends one delivery that is due. A worker first claims it with a conditional update (a lease of
  CLAIM_SECONDS; on PostgreSQL the row is picked with SKIP LOCKED), so two workers never send the same delivery at
  the same time; the HTTP call runs outside any transaction. 2xx and 409 (the receiver has it already) are
  delivered; 4xx other than 408/409/429 fail at once (the answer is kept); 3xx, 5xx, 408, 429, time-outs and
  connection errors are tried again after BACKOFF, and after MAX_ATTEMPTS the delivery fails.
- `deliver_due` (the periodic job `outbox_deliver_due`) sends every delivery whose next attempt is due.
- `redeliver` (重新推送) starts a failed delivery, or one recorded without an interface, afresh.
- `endpoint_save` sets an agency's receiving interface (the system administrator).

Personal data never goes to logs: errors name the delivery's id, its state and the HTTP status only.
"""

import json
import logging
import socket
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema_rs
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.organisation.models import Unit
from sqjz.outbox.models import PARTNER_KINDS, Delivery, DeliveryAttempt, PartnerEndpoint

logger = logging.getLogger("sqjz.outbox")

SCHEMAS = Path(__file__).resolve().parent / "schemas"
TIMEOUT_SECONDS = 10
CLAIM_SECONDS = 120  # a worker's lease on a delivery while it sends (longer than the time-out)
# Working figures of the exchange, not legal ones: waits before the 2nd, 3rd, ... attempt; then daily.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=6))
DAILY = timedelta(days=1)
MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 10)
ANSWER_CHARS = 500
RETRY_STATUSES = (408, 429)
D = Delivery.State


class OutboxError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


@cache
def validator(schema: str):
    """The validator of a schema (e.g. "investigation_opinion.v1"), read once."""
    path = SCHEMAS / f"{schema}.json"
    return jsonschema_rs.validator_for(json.loads(path.read_text(encoding="utf-8")), validate_formats=True)


def schema_errors(schema: str, payload) -> list[str]:
    return [
        f"{'/'.join(map(str, e.instance_path)) or '(根)'}: {e.message}" for e in validator(schema).iter_errors(payload)
    ]


def _endpoint(agency_id: int) -> PartnerEndpoint | None:
    return PartnerEndpoint.objects.filter(agency_id=agency_id, active=True).first()


# ------------------------------------------------------------------------------------------------------ notify


def notify(*, agency: Unit, kind: str, payload: dict, supervisee=None, document=None, subject: str = "") -> Delivery:
    """Record a notice to `agency` in the caller's transaction; it is sent after commit. `subject` is the person's
    name as shown on the page (taken from the supervisee or the payload's "name" if not given)."""
    if kind not in Delivery.Kind.values:
        raise ValueError(f"unknown outbound message kind {kind!r}")
    schema_version = 1
    errors = schema_errors(f"{kind}.v{schema_version}", payload)
    if errors:
        raise ValueError(f"payload of {kind}.v{schema_version} does not fit its schema: " + "; ".join(errors[:5]))
    county_id, is_minor = agency.county_id, False
    if supervisee is not None:
        county_id, is_minor = supervisee.county_id, supervisee.is_minor
        subject = subject or supervisee.name
    elif document is not None and document.investigation_id:
        inv = document.investigation
        county_id, is_minor = inv.judicial_office.county_id, inv.is_minor
    subject = subject or str(payload.get("name", ""))
    endpoint = _endpoint(agency.pk)
    delivery = Delivery.objects.create(
        agency=agency,
        kind=kind,
        schema_version=schema_version,
        payload_text=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        document=document,
        supervisee=supervisee,
        county_id=county_id,
        is_minor=is_minor,
        subject=subject[:50],
        state=D.PENDING if endpoint else D.NO_ENDPOINT,
        next_attempt_at=timezone.now() if endpoint else None,
    )
    if endpoint:
        transaction.on_commit(lambda: _enqueue(delivery.pk))
    return delivery


def _enqueue(delivery_id: int, run_after: datetime | None = None) -> None:
    """Queue the delivery's next attempt for the task worker (at `run_after`: a retry's time). The periodic job
    (`manage.py outbox_deliver_due`) sends whatever is due all the same, should a task be lost."""
    from sqjz.outbox.tasks import outbox_deliver_task  # the task calls this module

    try:
        (outbox_deliver_task.using(run_after=run_after) if run_after else outbox_deliver_task).enqueue(delivery_id)
    except Exception:  # the periodic job sends it anyway; the caller's action is done
        logger.exception("could not queue outbox delivery %s; the periodic job will send it", delivery_id)


# ------------------------------------------------------------------------------------------------------ sending


def _wait(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt."""
    return BACKOFF[attempts - 1] if attempts <= len(BACKOFF) else DAILY


def _claim(delivery_id: int, now: datetime) -> Delivery | None:
    """Take the lease on a due delivery, or None if it is not due or another worker holds it."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    with transaction.atomic():
        rows = Delivery.objects.filter(free, pk=delivery_id, state=D.PENDING, next_attempt_at__lte=now)
        if connection.features.has_select_for_update_skip_locked:
            rows = Delivery.objects.filter(
                pk__in=list(rows.select_for_update(skip_locked=True).values_list("pk", flat=True))
            )
        if not rows.update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS)):
            return None
    return Delivery.objects.select_related("agency", "document").get(pk=delivery_id)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # a redirect is answered as the 3xx it is (urllib would turn a POST into a GET)


# No proxy from the environment: the partners are reached directly over the government network (decision 0042).
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def envelope(delivery: Delivery, sent_at: datetime) -> dict:
    return {
        "message_id": str(delivery.message_id),
        "kind": delivery.kind,
        "schema": delivery.schema,
        "sent_at": timezone.localtime(sent_at).isoformat(timespec="seconds"),
        "recipient": delivery.agency.name,
        "document_number": delivery.document.number if delivery.document_id else "",
        "payload": delivery.payload,
    }


def _post(endpoint: PartnerEndpoint, delivery: Delivery, now: datetime) -> tuple[int | None, str, str]:
    """(HTTP status or None, error, answer) of one POST."""
    if urlsplit(endpoint.url).scheme not in ("http", "https"):
        return None, "接口地址不是 http 或 https 地址", ""
    body = json.dumps(envelope(delivery, now), ensure_ascii=False).encode("utf-8")
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Accept": "application/json",
        "Idempotency-Key": str(delivery.message_id),
        "User-Agent": "sqjz-outbox/1",
    }
    if endpoint.token:
        headers["Authorization"] = f"Bearer {endpoint.token}"
    # http(s) only, checked above
    request = urllib.request.Request(endpoint.url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, "", _read(response)
    except urllib.error.HTTPError as answer:
        return answer.code, "", _read(answer)
    except TimeoutError:
        return None, f"{TIMEOUT_SECONDS}秒内无应答（超时）", ""
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError | socket.timeout):
            return None, f"{TIMEOUT_SECONDS}秒内无应答（超时）", ""
        return None, f"无法连接：{reason}"[:ANSWER_CHARS], ""
    except (OSError, ValueError) as error:
        return None, f"无法连接：{error.__class__.__name__}"[:ANSWER_CHARS], ""


def _read(response) -> str:
    try:
        return response.read(ANSWER_CHARS * 4).decode("utf-8", "replace")[:ANSWER_CHARS]
    except (OSError, ValueError):
        return ""


def _outcome(status: int | None) -> str:
    if status is not None and (200 <= status < 300 or status == 409):
        return D.DELIVERED
    if status is not None and 400 <= status < 500 and status not in RETRY_STATUSES:
        return D.FAILED  # refused for good: it would be refused again
    return D.PENDING


def deliver(delivery_id: int) -> str:
    """Send one delivery if it is due and free; returns its state afterwards ("" if it was not ours to send)."""
    now = timezone.now()
    delivery = _claim(delivery_id, now)
    if delivery is None:
        return ""
    endpoint = _endpoint(delivery.agency_id)
    if endpoint is None:  # the interface was taken out of use since the notice was recorded
        Delivery.objects.filter(pk=delivery.pk).update(
            state=D.NO_ENDPOINT, next_attempt_at=None, claimed_until=None, last_error="对方接口已停用，请纸质送达"
        )
        return D.NO_ENDPOINT
    started = time.monotonic()
    status, error, answer = _post(endpoint, delivery, now)
    duration = int((time.monotonic() - started) * 1000)
    outcome = _outcome(status)
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            at=now,
            url=endpoint.url[:300],
            status=status,
            error=error,
            answer=answer if outcome != D.DELIVERED else "",
            duration_ms=duration,
        )
        attempts = delivery.attempts + 1
        fields = {"attempts": attempts, "claimed_until": None}
        if outcome == D.DELIVERED:
            fields |= {"state": D.DELIVERED, "delivered_at": timezone.now(), "next_attempt_at": None, "last_error": ""}
        else:
            problem = error or f"对方答复 HTTP {status}" + (f"：{answer}" if answer else "")
            if outcome == D.PENDING and attempts >= MAX_ATTEMPTS:
                outcome = D.FAILED
                problem = f"已推送{attempts}次未成功，停止推送。最后一次：{problem}"
            fields |= {"state": outcome, "last_error": problem[:500]}
            fields["next_attempt_at"] = now + _wait(attempts) if outcome == D.PENDING else None
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
    if outcome != D.DELIVERED:
        logger.warning("outbox delivery %s: attempt %s, status %s, now %s", delivery.pk, attempts, status, outcome)
    if outcome == D.PENDING:
        _enqueue(delivery.pk, run_after=fields["next_attempt_at"])  # the retry, at its time
    return outcome


def due_ids(now: datetime | None = None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    rows = Delivery.objects.filter(free, state=D.PENDING, next_attempt_at__lte=now).order_by("next_attempt_at")
    return list(rows.values_list("pk", flat=True)[:limit])


def deliver_due() -> dict[str, int]:
    """The periodic job: send every delivery that is due (a batch at a time); returns the count by outcome."""
    counts: dict[str, int] = {}
    for pk in due_ids():
        outcome = deliver(pk) or "skipped"
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


# ------------------------------------------------------------------------------------------------------ officers


@transaction.atomic
def redeliver(*, actor, delivery: Delivery) -> Delivery:
    """重新推送: a failed delivery (or one recorded without an interface, once the agency has one) starts afresh."""
    from sqjz.outbox.selectors import deliveries_for  # the selectors read the models only

    locked = deliveries_for(actor).select_for_update(of=("self",)).filter(pk=delivery.pk).first()
    if locked is None or not has_capability(actor, Capability.EXCHANGE_VIEW):
        raise OutboxError("没有找到该推送记录，请刷新页面。")
    if locked.state not in (D.FAILED, D.NO_ENDPOINT):
        raise OutboxError(f"该通知当前状态为“{locked.get_state_display()}”，不能重新推送。")
    if _endpoint(locked.agency_id) is None:
        raise OutboxError(f"{locked.agency.name}尚无启用的对接接口，请纸质送达，或请系统管理员设置接口。")
    now = timezone.now()
    locked.state, locked.attempts, locked.next_attempt_at, locked.claimed_until = D.PENDING, 0, now, None
    locked.requeued_by, locked.requeued_at = actor, now
    locked.save(update_fields=["state", "attempts", "next_attempt_at", "claimed_until", "requeued_by", "requeued_at"])
    transaction.on_commit(lambda: _enqueue(locked.pk))
    return locked


@transaction.atomic
def endpoint_save(*, actor, agency: Unit, url: str, token: str, active: bool, note: str = "") -> PartnerEndpoint:
    """Set an agency's interface; an empty `token` keeps the one stored."""
    if not has_capability(actor, Capability.SYSTEM_CONFIGURE):
        raise OutboxError("只有系统管理员可以设置对接接口。")
    if agency.kind not in PARTNER_KINDS:
        raise OutboxError("只能为法院、检察院、公安机关、派出所和监狱设置对接接口。")
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboxError("接口地址应以 https:// 或 http:// 开头，并写明主机名。", "url")
    if len(url) > 300:
        raise OutboxError("接口地址不能超过300个字符。", "url")
    token = (token or "").strip()
    if any(c.isspace() for c in token) or len(token) > 500:
        raise OutboxError("访问令牌不能含空格，且不超过500个字符。", "token")
    endpoint = PartnerEndpoint.objects.select_for_update().filter(agency=agency).first()
    if endpoint is None:
        endpoint = PartnerEndpoint(agency=agency)
    elif not token:
        token = endpoint.token
    endpoint.url, endpoint.token, endpoint.active, endpoint.note = url, token, active, (note or "").strip()[:200]
    endpoint.updated_by = actor
    endpoint._history_user = actor
    endpoint.save()
    return endpoint
