"""Approvals under a prohibition order on the timeline: the application and the decision."""

from django.urls import reverse
from django.utils import timezone

from sqjz.statute.text import cn_datetime
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.timeline.registry import Event, at, kind, name, source

PLACES = kind("places", "进入特定场所", 115)


@source
def place_events(s):
    url = reverse("supervision:places", args=[s.pk])
    for e in SpecialPlaceEntry.objects.filter(supervisee=s).select_related("recorded_by", "decided_by"):
        what = f"{e.get_kind_display()}：{e.place}（{cn_datetime(timezone.localtime(e.window_from))}起）"
        yield Event(at(e.applied_on), PLACES, f"申请{what}", name(e.recorded_by), url)
        if e.decided_at:
            verdict = "不予批准" if e.status == SpecialPlaceEntry.Status.REFUSED else "批准"
            yield Event(at(e.decided_at), PLACES, f"县级社区矫正机构{verdict}{what}", name(e.decided_by), url)
