"""Face matching of check-ins (issue 13): the check-in photo's face is compared with the report-in photo's by a real
face model (dlib's, offline), in the photo's task; a check-in that does not show the person alone is the office's
to-do; the officer sees both photos and records whether it was the person; one that was not no longer counts."""

from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from sqjz.core import faces
from sqjz.core.photos import photo_store
from sqjz.inbox.models import InboxItem
from sqjz.intake.models import Handover
from sqjz.supervision.checkins import services
from sqjz.supervision.checkins.duties import REVIEW_KIND
from sqjz.supervision.checkins.selectors import checkin_decision, counted_checkins
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.models import CheckIn
from sqjz.supervision.tests.test_checkins import ENROLLED, at, enrol

FACES = Path(__file__).resolve().parents[2] / "demo" / "faces"
DAY = ENROLLED + timedelta(days=1)


def photo(name: str) -> Image.Image:
    return Image.open(FACES / name).convert("RGB")


def jpeg(image: Image.Image) -> bytes:
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def collins() -> bytes:
    """The same astronaut as the report-in photo, taken again: turned, smaller, darker."""
    image = photo("astronaut.jpg").rotate(6, expand=True).resize((380, 400)).point(lambda v: int(v * 0.8))
    return jpeg(image)


def hopper() -> bytes:
    return jpeg(photo("grace_hopper.jpg"))


def nobody() -> bytes:
    return jpeg(Image.new("RGB", (300, 400), (120, 150, 200)))


def both() -> bytes:
    image = Image.new("RGB", (1000, 600))
    image.paste(photo("astronaut.jpg").resize((500, 500)), (0, 0))
    image.paste(photo("grace_hopper.jpg").resize((400, 600)), (550, 0))
    return jpeg(image)


def reported_in(person, image: bytes = b"") -> None:
    relative = f"photos/{person.pk}/report-in.jpg"
    photo_store(relative, image or (FACES / "astronaut.jpg").read_bytes())
    Handover.objects.update_or_create(supervisee=person, defaults={"photo": relative})


def checked_in(world, image: bytes, key: str, day=DAY, hour: int = 9) -> CheckIn:
    with time_machine.travel(at(day, hour)):
        checkin, _ = services.checkin_record(
            user=world.users["supervisee"],
            idempotency_key=key,
            latitude="24.351234",
            longitude="102.541234",
            accuracy="12",
            photo=image,
        )
        checkin_photo_task.call(checkin.pk)
    checkin.refresh_from_db()
    return checkin


def test_the_model_tells_the_same_face_from_another_and_counts_faces():
    reference = faces.faces_find((FACES / "astronaut.jpg").read_bytes())
    assert reference.count == 1
    same, other = faces.faces_find(collins()), faces.faces_find(hopper())
    assert same.count == other.count == 1
    assert faces.face_distance(reference.descriptors[0], same.descriptors[0]) < services.FACE_MATCH_DISTANCE
    assert faces.face_distance(reference.descriptors[0], other.descriptors[0]) > services.FACE_MATCH_DISTANCE + 0.1
    assert faces.faces_find(nobody()).count == 0
    assert faces.faces_find(both()).count == 2
    stored = faces.descriptor_bytes(reference.descriptors[0])
    assert len(stored) == 512 and faces.face_distance(faces.descriptor_from(stored), reference.descriptors[0]) == 0


def test_the_persons_own_face_matches_and_opens_no_to_do(world):
    person, _ = enrol(world)
    reported_in(person)
    checkin = checked_in(world, collins(), "face-key-0001")
    assert checkin.face_result == "match" and checkin.face_distance < services.FACE_MATCH_DISTANCE
    assert checkin.face_model == faces.MODEL
    assert not InboxItem.objects.filter(kind=REVIEW_KIND, state="open").exists()
    # The report-in photo's face is computed once, and again only when the photo changes.
    reference = person.face_reference
    checked_in(world, collins(), "face-key-0002", hour=10)
    person.face_reference.refresh_from_db()
    assert person.face_reference.computed_at == reference.computed_at


@pytest.mark.parametrize(
    ("image", "result"), [(hopper, "mismatch"), (nobody, "no_face"), (both, "several")], ids=["other", "none", "two"]
)
def test_a_photo_that_does_not_show_the_person_alone_is_the_offices_to_do(world, image, result):
    person, _ = enrol(world)
    reported_in(person)
    checkin = checked_in(world, image(), "face-key-0003")
    assert checkin.face_result == result and checkin.needs_review
    item = InboxItem.objects.get(kind=REVIEW_KIND, state="open")
    assert item.supervisee_id == person.pk and item.due == DAY + timedelta(days=1)
    assert "签到存疑" in item.reasons and checkin.concerns[0] in item.reasons
    # It counts until an officer decides: the model may be wrong.
    assert counted_checkins().filter(pk=checkin.pk).exists()


def test_without_a_report_in_photo_nothing_is_compared_and_nothing_is_flagged(world):
    person, _ = enrol(world)
    checkin = checked_in(world, collins(), "face-key-0004")
    assert checkin.face_result == "no_reference" and checkin.face_distance is None
    assert not InboxItem.objects.filter(kind=REVIEW_KIND).exists()
    reported_in(person, image=nobody())  # a report-in photo with no face to compare with
    assert checked_in(world, collins(), "face-key-0005", hour=10).face_result == "no_reference"


def test_the_officer_sees_both_photos_and_rejects_a_stand_in(world, login):
    person, _ = enrol(world)
    reported_in(person)
    checkin = checked_in(world, hopper(), "face-key-0006")
    officer = login(world.users["office_officer"])
    page = officer.get(reverse("supervision:checkins", args=[person.pk])).content.decode()
    assert (
        "待核实的存疑签到（1）" in page
        and "签到照片人脸与报到照片不一致（特征距离0." in page
        and "不超过0.50视为" in page
    )
    assert reverse("intake:photo", args=[person.pk]) in page
    assert reverse("supervision:checkin_photo", args=[checkin.pk]) in page
    url = reverse("supervision:checkin_review", args=[person.pk, checkin.pk])

    missing_note = officer.post(url, {"review": "rejected", "review_note": "  "})
    assert missing_note.status_code == 400 and "核实情况" in missing_note.content.decode()
    assert officer.post(url, {"review": "maybe", "review_note": "x"}).status_code == 400
    with time_machine.travel(at(DAY + timedelta(days=1), 10)):
        done = officer.post(url, {"review": "rejected", "review_note": "视频通话核实，照片中为其母亲代为签到。"})
    assert done.status_code == 302
    checkin.refresh_from_db()
    assert checkin.review == "rejected" and checkin.reviewed_by == world.users["office_officer"]
    assert not InboxItem.objects.filter(kind=REVIEW_KIND, state="open").exists()
    # Not the person's: no longer counted, so the day is missed.
    assert not counted_checkins().filter(pk=checkin.pk).exists()
    with time_machine.travel(at(DAY + timedelta(days=1), 10)):
        assert checkin_decision(person, DAY + timedelta(days=1)).facts.get("missed")
        # Reviewed once only.
        again = officer.post(url, {"review": "confirmed", "review_note": "改判"}, follow=True)
    assert "已于" in again.content.decode()
    checkin.refresh_from_db()
    assert checkin.review == "rejected"


def test_a_confirmed_check_in_stands(world, login):
    person, _ = enrol(world)
    reported_in(person)
    checkin = checked_in(world, nobody(), "face-key-0007")
    officer = login(world.users["office_officer"])
    url = reverse("supervision:checkin_review", args=[person.pk, checkin.pk])
    assert officer.post(url, {"review": "confirmed", "review_note": "镜头被遮挡，电话核实为本人。"}).status_code == 302
    assert counted_checkins().filter(pk=checkin.pk).exists()
    page = officer.get(reverse("supervision:checkins", args=[person.pk])).content.decode()
    assert "待核实的存疑签到" not in page and "核实为本人签到" in page


def test_only_an_officer_who_may_edit_the_person_reviews(world, login):
    person, _ = enrol(world)
    reported_in(person)
    checkin = checked_in(world, hopper(), "face-key-0008")
    url = reverse("supervision:checkin_review", args=[person.pk, checkin.pk])
    data = {"review": "rejected", "review_note": "非本人"}
    assert login(world.users["other_office_officer"]).post(url, data).status_code == 404
    assert login(world.users["procurator"]).post(url, data).status_code == 403
    assert login(world.users["office_officer"]).get(url).status_code == 405
    # A matched check-in has nothing to review.
    matched = checked_in(world, collins(), "face-key-0009", hour=11)
    other = reverse("supervision:checkin_review", args=[person.pk, matched.pk])
    refused = login(world.users["office_officer"]).post(other, data, follow=True).content.decode()
    assert "无需人工核实" in refused
    matched.refresh_from_db()
    assert matched.review == ""
    checkin.refresh_from_db()
    assert checkin.review == ""


def positioned(
    world, key: str, latitude: str, longitude: str, accuracy: str, day=DAY, hour=9, minute=0, **evidence
) -> CheckIn:
    with time_machine.travel(at(day, hour, minute)):
        checkin, _ = services.checkin_record(
            user=world.users["supervisee"],
            idempotency_key=key,
            latitude=latitude,
            longitude=longitude,
            accuracy=accuracy,
            photo=collins(),
            **evidence,
        )
        checkin_photo_task.call(checkin.pk)
    checkin.refresh_from_db()
    return checkin


def test_a_vague_position_or_an_impossible_journey_makes_a_check_in_doubtful(world):
    person, _ = enrol(world)
    reported_in(person)
    home = positioned(world, "pos-key-0001", "24.351234", "102.541234", "20")
    assert home.concerns == [] and not home.doubtful
    vague = positioned(world, "pos-key-0002", "24.351234", "102.541234", "1500", hour=10)
    assert vague.concerns == ["定位精度差（约1500米），无法确认所在位置"]
    # 江川 (a district of the same city: home), 23 km in 10 minutes: positions' errors and detours, not a journey.
    near = positioned(world, "pos-key-0003", "24.290000", "102.750000", "20", hour=10, minute=10)
    assert near.concerns == []
    # Beijing an hour after 玉溪 (about 2,160 km), with no leave.
    far = positioned(world, "pos-key-0004", "39.904200", "116.407400", "20", hour=11, minute=10)
    # (Beijing's distance on Yuxi's projection: "about", as the text says.)
    assert far.concerns[0] == "签到位置在居住地（红塔区、江川区）以外（距居住地边界约2188公里），且当日无经批准的外出"
    assert "公里，仅隔60分钟，常规交通无法到达" in far.concerns[1] and len(far.concerns) == 2
    assert InboxItem.objects.get(kind=REVIEW_KIND, state="open").reasons.startswith("2次签到存疑")
    # The next day, back in 玉溪 (a day later: reachable).
    back = positioned(world, "pos-key-0005", "24.351234", "102.541234", "20", day=DAY + timedelta(days=1))
    assert back.concerns == []


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((24.351234, 102.541234), (24.351234, 102.541234), 0),
        ((24.35, 102.54), (25.04, 102.71), 78.6),  # 玉溪 to 昆明
        ((24.35, 102.54), (39.9042, 116.4074), 2161),  # to Beijing (flat-map estimate: 2,168)
    ],
)
def test_distance_between_two_positions(a, b, km):
    assert services.distance_km(*a, *b) == pytest.approx(km, rel=0.01, abs=0.01)


def test_a_check_in_away_is_doubtful_only_without_leave_covering_the_day(world):
    from sqjz.mobile.tests.test_phone_pages import leave

    person, _ = enrol(world)
    reported_in(person)
    kunming = ("25.040000", "102.710000", "30")
    leave(person, start=DAY, days=2, recorded_by=world.users["office_officer"])
    assert positioned(world, "away-key-0001", *kunming).concerns == []  # on leave to 昆明
    # The day after the leave's last day, still in 昆明: away without leave.
    late = positioned(world, "away-key-0002", *kunming, day=DAY + timedelta(days=2))
    assert late.concerns == ["签到位置在居住地（红塔区、江川区）以外（距居住地边界约57公里），且当日无经批准的外出"]


def test_the_officer_reads_the_county_of_each_check_in_not_bare_coordinates(world, login):
    person, _ = enrol(world)
    positioned(world, "place-key-0001", "24.351234", "102.541234", "20")
    positioned(world, "place-key-0002", "25.040000", "102.710000", "20", day=DAY + timedelta(days=1))
    page = login(world.users["office_officer"]).get(reverse("supervision:checkins", args=[person.pk]))
    places = [c.place for c in page.context["page"].object_list]
    assert places == ["玉溪市以外", "红塔区"]  # newest first
    assert 'data-testid="checkin-place">红塔区<' in page.content.decode()


def test_a_county_without_a_boundary_on_file_raises_no_home_area_concern(world):
    from sqjz.organisation.models import Division

    person, _ = enrol(world)
    Division.objects.filter(pk=person.county_id).update(code="5304S0001")  # like the benchmark's synthetic counties
    assert positioned(world, "nobound-key-01", "25.040000", "102.710000", "30").concerns == []


def test_a_check_in_from_home_during_a_leave_elsewhere_is_doubtful_and_the_officer_sees_the_leave(world, login):
    from sqjz.mobile.tests.test_phone_pages import leave

    person, _ = enrol(world)
    reported_in(person)
    leave(person, start=DAY, days=3, recorded_by=world.users["office_officer"])  # to 昆明
    # At home on the leave's first day (before setting off): nothing to ask.
    assert positioned(world, "leave-key-0000", "24.351234", "102.541234", "20").concerns == []
    home = positioned(world, "leave-key-0001", "24.351234", "102.541234", "20", day=DAY + timedelta(days=1))
    assert home.concerns == [
        f"经批准外出（目的地：昆明市，{DAY:%m月%d日}起3日）期间却在居住地（红塔区、江川区）签到："
        "请核实是否已返回而未销假，或未按批准的目的地外出"
    ]
    page = login(world.users["office_officer"]).get(reverse("supervision:checkins", args=[person.pk])).content.decode()
    assert 'data-testid="review-leave">当日外出：昆明市' in page


def photo_time(moment) -> str:
    return str(int(moment.timestamp() * 1000))


def test_a_photo_file_older_than_the_check_in_is_doubtful(world):
    person, _ = enrol(world)
    reported_in(person)
    fresh = positioned(
        world, "time-key-0001", "24.351234", "102.541234", "20", photo_taken_at=photo_time(at(DAY, 8, 58))
    )
    assert fresh.concerns == [] and fresh.photo_taken_at == at(DAY, 8, 58)
    # From the gallery: taken the evening before.
    old = positioned(
        world,
        "time-key-0002",
        "24.351234",
        "102.541234",
        "20",
        hour=10,
        photo_taken_at=photo_time(at(DAY - timedelta(days=1), 20)),
    )
    assert old.concerns == [
        f"签到照片文件形成于{DAY - timedelta(days=1):%m月%d日} 20:00，早于签到14小时，可能不是现场拍摄"
    ]
    # A time the phone could not have (or none at all) is not evidence either way.
    for n, sent in enumerate(["", "yesterday", "12", "99999999999999999"]):
        checkin = positioned(
            world, f"time-key-01{n}0", "24.351234", "102.541234", "20", hour=11 + n, photo_taken_at=sent
        )
        assert checkin.photo_taken_at is None and checkin.concerns == []


def test_a_check_in_from_another_phone_than_the_last_one_is_doubtful(world):
    from sqjz.accounts.services import device_enrol

    person, _ = enrol(world)
    reported_in(person)
    user = world.users["supervisee"]
    first, _ = device_enrol(user=user, user_agent="Mozilla/5.0 (Linux; Android 10; HONOR 9X)")
    assert positioned(world, "dev-key-0001", "24.351234", "102.541234", "20", device_id=first.pk).concerns == []
    same = positioned(world, "dev-key-0002", "24.351234", "102.541234", "20", hour=10, device_id=first.pk)
    assert same.concerns == [] and same.device_id == first.pk
    password = positioned(world, "dev-key-0003", "24.351234", "102.541234", "20", hour=11)
    assert password.concerns == ["本次签到使用未绑定的手机（输入密码登录），与此前签到的手机不同"]
    # Compared with the last check-in from a bound phone: a second phone bound now differs from the first.
    second, _ = device_enrol(user=user, user_agent="Mozilla/5.0 (Linux; Android 12; Redmi Note 11)")
    other = positioned(world, "dev-key-0004", "24.351234", "102.541234", "20", hour=12, device_id=second.pk)
    assert other.concerns == [f"本次签到使用新绑定的手机（{second.label}），与此前签到的手机不同"]


def test_a_check_in_inside_an_exclusion_zone_is_doubtful_outside_an_approved_window(world):
    """A prohibition order's exclusion zone (drawn for electronic monitoring) applies to check-ins too; an approved
    application to enter the place covers its window only."""
    from sqjz.supervision.tests.monitoring_tracks import approved_entry, place_order, zone

    person, _ = enrol(world)
    reported_in(person)
    officer = world.users["office_officer"]
    with time_machine.travel(at(DAY, 8)):
        order = place_order(person)
    zone(person, order, officer, centre=(24.351234, 102.541234), radius_m=300)
    approved_entry(person, order, officer, at(DAY, 8, 30), at(DAY, 11))
    assert positioned(world, "zone-key-0001", "24.351234", "102.541234", "20").concerns == []  # 9:00, approved
    late = positioned(world, "zone-key-0002", "24.351234", "102.541234", "20", hour=12)
    assert late.concerns == [
        "签到位置在禁止令禁止进入的区域（玉溪第一小学）内，且该时段无经批准的进入申请（禁止令：禁止进入玉溪第一小学周边）"
    ]
    # 2 km away from the zone: nothing.
    assert positioned(world, "zone-key-0003", "24.371234", "102.541234", "20", hour=13).concerns == []
