"""A court clerk delivers a judgment on a page (decision 0041): the same message as the partner API's, so the person
waits as pending report-in at the office of their residence with the deadline; the same form sent twice registers
once; a refusal comes back on the field it concerns."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sqjz.exchange.models import InboundMessage
from sqjz.organisation.models import Division
from sqjz.supervisees.models import Status, Supervisee

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _form(client) -> dict:
    page = client.get(reverse("exchange:judgment_new"))
    assert page.status_code == 200
    message_id = re.search(r'name="message_id" value="(page-[0-9a-f]{32})"', page.content.decode()).group(1)
    village = Division.objects.get(code="530402001001")
    return {
        "message_id": message_id,
        "document_number": "（2026）云0402刑初300号",
        "correction_type": "probation",
        "effective_date": "2026-11-20",
        "term_start": "2026-11-20",
        "term_end": "2028-11-19",
        "original_sentence": "有期徒刑一年，缓刑二年",
        "crime": "盗窃罪",
        "crime_article": "刑法第二百六十四条",
        "offence_date": "2026-03-02",
        "name": "王志强",
        "id_number": "530402199109030174",
        "gender": "male",
        "ethnicity": "01",
        "education": "junior",
        "phone": "13987765432",
        "household_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
        "village": village.pk,
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
    }


def test_a_clerk_delivers_a_judgment_and_the_person_waits_to_report_in(world, client):
    client.force_login(world.users["judge"], backend="django.contrib.auth.backends.ModelBackend")
    data = _form(client)
    answer = client.post(reverse("exchange:judgment_new"), data, follow=True)
    person = Supervisee.objects.get(name="王志强")
    assert person.status == Status.PENDING_REPORT and person.judicial_office == world.yuxing
    assert person.deciding_authority == world.units["hongta_court"]
    page = answer.content.decode()
    assert "登记为待报到" in page and "2026-11-30" in page  # ten days from the judgment's effect (第二十一条)
    m = InboundMessage.objects.get(message_id=data["message_id"])
    assert m.channel == InboundMessage.Channel.PAGE and m.sent_by == world.users["judge"]
    again = client.post(reverse("exchange:judgment_new"), data)  # the same form sent twice
    assert again.status_code == 302 and Supervisee.objects.filter(name="王志强").count() == 1
    from sqjz.audit.models import AccessLog

    client.force_login(world.users["county_officer"], backend="django.contrib.auth.backends.ModelBackend")
    assert "王志强" in client.get(reverse("exchange:message", args=[m.pk])).content.decode()
    assert AccessLog.objects.filter(actor=world.users["county_officer"], supervisee=person).exists()  # a view of him


def test_a_refusal_comes_back_on_its_field_and_nothing_is_registered(world, client):
    client.force_login(world.users["judge"], backend="django.contrib.auth.backends.ModelBackend")
    data = _form(client) | {"id_number": "530402199109030175"}  # a wrong check digit
    answer = client.post(reverse("exchange:judgment_new"), data)
    assert answer.status_code == 400
    assert answer.context["form"].errors["id_number"]
    assert not Supervisee.objects.filter(name="王志强").exists()
    bad = client.post(reverse("exchange:judgment_new"), _form(client) | {"term_end": "", "village": ""})
    assert bad.status_code == 400 and {"term_end", "village"} <= set(bad.context["form"].errors)


def test_only_agencies_that_deliver_judgments_have_the_page(world, client):
    client.force_login(world.users["police"], backend="django.contrib.auth.backends.ModelBackend")
    station = world.users["police"].unit.kind == "police_station"
    assert client.get(reverse("exchange:judgment_new")).status_code == (403 if station else 200)
    client.force_login(world.users["office_officer"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("exchange:judgment_new")).status_code == 403


def test_a_clerk_commissions_an_investigation_at_the_office_of_the_residence(world, client):
    from sqjz.investigation.models import Investigation

    client.force_login(world.users["judge"], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("exchange:commission_new"))
    message_id = re.search(r'name="message_id" value="(page-[0-9a-f]{32})"', page.content.decode()).group(1)
    data = {
        "message_id": message_id,
        "commission_number": "（2026）云0402刑初88号",
        "crime": "危险驾驶罪",
        "offence_date": "2026-09-01",
        "proposed_correction_type": "probation",
        "name": "赵某某",
        "id_number": "530402199109030174",
        "gender": "male",
        "village": Division.objects.get(code="530402001001").pk,
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区5号",
    }
    answer = client.post(reverse("exchange:commission_new"), data, follow=True)
    inv = Investigation.objects.get(commission_number="（2026）云0402刑初88号")
    assert inv.judicial_office == world.yuxing and inv.commissioning_body == world.units["hongta_court"]
    assert "已委托玉兴街道司法所调查评估" in answer.content.decode()
    bad = client.post(reverse("exchange:commission_new"), data | {"message_id": "page-" + "a" * 32, "crime": ""})
    assert bad.status_code == 400 and "crime" in bad.context["form"].errors


def test_the_police_notify_a_detention_on_a_page_and_it_goes_on_the_persons_record(world, client):
    from sqjz.exchange.models import DetentionNotice

    a = world.people["A"]
    client.force_login(world.users["police"], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("exchange:detention_new"))
    message_id = re.search(r'name="message_id" value="(page-[0-9a-f]{32})"', page.content.decode()).group(1)
    data = {
        "message_id": message_id,
        "name": a.name,
        "id_number": a.id_number,
        "measure": "administrative_detention",
        "decided_on": "2026-11-24",
        "until": "2026-12-03",
        "document_number": "玉公（玉兴）行罚决字〔2026〕55号",
        "reason": "殴打他人",
    }
    assert client.post(reverse("exchange:detention_new"), data).status_code == 302
    notice = DetentionNotice.objects.get()
    assert notice.supervisee == a and notice.agency == world.units["yuxing_station"]
    wrong = client.post(
        reverse("exchange:detention_new"), data | {"message_id": "page-" + "b" * 32, "name": "别人"}
    )  # the name does not match the identity number's record
    assert wrong.status_code == 400 and "id_number" in wrong.context["form"].errors
    client.force_login(world.users["judge"], backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("exchange:detention_new")).status_code == 403  # courts do not send these
