"""Issue 13 §1: reminders without a third-party push service. The person allows notifications on the phone's home
page; the service worker asks what is due, shows it as a notification and reports it shown; the office sees it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from sqjz.supervision.models import AppEnrolment, CheckInReminder
from tests.browser.conftest import sign_in
from tests.browser.test_checkin_journey import enrolled_phone
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_the_phone_shows_the_check_in_due_and_the_office_sees_the_reminder(live_world, page, browser, live_server):
    person = live_world.people["A"]
    phone, mobile, password = enrolled_phone(
        live_world, browser, live_server, level="strict", reasons="入矫不满2个月", days_on_level=10, is_mobile=True
    )
    AppEnrolment.objects.filter(supervisee=person).update(enrolled_on=timezone.localdate() - timedelta(days=3))
    sign_in(mobile, live_world.users["supervisee"].username, password)
    phone.grant_permissions(["notifications"])
    mobile.goto(f"{live_server.url}{reverse('mobile:home')}")
    expect(mobile.get_by_test_id("checkin-due")).to_contain_text("尚未签到")
    reminders = mobile.get_by_test_id("reminders")
    expect(reminders).to_have_attribute("data-enabled", "1")  # permission granted: the worker is registered
    expect(reminders).to_contain_text("签到提醒已开启")
    # The service worker fetched what is due, showed it and reported it shown.
    for _ in range(50):
        if CheckInReminder.objects.filter(supervisee=person, kind="checkin").exists():
            break
        mobile.wait_for_timeout(200)
    assert CheckInReminder.objects.filter(supervisee=person, kind="checkin").count() == 1
    phone.close()

    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{live_server.url}{reverse('supervision:checkins', args=[person.pk])}")
    expect(page.get_by_test_id("reminders").get_by_test_id("reminder-result")).to_have_text("等待签到")
