"""The investigation from commission to the court's adoption, through the pages an officer uses."""

from datetime import date, timedelta

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.investigation.models import Interview, Investigation
from tests.factories import InvestigationFactory, resident_id

TODAY = date(2026, 11, 27)  # a Friday
FINDINGS = {
    "residence_findings": "在玉兴街道荷花社区有固定住所，与父母同住。",
    "family_and_social_ties": "父母健在，家庭关系和睦，愿意协助监督。",
    "crime_consequences": "醉酒驾驶机动车，未造成人员伤亡。",
    "committee_views": "社区居委会同意接收，愿意协助开展社区矫正。",
    "victim_views": "本案无被害人。",
    "social_danger": "初犯、偶犯，认罪认罚，社会危险性较小。",
    "community_impact": "对所居住社区无重大不良影响。",
    "opinion": "suitable",
    "opinion_reasons": "被调查人具备社区矫正条件，家庭和社区均愿意协助监管。",
    "proposed_prohibitions": "",
}


def commission(world, **overrides) -> dict:
    data = {
        "commissioning_body": world.units["hongta_court"].pk,
        "commission_number": "（2026）云0402刑初456号",
        "received_on": "2026-11-23",
        "fast_track": "",
        "judicial_office": world.yuxing.pk,
        "procuratorate_notified_on": "2026-11-23",
        "name": "陈调查",
        "gender": "male",
        "id_number": resident_id("530402", date(1995, 4, 1), 77),
        "birth_date": "",
        "residence_address": "云南省玉溪市红塔区玉兴街道荷花社区8号",
        "village": world.hehua.pk,
        "crime": "危险驾驶罪",
        "offence_date": "2026-09-10",
        "proposed_correction_type": "probation",
    }
    return data | overrides


def interview(client, inv, kind: str, on: str = "2026-11-24"):
    return client.post(
        reverse("investigation:interview_add", args=[inv.pk]),
        {
            "kind": kind,
            "interviewee": "陈父（父亲）",
            "interviewed_on": on,
            "place": "被调查人家中",
            "summary": "了解家庭情况。",
        },
    )


@time_machine.travel(TODAY)
def test_officer_takes_an_investigation_from_commission_to_adoption(world, login):
    office = login(world.users["office_officer"])
    response = office.post(reverse("investigation:create"), commission(world))
    inv = Investigation.objects.get(name="陈调查")
    assert response.status_code == 302 and response.url == reverse("investigation:detail", args=[inv.pk])
    assert inv.birth_date == date(1995, 4, 1)  # taken from the identity number
    # The deadline: 10 working days from 2026-11-23 (Monday), the start day not counted.
    item = InboxItem.objects.get(kind="investigation", subject_id=inv.pk, state=InboxItem.State.OPEN)
    assert (item.kind, item.due, item.rule) == ("investigation", date(2026, 12, 7), "INVESTIGATION_DEADLINE")
    page = office.get(reverse("investigation:detail", args=[inv.pk]))
    assert "2026年12月7日" in page.content.decode() and "实施办法第十四条" in page.content.decode()

    # Submitting before the checklist is complete is refused with what is missing.
    refused = office.post(reverse("investigation:findings", args=[inv.pk]), {**FINDINGS, "version": 1, "submit": "1"})
    assert refused.status_code == 400
    assert "请添加一条“家庭成员”走访记录" in refused.content.decode()
    assert "初犯、偶犯" in refused.content.decode()  # what was typed is kept on the page
    inv.refresh_from_db()
    assert inv.status == "investigating" and inv.social_danger == ""  # the failed submit saved nothing

    assert interview(office, inv, "family").status_code == 302
    assert interview(office, inv, "committee").status_code == 302
    submitted = office.post(reverse("investigation:findings", args=[inv.pk]), {**FINDINGS, "version": 1, "submit": "1"})
    assert submitted.status_code == 302
    inv.refresh_from_db()
    assert inv.status == "pending_approval"
    # Now the county agency's head must act: the approval is their item, within the same deadline.
    approval = InboxItem.objects.get(subject_id=inv.pk, state=InboxItem.State.OPEN)
    assert (approval.kind, approval.due) == ("investigation_approval", date(2026, 12, 7))
    assert approval.actor_unit == world.units["hongta_agency"] and approval.actor_name == "红塔区社区矫正管理局负责人"

    # The office cannot approve; the county head can.
    assert office.post(reverse("investigation:decide", args=[inv.pk]), {"decision": "approve"}).status_code == 403
    head = login(world.users["county_head"])
    assert head.post(reverse("investigation:decide", args=[inv.pk]), {"decision": "approve"}).status_code == 302
    inv.refresh_from_db()
    assert inv.status == "approved"
    document = Document.objects.get(investigation=inv)
    assert document.number == "〔2026〕玉红司矫字第1号"
    assert document.content["recipient"] == "红塔区人民法院"
    assert document.content["copy_to"] == ["红塔区人民检察院"]
    pdf = office.get(reverse("documents:download", args=[document.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = office.get(reverse("documents:download", args=[document.pk, "docx"]))
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    assert AccessLog.objects.filter(investigation=inv, action=AccessLog.Action.DOWNLOAD).count() == 2

    delivered = office.post(
        reverse("investigation:deliver", args=[inv.pk]), {"delivered_on": "2026-11-27", "copied_on": "2026-11-27"}
    )
    assert delivered.status_code == 302
    assert not InboxItem.objects.filter(subject_id=inv.pk, kind__startswith="investigation", state="open").exists()
    office.post(
        reverse("investigation:adoption", args=[inv.pk]), {"adoption": "adopted", "note": "（2026）云0402刑初456号判决"}
    )
    inv.refresh_from_db()
    assert inv.status == "closed" and inv.adoption == "adopted"
    # A closed investigation is read-only.
    assert interview(office, inv, "victim").status_code == 404


@time_machine.travel(TODAY)
def test_fast_track_deadline_is_five_working_days(world, login):
    login(world.users["office_officer"]).post(reverse("investigation:create"), commission(world, fast_track="on"))
    item = InboxItem.objects.get(kind="investigation", subject_id=Investigation.objects.get(name="陈调查").pk)
    assert item.due == date(2026, 11, 30)


@time_machine.travel(TODAY)
def test_bad_commission_is_refused_with_chinese_messages_and_kept(world, login):
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("investigation:create"),
        commission(world, id_number="530402199504010000", procuratorate_notified_on="", offence_date="2027-01-01"),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "校验" in str(form.errors["id_number"])
    assert "procuratorate_notified_on" in form.errors
    assert "（2026）云0402刑初456号" in response.content.decode()
    assert not Investigation.objects.filter(name="陈调查").exists()


@time_machine.travel(TODAY)
def test_notifying_the_procuratorate_before_receipt_is_refused(world, login):
    response = login(world.users["office_officer"]).post(
        reverse("investigation:create"), commission(world, procuratorate_notified_on="2026-11-20")
    )
    assert "通报人民检察院日期不能早于收到委托的日期" in str(response.context["form"].errors)


@time_machine.travel(TODAY)
def test_office_cannot_register_for_another_office(world, login):
    response = login(world.users["office_officer"]).post(
        reverse("investigation:create"), commission(world, judicial_office=world.units["fenghuang"].pk)
    )
    assert "judicial_office" in response.context["form"].errors
    assert not Investigation.objects.filter(name="陈调查").exists()


@time_machine.travel(TODAY)
def test_county_returns_an_opinion_with_reasons(world, login):
    inv = world.investigation
    inv.status = "pending_approval"
    inv.save()
    head = login(world.users["county_head"])
    no_reason = head.post(reverse("investigation:decide", args=[inv.pk]), {"decision": "return", "reason": ""})
    assert no_reason.status_code == 400 and "退回时请写明理由" in no_reason.content.decode()
    head.post(reverse("investigation:decide", args=[inv.pk]), {"decision": "return", "reason": "被害人意见未核实"})
    inv.refresh_from_db()
    assert inv.status == "investigating" and inv.return_reason == "被害人意见未核实"
    page = login(world.users["office_officer"]).get(reverse("investigation:detail", args=[inv.pk]))
    assert "被害人意见未核实" in page.content.decode()


@time_machine.travel(TODAY)
def test_interview_date_before_the_commission_is_refused(world, login):
    inv = world.investigation
    response = interview(login(world.users["office_officer"]), inv, "family", on="2020-01-01")
    assert response.status_code == 400
    assert "走访日期应在收到委托之日至今天之间" in response.content.decode()
    assert not Interview.objects.filter(investigation=inv).exists()


def test_numbers_run_per_agency_per_year_without_gaps(world):
    from sqjz.documents.services import document_number

    assert document_number(world.units["hongta_agency"], 2026, 12) == "〔2026〕玉红司矫字第12号"
    assert document_number(world.units["city_agency"], 2026, 3) == "〔2026〕玉司矫字第3号"


@time_machine.travel(TODAY)
def test_viewing_an_investigation_is_logged(world, login):
    login(world.users["county_officer"]).get(reverse("investigation:detail", args=[world.investigation.pk]))
    assert AccessLog.objects.filter(investigation=world.investigation, action="view").count() == 1


@time_machine.travel(TODAY)
def test_minors_investigations_are_sealed_from_the_city(world, login):
    minor = InvestigationFactory(
        commissioning_body=world.units["hongta_court"],
        judicial_office=world.yuxing,
        created_by=world.users["office_officer"],
        birth_date=TODAY - timedelta(days=16 * 365),
        id_number=resident_id("530402", TODAY - timedelta(days=16 * 365), 5),
    )
    assert minor.is_minor
    city = login(world.users["city_officer"])
    assert city.get(reverse("investigation:detail", args=[minor.pk])).status_code == 404
    assert login(world.users["county_officer"]).get(reverse("investigation:detail", args=[minor.pk])).status_code == 200


@time_machine.travel(TODAY)
def test_list_query_count_does_not_grow(world, login):
    client = login(world.users["county_officer"])
    client.get(reverse("investigation:list"))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("investigation:list"))
    for _ in range(25):
        InvestigationFactory(
            commissioning_body=world.units["hongta_court"],
            judicial_office=world.yuxing,
            created_by=world.users["office_officer"],
        )
    with CaptureQueriesContext(connection) as big:
        response = client.get(reverse("investigation:list"))
    assert response.context["page"].paginator.count == 26
    assert len(big.captured_queries) == len(small.captured_queries)
    found = client.get(reverse("investigation:list"), {"q": "刘调查"})
    assert [inv.name for inv, _, _ in found.context["rows"]] == ["刘调查"]


@time_machine.travel(TODAY)
def test_the_city_filters_investigations_by_county_then_office(world, login):
    elsewhere = InvestigationFactory(
        name="江调查",
        commissioning_body=world.units["jiangchuan_court"],
        judicial_office=world.units["xingyun"],
        created_by=world.users["office_officer"],
    )
    client = login(world.users["city_officer"])
    url = reverse("investigation:list")
    assert client.get(url).context["offices"] == []  # a city's offices are offered county by county
    in_county = client.get(url, {"county": world.jiangchuan.pk})
    assert [inv.pk for inv, _, _ in in_county.context["rows"]] == [elsewhere.pk]
    assert [o.name for o in in_county.context["offices"]] == ["星云街道司法所"]
    hongta = client.get(url, {"county": world.yuxing.county_id})
    assert elsewhere.pk not in [inv.pk for inv, _, _ in hongta.context["rows"]]
