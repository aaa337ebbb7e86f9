"""Issue 13, done means: the person checks in from the phone with his own face, which matches his report-in photo;
someone else's face is flagged for review; 李娜 sees both photos side by side and the positions on the county's map,
and records that it was a stand-in;
a 销假 from outside the home area is refused with its rule."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from sqjz.core.photos import photo_store
from sqjz.inbox.models import InboxItem
from sqjz.intake.models import Handover
from sqjz.mobile.tests.test_phone_pages import leave
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.models import CheckIn
from sqjz.supervision.tests.test_faces import FACES, collins, hopper
from tests.browser.conftest import sign_in
from tests.browser.test_checkin_journey import enrolled_phone
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def large(jpeg: bytes) -> bytes:
    """As a phone camera takes it: several times larger (shrunk again on the phone before upload)."""
    original = Image.open(BytesIO(jpeg))
    out = BytesIO()
    original.resize((original.width * 3, original.height * 3)).save(out, "JPEG", quality=92)
    return out.getvalue()


def check_in(mobile, picture: bytes) -> None:
    mobile.goto(f"{mobile.base_url}{reverse('mobile:checkin')}")
    expect(mobile.get_by_test_id("location-status")).to_contain_text("已获取位置")
    mobile.locator("#checkin-photo").set_input_files({"name": "IMG.jpg", "mimeType": "image/jpeg", "buffer": picture})
    expect(mobile.get_by_role("button", name="提交签到")).to_be_enabled()
    mobile.get_by_role("button", name="提交签到").click()
    expect(mobile.get_by_role("alert").first).to_contain_text("签到")


def test_a_stand_ins_face_is_flagged_and_the_officer_rejects_the_check_in(live_world, page, browser, live_server):
    person = live_world.people["A"]
    relative = f"photos/{person.pk}/report-in.jpg"
    photo_store(relative, (FACES / "astronaut.jpg").read_bytes())
    Handover.objects.update_or_create(supervisee=person, defaults={"photo": relative})
    phone, mobile, password = enrolled_phone(
        live_world, browser, live_server, level="strict", reasons="入矫不满2个月", days_on_level=10, is_mobile=True
    )
    sign_in(mobile, live_world.users["supervisee"].username, password)
    check_in(mobile, large(collins()))
    check_in(mobile, large(hopper()))  # 再次签到: someone else holds the phone
    phone.close()
    for pk in CheckIn.objects.filter(supervisee=person).order_by("pk").values_list("pk", flat=True):
        checkin_photo_task.call(pk)  # the task worker's part
    own, other = CheckIn.objects.filter(supervisee=person).order_by("pk")
    assert (own.face_result, other.face_result) == ("match", "mismatch")
    assert own.photo_taken_at is not None  # the file's time, sent by the phone before the photo was made smaller
    assert InboxItem.objects.filter(supervisee=person, kind="checkin_review", state="open").exists()

    sign_in(page, "office_officer", PASSWORD)
    page.goto(f"{page.base_url}/?kind=checkin_review")
    page.locator("tr", has_text=person.name).get_by_role("link").first.click()
    review = page.get_by_test_id("face-review")
    expect(review).to_have_count(1)
    expect(review.get_by_test_id("concerns")).to_contain_text("签到照片人脸与报到照片不一致")
    for name in ("报到照片", "签到照片"):
        shown = review.get_by_role("img", name=name)
        expect(shown).to_be_visible()
        # The photo itself, not a broken link (fetched one at a time: the test server shares one SQLite connection
        # between its threads, and the browser's two parallel image requests sometimes broke one of them).
        served = page.request.get(page.base_url + shown.get_attribute("src"))
        assert served.status == 200 and served.headers["content-type"] == "image/jpeg"
        assert served.body()[:3] == b"\xff\xd8\xff"
    results = page.get_by_test_id("face-result")
    expect(results.filter(has_text="与报到照片一致")).to_have_count(1)
    # Both positions on the map of the county, drawn from the vendored boundaries (no internet).
    expect(page.get_by_test_id("checkin-map")).to_have_attribute("data-ready", "1")
    expect(page.get_by_test_id("checkin-map").locator("canvas").first).to_be_visible()
    review.get_by_label("核实非本人签到（不计为签到）").check()
    review.get_by_label("核实情况").fill("视频通话核实，系他人代为签到，已对本人批评教育。")
    review.get_by_role("button", name="保存核实结果").click()
    expect(page.get_by_role("alert")).to_contain_text("已登记")
    expect(page.get_by_test_id("face-review")).to_have_count(0)
    expect(results.filter(has_text="核实非本人签到")).to_have_count(1)
    assert not InboxItem.objects.filter(supervisee=person, kind="checkin_review", state="open").exists()


def test_reporting_back_from_outside_the_home_area_is_refused_with_its_rule(live_world, page, browser, live_server):
    person = live_world.people["A"]
    phone, mobile, password = enrolled_phone(
        live_world, browser, live_server, level="ordinary", reasons="无严管情形", days_on_level=100, is_mobile=True
    )
    away = leave(person, start=timezone.localdate() - timedelta(days=1), recorded_by=live_world.users["office_officer"])
    phone.set_geolocation({"latitude": 25.04, "longitude": 102.71, "accuracy": 25})  # still in 昆明
    sign_in(mobile, live_world.users["supervisee"].username, password)
    mobile.get_by_test_id("return-button").click()
    expect(mobile.get_by_test_id("location-status")).to_contain_text("已获取位置")
    mobile.locator("#checkin-photo").set_input_files({"name": "IMG.jpg", "mimeType": "image/jpeg", "buffer": hopper()})
    mobile.get_by_role("button", name="提交签到").click()
    warning = mobile.get_by_role("alert").filter(has_text="未能销假")
    expect(warning).to_contain_text("不在居住地（红塔区、江川区）范围内")
    expect(warning).to_contain_text("实施办法第二十六条")
    expect(mobile.get_by_test_id("leave-status").first).to_have_text("外出中")
    phone.close()
    away.refresh_from_db()
    assert away.status == "approved" and CheckIn.objects.filter(supervisee=person).count() == 1
