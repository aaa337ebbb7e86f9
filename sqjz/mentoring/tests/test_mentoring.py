"""The "511" mentoring scheme: a change the person reports on the phone opens an occasion for the mentor's visit
(五必访, MENTORING_OCCASION_OF_CHANGE) and a to-do named to the mentor (MENTORING_VISIT_DUE); the mentor records the
visit in person; an unvisited occasion goes to the office (MENTORING_VISIT_ESCALATION); figures per department."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring import selectors, services
from sqjz.mentoring.models import ChangeReport, Trigger, Visit
from sqjz.supervisees.models import CaseAssignment
from sqjz.timeline.registry import timeline_for

TODAY = date(2026, 11, 25)  # a Wednesday
pytestmark = pytest.mark.django_db


def _items(kind):
    return InboxItem.objects.filter(kind=kind, state=InboxItem.State.OPEN)


def _visit(**fields):
    values = {
        "visited_on": TODAY,
        "manner": "home_visit",
        "place": "张三家中",
        "findings": "新工作为物流分拣，作息正常",
    }
    return Visit(**(values | fields))


@time_machine.travel(TODAY)
def test_a_job_change_reported_on_the_phone_becomes_the_mentors_visit_and_the_visit_closes_it(world, login):
    a, mentor = world.people["A"], world.users["mentor"]
    client = login(world.users["supervisee"])
    response = client.post(
        reverse("mobile:changes"),
        {"change": "job_change", "happened_on": "2026-11-24", "content": "从仓储中心离职，到玉兴物流公司做分拣员"},
    )
    assert response.status_code == 302
    report = ChangeReport.objects.get(supervisee=a)
    trigger = Trigger.objects.get(supervisee=a)
    assert (trigger.occasion, trigger.source, trigger.known_on) == ("job_change", "phone", TODAY)
    assert trigger.change_report == report
    item = _items("mentoring_visit").get()
    assert item.actor_user == mentor and item.subject_id == trigger.pk
    assert item.due == date(2026, 12, 2)  # MENTORING_VISIT_DUE: 7 days, a working day
    assert _items("change_report_read").get().actor_unit_id == a.judicial_office_id
    assert not _items("mentoring_follow_up").exists()

    # The mentor finds it on the home page and the occasion's page, and records the visit.
    page = login(mentor).get(reverse("workbench:home")).content.decode()
    assert "五必访待走访" in page and a.name in page
    page = login(mentor).get(reverse("mentoring:trigger", args=[trigger.pk])).content.decode()
    assert 'data-testid="visit-form"' in page and "从仓储中心离职" in page
    response = login(mentor).post(
        reverse("mentoring:visit", args=[a.pk]),
        {"trigger": trigger.pk, "visited_on": "2026-11-25", "manner": "home_visit", "findings": "新工作稳定，家人支持"},
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.trigger == trigger and visit.mentor == mentor
    assert not _items("mentoring_visit").exists()
    assert any("结对干警上门走访" in e.title for e in timeline_for(a))

    # The office reads the report.
    client = login(world.users["office_officer"])
    assert client.post(reverse("mentoring:change_read", args=[a.pk, report.pk])).status_code == 302
    assert not _items("change_report_read").exists()


@time_machine.travel(TODAY)
def test_a_residence_change_is_for_the_office_not_an_occasion(world, login):
    report = services.change_report_own(
        user=world.users["supervisee"], change="residence", happened_on=TODAY, content="搬到玉兴路12号租房居住"
    )
    assert not Trigger.objects.exists() and not hasattr(report, "trigger")
    page = login(world.users["office_officer"]).get(reverse("mentoring:change", args=[report.pk])).content.decode()
    assert "变更执行地" in page


@time_machine.travel(TODAY)
def test_the_phone_refuses_bad_reports_naming_the_field(world, login):
    client = login(world.users["supervisee"])
    future = (TODAY + timedelta(days=1)).isoformat()
    response = client.post(
        reverse("mobile:changes"), {"change": "job_change", "happened_on": future, "content": "换工作了，新单位"}
    )
    assert response.status_code == 400 and "发生日期不能晚于今天" in response.content.decode()
    response = client.post(
        reverse("mobile:changes"), {"change": "job_change", "happened_on": "2026-11-24", "content": "换"}
    )
    assert response.status_code == 400 and "具体情况至少10个字" in response.content.decode()
    response = client.post(
        reverse("mobile:changes"), {"change": "lottery", "happened_on": "2026-11-24", "content": "x" * 20}
    )
    assert response.status_code == 400
    assert not ChangeReport.objects.exists()


@time_machine.travel(TODAY)
def test_a_visit_must_be_in_person_by_the_paired_mentor_and_not_before_the_occasion(world, login):
    a, mentor = world.people["A"], world.users["mentor"]
    trigger = services.trigger_record(
        actor=world.users["office_officer"],
        supervisee=a,
        occasion="family_event",
        source="office",
        detail="父亲病逝，情绪低落，村委会反映",
        known_on=TODAY - timedelta(days=2),
    )
    with pytest.raises(services.MentoringError, match="电话联系不能代替走访"):
        services.visit_record(actor=mentor, supervisee=a, visit=_visit(manner="phone_call"), trigger_id=trigger.pk)
    with pytest.raises(services.MentoringError, match="不能早于知悉情形的日期"):
        services.visit_record(
            actor=mentor, supervisee=a, visit=_visit(visited_on=TODAY - timedelta(days=3)), trigger_id=trigger.pk
        )
    other = world.users["county_police"]
    with pytest.raises(services.MentoringError, match="只有结对干警"):
        services.visit_record(actor=other, supervisee=a, visit=_visit(), trigger_id=trigger.pk)
    # A phone call of the mentor's own accord is contact, recorded without an occasion.
    services.visit_record(actor=mentor, supervisee=a, visit=_visit(manner="phone_call"))
    assert selectors.person_triggers(a)[0].state == "待走访" and Visit.objects.get().trigger is None
    # The page refuses the same in words, keeping what was typed.
    response = login(mentor).post(
        reverse("mentoring:visit", args=[a.pk]),
        {"trigger": trigger.pk, "visited_on": "2026-11-25", "manner": "phone_call", "findings": "电话询问了家里的情况"},
    )
    assert response.status_code == 400
    assert "电话联系不能代替走访" in response.content.decode() and "电话询问了家里的情况" in response.content.decode()


def test_an_unvisited_occasion_goes_to_the_office_and_one_without_a_mentor_at_once(world):
    a, m = world.people["A"], world.people["M"]
    office = world.users["office_officer"]
    with time_machine.travel(TODAY):
        trigger = services.trigger_record(
            actor=office,
            supervisee=a,
            occasion="hardship",
            source="screening",
            detail="排查发现失业三个月，房租拖欠",
            known_on=TODAY,
        )
        assert not _items("mentoring_follow_up").exists()
        lonely = services.trigger_record(
            actor=office,
            supervisee=m,
            occasion="thought",
            source="office",
            detail="与同学冲突后情绪波动明显",
            known_on=TODAY,
        )
        follow = _items("mentoring_follow_up").get()
        assert follow.subject_id == lonely.pk and follow.actor_unit_id == m.judicial_office_id
        assert "尚未确定结对干警" in follow.reasons
    # Due Wednesday 2 December; escalated three days later (MENTORING_ESCALATE_DAYS), a Saturday: Monday 7th.
    with time_machine.travel(date(2026, 12, 5)):
        inbox_refresh(area="mentoring")
        assert not _items("mentoring_follow_up").filter(subject_id=trigger.pk).exists()
    with time_machine.travel(date(2026, 12, 7)):
        inbox_refresh(area="mentoring")
        assert _items("mentoring_follow_up").filter(subject_id=trigger.pk).exists()
        assert _items("mentoring_visit").filter(subject_id=trigger.pk).exists()  # still the mentor's too
        assert selectors.person_triggers(a)[0].state == "逾期督办"


@time_machine.travel(TODAY)
def test_a_personal_report_read_as_showing_ideological_fluctuation_opens_an_occasion(world, login):
    from sqjz.education import services as education

    report = education.report_submit_own(
        user=world.users["supervisee"], content="这个月工作不顺心，觉得做什么都没意思，想一走了之。"
    )
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("education:report_read", args=[world.people["A"].pk, report.pk]),
        {"reply": "已约谈", "occasion": "thought"},
    )
    assert response.status_code == 302
    trigger = Trigger.objects.get()
    assert trigger.source == "report" and "想一走了之" in trigger.detail
    assert _items("mentoring_visit").get().actor_user == world.users["mentor"]


@time_machine.travel(TODAY)
def test_only_the_office_records_occasions_and_the_mentor_sees_only_their_people(world, login):
    a, b = world.people["A"], world.people["B"]
    response = login(world.users["other_office_officer"]).post(
        reverse("mentoring:trigger_new", args=[a.pk]),
        {"occasion": "job_change", "source": "office", "known_on": "2026-11-25", "detail": "换了工作单位，待核实"},
    )
    assert response.status_code == 404
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("mentoring:trigger_new", args=[a.pk]),
        {"occasion": "job_change", "source": "office", "known_on": "2026-11-26", "detail": "换了工作单位，待核实"},
    )
    assert response.status_code == 400 and "知悉日期不能晚于今天" in response.content.decode()
    mentor = login(world.users["mentor"])
    page = mentor.get(reverse("mentoring:mine")).content.decode()
    assert a.name in page and b.name not in page
    assert mentor.get(reverse("mentoring:person", args=[b.pk])).status_code == 404
    assert login(world.users["volunteer"]).get(reverse("mentoring:person", args=[a.pk])).status_code == 403


@time_machine.travel(TODAY)
def test_the_department_report_counts_pairs_occasions_and_visits(world, login):
    a, m = world.people["A"], world.people["M"]
    office, mentor = world.users["office_officer"], world.users["mentor"]
    t1 = services.trigger_record(
        actor=office,
        supervisee=a,
        occasion="job_change",
        source="office",
        detail="换了工作单位，已核实",
        known_on=TODAY - timedelta(days=20),
    )
    services.trigger_record(
        actor=office,
        supervisee=a,
        occasion="contacts",
        source="checkin",
        detail="签到时发现与涉毒人员来往",
        known_on=TODAY - timedelta(days=1),
    )
    services.trigger_record(
        actor=office,
        supervisee=m,
        occasion="thought",
        source="office",
        detail="与同学冲突后情绪波动明显",
        known_on=TODAY - timedelta(days=10),
    )
    services.visit_record(
        actor=mentor, supervisee=a, visit=_visit(visited_on=TODAY - timedelta(days=15)), trigger_id=t1.pk
    )
    rows = {r.department: r for r in selectors.department_report(office, date(2026, 1, 1), TODAY)}
    police = rows["公安"]
    assert (police.pairs, police.mentor_count, police.occasions, police.visited, police.due, police.overdue) == (
        1,
        1,
        2,
        1,
        1,
        0,
    )
    assert (rows["其他"].occasions, rows["其他"].overdue) == (1, 1)  # M has no mentor; known 10 days ago
    page = login(world.users["county_head"]).get(reverse("mentoring:report")).content.decode()
    assert 'data-testid="department-公安"' in page
    page = login(world.users["county_head"]).get(
        reverse("mentoring:report"), {"start": "2026-12-01", "end": "2026-01-01"}
    )
    assert "起始日期不能晚于截止日期" in page.content.decode()


@time_machine.travel(TODAY)
def test_a_new_pairing_takes_over_the_open_visit(world):
    a = world.people["A"]
    trigger = services.trigger_record(
        actor=world.users["office_officer"],
        supervisee=a,
        occasion="job_change",
        source="office",
        detail="换了工作单位，已核实",
        known_on=TODAY,
    )
    from sqjz.accounts.models import Role
    from sqjz.supervisees import services as register
    from tests.factories import UserFactory

    office = world.users["office_officer"]
    other = UserFactory(username="mentor2", role=Role.MENTOR, unit=world.units["hongta_police"])
    with pytest.raises(register.RegisterError, match="已由mentor用户结对帮教"):
        register.assignment_add(actor=office, supervisee=a, kind="mentor", user_id=other.pk)
    pair = CaseAssignment.objects.get(supervisee=a, kind="mentor")
    register.assignment_end(actor=office, supervisee=a, assignment_id=pair.pk)
    assert _items("mentoring_follow_up").filter(subject_id=trigger.pk).exists()  # unpaired: the office's, at once
    register.assignment_add(actor=office, supervisee=a, kind="mentor", user_id=other.pk)
    assert _items("mentoring_visit").get().actor_user == other
    assert not _items("mentoring_follow_up").exists()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@time_machine.travel(TODAY)
def test_the_mentors_page_and_the_report_query_the_same_for_few_or_many(world, login):
    from tests.factories import SuperviseeFactory

    mentor, office = world.users["mentor"], world.users["office_officer"]

    def more(n):
        for _ in range(n):
            s = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
            CaseAssignment.objects.create(supervisee=s, user=mentor, kind="mentor")
            services.trigger_record(
                actor=office,
                supervisee=s,
                occasion="hardship",
                source="office",
                detail="失业后生活困难，房租拖欠",
                known_on=TODAY,
            )

    more(2)
    counts = (_queries(login(mentor), reverse("mentoring:mine")), _queries(login(office), reverse("mentoring:report")))
    more(8)
    assert (
        _queries(login(mentor), reverse("mentoring:mine")),
        _queries(login(office), reverse("mentoring:report")),
    ) == counts


@time_machine.travel(TODAY)
def test_a_screening_finding_and_a_relief_case_open_occasions_for_the_mentor(world, login):
    from sqjz.assistance import services as assistance
    from sqjz.assistance.models import NeedsAssessment

    a = world.people["A"]
    county = login(world.users["county_officer"])
    data = {"name": "2026年第四季度常规排查", "kind": "regular", "starts_on": "2026-11-20", "ends_on": "2026-12-20"}
    assert county.post(reverse("safety:create"), data).status_code == 302
    from sqjz.safety.models import ScreeningCampaign

    url = reverse("safety:screening", args=[ScreeningCampaign.objects.get().pk, a.pk])
    office = login(world.users["office_officer"])
    finding = {"screened_on": "2026-11-24", "method": "visit", "outcome": "attention", "occasion": "contacts"}
    response = office.post(url, finding | {"note": "近期与多名吸毒前科人员来往密切"})
    assert response.status_code == 302
    trigger = Trigger.objects.get(source="screening")
    assert trigger.occasion == "contacts" and "吸毒前科" in trigger.detail and trigger.known_on == date(2026, 11, 24)

    officer = world.users["office_officer"]
    assistance.assessment_record(
        actor=officer,
        supervisee=a,
        assessment=NeedsAssessment(assessed_on=TODAY, work="unemployed", insured=True, severe_hardship=True),
    )
    assistance.case_open(
        actor=officer, supervisee=a, kind="temporary_relief", body="civil_affairs", opened_on=TODAY, note="家中失火"
    )
    relief = Trigger.objects.get(source="assistance")
    assert relief.occasion == "hardship" and "临时救助" in relief.detail
    assert _items("mentoring_visit").filter(subject_id=relief.pk, actor_user=world.users["mentor"]).exists()
