"""Writes of social work, each one transaction.

- A social worker or volunteer records help (走访, 谈心谈话和心理疏导, 帮扶, 教育, 其他帮扶) for a
  person under correction assigned to them, on a day not in the future nor more than a year back; the
  kind must be non-enforcement work (SOCIAL_WORK_NON_ENFORCEMENT). Help a contract's worker gives in
  the contract's county during its term is delivered under that contract. The helper's to-do for the
  person (HELP_CONTACT_DUE) is recomputed.
- A county agency's officer or head registers a purchased-service contract of the agency: the term ends after it
  starts, every quantity is a whole number not below 0 and at least one is above it, the budget covers the payment
  milestones, and the workers are social workers of the county.
- An evaluation of a period within the term, ended by today, keeps the services delivered in it against those due
  pro rata, with the quality score and the conclusion; it may be tied to a milestone that needs one.
- A milestone is paid once, not in the future, not above its amount; one that needs an evaluation only after the
  latest evaluation tied to it concluded 合格.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.socialwork import selectors
from sqjz.socialwork.models import ContractEvaluation, HelpKind, HelpRecord, PaymentMilestone, ServiceContract
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CaseAssignment, Status
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user

AREA = "socialwork"
HELP_PAST_DAYS = 366


class SocialWorkError(ServiceError):
    """A write refused for a reason the user can act on; `field` names the form field, if any."""


@transaction.atomic
def help_record(*, actor, supervisee_id: int, record: HelpRecord) -> HelpRecord:
    """Help given to a person assigned to the actor, from an unsaved instance (the form's)."""
    if not has_capability(actor, Capability.HELP_RECORD):
        raise SocialWorkError("您无权记录帮扶。")
    person = lock_supervisee_for_user(actor, supervisee_id, Access.VIEW, status=Status.UNDER_CORRECTION)
    assignments = list(
        CaseAssignment.objects.filter(
            supervisee_id=supervisee_id, user=actor, is_active=True, kind__in=selectors.HELPER_KINDS
        ).values_list("pk", flat=True)
    )
    if person is None or not assignments:
        raise SocialWorkError("只能为分派给您联系、在矫的社区矫正对象记录帮扶。", "supervisee")
    today = timezone.localdate()
    if record.day > today:
        raise SocialWorkError("帮扶日期不能晚于今天。", "day")
    if record.day < today - timedelta(days=HELP_PAST_DAYS):
        raise SocialWorkError("帮扶日期不能早于一年前，请核对。", "day")
    decision = RULES[selectors.NON_ENFORCEMENT_RULE](statute_context(), task=record.kind)
    if not decision.outcome:
        raise SocialWorkError(f"{decision.reasons[-1]}（{decision.articles[0]}）", "kind")
    record.supervisee, record.helper = person, actor
    record.contract = selectors.contract_on(actor, person, record.day)
    record.save()
    inbox_refresh(area=AREA, ids=assignments)
    return record


def _agency_of(actor):
    if not selectors.may_manage(actor):
        raise SocialWorkError("只有县级社区矫正机构可以管理本机构的购买服务合同。")
    return actor.unit


@transaction.atomic
def contract_create(
    *,
    actor,
    contract: ServiceContract,
    quantities: dict[str, int],
    workers: list,
    milestones: list[PaymentMilestone],
) -> ServiceContract:
    """A contract of the actor's county agency from an unsaved instance (the form's), with its quantities per kind of
    help, the provider's social workers and the payment milestones."""
    agency = _agency_of(actor)
    if contract.ends_on <= contract.starts_on:
        raise SocialWorkError("服务截止日应晚于服务起始日。", "ends_on")
    if contract.selected_on > contract.starts_on:
        raise SocialWorkError("中标（成交）日期不能晚于服务起始日。", "selected_on")
    unknown = set(quantities) - set(HelpKind.values)
    if unknown or any(int(n) < 0 for n in quantities.values()):
        raise SocialWorkError("约定服务次数应为不小于0的整数。", "quantities")
    if not any(quantities.values()):
        raise SocialWorkError("请至少填写一种服务的约定次数（大于0）。", "quantities")
    if not workers:
        raise SocialWorkError("请选择承接机构的社会工作者。", "workers")
    allowed = set(selectors.worker_candidates(agency).values_list("pk", flat=True))
    outside = [w.full_name for w in workers if w.pk not in allowed]
    if outside:
        raise SocialWorkError("以下人员不是本县（市、区）的社会工作者：" + "、".join(outside), "workers")
    if not milestones:
        raise SocialWorkError("请至少填写一个付款节点。", "milestones")
    total = sum((m.amount for m in milestones), Decimal("0"))
    if total > contract.budget:
        raise SocialWorkError(f"付款节点金额合计{total}元，超过合同金额{contract.budget}元。", "budget")
    late = [m for m in milestones if not contract.selected_on <= m.due_on <= contract.ends_on + timedelta(days=366)]
    if late:
        raise SocialWorkError("付款节点的计划支付日应在中标日期之后、服务截止日后一年内。", "milestones")
    contract.agency, contract.created_by = agency, actor
    contract.quantities = {kind: int(n) for kind, n in quantities.items() if int(n)}
    contract.save()
    contract.workers.set(workers)
    for m in milestones:
        m.contract = contract
    PaymentMilestone.objects.bulk_create(milestones)
    return contract


def _contract_for_writing(actor, contract: ServiceContract) -> ServiceContract:
    locked = ServiceContract.objects.select_for_update().get(pk=contract.pk)
    if not selectors.may_manage(actor, locked):
        raise SocialWorkError("只能管理本机构的购买服务合同。")
    return locked


@transaction.atomic
def evaluation_create(*, actor, contract: ServiceContract, evaluation: ContractEvaluation) -> ContractEvaluation:
    """The evaluation of a period (from an unsaved instance, the form's): the services delivered in it are counted
    now and kept with it."""
    contract = _contract_for_writing(actor, contract)
    start, end = evaluation.period_start, evaluation.period_end
    if end < start:
        raise SocialWorkError("考核期间止应不早于考核期间起。", "period_end")
    if start < contract.starts_on or end > contract.ends_on:
        raise SocialWorkError(
            f"考核期间应在服务期限（{contract.starts_on:%Y-%m-%d}至{contract.ends_on:%Y-%m-%d}）内。", "period_start"
        )
    if end > timezone.localdate():
        raise SocialWorkError("考核期间止不能晚于今天：期间结束后方可考核。", "period_end")
    milestone = evaluation.milestone
    if milestone is not None and (milestone.contract_id != contract.pk or not milestone.needs_evaluation):
        raise SocialWorkError("请选择本合同须考核合格的付款节点。", "milestone")
    evaluation.contract, evaluation.evaluated_by = contract, actor
    evaluation.delivered, evaluation.delivered_hours = selectors.delivered(contract, start, end)
    evaluation.expected, evaluation.expected_hours = selectors.expected(contract, start, end)
    evaluation.save()
    return evaluation


@transaction.atomic
def milestone_pay(*, actor, contract: ServiceContract, milestone_id: int, paid_on: date, paid_amount: Decimal):
    """Record the payment of a milestone. One that needs an evaluation is paid only after the latest evaluation tied
    to it concluded 合格."""
    contract = _contract_for_writing(actor, contract)
    milestone = PaymentMilestone.objects.select_for_update().filter(pk=milestone_id, contract=contract).first()
    if milestone is None:
        raise SocialWorkError("没有找到该付款节点，请刷新页面。")
    if milestone.paid_on is not None:
        raise SocialWorkError("该付款节点已登记支付。")
    if paid_on > timezone.localdate():
        raise SocialWorkError("支付日期不能晚于今天。", "paid_on")
    if paid_amount > milestone.amount:
        raise SocialWorkError(f"实付金额不能超过该节点金额{milestone.amount}元。", "paid_amount")
    if milestone.needs_evaluation:
        latest = milestone.evaluations.order_by("-evaluated_at", "-id").first()
        if latest is None:
            raise SocialWorkError("该付款节点须考核合格后支付，尚无对应的绩效考核，请先考核。")
        if latest.conclusion != ContractEvaluation.Conclusion.PASSED:
            raise SocialWorkError("该付款节点须考核合格后支付，对应的绩效考核结论为不合格，不能支付。")
    milestone.paid_on, milestone.paid_amount, milestone.paid_by = paid_on, paid_amount, actor
    milestone.save(update_fields=["paid_on", "paid_amount", "paid_by"])
    return milestone
