"""Demo outbox (BASE-2, decision 0042): the 红塔区 court's receiving interface, set by the system administrator, and
the opinion of the demo's delivered investigation pushed to its commissioning body for real: a local one-shot HTTP
server (127.0.0.1, an ephemeral port) answers 503 to the first POST and 200 to the next, and the delivery is sent
twice through the service (the second attempt made due at once, as if the minute of backoff had passed). The copy of
the opinion to the 红塔区 procuratorate, which has no interface, is recorded as paper (无对接接口). Afterwards the
court's interface points at its (fictitious) address on the government network."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from sqjz.documents.models import Document
from sqjz.investigation.models import Investigation
from sqjz.organisation.models import Unit
from sqjz.outbox import services
from sqjz.outbox.models import Delivery, PartnerEndpoint

HONGTA = "530402"
COURT_URL = "https://fy.hongta.yx.gov.example.cn/api/sqjz/notices"


class _OneShot:
    """Answers 503, then 200, on 127.0.0.1."""

    def __init__(self) -> None:
        answers = [503, 200]

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = answers.pop(0) if answers else 409
                body = b'{"received": true}' if status == 200 else b'{"error": "busy"}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api/sqjz/notices"

    def __enter__(self) -> "_OneShot":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _payload(inv: Investigation, document: Document) -> dict:
    return {
        "commission_number": inv.commission_number,
        "name": inv.name,
        "id_number": inv.id_number,
        "opinion": inv.opinion,
        "opinion_label": inv.get_opinion_display(),
        "reasons": inv.opinion_reasons,
        "proposed_prohibitions": inv.proposed_prohibitions,
        "document_number": document.number,
        "delivered_on": inv.delivered_on.isoformat(),
        "issued_by": document.agency.name,
    }


def seed_outbox(*, today, users: dict) -> None:
    admin = users.get("admin")
    if admin is None or PartnerEndpoint.objects.exists():  # seeded already (other notices may exist: proposals)
        return
    court = Unit.objects.filter(kind=Unit.Kind.COURT, division__code=HONGTA).first()
    procuratorate = Unit.objects.filter(kind=Unit.Kind.PROCURATORATE, division__code=HONGTA).first()
    document = (
        Document.objects.filter(
            kind=Document.Kind.INVESTIGATION_OPINION,
            investigation__status=Investigation.Status.DELIVERED,
            investigation__judicial_office__county__code=HONGTA,
        )
        .select_related("investigation__commissioning_body", "agency")
        .order_by("-id")
        .first()
    )
    if court is None or document is None:
        return
    inv = document.investigation
    body = inv.commissioning_body
    with _OneShot() as partner:
        for agency in {court, body}:
            services.endpoint_save(
                actor=admin,
                agency=agency,
                url=partner.url,
                token="demo-token-hongta",  # noqa: S106 - the demo's
                active=True,
                note="演示接口",
            )
        delivery = services.notify(
            agency=body, kind="investigation_opinion", payload=_payload(inv, document), document=document
        )
        services.deliver(delivery.pk)  # 503: tried again in a minute
        Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())  # the minute has passed
        services.deliver(delivery.pk)  # 200: delivered
    for agency in {court, body}:
        services.endpoint_save(
            actor=admin,
            agency=agency,
            url=COURT_URL if agency == court else f"https://{agency.pk}.yx.gov.example.cn/api/sqjz/notices",
            token="",
            active=True,
            note="政务外网接口（演示地址）",
        )
    if procuratorate is not None and procuratorate != body:  # the copy to the procuratorate: no interface, paper
        services.notify(
            agency=procuratorate, kind="investigation_opinion", payload=_payload(inv, document), document=document
        )
