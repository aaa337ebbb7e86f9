"""Social work on the timeline: the help social workers and volunteers recorded for the person."""

from django.urls import reverse

from sqjz.socialwork.models import HelpRecord
from sqjz.timeline.registry import Event, at, kind, name, source

HELP = kind("help", "社工帮扶", 134)


@source
def help_events(s):
    url = reverse("socialwork:person", args=[s.pk])
    for r in HelpRecord.objects.filter(supervisee=s).select_related("helper"):
        yield Event(at(r.day), HELP, f"{r.get_kind_display()}（{r.hours}小时）：{r.content[:60]}", name(r.helper), url)
