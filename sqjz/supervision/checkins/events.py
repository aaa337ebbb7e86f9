"""Check-ins on the timeline: the phone app opened, the check-ins of each day (one event a day, with how many), spot
checks and whether they were answered, and the follow-ups of missed check-ins."""

from django.db.models import Count, Min
from django.urls import reverse

from sqjz.accounts.models import AccountUnlock
from sqjz.supervision.checkins.models import AppEnrolment, CheckIn, CheckInFollowUp, SpotCheck
from sqjz.timeline.registry import Event, at, kind, name, source

CHECKIN = kind("checkin", "签到", 100)


@source
def checkin_events(s):
    url = reverse("supervision:checkins", args=[s.pk])
    for e in AppEnrolment.objects.filter(supervisee=s).select_related("enrolled_by"):
        yield Event(at(e.enrolled_on), CHECKIN, "开通手机签到", name(e.enrolled_by), url)
    days = CheckIn.objects.filter(supervisee=s).values("checked_on").annotate(n=Count("id"), first=Min("checked_at"))
    for day in days.order_by():
        yield Event(at(day["first"]), CHECKIN, f"手机签到{day['n']}次", url=url)
    for spot in SpotCheck.objects.filter(supervisee=s).select_related("requested_by", "answer"):
        answered = "已按时应答" if spot.answer_id else "未应答"
        yield Event(at(spot.requested_at), CHECKIN, f"随机抽查（{answered}）", name(spot.requested_by), url)
    for u in AccountUnlock.objects.filter(user__supervisee=s).select_related("unlocked_by"):
        yield Event(at(u.at), CHECKIN, "解除手机账户登录锁定", name(u.unlocked_by), url)
    for f in CheckInFollowUp.objects.filter(supervisee=s).select_related("recorded_by"):
        reached = "已联系上本人" if f.reached else "未能联系上本人"
        yield Event(
            at(f.followed_up_on), CHECKIN, f"未签到核实：{f.get_method_display()}，{reached}", name(f.recorded_by), url
        )
