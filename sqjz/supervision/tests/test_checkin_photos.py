"""A check-in's photo is checked and re-encoded by a queued task (decision 0024): the check-in is recorded at once
with the upload in quarantine, which nothing serves; the task stores the photo without its metadata, or marks it
rejected when its pixels cannot be decoded (the check-in then does not count); running the task twice changes
nothing; and the whole path works through the real task worker."""

import logging
import shutil
from datetime import timedelta
from io import BytesIO
from types import SimpleNamespace

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image

from sqjz.core.photos import photo_path, quarantine_path
from sqjz.supervision.checkins import services
from sqjz.supervision.checkins.selectors import checkin_decision
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.models import CheckIn
from sqjz.supervision.tests.test_checkins import ENROLLED, at, enrol
from tests.test_photo_uploads import gps_jpeg, upload

DAY = ENROLLED + timedelta(days=1)


def truncated_jpeg() -> bytes:
    """A JPEG whose header is whole (format, size) but whose pixels stop early: passes the request's checks, fails
    the decode."""
    out = BytesIO()
    Image.effect_noise((200, 200), 40).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: len(out.getvalue()) * 6 // 10]


def checked_in(world, photo: bytes, key: str = "photo-key-0001") -> CheckIn:
    with time_machine.travel(at(DAY)):
        checkin, created = services.checkin_record(
            user=world.users["supervisee"],
            idempotency_key=key,
            latitude="24.351234",
            longitude="102.541234",
            accuracy="12",
            photo=photo,
        )
    assert created
    return checkin


def test_a_pending_photo_is_quarantined_queued_and_never_served(world, login):
    enrol(world)
    checkin = checked_in(world, gps_jpeg())
    assert checkin.photo_state == CheckIn.PhotoState.PENDING and checkin.photo == ""
    assert quarantine_path(f"checkins/{checkin.pk}").read_bytes() == gps_jpeg()  # kept as it came, for the task
    queued = DBTaskResult.objects.get(task_path=checkin_photo_task.module_path)
    assert queued.args_kwargs == {"args": [checkin.pk], "kwargs": {}} and queued.status == TaskResultStatus.READY

    officer = login(world.users["office_officer"])
    assert officer.get(reverse("supervision:checkin_photo", args=[checkin.pk])).status_code == 404
    page = officer.get(reverse("supervision:checkins", args=[checkin.supervisee_id])).content.decode()
    assert "照片处理中" in page and reverse("supervision:checkin_photo", args=[checkin.pk]) not in page
    # Still counted: the morning's check-ins are not "missing" while the worker catches up.
    with time_machine.travel(at(DAY + timedelta(days=1), 8)):
        assert not checkin_decision(checkin.supervisee, DAY + timedelta(days=1)).facts.get("missed")


def test_the_task_stores_the_photo_upright_without_metadata_and_removes_the_upload(world, login):
    enrol(world)
    checkin = checked_in(world, gps_jpeg(orientation=6))  # taken with the phone turned: 80×40 stored as 40×80
    assert checkin_photo_task.call(checkin.pk) == CheckIn.PhotoState.STORED
    checkin.refresh_from_db()
    stored = photo_path(checkin.photo).read_bytes()
    assert checkin.photo_state == CheckIn.PhotoState.STORED and checkin.photo.endswith(f"-{checkin.pk}.jpg")
    assert b"HUAWEI" not in stored and not Image.open(BytesIO(stored)).getexif()
    assert Image.open(BytesIO(stored)).size == (40, 80)
    assert not quarantine_path(f"checkins/{checkin.pk}").exists()
    response = login(world.users["office_officer"]).get(reverse("supervision:checkin_photo", args=[checkin.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored


def test_running_the_task_twice_changes_nothing_and_a_run_cut_short_is_redone(world):
    enrol(world)
    checkin = checked_in(world, gps_jpeg())
    checkin_photo_task.call(checkin.pk)
    checkin.refresh_from_db()
    first = (checkin.photo, checkin.photo_sha256, photo_path(checkin.photo).read_bytes())
    assert checkin_photo_task.call(checkin.pk) == CheckIn.PhotoState.STORED
    checkin.refresh_from_db()
    assert (checkin.photo, checkin.photo_sha256, photo_path(checkin.photo).read_bytes()) == first

    # Killed after writing the photo, before recording it: the upload is still there, the next run finishes.
    other = checked_in(world, gps_jpeg(), key="photo-key-0002")
    raw = quarantine_path(f"checkins/{other.pk}").read_bytes()
    checkin_photo_task.call(other.pk)
    CheckIn.objects.filter(pk=other.pk).update(photo_state=CheckIn.PhotoState.PENDING, photo="", photo_sha256="")
    quarantine_path(f"checkins/{other.pk}").write_bytes(raw)
    assert checkin_photo_task.call(other.pk) == CheckIn.PhotoState.STORED
    other.refresh_from_db()
    assert photo_path(other.photo).exists() and not quarantine_path(f"checkins/{other.pk}").exists()


def test_a_photo_that_cannot_be_decoded_ends_rejected_and_the_check_in_does_not_count(world, login, caplog):
    person, _ = enrol(world)
    checkin = checked_in(world, truncated_jpeg())  # the header passes in the request
    with caplog.at_level(logging.WARNING, logger="sqjz.supervision.checkins.services"):
        assert checkin_photo_task.call(checkin.pk) == CheckIn.PhotoState.REJECTED
    checkin.refresh_from_db()
    assert checkin.photo_state == CheckIn.PhotoState.REJECTED and checkin.photo == ""
    assert not quarantine_path(f"checkins/{checkin.pk}").exists()
    logged = caplog.text
    assert f"check-in {checkin.pk}: photo rejected" in logged
    assert person.name not in logged and "24.35" not in logged  # no personal data in the log

    officer = login(world.users["office_officer"])
    assert officer.get(reverse("supervision:checkin_photo", args=[checkin.pk])).status_code == 404
    page = officer.get(reverse("supervision:checkins", args=[person.pk])).content.decode()
    assert "照片无法识别" in page
    with time_machine.travel(at(DAY + timedelta(days=1), 8)):  # no evidence: the day is missed
        assert checkin_decision(person, DAY + timedelta(days=1)).facts["missed"] == [(DAY, DAY)]
    phone = login(world.users["supervisee"])
    with time_machine.travel(at(DAY, 20)):
        home = phone.get(reverse("mobile:home")).content.decode()
    assert "今日尚未签到" in home and "照片无法识别" in home


@pytest.mark.django_db(transaction=True)
def test_a_check_in_through_the_api_gets_its_photo_from_the_task_worker(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    with time_machine.travel(at(DAY)):
        answer = client.post(
            reverse("api:checkin_create"),
            {"latitude": "24.351234", "longitude": "102.541234", "photo": upload(gps_jpeg())},
            headers={"Idempotency-Key": "worker-key-0001"},
        )
    assert answer.status_code == 201 and answer.json()["photo_state"] == "pending"
    call_command("task_worker", "--batch", "--worker-id", "test-worker")
    checkin = CheckIn.objects.get(pk=answer.json()["id"])
    assert checkin.photo_state == CheckIn.PhotoState.STORED
    assert b"HUAWEI" not in photo_path(checkin.photo).read_bytes()
    assert DBTaskResult.objects.get(task_path=checkin_photo_task.module_path).status == TaskResultStatus.SUCCESSFUL
    with time_machine.travel(at(DAY, 9, 10)):
        listed = client.get(reverse("api:checkin_list")).json()
    assert [c["photo_state"] for c in listed] == ["stored"]


def test_a_check_in_reads_once_and_writes_once(world, login):
    """The API's check-in: the session, the user, one read of everything the check-in needs (the record's few
    columns, the enrolment, the retry, today's count, a spot check waiting), then one write transaction with the
    check-in and its queued photo task; a waiting spot check adds its answer to that transaction."""
    person, _ = enrol(world)
    client = login(world.users["supervisee"])

    with time_machine.travel(at(DAY, 9, 5)):
        client.get(reverse("api:checkin_list"))  # the session's last write-back (once every few minutes)

    def statements(key: str) -> list[str]:
        with time_machine.travel(at(DAY, 9, 5)), CaptureQueriesContext(connection) as ctx:
            answer = client.post(
                reverse("api:checkin_create"),
                {"latitude": "24.351234", "longitude": "102.541234", "photo": upload(gps_jpeg())},
                headers={"Idempotency-Key": key},
            )
        assert answer.status_code == 201
        return [q["sql"].split()[0] for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"]]

    assert statements("budget-key-0001") == ["SELECT", "SELECT", "SELECT", "INSERT", "INSERT"]
    with time_machine.travel(at(DAY, 9)):
        spot_check = services.spot_check_request(actor=world.users["office_officer"], supervisee=person)
    assert statements("budget-key-0002") == ["SELECT", "SELECT", "SELECT", "INSERT", "INSERT", "UPDATE"]
    spot_check.refresh_from_db()
    assert spot_check.answer.idempotency_key == "budget-key-0002"


def test_a_check_in_that_rolls_back_leaves_no_upload_in_quarantine(world, monkeypatch):
    enrol(world)

    def queue_down(*args, **kwargs):
        raise RuntimeError("the task queue's table is unavailable")

    monkeypatch.setattr(services, "checkin_photo_task", SimpleNamespace(enqueue=queue_down))
    folder = quarantine_path("checkins")
    shutil.rmtree(folder, ignore_errors=True)  # earlier tests' uploads (their check-ins' ids come round again)
    with pytest.raises(RuntimeError), time_machine.travel(at(DAY)):
        services.checkin_record(
            user=world.users["supervisee"],
            idempotency_key="photo-key-rollback",
            latitude="24.351234",
            longitude="102.541234",
            accuracy="12",
            photo=gps_jpeg(),
        )
    assert not CheckIn.objects.filter(idempotency_key="photo-key-rollback").exists()
    assert not folder.exists() or not any(folder.iterdir())
