"""Demo social work, made through the services as the users would: 红塔区's agency (张丽) bought this year's social-work
services from a provider that stations its social worker 陈晓 at 玉兴街道司法所 (decision 0035), with three payment
milestones (the first paid) and the first half-year evaluated; 陈晓's visits and talks with the people assigned to her
over the past months count as the services delivered. The volunteer 何平 saw two of his people lately and the third
forty days ago: that one is due a visit on his workbench."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from sqjz.socialwork import services
from sqjz.socialwork.models import ContractEvaluation, HelpRecord, PaymentMilestone, ServiceContract
from sqjz.supervisees.models import CaseAssignment, Status, Supervisee

PROVIDER = "红塔区启航社会工作服务中心"
VISITS = [
    ("visit", "上门走访，了解到其工作稳定，家庭关系融洽，提醒按时签到和报告。"),
    ("counselling", "谈心谈话，近期因工作压力情绪低落，进行了心理疏导，约定下月再谈。"),
    ("assistance", "协助联系社区就业服务站，推荐了两个仓储岗位。"),
    ("education", "结合其案情讲解交通安全和法律常识。"),
]


def _people(user) -> list[tuple[Supervisee, date]]:
    """The helper's adults under correction, each with the day of the assignment."""
    assignments = CaseAssignment.objects.filter(
        user=user, is_active=True, supervisee__status=Status.UNDER_CORRECTION, supervisee__is_minor=False
    ).select_related("supervisee")
    return [
        (a.supervisee, timezone.localtime(a.assigned_at or a.created_at).date())
        for a in assignments.order_by("supervisee_id")
    ]


def _help(user, person, day: date, n: int) -> None:
    kind, content = VISITS[n % len(VISITS)]
    services.help_record(
        actor=user,
        supervisee_id=person.pk,
        record=HelpRecord(
            day=day, kind=kind, hours=Decimal("1.5") if kind == "counselling" else Decimal("1"), content=content
        ),
    )


def seed_socialwork(*, today: date, users: dict) -> None:
    zhangli, chenxiao, heping = users.get("zhangli"), users.get("chenxiao"), users.get("heping")
    if zhangli is None or chenxiao is None or ServiceContract.objects.exists():
        return
    start = date(today.year, 1, 1)
    contract = services.contract_create(
        actor=zhangli,
        contract=ServiceContract(
            title=f"{today.year}年度红塔区社区矫正社会工作服务项目",
            provider=PROVIDER,
            selection=ServiceContract.Selection.PUBLIC_TENDER,
            selected_on=start - timedelta(days=12),
            selection_reference=f"HTCG-{today.year - 1}-118",
            starts_on=start,
            ends_on=date(today.year, 12, 31),
            hours=Decimal("300"),
            budget=Decimal("180000"),
            quality_standards="每次服务当日在系统中记录；每月走访每名联系对象不少于一次；回访满意度不低于90%；"
            "服务记录抽查合格率不低于95%。",
        ),
        quantities={"visit": 120, "counselling": 40, "assistance": 20, "education": 12},
        workers=[chenxiao],
        milestones=[
            PaymentMilestone(
                due_on=start + timedelta(days=14), amount=Decimal("54000"), condition="合同签订后支付首款"
            ),
            PaymentMilestone(
                due_on=date(today.year, 7, 15),
                amount=Decimal("72000"),
                condition="上半年绩效考核合格后支付",
                needs_evaluation=True,
            ),
            PaymentMilestone(
                due_on=date(today.year, 12, 31),
                amount=Decimal("54000"),
                condition="年终绩效考核合格后支付尾款",
                needs_evaluation=True,
            ),
        ],
    )
    first, second, _ = contract.milestones.order_by("due_on")
    services.milestone_pay(
        actor=zhangli, contract=contract, milestone_id=first.pk, paid_on=first.due_on, paid_amount=first.amount
    )
    # 陈晓: each of her people every three weeks or so, since the later of the contract's start and the assignment.
    n = 0
    for i, (person, assigned_on) in enumerate(_people(chenxiao)):
        day = max(start, assigned_on, today - timedelta(days=300)) + timedelta(days=1 + 2 * i)
        while day <= today - timedelta(days=1):
            _help(chenxiao, person, day, n)
            n += 1
            day += timedelta(days=20 + (n % 5))
    half = date(today.year, 6, 30)
    if today > half:
        services.evaluation_create(
            actor=zhangli,
            contract=contract,
            evaluation=ContractEvaluation(
                period_start=start,
                period_end=half,
                quality_score=88,
                quality_notes="抽查服务记录20份，内容完整；电话回访对象5名，均表示满意。走访次数略低于约定进度，已要求下半年补足。",
                conclusion=ContractEvaluation.Conclusion.PASSED,
                milestone=second,
            ),
        )
    if heping is not None:
        people = _people(heping)
        for i, (person, _) in enumerate(people):
            last = i == len(people) - 1
            _help(heping, person, today - timedelta(days=40 if last else 3 + 5 * i), i + 1)
