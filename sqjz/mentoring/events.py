"""The mentoring scheme on the timeline: the occasions for a mandatory visit, the mentor's visits, and the changes the
person reported."""

from django.urls import reverse

from sqjz.mentoring.models import ChangeReport, Trigger, Visit
from sqjz.timeline.registry import Event, at, kind, name, source

MENTORING = kind("mentoring", "511帮教", 134)


@source
def mentoring_events(s):
    url = reverse("mentoring:person", args=[s.pk])
    for t in Trigger.objects.filter(supervisee=s).select_related("recorded_by"):
        yield Event(
            at(t.known_on), MENTORING, f"五必访情形（{t.get_occasion_display()}）：{t.detail}", name(t.recorded_by), url
        )
    for v in Visit.objects.filter(supervisee=s).select_related("mentor", "trigger"):
        what = f"五必访（{v.trigger.get_occasion_display()}）" if v.trigger else "日常帮教"
        yield Event(at(v.visited_on), MENTORING, f"结对干警{v.get_manner_display()}，{what}", name(v.mentor), url)
    for r in ChangeReport.objects.filter(supervisee=s):
        yield Event(r.submitted_at, MENTORING, f"本人报告{r.get_change_display()}：{r.content[:60]}", s.name, url)
