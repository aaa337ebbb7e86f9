"""Reminders (issue 13 §1): the phone page and the API say what is due and by when (CHECKIN_DUE, an open spot
check); the phone reports a reminder it showed, once; the office sees reminders shown and whether a check-in
followed. The service worker itself runs in the browser test (tests/browser/test_reminders.py)."""

from datetime import timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone

from sqjz.supervision.models import CheckInReminder, SpotCheck
from sqjz.supervision.tests.test_checkins import ENROLLED, at, enrol
from sqjz.supervision.tests.test_faces import positioned

DAY = ENROLLED + timedelta(days=1)


def test_the_phone_is_told_what_is_due_and_by_when_and_reports_a_reminder_once(world, login):
    person, _ = enrol(world)
    phone = login(world.users["supervisee"])
    with time_machine.travel(at(DAY, 8)):
        due = phone.get(reverse("api:reminder_list"))
        assert due.status_code == 200 and due["X-CSRFToken"]
        [reminder] = due.json()
        assert reminder["kind"] == "checkin" and not reminder["shown"]
        assert reminder["body"] == f"本期（{DAY.month}月{DAY.day}日）尚未签到，请于{DAY:%Y年%-m月%-d日}24时前签到"
        assert timezone.localtime(timezone.datetime.fromisoformat(reminder["due_by"])) == at(DAY + timedelta(days=1), 0)
        home = phone.get(reverse("mobile:home")).content.decode()
        assert reminder["body"] in home and 'data-testid="reminders"' in home
        for _ in range(2):  # a second report of the same reminder records nothing more
            shown = phone.post(reverse("api:reminder_shown"), {"kind": "checkin", "due_by": reminder["due_by"]})
            assert shown.status_code == 201
        assert phone.get(reverse("api:reminder_list")).json()[0]["shown"] is True
        refused = phone.post(reverse("api:reminder_shown"), {"kind": "checkin", "due_by": at(DAY, 12).isoformat()})
        assert refused.status_code == 400 and refused.json()["field"] == "kind"  # nothing due then: no history
    assert CheckInReminder.objects.filter(supervisee=person).count() == 1
    # After the check-in the period is done: nothing to remind of.
    positioned(world, "remind-key-01", "24.351234", "102.541234", "20", hour=8, minute=10)
    with time_machine.travel(at(DAY, 8, 20)):
        assert phone.get(reverse("api:reminder_list")).json() == []
        assert phone.get(reverse("mobile:service_worker"))["Content-Type"].startswith("text/javascript")


def test_a_spot_check_is_reminded_and_the_office_sees_a_reminder_not_answered(world, login):
    person, _ = enrol(world)
    phone = login(world.users["supervisee"])
    with time_machine.travel(at(DAY, 15)):
        spot = SpotCheck.objects.create(
            supervisee=person,
            requested_at=timezone.now(),
            answer_by=timezone.now() + timedelta(minutes=30),
            requested_by=world.users["office_officer"],
        )
        kinds = [r["kind"] for r in phone.get(reverse("api:reminder_list")).json()]
        assert kinds == ["checkin", "spot_check"]
        phone.post(reverse("api:reminder_shown"), {"kind": "spot_check", "due_by": spot.answer_by.isoformat()})
    with time_machine.travel(at(DAY, 16)):
        page = login(world.users["office_officer"]).get(reverse("supervision:checkins", args=[person.pk]))
    assert [r.answered for r in page.context["reminders"]] == [False]
    assert 'data-testid="reminder-result"><strong>提醒后仍未签到</strong>' in page.content.decode()


def test_a_lenient_person_sees_the_weeks_period_not_today():
    from datetime import date

    from sqjz.statute.rules.checkin import checkin_due

    decision = checkin_due(
        None,
        since=date(2026, 11, 2),
        today=date(2026, 11, 28),
        levels=[(date(2026, 5, 1), "lenient")],
        checkin_days=[],
    )
    assert decision.explain().endswith("本期（11月23日至11月29日）尚未签到，请于2026年11月29日24时前签到")
