"""Photos people upload (issue 10): stored without their metadata (a check-in selfie's EXIF carries the GPS position
and the phone's make), turned upright first; an image that would decompress to hundreds of megapixels is refused with
a Chinese message on every upload path, not a 500; a body over the cap is refused before it is read."""

import struct
from datetime import date
from functools import cache
from io import BytesIO

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from sqjz.core.photos import MAX_PHOTO_PIXELS, PhotoError, photo_accept, photo_path
from sqjz.intake.tests.test_intake import newcomer
from sqjz.supervision.models import CheckIn, TravelLeave
from sqjz.supervision.tests.test_checkins import at, enrol, photos_processed

GPS_IFD = 0x8825
ORIENTATION = 0x0112
BOMB_MESSAGE = "像素过大"


def gps_jpeg(orientation: int = 1, size=(80, 40)) -> bytes:
    """A phone photo: EXIF with the camera's make and model, a GPS position, and an orientation tag."""
    image = Image.new("RGB", size, (200, 160, 120))
    image.paste((20, 20, 20), (0, 0, size[0] // 2, size[1]))  # the left half dark: shows which way is up
    exif = Image.Exif()
    exif[0x010F] = "HUAWEI"  # Make
    exif[0x0110] = "ALN-AL00"  # Model
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (24.0, 21.0, 4.0), 3: "E", 4: (102.0, 32.0, 28.0)})
    out = BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


@cache
def bomb_png() -> bytes:
    """20000×20000 pixels of one colour: a few dozen kilobytes that decompress to 400 million pixels."""
    out = BytesIO()
    Image.new("1", (20000, 20000)).save(out, "PNG", optimize=True)
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png" if name.endswith(".png") else "image/jpeg")


def test_the_bomb_is_small_on_the_wire():
    data = bomb_png()
    assert len(data) < 100_000
    width, height = struct.unpack(">II", data[16:24])  # the PNG header (IHDR) declares the size
    assert width * height > MAX_PHOTO_PIXELS


def test_a_photo_comes_back_without_its_exif():
    raw = gps_jpeg()
    with Image.open(BytesIO(raw)) as original:
        assert original.getexif().get_ifd(GPS_IFD)  # the upload does carry a position
    clean, extension = photo_accept(raw)
    assert extension == "jpg"
    with Image.open(BytesIO(clean)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()  # no GPS, no camera, no orientation tag
        assert "exif" not in image.info
    assert b"HUAWEI" not in clean


def test_the_photo_is_turned_upright_before_its_orientation_tag_goes():
    raw = gps_jpeg(orientation=6, size=(80, 40))  # 6: the camera was held turned; shown rotated 90° clockwise
    clean, _ = photo_accept(raw)
    with Image.open(BytesIO(clean)) as image:
        assert image.size == (40, 80)
        top, bottom = image.getpixel((20, 5)), image.getpixel((20, 75))
    assert sum(top) < 200 < sum(bottom)  # the dark left half is now on top


def test_a_png_stays_a_png_without_its_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "GPS 24.35,102.54")
    out = BytesIO()
    Image.new("RGBA", (30, 30), (10, 200, 10, 128)).save(out, "PNG", pnginfo=info)
    clean, extension = photo_accept(out.getvalue())
    assert extension == "png"
    with Image.open(BytesIO(clean)) as image:
        assert image.format == "PNG" and "Comment" not in image.info


def test_the_bomb_is_refused_with_a_chinese_message():
    with pytest.raises(PhotoError, match=BOMB_MESSAGE):
        photo_accept(bomb_png())


def test_a_truncated_photo_is_refused():
    with pytest.raises(PhotoError, match="照片文件无法识别"):
        photo_accept(gps_jpeg()[:300])


@time_machine.travel(date(2026, 11, 27))
def test_a_truncated_photo_is_refused_even_after_a_pdf_was_rendered(monkeypatch):
    """weasyprint sets Pillow's LOAD_TRUNCATED_IMAGES to True when imported (a worker that rendered a document)."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    whole = BytesIO()
    Image.effect_noise((200, 200), 40).convert("RGB").save(whole, "JPEG")
    with pytest.raises(PhotoError):
        photo_accept(whole.getvalue()[: len(whole.getvalue()) * 6 // 10])


def test_report_in_refuses_the_bomb_and_stores_the_photo_clean(world, login):
    s = newcomer(world)
    client = login(world.users["office_officer"])
    url = reverse("intake:report_in", args=[s.pk])
    data = {"reported_on": "2026-11-26", "identity_verified": "on"}
    bomb = client.post(url, data | {"photo": upload(bomb_png(), "bomb.png")})
    assert bomb.status_code == 400 and BOMB_MESSAGE in bomb.content.decode()
    assert client.post(url, data | {"photo": upload(gps_jpeg())}).status_code == 302
    stored = photo_path(s.handover.photo).read_bytes()
    assert b"HUAWEI" not in stored and not Image.open(BytesIO(stored)).getexif()


def test_phone_check_in_page_and_api_refuse_the_bomb_and_store_the_selfie_clean(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    fields = {"latitude": "24.351234", "longitude": "102.541234"}
    with time_machine.travel(at(date(2026, 11, 21))):
        page = client.post(
            reverse("mobile:checkin"), fields | {"idempotency_key": "k" * 32, "photo": upload(bomb_png(), "b.png")}
        )
        assert page.status_code == 400 and BOMB_MESSAGE in page.content.decode()
        api = client.post(
            reverse("api:checkin_create"),
            fields | {"photo": upload(bomb_png(), "b.png")},
            headers={"Idempotency-Key": "bomb-key-0001"},
        )
        assert api.status_code == 400 and BOMB_MESSAGE in api.json()["detail"] and api.json()["field"] == "photo"
        assert not CheckIn.objects.exists()
        ok = client.post(
            reverse("api:checkin_create"),
            fields | {"photo": upload(gps_jpeg())},
            headers={"Idempotency-Key": "gps-key-0001"},
        )
    assert ok.status_code == 201
    photos_processed()
    checkin = CheckIn.objects.get()
    stored = photo_path(checkin.photo).read_bytes()
    assert b"HUAWEI" not in stored and not Image.open(BytesIO(stored)).getexif()


def test_travel_evidence_refuses_the_bomb(world, login):
    from sqjz.mobile.tests.test_mobile import travel_fields

    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(date(2026, 11, 21), 10)):
        bomb = client.post(reverse("mobile:travel"), travel_fields() | {"evidence_photo": upload(bomb_png(), "b.png")})
        assert bomb.status_code == 400 and BOMB_MESSAGE in bomb.content.decode()
        assert not TravelLeave.objects.exists()
        done = client.post(reverse("mobile:travel"), travel_fields() | {"evidence_photo": upload(gps_jpeg())})
    assert done.status_code == 302
    stored = photo_path(TravelLeave.objects.get().evidence_photo).read_bytes()
    assert b"HUAWEI" not in stored


@pytest.mark.parametrize("name", ["mobile:checkin", "api:checkin_create", "mobile:travel"])
def test_an_oversized_body_is_refused_before_it_is_read(world, login, settings, name):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    path = reverse(name)
    client = login(world.users["supervisee"])

    class Unreadable(BytesIO):
        def read(self, *args):  # the body must not be read at all
            raise AssertionError("the body was read")

    response = client.generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    text = response.json()["detail"] if path.startswith("/api/") else response.content.decode()
    assert "提交的内容过大（超过1MB）" in text
