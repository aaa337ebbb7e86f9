"""Lost-contact cases: opened by the daily job from the facts (missed check-ins the follow-up did not reach, a person
who did not report in), counted day by day into the grounds and the inbox with no one touching them, searched for
attempt by attempt, notified to the police and the procuratorate, and closed with the measure for the whole span."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_daily
from sqjz.intake.models import Handover, LevelDecision
from sqjz.lostcontact import services
from sqjz.lostcontact.models import LostContact, SearchAttempt
from sqjz.lostcontact.selectors import contact_spans, open_case
from sqjz.outbox.models import Delivery
from sqjz.supervisees.models import CorrectionType, Status
from sqjz.supervision.models import AppEnrolment, CheckIn, CheckInFollowUp
from tests.factories import SuperviseeFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")
ENROLLED = date(2026, 11, 2)  # a Monday
LAST_CHECKIN = date(2026, 11, 10)  # a Tuesday; 11-11 missed, follow-up due 11-12


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def checking_in(world, person=None, last=LAST_CHECKIN):
    """A person on daily check-ins from ENROLLED who checked in every day up to `last`."""
    person = person or world.people["A"]
    officer = world.users["office_officer"]
    LevelDecision.objects.create(
        supervisee=person,
        level="strict",
        effective_from=date(2026, 10, 1),
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="测试",
        decided_by=officer,
    )
    AppEnrolment.objects.create(supervisee=person, enrolled_on=ENROLLED, enrolled_by=officer)
    day = ENROLLED + timedelta(days=1)
    while day <= last:
        CheckIn.objects.create(
            supervisee=person,
            checked_at=at(day),
            checked_on=day,
            latitude="24.35",
            longitude="102.54",
            photo="x.jpg",
            photo_sha256="0" * 64,
            idempotency_key=f"k{day:%m%d}",
        )
        day += timedelta(days=1)
    return person


def follow_up(world, person, on: date, reached: bool):
    CheckInFollowUp.objects.create(
        supervisee=person,
        followed_up_on=on,
        method="phone",
        reached=reached,
        finding="电话核实",
        recorded_by=world.users["office_officer"],
    )


def no_show(world):
    """A person of 玉兴 whose judgment took effect on 2026-10-20 and who has not reported in."""
    effective = date(2026, 10, 20)
    return SuperviseeFactory(
        status=Status.PENDING_REPORT,
        judicial_office=world.yuxing,
        deciding_authority=world.units["hongta_court"],
        offence_date=effective - timedelta(days=200),
        judgment_effective_date=effective,
        term_start=effective,
        term_end=effective + timedelta(days=365),
    )


def run_daily(day: date):
    with time_machine.travel(at(day, 1)):
        return inbox_daily()


def items(person, kind=None):
    found = InboxItem.objects.filter(supervisee=person, state=InboxItem.State.OPEN, kind__startswith="lost_contact")
    return found.filter(kind=kind) if kind else found


# --------------------------------------------------------------------------------------------- the daily job


def test_missed_check_ins_open_one_case_once_the_follow_up_deadline_passes(world):
    person = checking_in(world)
    assert run_daily(date(2026, 11, 12)).steps["lost_contact"] == 0  # the follow-up is due today
    assert run_daily(date(2026, 11, 13)).steps["lost_contact"] == 1
    case = LostContact.objects.get(supervisee=person)
    assert case.since == LAST_CHECKIN and case.trigger == "checkins" and case.opened_by is None
    assert case.trigger_rule == "LOST_CONTACT_START" and "社区矫正法第三十条" in case.trigger_articles
    assert run_daily(date(2026, 11, 13)).steps["lost_contact"] == 0  # idempotent: one open case per person
    assert run_daily(date(2026, 11, 14)).steps["lost_contact"] == 0
    assert LostContact.objects.filter(supervisee=person).count() == 1
    search = items(person, "lost_contact_search").get()
    assert search.subject_label == f"{person.name}（第4日）" and search.actor_unit_id == person.judicial_office_id
    assert items(person, "lost_contact_police").get().due == date(2026, 11, 14)


def test_a_follow_up_that_did_not_reach_the_person_opens_the_case_the_same_night(world):
    person = checking_in(world)
    follow_up(world, person, date(2026, 11, 12), reached=False)
    assert run_daily(date(2026, 11, 12)).steps["lost_contact"] == 1


def test_no_case_for_a_person_the_follow_up_reached(world):
    person = checking_in(world)
    follow_up(world, person, date(2026, 11, 12), reached=True)
    assert run_daily(date(2026, 11, 13)).steps["lost_contact"] == 0
    assert not LostContact.objects.filter(supervisee=person).exists()


def test_a_person_who_did_not_report_in_and_is_searched_for_gets_a_case(world):
    person = no_show(world)
    Handover.objects.create(supervisee=person, search_started_on=date(2026, 11, 3), search_note="电话关机")
    run_daily(date(2026, 11, 4))
    case = LostContact.objects.get(supervisee=person)
    assert case.trigger == "no_show" and case.since == date(2026, 10, 30)  # the report-in deadline (10 days)


def test_day_eleven_reaches_the_warning_ground_and_the_county_duty_with_no_one_touching_it(world):
    person = checking_in(world)
    for day in range(13, 21):
        run_daily(date(2026, 11, day))
    assert not items(person, "lost_contact_warning").exists()  # 11-20: day 10, still an admonition ground
    run_daily(date(2026, 11, 21))  # day 11
    warning = items(person, "lost_contact_warning").get()
    assert warning.actor_unit_id == person.judicial_office.parent_id  # the county agency
    assert warning.due == date(2026, 11, 21) and warning.rule == "LOST_CONTACT_LEVEL"
    assert "实施办法第三十五条" in warning.articles
    assert items(person, "lost_contact_search").get().subject_label.endswith("（第11日）")
    assert not items(person, "lost_contact_revocation").exists()
    run_daily(date(2026, 12, 11))  # a month after 11-10 ends on 12-10: probation revocation ground
    assert items(person, "lost_contact_revocation").get().due == date(2026, 12, 11)


# ------------------------------------------------------------------------------------------ the case's work


def test_an_officer_opens_searches_notifies_and_closes_as_found(world, opened, login):
    a, officer = world.people["A"], world.users["office_officer"]
    client = login(officer)
    with time_machine.travel(at(date(2026, 11, 20), 15)):
        response = client.post(
            reverse("lostcontact:attempt", args=[a.pk]),
            {"attempted_at": "2026-11-20T10:00", "method": "family", "contacted": "母亲 李某", "result": "不知去向"},
        )
        assert response.status_code == 302
        response = client.post(reverse("lostcontact:notify", args=[a.pk]), {"note": ""})
        assert response.status_code == 302
        page = client.get(reverse("lostcontact:person", args=[a.pk])).content.decode()
    notice = Document.objects.get(supervisee=a, kind=Document.Kind.LOST_CONTACT_NOTICE)
    case = LostContact.objects.get(pk=opened.pk)
    assert case.police_notified_on == date(2026, 11, 20) and case.notice == notice
    assert notice.content["recipient"].endswith("公安局") and any("人民检察院" in c for c in notice.content["copy_to"])
    pushed = Delivery.objects.get(kind="lost_contact_notice")  # to the police's interface, or on paper (decision 0042)
    assert (
        pushed.agency.name.endswith("公安局") and pushed.document == notice and pushed.payload["search_attempts"] == 1
    )
    assert (
        "第3日" in page
        and "训诫情形" in page
        and "未按时报到、脱离监管的处理" in page
        and "LOST_CONTACT_LEVEL" not in page.split("title=")[0]
    )
    with time_machine.travel(at(date(2026, 11, 21), 9)):
        client = login(officer)  # a new day's session
        response = client.post(
            reverse("lostcontact:close", args=[a.pk]),
            {"outcome": "found", "restored_on": "2026-11-20", "outcome_note": "在昆明务工，已返回"},
        )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "closed" and case.measure == "admonition" and "实施办法第三十四条" in case.measure_articles
    assert contact_spans(a.pk)[0].until == date(2026, 11, 20) and contact_spans(a.pk)[0].outcome == "查找到本人"
    assert open_case(a.pk) is None
    # A closed case is read-only.
    client = login(officer)
    response = client.post(
        reverse("lostcontact:attempt", args=[a.pk]),
        {"attempted_at": "2026-11-20T11:00", "method": "phone", "contacted": "本人", "result": "接通"},
    )
    assert response.status_code == 400 and "没有正在查找的失联案件" in response.content.decode()
    assert SearchAttempt.objects.filter(case=case).count() == 1


def test_bad_input_gets_a_chinese_message_naming_the_field(world, opened, login):
    client = login(world.users["office_officer"])
    a = world.people["A"]
    with time_machine.travel(at(date(2026, 11, 20))):
        response = client.post(
            reverse("lostcontact:close", args=[a.pk]), {"outcome": "found", "restored_on": "2026-11-10"}
        )
        assert response.status_code == 400 and "恢复联系日期不能早于最后联系日" in response.content.decode()
        response = client.post(
            reverse("lostcontact:open", args=[a.pk]), {"since": "2026-11-18", "trigger_reasons": "x"}
        )
        assert response.status_code == 400 and "已于2026年11月20日启动失联查找" in response.content.decode()
        response = client.post(reverse("lostcontact:attempt", args=[a.pk]), {"attempted_at": "昨天", "method": "phone"})
        assert response.status_code == 400 and "查找时间" in response.content.decode()
        response = client.post(reverse("lostcontact:notify", args=[a.pk]), {})
        assert response.status_code == 302
        response = client.post(reverse("lostcontact:notify", args=[a.pk]), {}, follow=True)
        assert "不能重复通报" in response.content.decode()


def test_the_county_finding_that_a_temporary_release_person_refuses_to_report_grounds_committal(world, login):
    person = SuperviseeFactory(
        correction_type=CorrectionType.TEMPORARY_RELEASE,
        temporary_release_ground="serious_illness",
        judicial_office=world.yuxing,
        deciding_authority=world.units["prison"],
    )
    with time_machine.travel(at(date(2026, 11, 20))):
        services.lost_contact_open(
            actor=world.users["office_officer"], supervisee=person, since=date(2026, 11, 18), reasons="联系不上"
        )
        client = login(world.users["office_officer"])
        url = reverse("lostcontact:refusal", args=[person.pk])
        assert client.post(url, {"refused_found_on": "2026-11-20", "refused_reasons": "拒不报告"}).status_code == 403
        client = login(world.users["county_officer"])
        assert (
            client.post(url, {"refused_found_on": "2026-11-20", "refused_reasons": "经调查拒不报告行踪"}).status_code
            == 302
        )
        page = client.get(reverse("lostcontact:person", args=[person.pk])).content.decode()
    assert "提请收监执行情形" in page
    assert open_case(person.pk).refused_to_report is True


def test_procurators_read_the_cases_of_their_county_only(world, opened, login):
    url = reverse("lostcontact:person", args=[world.people["A"].pk])
    assert login(world.users["procurator"]).get(url).status_code == 200
    assert login(world.users["other_procurator"]).get(url).status_code == 404
    listing = login(world.users["procurator"]).get(reverse("lostcontact:list")).content.decode()
    assert world.people["A"].name in listing
    assert (
        world.people["A"].name
        not in login(world.users["other_procurator"]).get(reverse("lostcontact:list")).content.decode()
    )


def test_the_list_takes_a_fixed_number_of_queries(world, login):
    office = world.users["office_officer"]
    for _ in range(12):
        p = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
        LostContact.objects.create(
            supervisee=p, since=date(2026, 11, 1), trigger="officer", opened_on=date(2026, 11, 2)
        )
    client = login(office)
    client.get(reverse("lostcontact:list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("lostcontact:list"))
    for _ in range(12):
        p = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
        LostContact.objects.create(
            supervisee=p, since=date(2026, 11, 1), trigger="officer", opened_on=date(2026, 11, 2)
        )
    with CaptureQueriesContext(connection) as more:
        response = client.get(reverse("lostcontact:list"))
    assert response.status_code == 200 and len(more) == len(few)


def test_the_daily_step_takes_the_same_few_queries_for_the_whole_city(world):
    from sqjz.lostcontact.services import lost_contact_detect

    def add(n):
        for _ in range(n):
            p = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
            checking_in(world, p, last=date(2026, 11, 20))

    add(2)
    day = date(2026, 11, 21)
    with time_machine.travel(at(day)), CaptureQueriesContext(connection) as few:
        assert lost_contact_detect(day) == 0
    add(8)
    with time_machine.travel(at(day)), CaptureQueriesContext(connection) as more:
        assert lost_contact_detect(day) == 0
    assert len(more) == len(few) <= 10


def test_the_interface_gives_every_span_oldest_first_with_its_measure(world):
    from sqjz.lostcontact.selectors import span_level
    from sqjz.rulebook.selectors import statute_context

    a = world.people["A"]
    LostContact.objects.create(
        supervisee=a,
        since=date(2026, 9, 1),
        trigger="officer",
        opened_on=date(2026, 9, 2),
        state="closed",
        outcome="returned",
        restored_on=date(2026, 9, 14),
    )
    LostContact.objects.create(supervisee=a, since=date(2026, 11, 1), trigger="officer", opened_on=date(2026, 11, 2))
    spans = contact_spans(a.pk)
    assert [(s.since, s.until, s.outcome) for s in spans] == [
        (date(2026, 9, 1), date(2026, 9, 14), "本人返回或主动联系"),
        (date(2026, 11, 1), None, ""),
    ]
    assert open_case(a.pk) == spans[1]
    ctx = statute_context()
    assert span_level(ctx, spans[0], "probation", date(2026, 11, 27)).outcome == "warning"  # 13 days
    assert span_level(ctx, spans[1], "probation", date(2026, 11, 27)).outcome == "warning"  # 26 days so far
    assert span_level(ctx, spans[1], "probation", date(2026, 12, 2)).outcome == "revocation"
