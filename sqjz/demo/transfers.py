"""A demo change of the place of execution (执行地变更), made through the services as the officers would: a person of
凤凰街道 (红塔区) applied 3 days ago to move to 星云街道 (江川区) for a new job; 张丽 (红塔区) consulted 江川区 in
writing, and the reply is now in 罗明's and 普华's to-dos (江川区社区矫正管理局), with its statute deadline. 周丽 (星云)
sees the incoming transfer, 赵敏 and 田静 (both procuratorates) the transfer's page; the record stays with 红塔区
until the decision."""

from datetime import date, timedelta

from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.models import ResidenceTransfer
from sqjz.supervision.transfer import services


def seed_transfers(*, today: date, users: dict) -> ResidenceTransfer | None:
    if ResidenceTransfer.objects.exists():
        return None
    s = (
        Supervisee.objects.filter(
            judicial_office__division__code="530402002",
            status=Status.UNDER_CORRECTION,
            is_minor=False,
            term_end__gt=today + timedelta(days=90),
        )
        .exclude(name="陈刚")
        .order_by("id")
        .first()
    )
    xingyun = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, division__code="530403001").first()
    office_user = users.get("zhaoyang")
    if s is None or xingyun is None or office_user is None:
        return None
    t = services.transfer_apply(
        actor=office_user,
        supervisee=s,
        transfer=ResidenceTransfer(
            to_office=xingyun,
            new_address="江川区星云街道上营社区兴业路18号",
            reason="在江川区一家农产品加工企业找到长期工作，已租住企业附近房屋，申请变更执行地",
            evidence="劳动合同、房屋租赁合同",
            move_on=today + timedelta(days=40),
            applied_on=today - timedelta(days=3),
        ),
    )
    return services.transfer_consult(actor=users["zhangli"], transfer=t, opinion="凤凰街道司法所核实属实，同意上报。")
