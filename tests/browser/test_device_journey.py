"""Issue 12: 陈刚 checks in each morning without typing a password. He signs in once with the password and binds
his phone; the next morning (the session gone, the phone's credential kept) /app/ opens signed in and he checks in;
李娜 revokes the phone (lost); the next visit asks for the password again and offers binding again."""

import pytest
from playwright.sync_api import expect

from sqjz.accounts.models import DeviceCredential
from sqjz.supervision.models import CheckIn
from tests.browser.conftest import sign_in
from tests.browser.test_checkin_journey import enrolled_phone, selfie
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_a_bound_phone_checks_in_without_a_password_until_the_office_revokes_it(live_world, page, browser, live_server):
    person, officer = live_world.people["A"], live_world.users["office_officer"]
    username = live_world.users["supervisee"].username
    phone, mobile, password = enrolled_phone(
        live_world,
        browser,
        live_server,
        level="strict",
        reasons="入矫不满2个月",
        days_on_level=10,
        is_mobile=True,
        has_touch=True,
    )

    # The first time: the password, then 在本手机上保持登录.
    sign_in(mobile, username, password)
    binding = mobile.get_by_test_id("bind-device")
    expect(binding).to_contain_text("以后签到无需输入密码")
    binding.get_by_role("button", name="在本手机上保持登录").click()
    expect(mobile.get_by_role("alert").filter(has_text="已在本手机上保持登录")).to_be_visible()
    expect(mobile.get_by_test_id("bind-device")).to_have_count(0)
    device = next(c for c in phone.cookies() if c["name"] == "sqjz_device")
    assert device["httpOnly"] and device["sameSite"] == "Lax" and device["expires"] > 0

    # The next morning: the session is gone, the phone's credential is not.
    phone.clear_cookies(name="sessionid")
    assert {c["name"] for c in phone.cookies()} >= {"sqjz_device"}
    mobile.goto(f"{live_server.url}/app/")
    expect(mobile.get_by_test_id("today-status")).to_contain_text("今日尚未签到")
    mobile.get_by_role("link", name="立即签到").click()
    expect(mobile.get_by_test_id("location-status")).to_contain_text("已获取位置")
    mobile.locator("#checkin-photo").set_input_files(
        {"name": "IMG_0002.jpg", "mimeType": "image/jpeg", "buffer": selfie()}
    )
    expect(mobile.get_by_role("button", name="提交签到")).to_be_enabled()
    mobile.get_by_role("button", name="提交签到").click()
    expect(mobile.get_by_role("alert").filter(has_text="签到成功")).to_be_visible()
    assert CheckIn.objects.filter(supervisee=person).count() == 1

    # He reports the phone lost: 李娜 revokes it on his 手机签到 page.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{live_server.url}/supervisees/{person.pk}/")
    page.locator("#main").get_by_role("link", name="手机签到").click()
    row = page.get_by_test_id("device")
    expect(row.get_by_test_id("device-state")).to_have_text("有效")
    row.get_by_label("解除原因").fill("手机丢失")
    row.get_by_test_id("device-revoke").click()
    expect(page.get_by_role("alert")).to_contain_text("已解除")
    expect(page.get_by_test_id("device").get_by_test_id("device-state")).to_contain_text("已解除")
    credential = DeviceCredential.objects.get()
    assert credential.revoked_by == officer and credential.revoke_reason == "手机丢失"

    # The next visit asks for the password again, and offers binding again.
    mobile.goto(f"{live_server.url}/app/checkin/")
    expect(mobile.get_by_label("用户名")).to_be_visible()
    assert "/accounts/login/" in mobile.url
    assert "sqjz_device" not in {c["name"] for c in phone.cookies()}
    sign_in(mobile, username, password)
    expect(mobile.get_by_test_id("bind-device")).to_be_visible()
    phone.close()
