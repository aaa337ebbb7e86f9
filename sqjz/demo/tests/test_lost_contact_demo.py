"""The demo's lost-contact cases (issue 11, Demo): in 玉兴 a case on its 12th day, opened by the missed check-ins,
with two search attempts and the police notified, and one whose person checked in again yesterday, waiting for the
office to close it; in 星云 a case closed on the third day, the person found."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from sqjz.demo import course
from sqjz.documents.models import Document
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.lostcontact.models import LostContact
from sqjz.lostcontact.selectors import open_case
from sqjz.supervision.models import CheckIn

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


def test_the_yuxing_person_back_since_yesterday_waits_for_the_office_to_close_the_case(world):
    b = world.people["A"]
    users = {"lina": world.users["office_officer"]}
    yesterday = TODAY - timedelta(days=1)
    with time_machine.travel(datetime(2026, 11, 28, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        CheckIn.objects.create(
            supervisee=b,
            checked_at=datetime(2026, 11, 27, 8, tzinfo=ZoneInfo("Asia/Shanghai")),
            checked_on=yesterday,
            latitude="24.35",
            longitude="102.54",
            photo="x.jpg",
            photo_sha256="0" * 64,
            idempotency_key="back",
        )
        course._seed_returned(b, today=TODAY, users=users)
        inbox_refresh(area="lostcontact", ids=[b.pk])
    case = LostContact.objects.get(supervisee=b)
    assert case.is_open and (TODAY - case.since).days == course.RETURNED_AWAY_DAYS + 1
    item = InboxItem.objects.get(supervisee=b, kind="lost_contact_restored", state="open")
    assert "签到" in item.subject_label
