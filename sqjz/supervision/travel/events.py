"""Leave to travel on the timeline: the application, the decision and the return report (销假)."""

from django.urls import reverse

from sqjz.supervision.travel.models import TravelLeave
from sqjz.timeline.registry import Event, at, kind, name, source

TRAVEL = kind("travel", "外出", 110)


@source
def travel_events(s):
    url = reverse("supervision:travel", args=[s.pk])
    for leave in TravelLeave.objects.filter(supervisee=s).select_related("recorded_by", "decided_by"):
        trip = f"{leave.destination}{leave.days}日（{leave.get_purpose_display()}）"
        yield Event(at(leave.applied_on), TRAVEL, f"申请外出：{trip}", name(leave.recorded_by), url)
        if leave.decided_at:
            verdict = "不予批准" if leave.status == TravelLeave.Status.REFUSED else "批准"
            title = f"{leave.get_level_display()}{verdict}外出：{trip}"
            yield Event(at(leave.decided_at), TRAVEL, title, name(leave.decided_by), url)
        if leave.returned_on:
            yield Event(at(leave.returned_on), TRAVEL, f"外出返回销假：{leave.destination}", url=url)
