"""A committee for the test world's 红塔区 agency: the county head chairs it, the county officer is its secretary,
two outside members vote, the procuratorate observes."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqjz.committee import services

TZ = ZoneInfo("Asia/Shanghai")


def hongta_committee(w, since: date):
    head, officer = w.users["county_head"], w.users["county_officer"]
    chair = services.member_add(actor=head, user=head, role="chair", voting=True, from_date=since)
    secretary = services.member_add(actor=head, user=officer, role="secretary", voting=True, from_date=since)
    one = services.member_add(
        actor=head, name="李委员", organisation="玉溪师范学院", role="member", voting=True, from_date=since
    )
    two = services.member_add(
        actor=head, name="赵委员", organisation="红塔区律师协会", role="member", voting=True, from_date=since
    )
    observer = services.member_add(
        actor=head, name="钱检察官", organisation="红塔区人民检察院", role="observer", voting=True, from_date=since
    )
    return chair.committee, [chair, secretary, one, two, observer]


def held_meeting(w, matters, *, at: datetime, absent=()):
    """Schedule a meeting at `at` (in the past) with `matters` and record attendance (`absent`: members)."""
    officer = w.users["county_officer"]
    committee = matters[0].committee
    meeting = services.meeting_schedule(
        actor=officer, committee_id=committee.pk, held_at=at, place="第一会议室", matter_ids=[m.pk for m in matters]
    )
    members = list(committee.members.all())
    rows = {m.pk: (m not in absent, "出差" if m in absent else "") for m in members}
    services.attendance_record(actor=officer, meeting_id=meeting.pk, rows=rows)
    return meeting


def past(days: int) -> datetime:
    return datetime.now(TZ).replace(hour=9, minute=0, second=0, microsecond=0) - timedelta(days=days)
