"""Social work: a helper records help for the people assigned to them (and no one else), sees their phone numbers
with each view logged, and is reminded when a person is due a visit (HELP_CONTACT_DUE); a county agency registers a
purchased-service contract, whose page counts the services its social workers recorded; an evaluation keeps the
period's figures, and a milestone that needs one is paid only after a passed evaluation."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.socialwork import services
from sqjz.socialwork.models import ContractEvaluation, HelpRecord, PaymentMilestone, ServiceContract
from sqjz.timeline.registry import timeline_for
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db


def help_data(person, **changes) -> dict:
    return {
        "supervisee": person.pk,
        "day": TODAY.isoformat(),
        "kind": "visit",
        "hours": "1.5",
        "content": "上门走访，了解到其在物流公司上班，家庭和睦，思想稳定。",
    } | changes


def contract_data(w, **changes) -> dict:
    data = {
        "title": "2026年度红塔区社区矫正社会工作服务项目",
        "provider": "红塔区启航社会工作服务中心",
        "selection": "public_tender",
        "selected_on": "2025-12-20",
        "selection_reference": "HTCG-2025-118",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "q_visit": "365",
        "q_counselling": "73",
        "hours": "730",
        "budget": "300000",
        "quality_standards": "每次服务有记录，回访满意度不低于90%。",
        "workers": [w.users["social_worker"].pk],
        "milestones-TOTAL_FORMS": "4",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "4",
        "milestones-0-due_on": "2026-01-15",
        "milestones-0-amount": "90000",
        "milestones-0-condition": "合同签订后支付首款",
        "milestones-1-due_on": "2026-07-15",
        "milestones-1-amount": "120000",
        "milestones-1-condition": "上半年考核合格后支付",
        "milestones-1-needs_evaluation": "on",
    }
    return data | changes


def contract(w) -> ServiceContract:
    client_data = contract_data(w)
    milestones = [
        PaymentMilestone(due_on=date(2026, 1, 15), amount=Decimal("90000"), condition="合同签订后支付首款"),
        PaymentMilestone(
            due_on=date(2026, 7, 15), amount=Decimal("120000"), condition="上半年考核合格后支付", needs_evaluation=True
        ),
    ]
    return services.contract_create(
        actor=w.users["county_officer"],
        contract=ServiceContract(
            title=client_data["title"],
            provider=client_data["provider"],
            selection="public_tender",
            selected_on=date(2025, 12, 20),
            selection_reference="HTCG-2025-118",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 12, 31),
            hours=Decimal("730"),
            budget=Decimal("300000"),
            quality_standards="每次服务有记录",
        ),
        quantities={"visit": 365, "counselling": 73},
        workers=[w.users["social_worker"]],
        milestones=milestones,
    )


@time_machine.travel(TODAY)
def test_a_helper_records_help_for_their_own_people_only(world, login):
    a, b = world.people["A"], world.people["B"]
    client = login(world.users["social_worker"])
    page = client.get(reverse("socialwork:mine"))
    text = page.content.decode()
    assert page.status_code == 200 and a.name in text and a.phone in text and b.name not in text
    # The phone numbers shown are logged, one entry per person shown.
    assert AccessLog.objects.filter(actor=world.users["social_worker"], supervisee=a).exists()
    assert client.post(reverse("socialwork:record"), help_data(a)).status_code == 302
    record = HelpRecord.objects.get()
    assert record.helper == world.users["social_worker"] and record.supervisee == a and record.contract is None
    # B is not theirs: refused, nothing written.
    response = client.post(reverse("socialwork:record"), help_data(b))
    assert response.status_code == 400 and "请选择分派给您联系的在矫人员。" in response.content.decode()
    assert HelpRecord.objects.count() == 1
    mine = client.get(reverse("socialwork:records")).content.decode()
    assert "上门走访，了解到其在物流公司上班" in mine and "共 1 条" in mine
    assert "上门走访" in client.get(reverse("socialwork:records"), {"q": a.name}).content.decode()
    assert "没有符合条件" in client.get(reverse("socialwork:records"), {"kind": "education"}).content.decode()
    # The officers see it on the person's page and the timeline.
    office = login(world.users["office_officer"])
    assert "上门走访，了解到其在物流公司上班" in office.get(reverse("socialwork:person", args=[a.pk])).content.decode()
    assert any(e.title.startswith("走访（1.5小时）") for e in timeline_for(a))


@time_machine.travel(TODAY)
def test_bad_help_is_refused_with_the_field_named(world, login):
    a = world.people["A"]
    client = login(world.users["volunteer"])
    cases = [
        ({"day": (TODAY + timedelta(days=1)).isoformat()}, "帮扶日期不能晚于今天。"),
        ({"day": "2024-01-01"}, "帮扶日期不能早于一年前"),
        ({"hours": "1.2"}, "时长按半小时计"),
        ({"kind": "warning"}, "请选择帮扶方式。"),
        ({"content": ""}, "请填写帮扶内容。"),
    ]
    for change, message in cases:
        response = client.post(reverse("socialwork:record"), help_data(a, **change))
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not HelpRecord.objects.exists()
    # Others than helpers have no such page.
    assert login(world.users["office_officer"]).get(reverse("socialwork:mine")).status_code == 403


@time_machine.travel(TODAY)
def test_a_person_due_a_visit_is_on_the_helpers_workbench_until_help_is_recorded(world, login):
    a = world.people["A"]
    helper = world.users["volunteer"]
    HelpRecord.objects.create(
        supervisee=a, helper=helper, day=TODAY - timedelta(days=40), kind="visit", hours=1, content="走访"
    )
    inbox_refresh(area="socialwork")
    item = InboxItem.objects.get(kind="help_due", actor_user=helper, state="open")
    assert item.supervisee_id == a.pk and item.due == TODAY - timedelta(days=10)
    home = login(helper).get(reverse("workbench:home")).content.decode()
    assert "走访帮扶所联系的社区矫正对象" in home and a.name in home
    assert login(helper).post(reverse("socialwork:record"), help_data(a, kind="counselling")).status_code == 302
    item.refresh_from_db()
    assert item.state == "closed"


@time_machine.travel(TODAY)
def test_a_contract_counts_the_services_its_social_workers_recorded(world, login):
    county = login(world.users["county_officer"])
    assert county.post(reverse("socialwork:contract_new"), contract_data(world)).status_code == 302
    c = ServiceContract.objects.get()
    assert c.quantities == {"visit": 365, "counselling": 73} and c.milestones.count() == 2
    a = world.people["A"]
    worker = login(world.users["social_worker"])
    assert worker.post(reverse("socialwork:record"), help_data(a)).status_code == 302
    assert HelpRecord.objects.get().contract == c
    county = login(world.users["county_officer"])
    page = county.get(reverse("socialwork:contract", args=[c.pk])).content.decode()
    assert 'data-testid="delivered-visit"' in page and "1次" in page
    assert "社会工作者、志愿者只承担非执法类工作" in page and "社区矫正法第四十条" in page
    # The first half: evaluated, delivered figures kept with it.
    evaluation = {
        "period_start": "2026-01-01",
        "period_end": "2026-11-25",
        "quality_score": "88",
        "quality_notes": "抽查10份记录，回访5名对象，均满意。",
        "conclusion": "passed",
        "milestone": c.milestones.get(needs_evaluation=True).pk,
    }
    assert county.post(reverse("socialwork:evaluate", args=[c.pk]), evaluation).status_code == 302
    e = ContractEvaluation.objects.get()
    assert e.delivered["visit"] == 1 and e.expected["visit"] == 329 and e.delivered_hours == Decimal("1.5")
    assert "走访1/329次" in county.get(reverse("socialwork:contract", args=[c.pk])).content.decode()
    # The contract list, with search; the city reads it, another county does not.
    assert "启航社会工作服务中心" in county.get(reverse("socialwork:contracts"), {"q": "启航"}).content.decode()
    assert "没有符合条件" in county.get(reverse("socialwork:contracts"), {"q": "不存在"}).content.decode()
    assert login(world.users["city_officer"]).get(reverse("socialwork:contract", args=[c.pk])).status_code == 200
    other = login(world.users["other_county_officer"])
    assert other.get(reverse("socialwork:contract", args=[c.pk])).status_code == 404


@time_machine.travel(TODAY)
def test_bad_contracts_are_refused_with_the_field_named(world, login):
    county = login(world.users["county_officer"])
    cases = [
        ({"ends_on": "2025-12-31"}, "服务截止日应晚于服务起始日。"),
        ({"q_visit": "", "q_counselling": "-1"}, "谈心谈话、心理疏导的约定次数不能小于0。"),
        ({"q_visit": "", "q_counselling": ""}, "请至少填写一种服务的约定次数"),
        ({"budget": "100000"}, "付款节点金额合计210000元，超过合同金额100000元。"),
        ({"workers": [world.users["volunteer"].pk]}, "请选择本县（市、区）的社会工作者。"),
        ({"milestones-0-amount": "0"}, "金额应大于0。"),
    ]
    for change, message in cases:
        response = county.post(reverse("socialwork:contract_new"), contract_data(world, **change))
        assert response.status_code == 400 and message in response.content.decode(), message
    assert not ServiceContract.objects.exists()
    # An office's officer reads contracts but keeps none.
    office = login(world.users["office_officer"])
    assert office.get(reverse("socialwork:contracts")).status_code == 200
    assert office.get(reverse("socialwork:contract_new")).status_code == 403


@time_machine.travel(TODAY)
def test_a_milestone_that_needs_an_evaluation_is_paid_only_after_a_passed_one(world, login):
    c = contract(world)
    first, second = c.milestones.order_by("due_on")
    county = login(world.users["county_officer"])
    pay = {"paid_on": "2026-07-20", "paid_amount": "120000"}
    url = reverse("socialwork:pay", args=[c.pk, second.pk])
    response = county.post(url, pay)
    assert response.status_code == 400 and "尚无对应的绩效考核" in response.content.decode()
    failed = {
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
        "quality_score": "50",
        "quality_notes": "记录不全",
        "conclusion": "failed",
        "milestone": second.pk,
    }
    assert county.post(reverse("socialwork:evaluate", args=[c.pk]), failed).status_code == 302
    response = county.post(url, pay)
    assert response.status_code == 400 and "考核结论为不合格，不能支付" in response.content.decode()
    passed = failed | {"quality_score": "85", "quality_notes": "整改后复查合格", "conclusion": "passed"}
    assert county.post(reverse("socialwork:evaluate", args=[c.pk]), passed).status_code == 302
    assert county.post(url, pay).status_code == 302
    second.refresh_from_db()
    assert second.paid_amount == Decimal("120000") and second.paid_by == world.users["county_officer"]
    # Once only; never above the amount; a milestone without the condition is paid directly.
    assert "已登记支付" in county.post(url, pay).content.decode()
    first_url = reverse("socialwork:pay", args=[c.pk, first.pk])
    response = county.post(first_url, {"paid_on": "2026-01-15", "paid_amount": "90001"})
    assert response.status_code == 400 and "实付金额不能超过该节点金额" in response.content.decode()
    assert county.post(first_url, {"paid_on": "2026-01-15", "paid_amount": "90000"}).status_code == 302
    # An evaluation outside the term or of a period not yet ended is refused.
    late = passed | {"period_end": "2026-12-30"}
    response = county.post(reverse("socialwork:evaluate", args=[c.pk]), late)
    assert response.status_code == 400 and "期间结束后方可考核" in response.content.decode()


@time_machine.travel(TODAY)
def test_the_lists_stay_within_their_query_budget(world, login, django_assert_max_num_queries):
    helper = world.users["social_worker"]
    from sqjz.supervisees.models import CaseAssignment

    for i in range(25):
        s = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
        CaseAssignment.objects.create(supervisee=s, user=helper, kind="social_worker")
        HelpRecord.objects.create(supervisee=s, helper=helper, day=TODAY, kind="visit", hours=1, content=f"走访{i}")
    client = login(helper)
    with django_assert_max_num_queries(16):
        page = client.get(reverse("socialwork:mine"))
    assert page.status_code == 200 and "共 26 人" in page.content.decode()
    with django_assert_max_num_queries(10):
        page = client.get(reverse("socialwork:records"))
    assert "共 25 条" in page.content.decode() and "1/2" in page.content.decode()
    for _ in range(3):
        contract(world)
    county = login(world.users["county_officer"])
    with django_assert_max_num_queries(10):
        assert "共 3 份" in county.get(reverse("socialwork:contracts")).content.decode()
