"""Assistance on the timeline: the needs assessments, and the cases opened and closed."""

from django.urls import reverse

from sqjz.assistance.models import FINISHED, AssistanceStep, NeedsAssessment
from sqjz.timeline.registry import Event, at, kind, name, source

ASSISTANCE = kind("assistance", "帮扶", 134)


@source
def assistance_events(s):
    page = reverse("assistance:person", args=[s.pk])
    for a in NeedsAssessment.objects.filter(supervisee=s).select_related("recorded_by").prefetch_related("needs"):
        needs = "、".join(n.get_kind_display() for n in a.needs.all()) or "暂无帮扶需求"
        yield Event(
            at(a.assessed_on),
            ASSISTANCE,
            f"帮扶需求评估（{a.get_occasion_display()}）：{needs}",
            name(a.recorded_by),
            page,
        )
    steps = AssistanceStep.objects.filter(case__supervisee=s, status__in=("open", *FINISHED))
    for step in steps.select_related("case", "recorded_by"):
        case = step.case
        if step.status == "open":
            title = f"帮扶立案：{case.get_kind_display()}（拟转介{case.get_body_display()}）"
        else:
            title = f"帮扶办结（{step.get_status_display()}）：{case.get_kind_display()}，{step.note}"
        yield Event(at(step.day), ASSISTANCE, title, name(step.recorded_by), reverse("assistance:case", args=[case.pk]))
