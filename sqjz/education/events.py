"""Education on the timeline: individual education, and group sessions the person attended or missed."""

from django.urls import reverse

from sqjz.education.models import Attendance, EducationSession
from sqjz.timeline.registry import Event, at, kind, name, source

EDUCATION = kind("education", "教育学习", 132)


@source
def education_events(s):
    url = reverse("education:person", args=[s.pk])
    attended = Attendance.objects.filter(supervisee=s, present__isnull=False).select_related("session__recorded_by")
    for a in attended:
        session = a.session
        if session.kind == EducationSession.Kind.INDIVIDUAL:
            title = f"个别教育（{session.get_theme_display()}）：{session.topic}"
        elif a.present:
            title = f"参加集中教育（{session.get_theme_display()}，{session.hours}小时）：{session.topic}"
        else:
            title = f"未参加集中教育：{session.topic}" + (f"（{a.note}）" if a.note else "")
        yield Event(at(session.held_on), EDUCATION, title, name(session.recorded_by), url)
