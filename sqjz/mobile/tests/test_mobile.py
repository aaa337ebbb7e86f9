"""The supervisee's phone pages and API: check in with a photo and the phone's position; a retried request is
recorded once; only the person themselves gets in."""

from datetime import date
from io import BytesIO

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sqjz.supervision.models import CheckIn
from sqjz.supervision.tests.test_checkins import at, enrol, jpeg


def photo(data: bytes | None = None):
    return SimpleUploadedFile("selfie.jpg", data if data is not None else jpeg(), content_type="image/jpeg")


def test_a_supervisee_lands_on_the_phone_pages(world, login):
    client = login(world.users["supervisee"])
    assert client.get(reverse("workbench:home")).url == reverse("mobile:home")
    assert 'data-testid="not-enrolled"' in client.get(reverse("mobile:home")).content.decode()


def test_check_in_from_the_phone_page(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21), 9, 2)):
        home = client.get(reverse("mobile:home")).content.decode()
        assert "今日尚未签到" in home and "每天至少签到一次" in home
        form = client.get(reverse("mobile:checkin")).content.decode()
        key = form.split('name="idempotency_key" value="')[1].split('"')[0]
        fields = {"idempotency_key": key, "latitude": "24.351234", "longitude": "102.541234", "accuracy": "12"}
        done = client.post(reverse("mobile:checkin"), fields | {"photo": photo()})
        assert done.status_code == 302
        again = client.post(reverse("mobile:checkin"), fields | {"photo": photo()})  # the same form sent twice
        assert again.status_code == 302
        assert CheckIn.objects.count() == 1
        home = client.get(reverse("mobile:home")).content.decode()
        assert "今日已签到" in home and "09:02" in home


def test_the_phone_page_names_what_is_wrong_and_keeps_the_position(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21))):
        fields = {"idempotency_key": "k" * 32, "latitude": "24.351234", "longitude": "102.541234", "accuracy": "12"}
        bad = client.post(reverse("mobile:checkin"), fields | {"photo": photo(b"GIF89a")})
        body = bad.content.decode()
        assert bad.status_code == 400 and "照片文件无法识别" in body and 'value="24.351234"' in body
        no_position = client.post(reverse("mobile:checkin"), fields | {"latitude": "", "photo": photo()})
        assert no_position.status_code == 400 and "允许定位" in no_position.content.decode()
    assert not CheckIn.objects.exists()


def test_missed_check_ins_are_shown_to_the_person(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 24))):
        body = client.get(reverse("mobile:home")).content.decode()
    assert 'data-testid="missed"' in body and "您有3次未按要求签到" in body


def test_the_api_check_in_is_idempotent(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    url = reverse("api:checkin_create")
    fields = {"latitude": "24.351234", "longitude": "102.541234"}
    with time_machine.travel(at(date(2026, 11, 21))):
        created = client.post(url, fields | {"photo": photo()}, headers={"Idempotency-Key": "api-key-0001"})
        replay = client.post(url, fields | {"photo": photo()}, headers={"Idempotency-Key": "api-key-0001"})
        missing = client.post(url, fields | {"photo": photo()})
        bad = client.post(url, fields | {"photo": photo(b"nope")}, headers={"Idempotency-Key": "api-key-0002"})
        listed = client.get(url).json()
    assert created.status_code == 201 and replay.status_code == 200
    assert replay.json()["id"] == created.json()["id"]
    assert missing.status_code == 422  # the header is required
    assert bad.status_code == 400 and bad.json()["field"] == "photo"
    assert [c["id"] for c in listed] == [created.json()["id"]]


def test_officers_cannot_check_in_for_someone(world, login):
    enrol(world)
    client = login(world.users["office_officer"])
    response = client.post(
        reverse("api:checkin_create"),
        {"latitude": "24.35", "longitude": "102.54", "photo": photo()},
        headers={"Idempotency-Key": "api-key-0003"},
    )
    assert response.status_code == 403
    assert client.post(reverse("mobile:checkin"), {}).status_code == 403
    assert not CheckIn.objects.exists()


def travel_fields(start: str = "2026-11-25", days: str = "5") -> dict:
    return {
        "purpose": "medical",
        "destination": "昆明市",
        "start": start,
        "days": days,
        "reason": "母亲住院，前往陪护",
        "evidence": "医院住院通知书",
    }


def test_apply_for_travel_from_the_phone_with_a_photo_of_the_evidence(world, login):
    from sqjz.audit.models import AccessLog
    from sqjz.inbox.models import InboxItem
    from sqjz.supervision.models import TravelLeave

    person, _ = enrol(world)
    client = login(world.users["supervisee"])
    url = reverse("mobile:travel")
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        bad = client.post(url, travel_fields() | {"evidence_photo": photo(b"not a photo")})
        assert bad.status_code == 400 and "照片文件无法识别" in bad.content.decode()
        late = client.post(url, travel_fields(start="2026-11-20") | {"evidence_photo": photo()})
        assert late.status_code == 400 and "外出起始日不能早于申请日期" in late.content.decode()
        assert "昆明市" in late.content.decode()  # what was typed is kept
        done = client.post(url, travel_fields() | {"evidence_photo": photo()})
        assert done.status_code == 302
        again = client.post(url, travel_fields(start="2026-12-01") | {"evidence_photo": photo()})
        assert again.status_code == 400 and "正在审批" in again.content.decode()
        page = client.get(url).content.decode()
    leave = TravelLeave.objects.get(supervisee=person)
    assert (leave.status, leave.level, leave.applied_on) == ("pending", "judicial_office", date(2026, 11, 21))
    assert leave.recorded_by == world.users["supervisee"] and "待审批" in page
    assert InboxItem.objects.filter(supervisee=person, kind="travel_decision", state="open").exists()
    officer = login(world.users["office_officer"])
    before = AccessLog.objects.count()
    shown = officer.get(reverse("supervision:travel_evidence", args=[leave.pk]))
    assert shown.status_code == 200
    with Image.open(BytesIO(b"".join(shown.streaming_content))) as shown_image:  # re-encoded, the same picture
        assert (shown_image.format, shown_image.size) == ("JPEG", (64, 64))
    assert AccessLog.objects.count() == before + 1
    assert "本人手机申请" in officer.get(reverse("supervision:travel", args=[person.pk])).content.decode()
    assert (
        login(world.users["other_office_officer"])
        .get(reverse("supervision:travel_evidence", args=[leave.pk]))
        .status_code
        == 404
    )


def test_report_back_from_the_phone_with_a_check_in(world, login):
    from sqjz.supervision.models import TravelLeave
    from sqjz.supervision.travel.services import travel_decide

    person, _ = enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        client.post(reverse("mobile:travel"), travel_fields(start="2026-11-22", days="3") | {"evidence_photo": photo()})
        leave = TravelLeave.objects.get(supervisee=person)
        travel_decide(actor=world.users["office_officer"], leave=leave, approve=True, reason="")
        assert "返回销假" not in client.get(reverse("mobile:travel")).content.decode()  # not away yet
    with time_machine.travel(at(date(2026, 11, 24), 18)):
        client = login(world.users["supervisee"])
        page = client.get(reverse("mobile:travel")).content.decode()
        assert f"?leave={leave.pk}" in page
        form = client.get(reverse("mobile:checkin"), {"leave": leave.pk}).content.decode()
        assert 'data-testid="return-leave"' in form and "昆明市" in form
        fields = {"idempotency_key": "return-key-0001", "latitude": "24.35", "longitude": "102.54", "leave": leave.pk}
        done = client.post(reverse("mobile:checkin"), fields | {"photo": photo()})
        assert done.status_code == 302 and done.url == reverse("mobile:home")  # the home page shows the leave
    leave.refresh_from_db()
    assert (leave.status, leave.returned_on) == ("returned", date(2026, 11, 24))
    assert "本人手机销假" in leave.return_note and "24.350000" in leave.return_note
    assert not leave.supervisee.inbox_items.filter(kind="travel_return", state="open").exists()


def test_a_leave_not_ones_own_cannot_be_reported_back_but_the_check_in_counts(world, login):
    from sqjz.supervision.models import TravelLeave

    enrol(world)
    other = TravelLeave.objects.create(
        supervisee=world.people["B"],
        purpose="medical",
        reason="就医",
        destination="昆明市",
        start=date(2026, 11, 20),
        days=3,
        applied_on=date(2026, 11, 18),
        evidence="诊断证明",
        level="judicial_office",
        level_reasons="-",
        lead_time_note="-",
        status="approved",
        recorded_by=world.users["office_officer"],
    )
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        assert (
            'data-testid="return-leave"'
            not in client.get(reverse("mobile:checkin"), {"leave": other.pk}).content.decode()
        )
        fields = {"idempotency_key": "return-key-0002", "latitude": "24.35", "longitude": "102.54", "leave": other.pk}
        done = client.post(reverse("mobile:checkin"), fields | {"photo": photo()}, follow=True)
    assert "不能在手机上销假" in done.content.decode() and CheckIn.objects.count() == 1
    other.refresh_from_db()
    assert other.status == "approved"


def test_the_api_refuses_a_key_reused_for_a_different_check_in_with_409(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    url = reverse("api:checkin_create")
    fields = {"latitude": "24.351234", "longitude": "102.541234"}
    key = {"Idempotency-Key": "api-key-0409"}
    with time_machine.travel(at(date(2026, 11, 21))):
        created = client.post(url, fields | {"photo": photo()}, headers=key)
        moved = client.post(url, fields | {"latitude": "25.1", "photo": photo()}, headers=key)
        replay = client.post(url, fields | {"photo": photo()}, headers=key)
    assert created.status_code == 201
    assert moved.status_code == 409
    assert "请求标识已用于另一次签到" in moved.json()["detail"] and moved.json()["field"] == "idempotency_key"
    assert replay.status_code == 200 and replay.json()["id"] == created.json()["id"]
    assert CheckIn.objects.count() == 1
