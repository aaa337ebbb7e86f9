"""The demo's lost-contact cases (issue 11, Demo): in 玉兴 a case on its 12th day, opened by the missed check-ins,
with two search attempts and the police notified; in 星云 a case closed on the third day, the person found."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from sqjz.demo import course
from sqjz.documents.models import Document
from sqjz.lostcontact.models import LostContact
from sqjz.lostcontact.selectors import open_case

TODAY = date(2026, 11, 28)


def test_the_yuxing_case_is_on_day_twelve_and_the_xingyun_case_closed_found_on_day_three(world):
    a, c = world.people["A"], world.people["C"]
    users = {"lina": world.users["office_officer"], "zhouli": world.users["office_officer"]}
    with time_machine.travel(datetime(2026, 11, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        course._seed_lost_contact(a, today=TODAY, users=users)
        course._seed_closed_lost_contact([c], today=TODAY, users=users)
    case = LostContact.objects.get(supervisee=a)
    assert (TODAY - case.since).days == 12 and case.trigger == "checkins" and case.opened_by is None
    assert case.trigger_rule == "LOST_CONTACT_START" and case.attempts.count() == 2
    assert case.police_notified_on == case.opened_on.replace(day=case.opened_on.day + 1)
    assert Document.objects.filter(supervisee=a, kind="lost_contact_notice").count() == 1
    assert open_case(a.pk).case_id == case.pk
    closed = LostContact.objects.get(supervisee=c)
    assert closed.state == "closed" and closed.outcome == "found" and (closed.restored_on - closed.since).days == 3
    assert closed.measure == "admonition" and "实施办法第三十四条" in closed.measure_articles
