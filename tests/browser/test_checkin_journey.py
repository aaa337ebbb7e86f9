"""journeys.md: 陈刚 checks in with a selfie and his phone's position, answering a spot check within its window;
李娜 opens the app for him, finds the day he missed in her inbox, records the follow-up call, and the item closes."""

from datetime import datetime, time, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from sqjz.core.photos import photo_path
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.models import LevelDecision
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.models import AppEnrolment, CheckIn, TravelLeave
from tests.browser.conftest import sign_in
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

WAREHOUSE = {"latitude": 24.3512, "longitude": 102.5417, "accuracy": 18}


def selfie() -> bytes:
    """A photo as a phone camera takes it: large, to be shrunk in the browser before upload."""
    out = BytesIO()
    Image.radial_gradient("L").resize((2400, 1800)).convert("RGB").save(out, "JPEG", quality=95)
    return out.getvalue()


def test_check_in_from_the_phone_and_follow_up_a_missed_day(live_world, page, browser, live_server):
    person = live_world.people["A"]
    today = timezone.localdate()
    LevelDecision.objects.create(
        supervisee=person,
        level="strict",
        effective_from=today - timedelta(days=10),
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons="入矫不满2个月",
        decided_by=live_world.users["office_officer"],
    )

    # 李娜 opens the phone app for him and reads out the one-time password.
    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/supervisees/{person.pk}/")
    page.locator("#main").get_by_role("link", name="手机签到").click()
    page.get_by_role("button", name="开通手机签到").click()
    username = page.get_by_test_id("app-username").inner_text()
    password = page.get_by_test_id("password-value").inner_text()
    # In the afternoon she asks him for a spot check.
    page.get_by_role("button", name="发起抽查").click()
    expect(page.get_by_test_id("spot-check-result")).to_contain_text("等待应答")

    # He had been checking in for a while and missed yesterday.
    AppEnrolment.objects.filter(supervisee=person).update(enrolled_on=today - timedelta(days=3))
    day_before = today - timedelta(days=2)
    CheckIn.objects.create(
        supervisee=person,
        checked_at=timezone.make_aware(datetime.combine(day_before, time(9, 0))),
        checked_on=day_before,
        latitude="24.351200",
        longitude="102.541700",
        photo="photos/none.jpg",
        photo_sha256="0" * 64,
        idempotency_key="earlier-check-in",
    )

    # 陈刚, on a cheap phone: signs in, checks in with a selfie at the warehouse.
    phone = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        geolocation=WAREHOUSE,
        permissions=["geolocation"],
    )
    phone.set_default_timeout(10_000)
    mobile = phone.new_page()
    mobile.base_url = live_server.url
    sign_in(mobile, username, password)
    assert "今日尚未签到" in mobile.get_by_test_id("today-status").inner_text()
    assert "1次未按要求签到" in mobile.get_by_test_id("missed").inner_text()
    assert "司法所抽查" in mobile.get_by_test_id("spot-check").inner_text()
    mobile.get_by_role("link", name="立即签到").click()
    expect(mobile.get_by_test_id("location-status")).to_contain_text("已获取位置")  # the phone answers later
    submit = mobile.get_by_role("button", name="提交签到")
    assert submit.is_disabled()  # no photo yet
    mobile.locator("#checkin-photo").set_input_files(
        {"name": "IMG_0001.jpg", "mimeType": "image/jpeg", "buffer": selfie()}
    )
    expect(submit).to_be_enabled()  # once the photo is shrunk (a string predicate would be eval, which the CSP refuses)
    submit.click()
    expect(mobile.get_by_role("alert").filter(has_text="已应答抽查")).to_be_visible()
    expect(mobile.get_by_test_id("spot-check")).to_have_count(0)
    assert "今日已签到" in mobile.get_by_test_id("today-status").inner_text()
    phone.close()

    checkin = CheckIn.objects.get(supervisee=person, checked_on=today)
    assert (float(checkin.latitude), float(checkin.longitude), checkin.accuracy) == (24.3512, 102.5417, 18)
    assert checkin.photo_state == CheckIn.PhotoState.PENDING
    checkin_photo_task.call(checkin.pk)  # the task worker's part
    checkin.refresh_from_db()
    stored = Image.open(BytesIO(photo_path(checkin.photo).read_bytes()))
    assert max(stored.size) <= 1280  # shrunk on the phone before upload

    # Next morning's job: 李娜's inbox shows the missed day with its rule; she records the call.
    inbox_refresh()
    item = InboxItem.objects.get(supervisee=person, kind="checkin", state="open")
    page.goto(f"{page.base_url}/?kind=checkin")
    row = page.locator("tr", has_text=person.name)
    assert "未按要求签到的核实" in row.inner_text() and "CHECKIN_MISSED" not in row.inner_text()
    row.get_by_role("link").first.click()
    expect(page.locator("#main")).to_contain_text("共2次")
    assert "已应答" in page.get_by_test_id("spot-check-result").inner_text()
    page.locator("#followup_method").select_option(label="电话联系")
    page.locator("#followup_reached").check()
    page.locator("#followup_finding").fill("本人称昨日手机没电，已提醒按时签到。")
    page.get_by_role("button", name="保存核实情况").click()
    expect(page.get_by_role("alert")).to_contain_text("已办结")
    item.refresh_from_db()
    assert item.state == "closed"
    expect(page.get_by_test_id("deadline")).to_contain_text("按要求签到，无需核实")


def enrolled_phone(world, browser, live_server, *, level: str, reasons: str, days_on_level: int, **device):
    """Person A on `level` since `days_on_level` days, enrolled for phone check-ins by 李娜, and a phone (a browser
    context at the warehouse, `device` adding e.g. is_mobile) at the live server: (context, page, password)."""
    from sqjz.supervision.checkins.services import app_enrol

    person, officer = world.people["A"], world.users["office_officer"]
    LevelDecision.objects.create(
        supervisee=person,
        level=level,
        effective_from=timezone.localdate() - timedelta(days=days_on_level),
        rule="SUPERVISION_LEVEL",
        articles="实施办法（分类管理）",
        reasons=reasons,
        decided_by=officer,
    )
    _, password = app_enrol(actor=officer, supervisee=person)
    phone = browser.new_context(
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport={"width": 360, "height": 740},
        geolocation=WAREHOUSE,
        permissions=["geolocation"],
        **device,
    )
    phone.set_default_timeout(10_000)
    mobile = phone.new_page()
    mobile.base_url = live_server.url
    return phone, mobile, password


def test_travel_applied_for_from_the_phone_is_approved_and_reported_back(live_world, page, browser, live_server):
    person = live_world.people["A"]
    phone, mobile, password = enrolled_phone(
        live_world, browser, live_server, level="ordinary", reasons="无严管情形", days_on_level=100
    )
    sign_in(mobile, live_world.users["supervisee"].username, password)
    mobile.get_by_role("link", name="外出申请").click()
    start = (timezone.localdate() + timedelta(days=1)).isoformat()
    mobile.locator("#own_travel_purpose").select_option(label="就医")
    mobile.locator("#own_travel_destination").fill("昆明市")
    mobile.locator("#own_travel_start").fill(start)
    mobile.locator("#own_travel_days").fill("5")
    mobile.locator("#own_travel_reason").fill("母亲住院，前往陪护")
    mobile.locator("#own_travel_evidence").fill("医院住院通知书")
    mobile.locator("#own_travel_evidence_photo").set_input_files(
        {"name": "notice.jpg", "mimeType": "image/jpeg", "buffer": selfie()}
    )
    mobile.get_by_role("button", name="提交申请").click()
    expect(mobile.get_by_role("alert")).to_contain_text("已提交外出申请")
    expect(mobile.get_by_test_id("leave-status").first).to_have_text("待审批")

    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/?kind=travel_decision")
    page.locator("tr", has_text=person.name).get_by_role("link").first.click()
    leave = page.get_by_test_id("leave").first
    assert "本人手机申请" in leave.inner_text() and "查看照片" in leave.inner_text()
    leave.get_by_test_id("decide").click()
    expect(page.get_by_test_id("leave-status").first).to_have_text("已批准")

    mobile.reload()
    expect(mobile.get_by_test_id("leave-status").first).to_have_text("已批准")
    assert "最晚" in mobile.get_by_test_id("my-leaves").inner_text()
    evidence = Image.open(BytesIO(photo_path(TravelLeave.objects.get(supervisee=person).evidence_photo).read_bytes()))
    assert max(evidence.size) <= 1600  # made smaller on the phone, still legible

    # Back from Kunming: the home page shows the leave under way; he reports back (销假) with a check-in at home.
    TravelLeave.objects.filter(supervisee=person).update(start=timezone.localdate())
    mobile.get_by_role("link", name="玉溪市社区矫正").click()
    expect(mobile.get_by_test_id("leave-status")).to_have_text("外出中")
    mobile.get_by_test_id("return-button").click()
    expect(mobile.get_by_test_id("location-status")).to_contain_text("已获取位置")
    mobile.locator("#checkin-photo").set_input_files({"name": "home.jpg", "mimeType": "image/jpeg", "buffer": selfie()})
    expect(mobile.get_by_role("button", name="提交签到")).to_be_enabled()
    mobile.get_by_role("button", name="提交签到").click()
    expect(mobile.get_by_role("alert").filter(has_text="销假成功")).to_contain_text("签到编号")
    expect(mobile.get_by_test_id("leave-status").first).to_have_text("已销假")
    phone.close()
    page.reload()
    expect(page.get_by_test_id("leave-status").first).to_have_text("已销假")
