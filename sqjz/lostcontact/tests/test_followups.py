"""Lost-contact cases that follow the person (issue 11 §4 follow-ups): closed by the daily job when the correction
ends, pointed out (not closed) when contact is restored, and carried into the admonition or warning form (or the
proposals page) as the fact of a measure."""

from datetime import date

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.discharge.models import Discharge, Termination
from sqjz.enforcement.models import Fact, Measure
from sqjz.intake.models import Handover
from sqjz.lostcontact import services
from sqjz.lostcontact.models import LostContact
from sqjz.lostcontact.selectors import restored_contacts
from sqjz.lostcontact.tests.test_lostcontact import (
    LAST_CHECKIN,
    at,
    checking_in,
    follow_up,
    items,
    no_show,
    run_daily,
)
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.models import CheckIn
from sqjz.timeline.registry import timeline_for
from tests.factories import SuperviseeFactory


def check_in(person, day: date, key: str = "") -> None:
    CheckIn.objects.create(
        supervisee=person,
        checked_at=at(day, 8),
        checked_on=day,
        latitude="24.35",
        longitude="102.54",
        photo="x.jpg",
        photo_sha256="0" * 64,
        idempotency_key=key or f"r{day:%m%d}",
    )


# ------------------------------------------------------------------------------------------- correction ends


def test_the_daily_job_closes_the_case_of_a_person_whose_correction_ended_on_the_day_it_ended(world, opened, login):
    a = world.people["A"]
    run_daily(date(2026, 11, 21))
    assert items(a).filter(kind="lost_contact_search").exists()
    Termination.objects.create(
        supervisee=a,
        cause="death",
        terminated_on=date(2026, 11, 22),
        basis="死亡医学证明书",
        decided_by=world.users["county_officer"],
    )
    Supervisee.objects.filter(pk=a.pk).update(status=Status.TERMINATED)
    result = run_daily(date(2026, 11, 24))
    assert result.steps["lost_contact_ended"] == 1 and not result.failed
    case = LostContact.objects.get(pk=opened.pk)
    assert case.state == "closed" and case.outcome == "ended" and case.closed_by is None
    assert case.restored_on == date(2026, 11, 22) and "2026年11月22日终止矫正（死亡）" in case.outcome_note
    assert case.measure == "admonition"  # 5 days, stored for the whole span like any closing
    assert not items(a).exists()  # no lost-contact duty left in any inbox
    assert run_daily(date(2026, 11, 25)).steps["lost_contact_ended"] == 0  # idempotent
    titles = [e.title for e in timeline_for(a)]
    assert any("矫正终止（解除、终止矫正）" in t for t in titles)
    with time_machine.travel(at(date(2026, 11, 25))):
        page = login(world.users["county_officer"]).get(reverse("lostcontact:person", args=[a.pk])).content.decode()
    assert "矫正终止，系统自动结案" in page and "提出训诫/警告" not in page


def test_a_discharge_without_a_recorded_date_closes_the_case_on_the_day_of_the_job(world, opened):
    a = world.people["A"]
    Supervisee.objects.filter(pk=a.pk).update(status=Status.DISCHARGED)
    run_daily(date(2026, 11, 23))
    case = LostContact.objects.get(pk=opened.pk)
    assert case.outcome == "ended" and case.restored_on == date(2026, 11, 23) and "日期未登记" in case.outcome_note


def test_a_recorded_discharge_gives_its_date(world, opened):
    a = world.people["A"]
    Discharge.objects.create(
        supervisee=a,
        discharged_on=date(2026, 11, 21),
        resettlement_body="玉兴街道安置帮教工作站",
        handed_over_on=date(2026, 11, 21),
        decided_by=world.users["county_officer"],
    )
    Supervisee.objects.filter(pk=a.pk).update(status=Status.DISCHARGED)
    run_daily(date(2026, 11, 23))
    case = LostContact.objects.get(pk=opened.pk)
    assert case.restored_on == date(2026, 11, 21) and "解除矫正（矫正期满）" in case.outcome_note


def test_an_officer_cannot_close_with_the_outcome_kept_for_the_daily_job(world, opened, login):
    a = world.people["A"]
    with time_machine.travel(at(date(2026, 11, 21))):
        response = login(world.users["office_officer"]).post(
            reverse("lostcontact:close", args=[a.pk]), {"outcome": "ended", "restored_on": "2026-11-21"}
        )
    assert response.status_code == 400 and "请选择查找结果" in response.content.decode()
    assert LostContact.objects.get(pk=opened.pk).is_open


# ------------------------------------------------------------------------------------------- contact restored


def test_a_check_in_after_the_last_day_of_contact_is_pointed_out_and_the_close_form_pre_filled(world, login):
    person = checking_in(world)
    run_daily(date(2026, 11, 13))
    case = LostContact.objects.get(supervisee=person)
    check_in(person, date(2026, 11, 15))
    check_in(person, date(2026, 11, 16))
    run_daily(date(2026, 11, 16))
    restored = items(person, "lost_contact_restored").get()
    assert restored.subject_label == f"{person.name}（2026年11月15日签到）"
    assert restored.actor_unit_id == person.judicial_office_id
    assert not items(person, "lost_contact_search").exists() and not items(person, "lost_contact_police").exists()
    with time_machine.travel(at(date(2026, 11, 16), 10)):
        page = (
            login(world.users["office_officer"]).get(reverse("lostcontact:person", args=[person.pk])).content.decode()
        )
    assert "该对象已于2026年11月15日签到，已恢复联系" in page
    assert 'value="2026-11-15"' in page and '<option value="returned" selected>' in page
    assert LostContact.objects.get(pk=case.pk).is_open  # the officer closes it, not the system


def test_the_days_stop_counting_at_the_restored_contact(world):
    """Out of contact from 11-10, back with a check-in on 11-13: on 11-25, with the case still open, the county is
    not told the warning ground (more than 10 days) was reached; the office is told to close the case."""
    person = checking_in(world)
    run_daily(date(2026, 11, 13))
    check_in(person, date(2026, 11, 13))
    run_daily(date(2026, 11, 25))
    assert items(person, "lost_contact_restored").exists()
    assert not items(person, "lost_contact_warning").exists()
    assert not items(person, "lost_contact_revocation").exists()


def test_a_follow_up_that_reached_the_person_points_to_found(world):
    person = checking_in(world)
    run_daily(date(2026, 11, 13))
    follow_up(world, person, date(2026, 11, 14), reached=True)
    case = LostContact.objects.get(supervisee=person)
    contact = restored_contacts([case])[person.pk]
    assert (contact.day, contact.label, contact.outcome) == (date(2026, 11, 14), "经核实联系上本人", "found")


def test_contact_on_or_before_the_last_day_is_not_restored_contact(world):
    person = checking_in(world)
    run_daily(date(2026, 11, 13))
    case = LostContact.objects.get(supervisee=person)
    assert case.since == LAST_CHECKIN and restored_contacts([case]) == {}


def test_the_report_in_of_a_no_show_is_restored_contact(world):
    person = no_show(world)
    handover = Handover.objects.create(supervisee=person, search_started_on=date(2026, 11, 3), search_note="电话关机")
    run_daily(date(2026, 11, 4))
    case = LostContact.objects.get(supervisee=person)
    handover.reported_on = date(2026, 11, 6)
    handover.save()
    contact = restored_contacts([case])[person.pk]
    assert (contact.day, contact.label, contact.outcome) == (date(2026, 11, 6), "报到", "returned")


def test_the_page_takes_the_same_queries_however_many_check_ins_follow(world, login):
    person = checking_in(world)
    run_daily(date(2026, 11, 13))
    check_in(person, date(2026, 11, 14))
    client = login(world.users["office_officer"])
    url = reverse("lostcontact:person", args=[person.pk])
    with time_machine.travel(at(date(2026, 11, 20), 10)):
        client.get(url)
        with CaptureQueriesContext(connection) as few:
            client.get(url)
        for day in range(15, 20):
            check_in(person, date(2026, 11, day))
        with CaptureQueriesContext(connection) as more:
            client.get(url)
    assert len(more) == len(few)


# ------------------------------------------------------------------------------------ proposing from the span


def test_the_case_page_links_to_the_admonition_form_with_the_span_as_its_fact(world, opened, login):
    a = world.people["A"]
    client = login(world.users["office_officer"])
    with time_machine.travel(at(date(2026, 11, 20), 10)):
        page = client.get(reverse("lostcontact:person", args=[a.pk])).content.decode()
        link = reverse("enforcement:case", args=[a.pk]) + f"?lost_contact={opened.pk}#propose"
        assert "提出训诫/警告" in page and link in page
        form = client.get(reverse("enforcement:case", args=[a.pk]), {"lost_contact": opened.pk}).content.decode()
    assert "最后联系日2026年11月17日，至今失联3日，尚未恢复联系（失联查找）" in form
    assert 'data-testid="lost-contact-offer"' in form and "按失联天数应提请训诫" in form
    assert 'value="admonition" selected' in form and "checked" in form.split(f'value="l{opened.pk}"')[1][:60]
    assert "张三" not in link and "lost_contact" in link  # only the case id travels in the URL


def test_proposing_on_the_span_records_it_once_as_a_lost_contact_fact(world, opened, login):
    a = world.people["A"]
    client = login(world.users["office_officer"])
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        services.lost_contact_close(
            actor=world.users["office_officer"], supervisee=a, outcome="found", restored_on=date(2026, 11, 20), note=""
        )
        response = client.post(
            reverse("enforcement:propose", args=[a.pk]),
            {"kind": "admonition", "facts": [f"l{opened.pk}"], "proposal": "失联3日，经教育有悔改"},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(reverse("lostcontact:person", args=[a.pk])).content.decode()
    assert "提出训诫/警告" in page  # from the closed case too
    measure = Measure.objects.get(supervisee=a)
    fact = measure.facts.get()
    assert (fact.kind, fact.source, fact.occurred_on, fact.out_of_contact_until) == (
        "lost_contact",
        "lost_contact",
        date(2026, 11, 17),
        date(2026, 11, 20),
    )
    assert fact.record_ref == f"lostcontact:{opened.pk}" and "失联3日" in fact.description
    with time_machine.travel(at(date(2026, 11, 21), 11)):
        client = login(world.users["office_officer"])  # a new session (the idle timeout)
        form = client.get(reverse("enforcement:case", args=[a.pk]), {"lost_contact": opened.pk}).content.decode()
    assert f'value="l{opened.pk}"' not in form and f'value="{fact.pk}"' in form  # the recorded fact, not a new one
    assert Fact.objects.filter(supervisee=a, kind="lost_contact").count() == 1


def test_a_case_of_another_person_is_neither_offered_nor_accepted(world, opened, login):
    other = SuperviseeFactory(judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
    client = login(world.users["office_officer"])
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        form = client.get(reverse("enforcement:case", args=[other.pk]), {"lost_contact": opened.pk}).content.decode()
        assert f'value="l{opened.pk}"' not in form and 'data-testid="lost-contact-offer"' not in form
        response = client.post(
            reverse("enforcement:propose", args=[other.pk]),
            {"kind": "admonition", "facts": [f"l{opened.pk}"], "proposal": "x"},
        )
        assert client.get(reverse("enforcement:case", args=[other.pk]), {"lost_contact": "x1"}).status_code == 200
    assert response.status_code == 400 and "所选事实不属于该矫正对象" in response.content.decode()
    assert not Measure.objects.filter(supervisee=other).exists()


def test_past_a_month_the_case_page_points_to_the_proposals_page(world, login):
    a = world.people["A"]
    with time_machine.travel(at(date(2026, 11, 20))):
        services.lost_contact_open(
            actor=world.users["office_officer"], supervisee=a, since=date(2026, 10, 1), reasons="长期联系不上"
        )
        page = login(world.users["office_officer"]).get(reverse("lostcontact:person", args=[a.pk])).content.decode()
    assert "提请撤销/收监" in page and reverse("proposals:person", args=[a.pk]) in page
    assert "提出训诫/警告" not in page


def test_procurators_get_no_proposing_link(world, opened, login):
    with time_machine.travel(at(date(2026, 11, 20), 10)):
        page = login(world.users["procurator"]).get(reverse("lostcontact:person", args=[world.people["A"].pk]))
    assert "提出训诫/警告" not in page.content.decode()
