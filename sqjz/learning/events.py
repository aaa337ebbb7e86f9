"""Phone courses on the timeline: the courses the person finished."""

from django.urls import reverse

from sqjz.learning.models import Assignment
from sqjz.timeline.registry import Event, at, kind, source

LEARNING = kind("learning", "网上学习", 133)


@source
def learning_events(s):
    url = reverse("learning:list")
    done = Assignment.objects.filter(supervisee=s, completed_at__isnull=False).select_related("course")
    for a in done:
        yield Event(at(a.completed_at), LEARNING, f"学完网上课程（{a.course.hours}小时）：{a.course.title}", "", url)
