"""The outbox (decision 0042): a notice is recorded in the caller's transaction and sent after commit to the
agency's interface, retried with backoff against a real local HTTP server, delivered once (the retry carries the same
Idempotency-Key), failed at once on a refusal that will not change, recorded without an interface as paper; the pages
show each viewer their area's deliveries, and only the system administrator sets interfaces."""

import json
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sqjz.investigation import services as investigation
from sqjz.investigation.models import Interview
from sqjz.outbox import services
from sqjz.outbox.models import Delivery, PartnerEndpoint
from tests.factories import InvestigationFactory

pytestmark = pytest.mark.django_db


def later() -> datetime:
    """A moment after the notices of a test were recorded (they are due at once)."""
    return timezone.now().astimezone(TZ).replace(microsecond=0) + timedelta(hours=1)


TZ = ZoneInfo("Asia/Shanghai")
D = Delivery.State
FINDINGS = dict.fromkeys(investigation.FINDINGS, "已查明。") | {
    "opinion": "suitable",
    "opinion_reasons": "有固定住所，家庭愿意协助监管。",
}


class Partner:
    """A partner agency's interface on 127.0.0.1 (an ephemeral port) answering the scripted statuses in turn (the
    last one for ever after), keeping what it received."""

    def __init__(self, *statuses: int) -> None:
        self.statuses, self.received = list(statuses), []
        partner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = partner.statuses.pop(0) if len(partner.statuses) > 1 else partner.statuses[0]
                partner.received.append((dict(self.headers), json.loads(body), status))
                answer = json.dumps({"ok": status < 300}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sqjz/notices"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def delivered(self) -> list:
        return [(headers, body) for headers, body, status in self.received if status < 300 or status == 409]


@pytest.fixture
def partner():
    servers = []

    def start(*statuses: int) -> Partner:
        servers.append(Partner(*statuses))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def endpoint(w, agency_key: str, url: str, token: str = "s3cret-token") -> PartnerEndpoint:  # noqa: S107
    return services.endpoint_save(actor=w.users["admin"], agency=w.units[agency_key], url=url, token=token, active=True)


def approved_investigation(w):
    office, head = w.users["office_officer"], w.users["county_head"]
    inv = InvestigationFactory(
        commissioning_body=w.units["hongta_court"], judicial_office=w.yuxing, created_by=office, village=w.hehua
    )
    for kind in investigation.REQUIRED_INTERVIEWS:
        investigation.interview_add(
            actor=office,
            investigation=inv,
            interview=Interview(
                kind=kind, interviewee="王某", interviewed_on=timezone.localdate(), place="荷花社区", summary="了解"
            ),
        )
    for name, value in FINDINGS.items():
        setattr(inv, name, value)
    inv = investigation.findings_save(actor=office, investigation=inv, expected_version=inv.version)
    inv = investigation.investigation_submit(actor=office, investigation=inv)
    return investigation.investigation_decide(actor=head, investigation=inv, approve=True)


def opinion_payload(**changes) -> dict:
    return {
        "commission_number": "（2026）云0402刑初7号",
        "name": "李某",
        "id_number": "530402199001011234",
        "opinion": "suitable",
        "opinion_label": "适宜社区矫正",
        "reasons": "有固定住所。",
        "proposed_prohibitions": "",
        "document_number": "玉红司矫评〔2026〕3号",
        "delivered_on": "2026-11-25",
        "issued_by": "红塔区社区矫正管理局",
    } | changes


def test_opinion_delivered_is_pushed_retried_and_delivered_once(world, partner, django_capture_on_commit_callbacks):
    w = world
    court = partner(503, 200)
    endpoint(w, "hongta_court", court.url)
    inv = approved_investigation(w)
    sends = DBTaskResult.objects.filter(task_path__contains="outbox")
    queued = sends.count()
    with django_capture_on_commit_callbacks(execute=True):
        inv = investigation.investigation_deliver(
            actor=w.users["office_officer"],
            investigation=inv,
            delivered_on=timezone.localdate(inv.approved_at),
            copied_on=timezone.localdate(inv.approved_at),
        )
    delivery = Delivery.objects.get()
    assert (delivery.agency, delivery.kind, delivery.state) == (
        w.units["hongta_court"],
        "investigation_opinion",
        D.PENDING,
    )
    assert sends.count() == queued + 1  # the send was queued after commit
    assert delivery.document.investigation_id == inv.pk and delivery.payload["name"] == inv.name
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload_text FROM outbox_delivery")
        assert cursor.fetchone()[0].startswith("sm4gcm:")  # encrypted at rest

    start = later()
    with time_machine.travel(start, tick=False):
        assert services.deliver(delivery.pk) == D.PENDING  # 503: tried again later
        delivery.refresh_from_db()
        assert delivery.attempts == 1 and delivery.next_attempt_at == start + timedelta(minutes=1)
        assert "503" in delivery.last_error
        retry = sends.order_by("-enqueued_at").first()  # the worker is asked to try again then
        assert retry.args_kwargs["args"] == [delivery.pk] and retry.run_after == delivery.next_attempt_at
        call_command("outbox_deliver_due", "--now")  # not due yet
        assert len(court.received) == 1
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        call_command("outbox_deliver_due", "--now")
        call_command("outbox_deliver_due", "--now")  # nothing more to send
    delivery.refresh_from_db()
    assert delivery.state == D.DELIVERED and delivery.delivered_at is not None
    assert [a.status for a in delivery.attempt_log.all()] == [503, 200]
    assert len(court.received) == 2 and len(court.delivered()) == 1
    keys = {headers["Idempotency-Key"] for headers, body, status in court.received}
    assert keys == {str(delivery.message_id)}
    headers, body = court.delivered()[0]
    assert headers["Authorization"] == "Bearer s3cret-token"
    assert body["message_id"] == str(delivery.message_id) and body["schema"] == "investigation_opinion.v1"
    assert body["payload"]["document_number"] == delivery.document.number
    assert not services.schema_errors("envelope.v1", body)
    assert not services.schema_errors("investigation_opinion.v1", body["payload"])


def test_without_an_endpoint_the_notice_is_paper(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delivery = services.notify(
            agency=world.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload()
        )
    assert delivery.state == D.NO_ENDPOINT and delivery.next_attempt_at is None and not callbacks
    assert services.deliver(delivery.pk) == ""  # nothing to send


def test_a_rolled_back_action_sends_nothing(world, partner, django_capture_on_commit_callbacks):
    court = partner(200)
    endpoint(world, "hongta_court", court.url)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.notify(agency=world.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload())
        raise RuntimeError("the action failed")
    assert not Delivery.objects.exists() and not callbacks
    services.deliver_due()
    assert court.received == []


def test_a_refusal_fails_at_once_and_an_officer_pushes_it_again(world, partner):
    w = world
    court = partner(422, 409)
    endpoint(w, "hongta_court", court.url)
    delivery = services.notify(agency=w.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload())
    assert services.deliver(delivery.pk) == D.FAILED
    delivery.refresh_from_db()
    assert delivery.next_attempt_at is None and "422" in delivery.last_error
    assert delivery.attempt_log.get().answer == '{"ok": false}'  # the answer is kept
    services.deliver_due()
    assert len(court.received) == 1  # no retry

    officer = client_for(w.users["county_officer"])
    page = officer.get(reverse("outbox:detail", args=[delivery.pk]))
    assert page.status_code == 200 and "重新推送" in page.content.decode()
    assert officer.post(reverse("outbox:retry", args=[delivery.pk])).status_code == 302
    delivery.refresh_from_db()
    assert delivery.state == D.PENDING and delivery.requeued_by == w.users["county_officer"]
    assert services.deliver(delivery.pk) == D.DELIVERED  # 409: the receiver has it already
    response = officer.post(reverse("outbox:retry", args=[delivery.pk]), follow=True)
    assert "不能重新推送" in response.content.decode()


def test_connection_errors_are_retried_then_given_up(world, monkeypatch):
    w = world
    monkeypatch.setattr(services, "MAX_ATTEMPTS", 3)
    endpoint(w, "hongta_court", "http://127.0.0.1:9/nobody-listens")
    delivery = services.notify(agency=w.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload())
    now = later()
    for expected in (D.PENDING, D.PENDING, D.FAILED):
        with time_machine.travel(now, tick=False):
            assert services.deliver(delivery.pk) == expected
        delivery.refresh_from_db()
        now = (delivery.next_attempt_at or now) + timedelta(seconds=1)
    assert delivery.attempts == 3 and "停止推送" in delivery.last_error
    assert all(a.status is None and a.error for a in delivery.attempt_log.all())


def test_two_workers_never_send_the_same_delivery(world, partner):
    court = partner(200)
    endpoint(world, "hongta_court", court.url)
    delivery = services.notify(
        agency=world.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload()
    )
    assert services._claim(delivery.pk, later()) is not None
    assert services._claim(delivery.pk, later()) is None  # the other worker finds it taken
    assert services.deliver(delivery.pk) == ""
    assert court.received == []


def test_a_payload_that_does_not_fit_its_schema_is_a_programming_error(world):
    with pytest.raises(ValueError, match="schema"):
        services.notify(agency=world.units["hongta_court"], kind="investigation_opinion", payload={"name": "李某"})
    with pytest.raises(ValueError):
        services.notify(agency=world.units["hongta_court"], kind="nonsense", payload={})
    assert not Delivery.objects.exists()


def test_list_shows_each_area_its_deliveries_and_names_no_minor(world):
    w = world
    about_a = services.notify(
        agency=w.units["hongta_court"],
        kind="investigation_opinion",
        payload=opinion_payload(name="甲某"),
        supervisee=w.people["A"],
    )
    minor = w.people["A"].__class__.objects.filter(is_minor=True).first()
    assert about_a.county_id == w.people["A"].county_id
    hongta = client_for(w.users["county_officer"]).get(reverse("outbox:list"))
    assert hongta.status_code == 200 and w.people["A"].name in hongta.content.decode()
    other = client_for(w.users["other_county_officer"]).get(reverse("outbox:list"))
    assert other.status_code == 200 and f"delivery-{about_a.pk}" not in other.content.decode()
    city = client_for(w.users["city_officer"]).get(reverse("outbox:list"), {"state": "no_endpoint", "kind": "bogus"})
    assert f"delivery-{about_a.pk}" in city.content.decode()
    if minor is not None:
        hidden = services.notify(
            agency=w.units["hongta_court"], kind="investigation_opinion", payload=opinion_payload(), supervisee=minor
        )
        page = client_for(w.users["city_officer"]).get(reverse("outbox:list")).content.decode()
        assert f"delivery-{hidden.pk}" in page and minor.name not in page
    assert client_for(w.users["office_officer"]).get(reverse("outbox:list")).status_code == 403
    assert (
        client_for(w.users["other_county_officer"]).get(reverse("outbox:detail", args=[about_a.pk])).status_code == 404
    )


def test_only_the_system_administrator_sets_interfaces(world):
    w = world
    court = w.units["hongta_court"]
    admin = client_for(w.users["admin"])
    assert admin.get(reverse("outbox:endpoints"), {"q": "法院"}).status_code == 200
    url = reverse("outbox:endpoint", args=[court.pk])
    refused = admin.post(url, {"url": "file:///etc/passwd", "token": "x", "active": "on"})
    assert refused.status_code == 400 and "接口地址" in refused.content.decode()
    assert admin.post(url, {"url": "https://court.example.cn/api", "token": "abc", "active": "on"}).status_code == 302
    assert admin.post(url, {"url": "https://court.example.cn/api2", "token": "", "active": "on"}).status_code == 302
    saved = PartnerEndpoint.objects.get(agency=court)
    assert (saved.url, saved.token, saved.active) == ("https://court.example.cn/api2", "abc", True)  # token kept
    assert "abc" not in admin.get(url).content.decode()
    assert client_for(w.users["county_head"]).get(reverse("outbox:endpoints")).status_code == 403
    assert admin.get(reverse("outbox:endpoint", args=[w.yuxing.pk])).status_code == 404  # not a partner agency
    assert admin.get(reverse("outbox:list")).status_code == 403  # no case data
