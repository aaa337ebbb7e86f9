"""Assistance (帮扶): a needs assessment decides what the person is eligible for (ASSISTANCE_ELIGIBILITY); a case is
opened only for an eligible kind, referred to the body responsible and moved forward to an outcome with dated steps; the
coverage report (应保尽保) counts per office, county and city and names only those the user may see; the inbox asks
for the assessment after report-in and for the follow-up of a referral."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from sqjz.assistance import services
from sqjz.assistance.models import AssistanceCase, AssistanceStep, NeedsAssessment
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import Handover
from sqjz.timeline.registry import timeline_for
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.django_db

UNEMPLOYED = {"assessed_on": TODAY.isoformat(), "work": "unemployed", "wants_training": "on", "insured": "on"}


def assess(w, person, *, actor="office_officer", day=TODAY, **findings) -> NeedsAssessment:
    return services.assessment_record(
        actor=w.users[actor],
        supervisee=person,
        assessment=NeedsAssessment(assessed_on=day, **({"work": "unemployed", "insured": True} | findings)),
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@time_machine.travel(TODAY)
def test_an_unemployed_person_gets_a_training_referral_tracked_to_completion(world):
    a = world.people["A"]
    office = client_for(world.users["office_officer"])
    assert office.post(reverse("assistance:assess", args=[a.pk]), UNEMPLOYED).status_code == 302
    page = office.get(reverse("assistance:person", args=[a.pk])).content.decode()
    assert "职业技能培训" in page and "就业指导和推介" in page and "人力资源社会保障部门" in page
    assert "帮扶需求与责任部门" in page and "社区矫正法第五十五条" in page  # the rule's title and article
    assert "ASSISTANCE_ELIGIBILITY</" not in page  # the code only as a tooltip
    # Not eligible: 低保 is refused with the rule's reason.
    opened = {"kind": "minimum_living", "opened_on": TODAY.isoformat()}
    response = office.post(reverse("assistance:open", args=[a.pk]), opened)
    assert response.status_code == 400
    assert "最低生活保障：不符合条件（须家庭生活困难、收入低于当地最低生活保障标准" in response.content.decode()
    response = office.post(reverse("assistance:open", args=[a.pk]), opened | {"kind": "vocational_training"})
    assert response.status_code == 302
    case = AssistanceCase.objects.get(supervisee=a)
    assert (case.kind, case.body, case.status, case.handler) == (
        "vocational_training",
        "hrss",
        "open",
        world.users["office_officer"],
    )
    step = reverse("assistance:step", args=[case.pk])
    # Forward only: no completion before the referral.
    response = office.post(step, {"action": "complete", "day": TODAY.isoformat(), "note": "结业"})
    assert response.status_code == 400 and "办理事项" in response.content.decode()
    assert office.post(step, {"action": "refer", "day": TODAY.isoformat(), "note": "送转介函"}).status_code == 302
    assert office.post(step, {"action": "start", "day": TODAY.isoformat(), "note": "参加电工培训班"}).status_code == 302
    assert office.post(step, {"action": "note", "day": TODAY.isoformat(), "note": "电话回访"}).status_code == 302
    done = {"action": "complete", "day": TODAY.isoformat(), "note": "结业，取得电工证"}
    assert office.post(step, done).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.referred_on, case.started_on, case.outcome_on) == ("completed", TODAY, TODAY, TODAY)
    assert case.outcome == "结业，取得电工证"
    assert list(case.steps.values_list("status", flat=True)) == ["open", "referred", "in_progress", "", "completed"]
    assert "已转介人力资源社会保障部门：送转介函" in AssistanceStep.objects.get(case=case, status="referred").note
    page = office.get(reverse("assistance:case", args=[case.pk])).content.decode()
    assert "已完成" in page and "结业，取得电工证" in page and 'data-testid="step-form"' not in page
    # The timeline tells the assessment, the opening and the outcome.
    titles = [e.title for e in timeline_for(a) if e.kind == "assistance"]
    assert any("帮扶需求评估（入矫评估）：职业技能培训、就业指导和推介" in t for t in titles)
    assert any(t.startswith("帮扶立案：职业技能培训") for t in titles)
    assert any(t.startswith("帮扶办结（已完成）：职业技能培训") for t in titles)


@time_machine.travel(TODAY)
def test_dates_are_not_in_the_future_nor_before_the_previous_step(world):
    a, officer = world.people["A"], world.users["office_officer"]
    assess(world, a, day=TODAY - timedelta(days=10), wants_training=True)
    office = client_for(officer)
    future = UNEMPLOYED | {"assessed_on": (TODAY + timedelta(days=1)).isoformat()}
    response = office.post(reverse("assistance:assess", args=[a.pk]), future)
    assert response.status_code == 400 and "日期不能晚于今天。" in response.content.decode()
    earlier = UNEMPLOYED | {"assessed_on": (TODAY - timedelta(days=11)).isoformat()}
    response = office.post(reverse("assistance:assess", args=[a.pk]), earlier)
    assert response.status_code == 400 and "日期不能早于上次评估日期" in response.content.decode()
    case = services.case_open(
        actor=officer, supervisee=a, kind="job_referral", body="hrss", opened_on=TODAY - timedelta(days=5), note=""
    )
    services.case_step(actor=officer, case=case, action="refer", day=TODAY - timedelta(days=3), note="转介")
    before = {"action": "start", "day": (TODAY - timedelta(days=4)).isoformat(), "note": "推荐岗位"}
    response = office.post(reverse("assistance:step", args=[case.pk]), before)
    assert response.status_code == 400 and "日期不能早于该个案上一次登记的日期" in response.content.decode()
    blank = {"action": "decline", "day": TODAY.isoformat(), "note": ""}
    response = office.post(reverse("assistance:step", args=[case.pk]), blank)
    assert response.status_code == 400 and "请填写情况" in response.content.decode()
    # One unfinished case a kind.
    again = {"kind": "job_referral", "opened_on": TODAY.isoformat()}
    response = office.post(reverse("assistance:open", args=[a.pk]), again)
    assert response.status_code == 400 and "已有尚未办结的就业指导和推介帮扶" in response.content.decode()
    # A new assessment replaces the standing one: a change of circumstances.
    assess(world, a, work="employed", insured=False)
    assert NeedsAssessment.objects.get(supervisee=a, current=True).occasion == "change"
    assert NeedsAssessment.objects.filter(supervisee=a).count() == 2


@time_machine.travel(TODAY)
def test_the_social_worker_handles_the_cases_of_her_people_only(world):
    a, m, worker = world.people["A"], world.people["M"], world.users["social_worker"]
    assess(world, a, actor="social_worker", wants_training=True)
    client = client_for(worker)
    page = client.get(reverse("assistance:person", args=[a.pk])).content.decode()
    assert 'data-testid="case-form"' in page and 'data-testid="assessment-form"' in page
    response = client.post(
        reverse("assistance:open", args=[a.pk]), {"kind": "vocational_training", "opened_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    assert AssistanceCase.objects.get(supervisee=a).handler == worker
    assert client.get(reverse("assistance:person", args=[m.pk])).status_code == 404  # not hers (and a minor)
    assert client.post(reverse("assistance:assess", args=[m.pk]), UNEMPLOYED).status_code == 404
    assert client.get(reverse("assistance:list")).status_code == 403  # the area's list is the casework's
    assert "职业技能培训" in client.get(reverse("assistance:mine")).content.decode()
    # The office may give a case to the person's social worker.
    assess(world, a, wants_training=True, needs_legal_aid=True)
    office = client_for(world.users["office_officer"])
    opened = {"kind": "legal_aid", "opened_on": TODAY.isoformat(), "handler": worker.pk}
    assert office.post(reverse("assistance:open", args=[a.pk]), opened).status_code == 302
    assert AssistanceCase.objects.get(kind="legal_aid").handler == worker
    # Readers without the capability see no form.
    city = client_for(world.users["city_officer"]).get(reverse("assistance:person", args=[a.pk])).content.decode()
    assert 'data-testid="case-form"' not in city and 'data-testid="assessment-form"' not in city


@time_machine.travel(TODAY)
def test_coverage_counts_per_office_county_and_city_and_names_only_whom_the_user_sees(world):
    a, m, b, officer = world.people["A"], world.people["M"], world.people["B"], world.users["office_officer"]
    assess(world, a, income_below_minimum=True, wants_training=True)  # 低保 and training
    assess(world, m, income_below_minimum=True, compulsory_education_completed=False)  # a minor: 低保, schooling
    assess(world, b, actor="county_officer", income_below_minimum=True)
    case = services.case_open(
        actor=officer, supervisee=a, kind="minimum_living", body="civil_affairs", opened_on=TODAY, note=""
    )
    services.case_step(actor=officer, case=case, action="refer", day=TODAY, note="递交低保申请")
    url = reverse("assistance:coverage")
    office = client_for(officer).get(url, {"kind": "minimum_living"}).content.decode()
    assert a.name in office and m.name in office  # the office names its own people, minors too
    services.case_step(actor=officer, case=case, action="complete", day=TODAY, note="已纳入低保")
    county = client_for(world.users["county_officer"])
    page = county.get(url, {"kind": "minimum_living"})
    by_unit = {u.pk: c for u, c in page.context["rows"]}
    assert (by_unit[world.yuxing.pk].eligible, by_unit[world.yuxing.pk].covered) == (2, 1)
    assert by_unit[world.units["fenghuang"].pk].uncovered == 1
    city = client_for(world.users["city_officer"])
    page = city.get(url)
    by_kind = {code: c for code, _, c in page.context["by_kind"]}
    [(agency, total)] = page.context["rows"]  # one county with needs; the city's rows are its counties
    assert agency == world.units["hongta_agency"] and total.eligible == sum(c.eligible for c in by_kind.values())
    minimum = by_kind["minimum_living"]
    assert (minimum.eligible, minimum.covered, minimum.uncovered) == (3, 1, 2)
    drill = city.get(url, {"county": world.hongta.pk, "office": world.yuxing.pk}).content.decode()
    assert "未成年人（档案保密）" in drill and m.name not in drill and a.name in drill  # A: training not covered
    assert client_for(world.users["other_county_officer"]).get(url).context["by_kind"][0][2].eligible == 0
    assert client_for(world.users["social_worker"]).get(url).status_code == 403


@time_machine.travel(TODAY)
def test_the_inbox_asks_for_the_assessment_and_the_follow_up_of_a_referral(world):
    a, officer, worker = world.people["A"], world.users["office_officer"], world.users["social_worker"]
    Handover.objects.create(supervisee=a, reported_on=TODAY - timedelta(days=20))
    inbox_refresh(area="assistance", ids=[a.pk])
    item = InboxItem.objects.get(kind="assistance_assessment", state="open")
    assert item.due == date(2026, 12, 7) and item.actor_unit == world.yuxing and item.supervisee == a  # 30 days
    assert "地方做法，非法定期限" in item.reasons
    assess(world, a, day=TODAY - timedelta(days=80), wants_training=True)
    assert not InboxItem.objects.filter(kind="assistance_assessment", state="open").exists()
    case = services.case_open(
        actor=officer,
        supervisee=a,
        kind="vocational_training",
        body="hrss",
        opened_on=TODAY - timedelta(days=80),
        note="",
        handler=worker,
    )
    services.case_step(actor=worker, case=case, action="refer", day=TODAY - timedelta(days=75), note="转介")
    item = InboxItem.objects.get(kind="assistance_follow_up", state="open")
    assert item.actor_user == worker and item.due == TODAY - timedelta(days=15)  # 60 days after the referral
    home = client_for(worker).get(reverse("workbench:home")).content.decode()
    assert "帮扶转介跟进" in home and "职业技能培训" in home
    services.case_step(actor=worker, case=case, action="start", day=TODAY, note="开始培训")
    assert not InboxItem.objects.filter(kind="assistance_follow_up", state="open").exists()  # next one in 60 days


@time_machine.travel(TODAY)
def test_the_list_searches_filters_and_stays_within_its_query_budget(world, django_assert_max_num_queries):
    officer = world.users["office_officer"]
    for i in range(25):
        person = SuperviseeFactory(
            name=f"帮扶{i:02d}", judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"]
        )
        assess(world, person, wants_training=True)
        services.case_open(
            actor=officer, supervisee=person, kind="vocational_training", body="hrss", opened_on=TODAY, note=""
        )
    client = client_for(world.users["county_officer"])
    with django_assert_max_num_queries(10):
        page = client.get(reverse("assistance:list"))
    text = page.content.decode()
    assert "共 25 件" in text and "1/2" in text
    assert "帮扶07" in client.get(reverse("assistance:list"), {"q": "帮扶07"}).content.decode()
    assert (
        "共 25 件"
        in client.get(reverse("assistance:list"), {"status": "open", "kind": "vocational_training"}).content.decode()
    )
    assert "没有符合条件的帮扶个案" in client.get(reverse("assistance:list"), {"status": "completed"}).content.decode()
    assert (
        client_for(world.users["other_county_officer"]).get(reverse("assistance:list")).context["page"].paginator.count
        == 0
    )
