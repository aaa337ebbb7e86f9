"""Leave to travel on the timeline: the application, the decision and the return report (销假)."""

from django.urls import reverse

from sqjz.statute.text import cn_date
from sqjz.supervision.travel.models import FrequentTravelPermit, FrequentTravelTrip, TravelLeave
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


@source
def frequent_travel_events(s):
    url = reverse("supervision:travel", args=[s.pk])
    for p in FrequentTravelPermit.objects.filter(supervisee=s).select_related("recorded_by", "decided_by"):
        where = "、".join(p.destinations)
        yield Event(at(p.applied_on), TRAVEL, f"申请经常性跨市、县活动：{where}", name(p.recorded_by), url)
        if p.decided_at:
            refused = p.status == FrequentTravelPermit.Status.REFUSED
            verdict = "不予批准" if refused else f"批准（有效期至{cn_date(p.valid_until)}）"
            yield Event(
                at(p.decided_at),
                TRAVEL,
                f"县级社区矫正机构{verdict}经常性跨市、县活动：{where}",
                name(p.decided_by),
                url,
            )
    for t in FrequentTravelTrip.objects.filter(supervisee=s).select_related("reported_by"):
        title = f"经常性外出报告：{t.destination}{t.days}日（{t.get_channel_display()}）"
        yield Event(at(t.start), TRAVEL, title, name(t.reported_by), url)
