"""The register's events on the timeline: the record was registered, and each later change (with its status)."""

from django.urls import reverse

from sqjz.timeline.registry import Event, at, kind, name, source

REGISTER = kind("register", "登记", 20)


@source
def register_events(s):
    url = reverse("supervisees:detail", args=[s.pk])
    for h in s.history.select_related("history_user").order_by("history_date"):
        title = "登记入册" if h.history_type == "+" else f"修改档案信息（状态：{h.get_status_display()}）"
        yield Event(at(h.history_date), REGISTER, title, name(h.history_user), url)
