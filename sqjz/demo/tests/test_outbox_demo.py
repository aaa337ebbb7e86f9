"""The demo outbox: the 红塔区 court's interface, the delivered opinion pushed for real against a local one-shot
server (503, then 200: delivered on the second attempt), and the procuratorate's copy recorded as paper."""

import pytest
from django.utils import timezone

from sqjz.demo.outbox import COURT_URL, seed_outbox
from sqjz.investigation import services as investigation
from sqjz.organisation.models import Unit
from sqjz.outbox.models import Delivery, PartnerEndpoint
from sqjz.outbox.tests.test_outbox import approved_investigation

pytestmark = pytest.mark.django_db


def test_seed_outbox_delivers_one_after_a_retry(world):
    w = world
    procuratorate = Unit.objects.filter(kind="procuratorate", division=w.units["hongta_court"].division).first()
    inv = approved_investigation(w)
    day = timezone.localdate(inv.approved_at)
    investigation.investigation_deliver(
        actor=w.users["office_officer"], investigation=inv, delivered_on=day, copied_on=day
    )
    Delivery.objects.all().delete()  # the hook's own notice (no interface yet): the demo makes its own
    seed_outbox(today=day, users={"admin": w.users["admin"]})
    pushed = Delivery.objects.get(agency=w.units["hongta_court"])
    assert pushed.state == Delivery.State.DELIVERED
    assert [a.status for a in pushed.attempt_log.all()] == [503, 200]
    assert PartnerEndpoint.objects.get(agency=w.units["hongta_court"]).url == COURT_URL
    if procuratorate is not None:
        assert Delivery.objects.get(agency=procuratorate).state == Delivery.State.NO_ENDPOINT
    seed_outbox(today=day, users={"admin": w.users["admin"]})  # once only
    assert Delivery.objects.count() == (2 if procuratorate else 1)
