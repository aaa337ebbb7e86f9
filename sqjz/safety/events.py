"""Screenings of the person on the timeline."""

from django.urls import reverse

from sqjz.safety.models import Screening
from sqjz.timeline.registry import Event, at, kind, name, source

SCREENING = kind("screening", "排查", 150)


@source
def screening_events(s):
    for x in Screening.objects.filter(supervisee=s).select_related("campaign", "screened_by"):
        url = reverse("safety:campaign", args=[x.campaign_id])
        title = f"{x.campaign.name}：{x.get_outcome_display()}（{x.get_method_display()}）"
        yield Event(at(x.screened_on), SCREENING, title, name(x.screened_by), url)
