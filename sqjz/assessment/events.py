"""Quarterly grades on the timeline."""

from django.urls import reverse

from sqjz.assessment.models import QuarterlyAssessment
from sqjz.timeline.registry import Event, at, kind, name, source

ASSESSMENT = kind("assessment", "考核", 140)


@source
def assessment_events(s):
    url = reverse("assessment:case", args=[s.pk])
    for a in QuarterlyAssessment.objects.filter(supervisee=s).select_related("assessed_by"):
        title = f"第{a.period_number}期季度考核：{a.get_grade_display()}"
        yield Event(at(a.assessed_on), ASSESSMENT, title, name(a.assessed_by), url)
