"""The demo's mentoring (issue 14 §3, Demo): the mentor has a visit due after a job change the person reported from
the phone, and the office a report to read. Built on the test world (玉兴 is its office 530402001; its A, renamed
陈刚, has the supervisee account and the mentor)."""

from django.utils import timezone

from sqjz.demo.mentoring import seed_mentoring
from sqjz.inbox.models import InboxItem
from sqjz.mentoring.models import ChangeReport, Trigger


def test_the_mentor_has_a_visit_due_after_a_job_change_reported_from_the_phone(world):
    a = world.people["A"]
    a.name = "陈刚"
    a.save(update_fields=["name"])
    users = {"lina": world.users["office_officer"], "majun": world.users["mentor"]}
    seed_mentoring(today=timezone.localdate(), users=users)
    trigger = Trigger.objects.get(supervisee=a, occasion="job_change", source="phone")
    assert (timezone.localdate() - trigger.known_on).days == 2
    open_ = InboxItem.objects.filter(state=InboxItem.State.OPEN)
    assert open_.get(kind="mentoring_visit", subject_id=trigger.pk).actor_user == world.users["mentor"]
    assert open_.filter(kind="change_report_read", subject_id=ChangeReport.objects.get(supervisee=a).pk).exists()
    count = Trigger.objects.count()
    seed_mentoring(today=timezone.localdate(), users=users)
    assert Trigger.objects.count() == count  # once


def test_the_social_worker_has_a_crisis_follow_up_due(world):
    from sqjz.counselling.models import CrisisCase
    from sqjz.demo.counselling import seed_counselling

    users = {"lina": world.users["office_officer"], "chenxiao": world.users["social_worker"]}
    seed_counselling(today=timezone.localdate(), users=users)
    case = CrisisCase.objects.get(supervisee=world.people["A"], counsellor=world.users["social_worker"])
    item = InboxItem.objects.get(kind="crisis_follow_up", subject_id=case.pk, state=InboxItem.State.OPEN)
    assert item.actor_user == world.users["social_worker"]
    seed_counselling(today=timezone.localdate(), users=users)
    assert CrisisCase.objects.count() == 1  # once


def test_a_person_outside_prison_reported_last_months_health(world):
    from sqjz.demo.health import seed_health_reports
    from sqjz.supervisees.models import Supervisee
    from sqjz.supervision.medical.models import HealthReport

    a = world.people["A"]
    Supervisee.objects.filter(pk=a.pk).update(correction_type="temporary_release", temporary_release_ground="pregnancy")
    seed_health_reports(today=timezone.localdate(), users={"lina": world.users["office_officer"]})
    report = HealthReport.objects.get(supervisee=a)
    assert report.read_by == world.users["office_officer"] and report.month < timezone.localdate().replace(day=1)
