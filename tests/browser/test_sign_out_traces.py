"""What one user typed stays with that user: an unsaved draft (sessionStorage) and htmx's copies of pages
(localStorage) are forgotten when the user signs out, and when another user signs in in the same tab (decision 0012).
The same user signing in again after the session expired still finds the draft."""

import json
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser
SECRET = "王秘密"
DRAFT = "sqjz-draft:investigation-new"


def type_a_draft(page):
    page.goto(page.base_url + reverse("investigation:create"))
    page.locator("form[data-guard] [name=name]").fill(SECRET)
    assert SECRET in (page.evaluate(f"sessionStorage.getItem('{DRAFT}')") or "")
    # htmx keeps copies of the pages it swapped in localStorage; one as it stores them
    cache = json.dumps([{"url": "/supervisees/?q=zs", "content": SECRET, "title": "", "scroll": 0}])
    page.evaluate(f"localStorage.setItem('htmx-history-cache', {json.dumps(cache)})")


def the_form_of(page):
    page.goto(page.base_url + reverse("investigation:create"))
    return page.locator("form[data-guard] [name=name]")


def test_after_signing_out_the_next_user_finds_the_form_empty(live_world, page):
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" for the unsaved form
    sign_in(page, "office_officer", PASSWORD)
    type_a_draft(page)
    page.get_by_role("button", name="office_officer用户").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    sign_in(page, "county_officer", PASSWORD)
    expect(the_form_of(page)).to_have_value("")
    assert page.evaluate(f"sessionStorage.getItem('{DRAFT}')") is None
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") is None


def test_another_user_signing_in_after_the_session_ended_finds_the_form_empty(live_world, page):
    sign_in(page, "office_officer", PASSWORD)
    type_a_draft(page)
    page.context.clear_cookies()  # the session ended without signing out (idle timeout, closed session)
    sign_in(page, "county_officer", PASSWORD)
    expect(the_form_of(page)).to_have_value("")
    assert page.evaluate("localStorage.getItem('htmx-history-cache')") is None


def test_the_same_user_signing_in_again_finds_the_draft(live_world, page):
    sign_in(page, "office_officer", PASSWORD)
    type_a_draft(page)
    page.context.clear_cookies()
    sign_in(page, "office_officer", PASSWORD)
    expect(the_form_of(page)).to_have_value(SECRET)
