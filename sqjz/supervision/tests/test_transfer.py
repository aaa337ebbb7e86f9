"""Change of the place of execution (执行地变更): the application (office and phone, with proof photos), the
consultation of the receiving county in the system with the statute's deadlines, the decision, the file passing
from 红塔区 to 江川区 (the old office's officer gets 404, the new one sees the whole history), the refusal path and
the paper procedure for a move out of the city."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sqjz.accounts.models import Role
from sqjz.audit.models import AccessLog
from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.travel import is_city_district
from sqjz.supervisees.models import CaseAssignment, Supervisee
from sqjz.supervision.common import SupervisionError
from sqjz.supervision.models import ResidenceTransfer, TravelLeave
from sqjz.supervision.transfer.services import transfer_apply
from tests.factories import UserFactory, jpeg

TODAY = date(2026, 11, 25)


def signed_in(user) -> Client:
    """A client of its own per user: the steps go back and forth between the counties."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def photo(name="proof.jpg"):
    return SimpleUploadedFile(name, jpeg(), content_type="image/jpeg")


def apply(client, person, to_office, **extra):
    data = {
        "to_office": to_office.pk if to_office else "",
        "to_place": "",
        "new_address": "江川区星云街道上营社区12号",
        "move_on": "2026-12-10",
        "reason": "在江川区找到稳定工作，全家搬迁",
        "evidence": "劳动合同、房屋租赁合同",
        "applied_on": "2026-11-25",
        "proof_1": photo(),
    } | extra
    return client.post(reverse("supervision:transfer_apply", args=[person.pk]), data)


def open_item(kind):
    return InboxItem.objects.filter(kind=kind, state="open").first()


def new_office_officer(world):
    return UserFactory(username="xingyun_officer", role=Role.OFFICE_OFFICER, unit=world.units["xingyun"])


def test_hongta_and_jiangchuan_are_one_home_area_yet_a_move_between_them_is_a_transfer(world):
    """实施办法第二十六条: the districts of one districted city are one home area for travel; but each has its own
    county agency, so moving the place of execution between them is still a change of the place of execution."""
    assert is_city_district("530402") and is_city_district("530403")
    area = RULES["HOME_AREA"](statute_context(), county="530402", city_counties=["530402", "530403", "530423"])
    assert area.outcome == ("530402", "530403")
    with time_machine.travel(TODAY):
        office = signed_in(world.users["office_officer"])
        same_county = apply(office, world.people["A"], world.units["fenghuang"])  # not offered in the form
        assert same_county.status_code == 400 and not ResidenceTransfer.objects.exists()
        within = ResidenceTransfer(
            to_office=world.units["fenghuang"],
            new_address="凤凰路1号",
            reason="搬家",
            evidence="租房合同",
            move_on=date(2026, 12, 30),
            applied_on=TODAY,
        )
        with pytest.raises(SupervisionError, match="不属于变更执行地"):
            transfer_apply(actor=world.users["office_officer"], supervisee=world.people["A"], transfer=within)
        assert apply(office, world.people["A"], world.units["xingyun"]).status_code == 302
    t = ResidenceTransfer.objects.get(supervisee=world.people["A"])
    assert (t.from_county, t.to_county) == (world.hongta, world.jiangchuan)
    assert t.from_office.parent != t.to_office.parent  # two county agencies


@time_machine.travel(TODAY)
def test_a_transfer_from_hongta_to_jiangchuan_moves_the_whole_file(world):
    a = world.people["A"]
    xingyun = world.units["xingyun"]
    newcomer = new_office_officer(world)
    TravelLeave.objects.create(
        supervisee=a,
        purpose="family",
        reason="探亲",
        destination="昆明市",
        start=date(2026, 12, 1),
        days=3,
        applied_on=TODAY,
        evidence="说明",
        level="judicial_office",
        level_reasons="—",
        lead_time_note="—",
        recorded_by=world.users["office_officer"],
    )
    office = signed_in(world.users["office_officer"])
    assert apply(office, a, xingyun).status_code == 302
    t = ResidenceTransfer.objects.get(supervisee=a)
    assert t.status == "applied" and len(t.proofs) == 1 and t.recorded_by == world.users["office_officer"]
    # The lead time is a reminder (15 days, not a month), not a refusal.
    assert "不足1个月" in t.lead_time_note
    page = office.get(reverse("supervision:transfer_detail", args=[t.pk])).content.decode()
    assert "不足1个月" in page and "执行地变更申请提前期" in page
    # Step 1: the sending county consults within 5 days (2026-11-30), 实施办法第三十条.
    item = open_item("transfer_consult")
    assert item.actor_unit == world.units["hongta_agency"] and item.due == date(2026, 11, 30)
    assert "征求新执行地意见期限" in page and "实施办法第三十条" in page
    assert office.post(reverse("supervision:transfer_consult", args=[t.pk]), {"opinion": ""}).status_code == 400
    county = signed_in(world.users["county_officer"])
    assert county.post(reverse("supervision:transfer_consult", args=[t.pk]), {"opinion": "同意上报"}).status_code == 302
    # Step 2: the receiving county agency gets the to-do, due 5 days after the request (2026-11-30).
    item = open_item("transfer_reply")
    assert item.actor_unit == world.units["jiangchuan_agency"] and item.due == date(2026, 11, 30)
    assert item.supervisee_id is None  # about the transfer: jiangchuan may not open A's record yet
    receiving = signed_in(world.users["other_county_officer"])
    assert receiving.get(reverse("supervisees:detail", args=[a.pk])).status_code == 404
    detail = receiving.get(reverse("supervision:transfer_detail", args=[t.pk]))
    assert detail.status_code == 200 and "本单位不负责该对象" in detail.content.decode()
    assert receiving.get(reverse("supervision:transfer_proof", args=[t.pk, 0])).status_code == 200
    assert receiving.get(reverse("workbench:home")).content.decode().count("执行地变更回复意见") >= 1
    assert AccessLog.objects.filter(actor=world.users["other_county_officer"]).exists()
    reply = {"reply": "agree_to_receive", "reasons": "经核实，居所属实"}
    assert county.post(reverse("supervision:transfer_reply", args=[t.pk]), reply).status_code == 400
    assert receiving.post(reverse("supervision:transfer_reply", args=[t.pk]), reply).status_code == 302
    # Step 3: the sending county decides; approval passes the file.
    assert open_item("transfer_decision").actor_unit == world.units["hongta_agency"]
    head = signed_in(world.users["county_head"])
    assert head.post(reverse("supervision:transfer_decide", args=[t.pk]), {"decision": "approve"}).status_code == 302
    t.refresh_from_db()
    a = Supervisee.objects.get(pk=a.pk)
    assert t.status == "approved" and t.decided_by == world.users["county_head"]
    assert a.judicial_office == xingyun and a.county == world.jiangchuan and a.village is None
    assert a.residence_address == "江川区星云街道上营社区12号"
    moved = a.history.get(history_change_reason__startswith="变更执行地")
    assert moved.judicial_office_id == xingyun.pk and moved.history_user == world.users["county_head"]
    # The old county's helpers lose the case, with the reason.
    ended = CaseAssignment.objects.get(supervisee=a, user=world.users["social_worker"])
    assert not ended.is_active and "变更执行地" in ended.end_reason
    # The old office's officer: 404 on the record and its pages.
    office = signed_in(world.users["office_officer"])
    for name in ("supervisees:detail", "supervision:travel", "supervision:transfer", "supervision:checkins"):
        assert office.get(reverse(name, args=[a.pk])).status_code == 404, name
    assert office.get(reverse("supervision:transfer_detail", args=[t.pk])).status_code == 404
    # The new office sees the whole history: records, timeline, documents.
    new = signed_in(newcomer)
    record = new.get(reverse("supervisees:detail", args=[a.pk]))
    assert record.status_code == 200
    text = record.content.decode()
    assert "申请变更执行地至星云街道司法所" in text and "申请外出" in text  # the timeline kept
    assert "变更执行地决定通知书" in text  # the document
    assert new.get(reverse("supervision:travel", args=[a.pk])).status_code == 200
    assert AccessLog.objects.filter(actor=newcomer, supervisee=a, action="view").exists()  # logged as usual
    # The open leave follows the record: its to-do is now the new office's.
    assert InboxItem.objects.get(kind="travel_decision", supervisee=a, state="open").actor_unit == xingyun
    # The notice: copies to both procuratorates; the old county's procurator reads the notice, not the record.
    notice = Document.objects.get(supervisee=a, kind="transfer_notice")
    assert "红塔区人民检察院" in notice.content["copy_to"] and "江川区人民检察院" in notice.content["copy_to"]
    old_procurator = signed_in(world.users["procurator"])
    assert old_procurator.get(reverse("supervisees:detail", args=[a.pk])).status_code == 404
    assert old_procurator.get(reverse("supervision:transfer_detail", args=[t.pk])).status_code == 200
    assert old_procurator.get(reverse("supervision:transfer_notice", args=[t.pk, "docx"])).status_code == 200
    assert AccessLog.objects.filter(actor=world.users["procurator"], action="download").exists()
    assert signed_in(world.users["other_procurator"]).get(reverse("supervisees:detail", args=[a.pk])).status_code == 200
    # Step 4: report in at the new office within 7 days (2026-12-02), which closes the transfer.
    item = open_item("transfer_report_in")
    assert item.actor_unit == xingyun and item.due == date(2026, 12, 2)
    step = {"on": "2026-11-25", "note": "本人到所报到"}
    assert head.post(reverse("supervision:transfer_complete", args=[t.pk]), step).status_code == 400
    assert new.post(reverse("supervision:transfer_complete", args=[t.pk]), step).status_code == 302
    t.refresh_from_db()
    assert t.status == "completed" and t.completed_by == newcomer
    assert not InboxItem.objects.filter(kind__startswith="transfer_", state="open").exists()


@time_machine.travel(TODAY)
def test_a_refusal_by_the_receiving_county_allows_only_a_refusal_told_to_the_person(world):
    a = world.people["A"]
    apply(signed_in(world.users["office_officer"]), a, world.units["xingyun"])
    t = ResidenceTransfer.objects.get(supervisee=a)
    county = signed_in(world.users["county_officer"])
    county.post(reverse("supervision:transfer_consult", args=[t.pk]), {"opinion": ""})
    receiving = signed_in(world.users["other_county_officer"])
    no_reason = receiving.post(reverse("supervision:transfer_reply", args=[t.pk]), {"reply": "refuse_to_receive"})
    assert no_reason.status_code == 400 and "不同意接收的，请写明理由" in no_reason.content.decode()
    reply = {"reply": "refuse_to_receive", "reasons": "新住址核实不存在"}
    assert receiving.post(reverse("supervision:transfer_reply", args=[t.pk]), reply).status_code == 302
    refused = county.post(reverse("supervision:transfer_decide", args=[t.pk]), {"decision": "approve"})
    assert refused.status_code == 400 and "不能同意变更执行地" in refused.content.decode()
    assert county.post(reverse("supervision:transfer_decide", args=[t.pk]), {"decision": "refuse"}).status_code == 400
    decision = {"decision": "refuse", "reasons": "新执行地不同意接收：新住址核实不存在"}
    assert county.post(reverse("supervision:transfer_decide", args=[t.pk]), decision).status_code == 302
    t.refresh_from_db()
    assert t.status == "refused" and Supervisee.objects.get(pk=a.pk).judicial_office == world.yuxing
    # The person is told within 5 days of the decision (2026-11-30); the office records it.
    item = open_item("transfer_refusal_notice")
    assert item.actor_unit == world.yuxing and item.due == date(2026, 11, 30)
    office = signed_in(world.users["office_officer"])
    assert office.post(reverse("supervision:transfer_notify", args=[t.pk]), {"on": "2026-11-25"}).status_code == 302
    assert not InboxItem.objects.filter(kind__startswith="transfer_", state="open").exists()
    phone = signed_in(world.users["supervisee"])
    assert "新执行地不同意接收：新住址核实不存在" in phone.get(reverse("mobile:transfer")).content.decode()


@time_machine.travel(date(2026, 9, 28))
def test_the_consultation_deadline_rolls_over_the_national_day_holiday(world):
    office = signed_in(world.users["office_officer"])
    assert apply(office, world.people["A"], world.units["xingyun"], applied_on="2026-09-28").status_code == 302
    assert open_item("transfer_consult").due == date(2026, 10, 8)
    t = ResidenceTransfer.objects.get()
    assert "已按规定提前1个月申请" in t.lead_time_note
    page = office.get(reverse("supervision:transfer_detail", args=[t.pk])).content.decode()
    assert "2026年10月8日" in page or "2026-10-08" in page


@time_machine.travel(TODAY)
def test_the_person_applies_from_the_phone_with_proof_photos(world):
    phone = signed_in(world.users["supervisee"])
    data = {
        "to_office": world.units["xingyun"].pk,
        "new_address": "江川区星云街道上营社区12号",
        "move_on": "2027-01-05",
        "reason": "购房迁居",
        "evidence": "购房合同",
    }
    missing = phone.post(reverse("mobile:transfer"), data)
    assert missing.status_code == 400 and not ResidenceTransfer.objects.exists()
    bad = phone.post(reverse("mobile:transfer"), data | {"proof_1": SimpleUploadedFile("x.jpg", b"not an image")})
    assert bad.status_code == 400 and not ResidenceTransfer.objects.exists()
    sent = phone.post(reverse("mobile:transfer"), data | {"proof_1": photo(), "proof_2": photo("b.jpg")}, follow=True)
    assert sent.status_code == 200 and "已按规定提前1个月申请" in sent.content.decode()
    t = ResidenceTransfer.objects.get()
    assert t.recorded_by == world.users["supervisee"] and t.applied_on == TODAY and len(t.proofs) == 2
    again = phone.get(reverse("mobile:transfer")).content.decode()
    assert "正在办理" in again


@time_machine.travel(TODAY)
def test_a_move_out_of_the_city_follows_the_paper_procedure_recorded_by_the_sending_county(world):
    a = world.people["A"]
    office = signed_in(world.users["office_officer"])
    both = apply(office, a, world.units["xingyun"], to_place="昆明市五华区")
    assert both.status_code == 400
    assert apply(office, a, None, to_place="昆明市五华区", new_address="昆明市五华区某路1号").status_code == 302
    t = ResidenceTransfer.objects.get()
    assert not t.within_city and t.to_county is None
    county = signed_in(world.users["county_officer"])
    county.post(reverse("supervision:transfer_consult", args=[t.pk]), {"opinion": ""})
    assert open_item("transfer_reply").actor_unit == world.units["hongta_agency"]
    reply = {"reply": "agree_to_receive", "reasons": "昆明市五华区社区矫正管理局书面同意"}
    assert county.post(reverse("supervision:transfer_reply", args=[t.pk]), reply).status_code == 302
    assert county.post(reverse("supervision:transfer_decide", args=[t.pk]), {"decision": "approve"}).status_code == 302
    t.refresh_from_db()
    assert t.status == "approved" and Supervisee.objects.get(pk=a.pk).judicial_office == world.yuxing
    item = open_item("transfer_report_in")
    assert item.actor_unit == world.units["hongta_agency"] and item.due == date(2026, 11, 30)  # the receipt, 5 days
    step = {"on": "2026-11-25", "note": "收到回执"}
    assert county.post(reverse("supervision:transfer_complete", args=[t.pk]), step).status_code == 302
    assert ResidenceTransfer.objects.get().status == "completed"
    # Yuxi supervises the person no more: the record is closed (迁出本市), kept, read-only; the phone stops working.
    a.refresh_from_db()
    assert a.status == "transferred_out" and a.get_status_display() == "迁出本市"
    assert not world.users["supervisee"].__class__.objects.get(pk=world.users["supervisee"].pk).is_active
    assert a.history.get(status="transferred_out").history_change_reason == "变更执行地至昆明市五华区，已收到回执"
    assert office.get(reverse("supervisees:detail", args=[a.pk])).status_code == 200
    assert not InboxItem.objects.filter(supervisee=a, state="open").exists()


@time_machine.travel(TODAY)
def test_the_list_shows_incoming_transfers_to_the_receiving_county(world):
    apply(signed_in(world.users["office_officer"]), world.people["A"], world.units["xingyun"])
    receiving = signed_in(world.users["other_county_officer"])
    page = receiving.get(reverse("supervision:transfer_list") + "?show=incoming").content.decode()
    assert "张三" in page
    assert "张三" not in receiving.get(reverse("supervision:transfer_list") + "?show=outgoing").content.decode()
    assert "张三" not in receiving.get(reverse("supervision:transfer_list") + "?q=王").content.decode()
    assert (
        "张三"
        not in signed_in(world.users["other_office_officer"]).get(reverse("supervision:transfer_list")).content.decode()
    )


@time_machine.travel(TODAY)
def test_the_list_stays_within_its_query_budget(world, django_assert_max_num_queries):
    """Thirty transfers, both directions: the list's second page costs what a short list does."""
    from sqjz.supervision.tests.monitoring_tracks import many_people

    officer = world.users["office_officer"]
    people = [s for s, _m, _d in many_people(world.people["A"], officer, 30)]
    ResidenceTransfer.objects.bulk_create(
        ResidenceTransfer(
            supervisee=s,
            from_office=s.judicial_office,
            from_county=s.county,
            to_office=world.units["xingyun"],
            to_county=world.units["xingyun"].division.parent,
            new_address="江川区星云街道上营社区12号",
            reason="购房迁居",
            move_on=date(2026, 12, 20),
            applied_on=TODAY,
            evidence="购房合同",
            lead_time_note="-",
            status=ResidenceTransfer.Status.CONSULTING if i % 2 else ResidenceTransfer.Status.APPLIED,
            consulted_on=TODAY if i % 2 else None,
            consulted_by=world.users["county_officer"] if i % 2 else None,
            recorded_by=officer,
        )
        for i, s in enumerate(people)
    )
    client = signed_in(world.users["county_officer"])
    url = reverse("supervision:transfer_list")
    assert client.get(url, {"show": "all"}).status_code == 200
    with django_assert_max_num_queries(12):
        response = client.get(url, {"show": "all", "page": 2})
    assert response.status_code == 200 and response.context["page"].number == 2
    assert len(response.context["page"].object_list) == 10


def test_a_late_report_in_at_the_new_office_is_a_breach_enforcement_can_cite(world):
    """实施办法第三十条: seven days from the decision to report to the new county. Missing or late, the record shows it
    among the breaches the enforcement case page offers as a fact's record."""
    from sqjz.supervision.selectors import record_breaches

    a, xingyun = world.people["A"], world.units["xingyun"]
    t = ResidenceTransfer.objects.create(
        supervisee=a,
        from_office=world.units["yuxing"],
        from_county=world.hongta,
        to_office=xingyun,
        to_county=world.jiangchuan,
        new_address="江川区星云街道上营社区12号",
        reason="工作调动",
        move_on=date(2026, 12, 1),
        applied_on=date(2026, 11, 1),
        evidence="劳动合同",
        lead_time_note="—",
        status=ResidenceTransfer.Status.APPROVED,
        decided_on=date(2026, 11, 20),
        recorded_by=world.users["office_officer"],
    )
    due = RULES["TRANSFER_REPORT_IN_DEADLINE"](statute_context(), decision_received=date(2026, 11, 20)).outcome.due
    assert due == date(2026, 11, 27)
    with time_machine.travel(date(2026, 11, 27)):
        assert [b for b in record_breaches(a.pk) if b.source == "transfer"] == []  # the last day: not yet late
    with time_machine.travel(date(2026, 11, 30)):
        (late,) = [b for b in record_breaches(a.pk) if b.source == "transfer"]
    assert late.ref == f"residence_transfer:{t.pk}" and late.occurred_on == date(2026, 11, 28)
    assert "应于2026年11月27日前到星云街道司法所报到" in late.text and "仍未报到，已逾期3日" in late.text
    t.status, t.completed_on = ResidenceTransfer.Status.COMPLETED, date(2026, 11, 29)
    t.save()
    (late,) = [b for b in record_breaches(a.pk) if b.source == "transfer"]
    assert late.occurred_on == date(2026, 11, 29) and "2026年11月29日报到，逾期2日" in late.text
    t.completed_on = date(2026, 11, 27)  # on time: no breach
    t.save()
    assert [b for b in record_breaches(a.pk) if b.source == "transfer"] == []
