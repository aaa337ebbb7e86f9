"""Demo counselling (心理辅导), made through the services as the people would: 陈晓 (chenxiao, 玉兴's social worker)
assessed one of her people a week ago and found a crisis; 李娜 opened a crisis case with chenxiao as its counsellor, who
followed it up four days ago, so a follow-up is due on her home page; another of her people had a counselling session
last month. Only 李娜's office and chenxiao see these records (decision 0038)."""

from datetime import date, timedelta

from sqjz.counselling import services
from sqjz.counselling.models import Assessment, CrisisCase, Session
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee


def seed_counselling(*, today: date, users: dict) -> None:
    lina, chenxiao = users.get("lina"), users.get("chenxiao")
    if lina is None or chenxiao is None or CrisisCase.objects.exists():
        return
    people = list(
        Supervisee.objects.filter(
            status=Status.UNDER_CORRECTION,
            assignments__user=chenxiao,
            assignments__kind=CaseAssignment.Kind.SOCIAL_WORKER,
            assignments__is_active=True,
        )
        .exclude(name="陈刚")
        .order_by("id")[:2]
    )
    if not people:
        return
    first = people[0]
    services.assessment_record(
        actor=chenxiao,
        supervisee=first,
        assessment=Assessment(
            assessed_on=today - timedelta(days=7),
            instrument="SCL-90症状自评量表、心理访谈",
            result=Assessment.Result.SEVERE,
            summary="抑郁、焦虑因子明显偏高，近期离婚后独居，睡眠差，谈话中多次流露消极念头。",
        ),
    )
    case = services.crisis_open(
        actor=lina,
        supervisee=first,
        case=CrisisCase(
            opened_on=today - timedelta(days=7),
            source=CrisisCase.Source.ASSESSMENT,
            risk=CrisisCase.Risk.MEDIUM,
            signs="心理评估为严重心理问题；离婚后独居，失眠，多次说“活着没意思”。",
            counsellor=chenxiao,
        ),
    )
    services.session_record(
        actor=chenxiao,
        supervisee=first,
        crisis_id=case.pk,
        session=Session(
            held_on=today - timedelta(days=4),
            manner=Session.Manner.FACE,
            hours=1.5,
            notes="开展情绪疏导，与其共同制定安全计划，联系其姐姐每日电话陪伴；本人情绪较前平稳。",
        ),
    )
    if len(people) > 1:
        services.session_record(
            actor=chenxiao,
            supervisee=people[1],
            session=Session(
                held_on=today - timedelta(days=25),
                manner=Session.Manner.FACE,
                hours=1,
                notes="因工作压力大、与同事发生矛盾前来咨询，进行了压力管理和沟通技巧辅导。",
            ),
        )
