"""Demo assistance (帮扶), made through the services as the office and its social worker would, for 李娜's office
(玉兴街道司法所): the first of 陈晓's people, unemployed, assessed by her and referred to 人社 for vocational training,
the course under way and its follow-up due (so that her home page shows it); another person found a job through a
referral, the case completed; a third assessed as eligible for 低保 with no case yet (a gap in the coverage report)."""

from datetime import date, timedelta

from sqjz.assistance import services
from sqjz.assistance.models import NeedsAssessment
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee

YUXING = "530402001"


def _assess(actor, person: Supervisee, day: date, note: str, **findings) -> None:
    services.assessment_record(
        actor=actor, supervisee=person, assessment=NeedsAssessment(assessed_on=day, note=note, **findings)
    )


def _case(actor, person: Supervisee, kind: str, body: str, opened_on: date, steps, handler=None) -> None:
    case = services.case_open(
        actor=actor, supervisee=person, kind=kind, body=body, opened_on=opened_on, note="", handler=handler
    )
    for action, day, note in steps:
        case = services.case_step(actor=handler or actor, case=case, action=action, day=day, note=note)


def seed_assistance(*, today: date, users: dict) -> None:
    lina, worker = users.get("lina"), users.get("chenxiao")
    if lina is None or worker is None or NeedsAssessment.objects.exists():
        return
    adults = Supervisee.objects.filter(
        judicial_office__division__code=YUXING,
        status=Status.UNDER_CORRECTION,
        is_minor=False,
        term_start__lte=today - timedelta(days=90),  # under correction before the first assessment
    ).order_by("id")
    hers = adults.filter(
        assignments__user=worker, assignments__kind=CaseAssignment.Kind.SOCIAL_WORKER, assignments__is_active=True
    ).first()
    if hers is None:
        return
    _assess(
        worker,
        hers,
        today - timedelta(days=80),
        "原在建筑工地务工，工程结束后失业；想学电工，有一定基础。",
        work="unemployed",
        wants_training=True,
        insured=True,
    )
    _case(
        lina,
        hers,
        "vocational_training",
        "hrss",
        today - timedelta(days=75),
        [
            ("refer", today - timedelta(days=70), "向红塔区人力资源和社会保障局职业培训中心递交转介函"),
            ("start", today - timedelta(days=65), "参加红塔区电工（初级）培训班，为期三个月，每周一、三、五上课"),
        ],
        handler=worker,
    )
    others = list(adults.exclude(pk=hers.pk)[:2])
    if others:
        placed = others[0]
        _assess(
            lina,
            placed,
            today - timedelta(days=62),
            "会驾驶叉车，希望尽快就业。",
            work="unemployed",
            insured=True,
        )
        _case(
            lina,
            placed,
            "job_referral",
            "hrss",
            today - timedelta(days=60),
            [
                ("refer", today - timedelta(days=58), "推荐参加玉兴街道就业服务站专场招聘会"),
                ("start", today - timedelta(days=50), "推荐至玉溪市一家物流公司面试叉车司机岗位"),
                ("complete", today - timedelta(days=40), "已在物流公司仓库上岗，签订一年劳动合同"),
            ],
        )
    if len(others) > 1:
        _assess(
            lina,
            others[1],
            today - timedelta(days=30),
            "配偶患病长期住院，家中两名子女上学，人均收入低于当地低保标准。",
            work="employed",
            income_below_minimum=True,
            family_difficulty=True,
            insured=True,
        )
