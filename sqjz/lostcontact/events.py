"""Lost-contact cases on the timeline: opened, police notified, closed."""

from django.urls import reverse

from sqjz.lostcontact.models import LostContact, Outcome
from sqjz.statute.text import cn_date
from sqjz.timeline.registry import Event, at, kind, name, source

LOST_CONTACT = kind("lost_contact", "失联查找", 125)


@source
def lost_contact_events(s):
    url = reverse("lostcontact:person", args=[s.pk])
    cases = LostContact.objects.filter(supervisee=s).select_related("opened_by", "closed_by", "notice__issued_by")
    for c in cases:
        who = name(c.opened_by) if c.opened_by else "系统自动"
        yield Event(at(c.opened_on), LOST_CONTACT, f"失去联系，启动查找（最后联系日{cn_date(c.since)}）", who, url)
        if c.police_notified_on:
            by = name(c.notice.issued_by) if c.notice else ""
            yield Event(at(c.police_notified_on), LOST_CONTACT, "失联情况通报公安机关，抄送人民检察院", by, url)
        if c.state == LostContact.State.CLOSED:
            if c.outcome == Outcome.ENDED:
                title = f"失联查找结案：{c.get_outcome_display()}（{cn_date(c.restored_on)}）"
            else:
                title = f"失联查找结案：{c.get_outcome_display()}（恢复联系日{cn_date(c.restored_on)}）"
            yield Event(at(c.closed_at), LOST_CONTACT, title, name(c.closed_by) if c.closed_by else "系统自动", url)
