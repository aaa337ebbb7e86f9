"""The demo's education (issue 14 §1, Demo): 李娜's office held a session with its roll call, plans another, and
recorded individual education; the office and the county see them. Built on the test world (玉兴 is its office
530402001), with the demo's name mapped to its officer."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.demo.education import seed_education
from sqjz.education.models import Attendance, CommunityService, EducationSession, ServiceAttendance, ServiceHelper


def test_the_office_held_a_session_with_its_roll_call_and_recorded_individual_education(world):
    seed_education(
        today=timezone.localdate(), users={"lina": world.users["office_officer"], "heping": world.users["volunteer"]}
    )
    assert ServiceHelper.objects.filter(user=world.users["volunteer"], activity__title="玉兴敬老院志愿服务").exists()
    held = EducationSession.objects.get(topic__startswith="酒驾醉驾")
    assert Attendance.objects.filter(session=held, present=True).exists()
    assert EducationSession.objects.filter(held_on__gt=timezone.localdate()).exists()  # the one planned
    assert EducationSession.objects.filter(kind="individual").exists()
    cleanup = CommunityService.objects.get(title="荷花社区环境整治")
    assert ServiceAttendance.objects.filter(activity=cleanup, present=True).exists()
    minors = EducationSession.objects.get(for_minors=True)  # the world's M is a minor of 玉兴
    assert list(minors.attendances.values_list("supervisee_id", flat=True)) == [world.people["M"].pk]
    count = EducationSession.objects.count()
    seed_education(today=timezone.localdate(), users={"lina": world.users["office_officer"]})
    assert EducationSession.objects.count() == count  # once
    for user in (world.users["office_officer"], world.users["county_officer"]):
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        assert "酒驾醉驾的法律后果" in client.get(reverse("education:list")).content.decode()
        assert client.get(reverse("education:session", args=[held.pk])).status_code == 200
        page = client.get(reverse("education:person", args=[world.people["A"].pk])).content.decode()
        assert "酒驾醉驾的法律后果" in page


def test_a_village_evaluator_has_rated_her_village(world):
    from sqjz.assessment.models import CommunityRating
    from sqjz.demo.ratings import seed_ratings

    seed_ratings(today=timezone.localdate(), users={"yangmei": world.users["evaluator"]})
    assert CommunityRating.objects.filter(evaluator=world.users["evaluator"], supervisee=world.people["A"]).exists()
    client = Client()
    client.force_login(world.users["evaluator"], backend="django.contrib.auth.backends.ModelBackend")
    assert "遵守村规民约" not in client.get(reverse("assessment:ratings")).content.decode()  # the note is on the form
    assert "遵纪守法好" in client.get(reverse("assessment:ratings")).content.decode()
