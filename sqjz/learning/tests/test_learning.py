"""Phone courses: a course published and checked by content, assigned (each refused person named), opened and
finished on the phone no sooner than half its hours later, its file served only to those who may see it, and its
hours counted in the month only where the county says so."""

import struct
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance
from sqjz.education.selectors import month_progress
from sqjz.intake.models import LevelDecision
from sqjz.learning import services
from sqjz.learning.files import CourseFileError, mp4_boxes, mp4_check, pdf_check
from sqjz.learning.models import Assignment, Course
from sqjz.learning.selectors import learning_hours
from tests.factories import SuperviseeFactory

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def box(kind: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


MP4 = box(b"ftyp", b"isom\x00\x00\x02\x00isomiso2mp41") + box(b"moov", box(b"mvhd", b"\x00" * 100)) + box(b"mdat", b"x")


def test_a_pdf_and_an_mp4_are_checked_by_content():
    pdf_check(PDF)
    pdf_check(PDF + b"\r\n  ")
    for bad in (b"", b"<html>%%EOF", PDF[:-7], b"%PDF-" + b"0" * (5 * 1024 * 1024)):
        with pytest.raises(CourseFileError):
            pdf_check(bad)
    mp4_check(MP4)
    assert mp4_boxes(MP4) == [b"ftyp", b"moov", b"mdat"]
    no_moov = box(b"ftyp", b"isom\x00\x00\x02\x00") + box(b"mdat", b"x")
    truncated = MP4[:-1]
    wrong_first = box(b"moov") + box(b"ftyp", b"isom\x00\x00\x02\x00")
    unknown_brand = box(b"ftyp", b"qt  \x00\x00\x02\x00") + box(b"moov")
    zero_size = MP4 + struct.pack(">I4s", 4, b"free")
    for bad in (b"", PDF, no_moov, truncated, wrong_first, unknown_brand, zero_size):
        with pytest.raises(CourseFileError):
            mp4_check(bad)


@time_machine.travel(NOW, tick=False)
def test_a_course_is_published_assigned_opened_and_finished_not_too_soon(world):
    office = signed_in(world.users["office_officer"])
    bad = {"title": "", "kind": "text", "hours": "1.3", "body": ""}
    text = office.post(reverse("learning:new"), bad).content.decode()
    assert "请填写课程名称。" in text and "学时按半小时计" in text
    fake = SimpleUploadedFile("x.pdf", b"<html></html>", content_type="application/pdf")
    response = office.post(reverse("learning:new"), {"title": "禁毒", "kind": "pdf", "hours": "1", "file": fake})
    assert response.status_code == 400 and "文件不是完整的PDF文件" in response.content.decode()
    video = SimpleUploadedFile("v.mp4", MP4, content_type="video/mp4")
    response = office.post(reverse("learning:new"), {"title": "禁毒视频", "kind": "video", "hours": "2", "file": video})
    course = Course.objects.get(title="禁毒视频")
    assert response.status_code == 302 and course.file_name.endswith(".mp4") and course.unit == world.yuxing
    # The file: inline, not sniffed, not cached; only for those who may see the course.
    served = office.get(reverse("learning:file", args=[course.pk]))
    assert served["Content-Type"] == "video/mp4" and served["Content-Disposition"].startswith("inline")
    assert served["X-Content-Type-Options"] == "nosniff" and "no-store" in served["Cache-Control"]
    assert b"".join(served.streaming_content) == MP4
    assert (
        signed_in(world.users["other_county_officer"]).get(reverse("learning:file", args=[course.pk])).status_code
        == 404
    )
    phone = signed_in(world.users["supervisee"])
    assert phone.get(reverse("learning:file", args=[course.pk])).status_code == 404  # not assigned yet

    a, m, b = world.people["A"], world.people["M"], world.people["B"]
    response = office.post(reverse("learning:assign", args=[course.pk]), {"people": [a.pk, b.pk]})
    assert response.status_code == 400 and f"{b.name}：不在玉兴街道司法所的管辖范围内" in response.content.decode()
    assert not Assignment.objects.exists()  # the lot is refused
    assert office.post(reverse("learning:assign", args=[course.pk]), {"people": [a.pk, m.pk]}).status_code == 302
    assert phone.get(reverse("learning:file", args=[course.pk])).status_code == 200

    mine = Assignment.objects.get(course=course, supervisee=a)
    page = phone.get(reverse("mobile:learning")).content.decode()
    assert "禁毒视频" in page and "未开始" in page
    page = phone.get(reverse("mobile:learning_course", args=[mine.pk])).content.decode()
    assert reverse("learning:file", args=[course.pk]) in page and "至少学习" in page
    mine.refresh_from_db()
    assert mine.started_at == NOW
    response = phone.post(reverse("mobile:learning_course", args=[mine.pk]), follow=True)
    assert "打开后至少学习一半时间方可确认学完" in response.content.decode()
    mine.refresh_from_db()
    assert mine.completed_at is None
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):  # half of its two hours
        phone = signed_in(world.users["supervisee"])  # the session ends after a while without use
        phone.post(reverse("mobile:learning_course", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.completed_at == NOW + timedelta(hours=1) and mine.started_at == NOW
    # Another person's assignment is not found; the office sees who finished (the minor's name sealed for others).
    theirs = Assignment.objects.get(course=course, supervisee=m)
    assert phone.get(reverse("mobile:learning_course", args=[theirs.pk])).status_code == 404
    page = office.get(reverse("learning:course", args=[course.pk])).content.decode()
    assert "学完1人" in page and a.name in page and m.name in page
    page = signed_in(world.users["city_officer"]).get(reverse("learning:course", args=[course.pk])).content.decode()
    assert m.name not in page and "未成年人（档案保密）" in page


def _month(world, person, day):
    """A month of an ordinary level met in all but 4 study hours: 4 hours of group education, individual education,
    8 hours of public-benefit activity."""
    LevelDecision.objects.create(
        supervisee=person,
        level="ordinary",
        effective_from=date(2026, 1, 1),
        rule="SUPERVISION_LEVEL",
        articles="—",
        decided_by=world.users["county_head"],
    )
    office = world.users["office_officer"]
    common = {"theme": "legal", "place": "所", "teacher": "李强", "office": world.yuxing, "recorded_by": office}
    for kind, hours in (("group", 4), ("individual", 1)):
        session = EducationSession.objects.create(kind=kind, topic="教育", held_on=day, hours=hours, **common)
        Attendance.objects.create(session=session, supervisee=person, present=True)
    activity = CommunityService.objects.create(
        title="整治", held_on=day, hours=8, place="社区", capacity=5, office=world.yuxing, recorded_by=office
    )
    ServiceAttendance.objects.create(activity=activity, supervisee=person, present=True)


@time_machine.travel(NOW, tick=False)
def test_a_finished_course_meets_the_month_only_where_the_county_counts_it(world):
    a = world.people["A"]
    b = SuperviseeFactory(name="赵六", judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
    _month(world, a, NOW.date())
    course = services.course_create(
        actor=world.users["county_officer"], title="法治", kind="text", hours=4, body="正文"
    )
    services.course_assign(actor=world.users["office_officer"], course=course, people=[a, b])
    Assignment.objects.filter(course=course, supervisee=a).update(started_at=NOW - timedelta(hours=3))
    services.course_finish_own(user=world.users["supervisee"], pk=Assignment.objects.get(supervisee=a).pk)
    first, last = date(2026, 11, 1), date(2026, 11, 30)
    assert learning_hours(a, first, last) == 0 and not month_progress(a, NOW.date()).met  # no rule: not counted
    services.counting_rule_set(actor=world.users["county_officer"], counts_as_hours=True)
    assert learning_hours(a, first, last) == Decimal("4") and learning_hours(a, date(2026, 12, 1), last) == 0
    progress = month_progress(a, NOW.date())
    assert progress.study_hours == Decimal("8") and progress.met
    services.counting_rule_set(actor=world.users["county_head"], counts_as_hours=False)
    assert not month_progress(a, NOW.date()).met
    with pytest.raises(services.LearningError, match="只有县级社区矫正机构"):
        services.counting_rule_set(actor=world.users["office_officer"], counts_as_hours=True)


def test_the_demo_assigns_the_course_to_yuxing_and_counts_it_for_hongta(world):
    from sqjz.demo.learning import seed_learning

    users = {"lina": world.users["office_officer"], "zhangli": world.users["county_officer"]}
    seed_learning(today=date(2026, 11, 20), users=users)
    course = Course.objects.get(title="《社区矫正法》要点")
    assigned = set(course.assignments.values_list("supervisee_id", flat=True))
    assert {world.people["A"].pk, world.people["M"].pk} <= assigned
    assert course.assignments.filter(completed_at__isnull=False).count() == 1
    month = (date(2026, 11, 1), date(2026, 11, 30))
    assert sum(learning_hours(world.people[key], *month) for key in "AM") == 1  # 红塔区 counts the hour
    seed_learning(today=date(2026, 11, 20), users=users)
    assert Course.objects.count() == 1  # once
