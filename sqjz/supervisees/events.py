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


@source
def assignment_events(s):
    url = reverse("supervisees:detail", args=[s.pk])
    for a in s.assignments.filter(assigned_at__isnull=False).select_related("user", "assigned_by", "ended_by"):
        yield Event(
            at(a.assigned_at), REGISTER, f"分派{a.get_kind_display()}{a.user.full_name}", name(a.assigned_by), url
        )
        if a.ended_at:
            title = f"解除{a.get_kind_display()}{a.user.full_name}的分派" + (
                f"（{a.end_reason}）" if a.end_reason else ""
            )
            yield Event(at(a.ended_at), REGISTER, title, name(a.ended_by), url)
