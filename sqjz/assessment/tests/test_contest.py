"""A contested grade goes to the review committee from the assessment page (提交审核委员会)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sqjz.assessment import services
from sqjz.assessment.models import QuarterlyAssessment
from sqjz.assessment.selectors import period_to_assess
from sqjz.committee.models import Matter
from sqjz.rulebook.selectors import statute_context

pytestmark = pytest.mark.django_db


def test_an_officer_puts_a_contested_grade_to_the_committee(world, login):
    s = world.people["A"]
    client = login(world.users["office_officer"])
    url = reverse("assessment:contest", args=[s.pk])
    refused = client.post(url, {"summary": "有异议"})
    assert refused.status_code == 400 and "尚无考核结果" in refused.content.decode()
    s.term_start = s.judgment_effective_date = timezone.localdate() - timedelta(days=200)
    s.save()
    period_end = period_to_assess(statute_context(), s, [], timezone.localdate()).end
    services.assessment_record(
        actor=world.users["office_officer"],
        supervisee=s,
        assessment=QuarterlyAssessment(
            period_end=period_end,
            grade="fail",
            law_abiding="-",
            compliance="-",
            education="-",
            community_service="-",
            assessed_on=timezone.localdate(),
        ),
    )
    assert "提交审核委员会" in client.get(reverse("assessment:case", args=[s.pk])).content.decode()
    assert client.post(url, {"summary": ""}).status_code == 400
    assert client.post(url, {"summary": "本人认为第1期考核等次不当"}).status_code == 302
    m = Matter.objects.get(kind="contested_grade", supervisee=s)
    assert m.title == "第1期季度考核结果（不合格）异议" and m.committee.unit == world.units["hongta_agency"]
