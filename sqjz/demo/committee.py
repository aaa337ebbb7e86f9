"""The review committees of 红塔区 and 江川区: 红塔区's (王强 chair, 张丽 secretary, two outside members without
accounts, the county procuratorate observing) held a meeting ten days ago that resolved a difficult case of 玉兴,
and meets in three days on another pending one; 江川区's (普华 chair, 罗明 secretary) has its members only."""

from datetime import date, datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from sqjz.committee import services
from sqjz.committee.models import Committee
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Status, Supervisee

OUTSIDE = {
    "530402": (("杨立新", "玉溪师范学院法学教授"), ("段红梅", "红塔区律师协会律师")),
    "530403": (("李国华", "江川区人大代表"), ("赵晓丽", "江川区律师协会律师")),
}


def _members(county: str, chair, secretary, since: date) -> None:
    services.member_add(actor=chair, user=chair, role="chair", voting=True, from_date=since)
    services.member_add(actor=chair, user=secretary, role="secretary", voting=True, from_date=since)
    for name, organisation in OUTSIDE[county]:
        services.member_add(
            actor=chair, name=name, organisation=organisation, role="member", voting=True, from_date=since
        )
    procuratorate = Unit.objects.get(kind=Unit.Kind.PROCURATORATE, division__code=county)
    services.member_add(
        actor=chair,
        name="派员列席",
        organisation=procuratorate.name,
        role="observer",
        voting=False,
        from_date=since,
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


def seed_committees(*, today: date, users: dict) -> None:
    if Committee.objects.exists():
        return
    since = today - timedelta(days=180)
    _members("530402", users["wangqiang"], users["zhangli"], since)
    _members("530403", users["puhua"], users["luoming"], since)
    lina, zhangli = users["lina"], users["zhangli"]
    people = list(
        Supervisee.objects.filter(status=Status.UNDER_CORRECTION, is_minor=False, judicial_office=lina.unit).order_by(
            "id"
        )[:2]
    )
    if not people:
        return
    people = (people * 2)[:2]  # a small demo may have one person in 红塔区: both matters are then about them
    held, pending = (
        services.matter_submit(
            actor=lina if s.judicial_office_id == lina.unit_id else zhangli,
            supervisee=s,
            kind="difficult_case",
            title=title,
            summary=summary,
            materials=[("矫正对象档案", reverse("supervisees:detail", args=[s.pk]))],
        )
        for s, (title, summary) in zip(
            people,
            (
                (
                    "是否调整为严格管理",
                    "该对象近三个月两次未按时报告，经训诫后有所改正，但工作单位变动频繁。提请审议：是否调整为严格管理。",
                ),
                (
                    "外出务工期间监管方式",
                    "该对象申请赴昆明务工六个月，家庭经济困难。提请审议：可否批准并采取何种监管方式。",
                ),
            ),
            strict=True,
        )
    )
    committee_id = held.committee_id
    past = services.meeting_schedule(
        actor=zhangli,
        committee_id=committee_id,
        held_at=_at(today - timedelta(days=10), 9),
        place="红塔区社区矫正管理局第一会议室",
        matter_ids=[held.pk],
    )
    members = list(Committee.objects.get(pk=committee_id).members.order_by("id"))
    rows = {m.pk: (m.name != "段红梅", "外出开庭" if m.name == "段红梅" else "") for m in members}
    services.attendance_record(actor=zhangli, meeting_id=past.pk, rows=rows)
    voters = [m for m in members if m.voting and m.name != "段红梅"]
    votes = {m.pk: ("agree", "同意调整，加强走访。") for m in voters}
    services.matter_deliberate(
        actor=zhangli,
        meeting_id=past.pk,
        matter_id=held.pk,
        votes=votes,
        outcome="passed",
        text="同意将该对象调整为严格管理，由玉兴街道司法所每周电话核查、每月走访一次。",
        resolved_on=today - timedelta(days=10),
    )
    services.meeting_schedule(
        actor=zhangli,
        committee_id=committee_id,
        held_at=_at(today + timedelta(days=3), 14),
        place="红塔区社区矫正管理局第一会议室",
        matter_ids=[pending.pk],
    )
