"""The committee's matters and resolutions on the person's timeline."""

from django.urls import reverse

from sqjz.committee.models import Matter
from sqjz.timeline.registry import Event, at, kind, name, source

MATTER = kind("committee_matter", "提请审核委员会审议", 150)
RESOLUTION = kind("committee_resolution", "审核委员会决议", 151)


@source
def committee_events(s):
    for m in Matter.objects.filter(supervisee=s).select_related("submitted_by", "meeting"):
        url = reverse("committee:matter", args=[m.pk])
        yield Event(at(m.submitted_at), MATTER, f"提请审核委员会审议：{m.title}", name(m.submitted_by), url)
        if m.status == Matter.Status.RESOLVED and m.meeting is not None:
            title = f"审核委员会{m.meeting.number}决议：{m.get_outcome_display()}（{m.title}）"
            yield Event(at(m.resolved_on), RESOLUTION, title, "", url)
