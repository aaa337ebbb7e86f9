"""The demo's assistance (issue 14 §2, Demo): 陈晓 (the social worker of 玉兴) handles a vocational-training case,
referred to 人社 and under way, due for follow-up, so that her home page shows it; another person's job referral is
completed; a third is eligible for 低保 with no case, a gap in the coverage report. Built on the test world (玉兴 is its
office 530402001, its social worker is assigned to A), with two more adults of 玉兴."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sqjz.assistance.models import AssistanceCase, NeedsAssessment
from sqjz.demo.assistance import seed_assistance
from tests.factories import SuperviseeFactory


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_social_worker_has_assistance_cases_on_her_home_page(world):
    for name in ("钱八", "周九"):
        SuperviseeFactory(name=name, judicial_office=world.yuxing, deciding_authority=world.units["hongta_court"])
    users = {"lina": world.users["office_officer"], "chenxiao": world.users["social_worker"]}
    seed_assistance(today=timezone.localdate(), users=users)
    training = AssistanceCase.objects.get(kind="vocational_training")
    assert training.supervisee == world.people["A"] and training.handler == world.users["social_worker"]
    assert training.status == "in_progress" and training.referred_on is not None
    assert AssistanceCase.objects.get(kind="job_referral").status == "completed"
    count = NeedsAssessment.objects.count()
    assert count == 3
    seed_assistance(today=timezone.localdate(), users=users)
    assert NeedsAssessment.objects.count() == count  # once
    home = _client(world.users["social_worker"]).get(reverse("workbench:home")).content.decode()
    assert "帮扶转介跟进" in home and "职业技能培训" in home
    coverage = _client(world.users["office_officer"]).get(reverse("assistance:coverage"), {"kind": "minimum_living"})
    assert "周九" in coverage.content.decode()  # eligible for 低保, not covered
    by_kind = {code: c for code, _, c in coverage.context["by_kind"]}
    assert by_kind["minimum_living"].uncovered == 1 and by_kind["job_referral"].covered == 1
