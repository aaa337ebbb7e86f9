"""Proposals' to-dos: the county agency submits drafts and the county head signs those ready; while a proposal
waits for the receiving body, the county agency watches its clock (overdue: red in the inbox) and the receiving
body (court, public security, prison with an account) sees it to decide. Once the receiving body's deadline (the
arrest's 48 hours, the court's ruling, the committal decision) has passed with no decision recorded, both items say
what is overdue (法院逾期未裁定, 逾期未作出决定) with the deadline and the rule's articles; recording the decision
closes them."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import Due, Duty, Scope, register
from sqjz.proposals.models import Proposal
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES, Context
from sqjz.statute.text import cn_date, cn_datetime
from sqjz.supervisees.permissions import NOTHING

AREA = "proposals"
S = Proposal.Status
K = Proposal.Kind


def _proposals(ids: list[int] | None, *statuses: str):
    qs = Proposal.objects.filter(status__in=statuses).select_related("supervisee__judicial_office")
    return qs if ids is None else qs.filter(pk__in=ids)


def _label(p: Proposal) -> str:
    return f"{p.supervisee.name} {p.get_kind_display()}"


def _overdue(p: Proposal, what: str) -> str:
    """What the receiving body has failed to do in time, in words: 法院逾期未裁定, 逾期未作出决定..."""
    if what == "arrest":
        return "法院逾期未作出是否逮捕的决定"
    if p.kind == K.COMMITTAL:
        return "逾期未作出决定"
    return "法院逾期未裁定"


def _due_on(p: Proposal, today: date) -> tuple[Decision, str]:
    """The receiving body's next deadline (the arrest's 48 hours first while pending, then the ruling or decision),
    with the rule's articles; and, once it has passed with nothing recorded, what is overdue ("" before)."""
    if p.arrest_requested and not p.arrest_decision and p.arrest_due:
        due_at = timezone.localtime(p.arrest_due)
        overdue = _overdue(p, "arrest") if today > due_at.date() else ""
        reasons = [f"人民法院应在{cn_datetime(due_at)}前作出是否逮捕的决定"]
        if overdue:
            reasons.insert(0, f"{overdue}：期限{cn_datetime(due_at)}已过，尚未录入逮捕决定")
        rule = "ARREST_DECISION_DEADLINE"
        return Decision(rule=rule, outcome=due_at.date(), articles=_articles(rule), reasons=tuple(reasons)), overdue
    overdue = _overdue(p, "ruling") if today > p.deadline else ""
    reasons = [p.deadline_reasons]
    if overdue:
        reasons.insert(0, f"{overdue}：决定期限{cn_date(p.deadline)}已过，尚未录入决定")
    decision = Decision(
        rule=p.deadline_rule, outcome=p.deadline, articles=_articles(p.deadline_rule), reasons=tuple(reasons)
    )
    return decision, overdue


def _articles(code: str) -> tuple[str, ...]:
    rule = RULES.get(code)
    return rule.articles if rule else ()


def _to_prepare(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _proposals(ids, S.DRAFT):
        said = (
            f"审核委员会决定暂缓（{p.resolution}），补充材料后重新提交审核"
            if p.deferred
            else "提请建议草稿待县级社区矫正机构审核"
        )
        d = Decision(rule=p.grounds_rule, outcome=today, articles=(), reasons=(said,))
        office = p.supervisee.judicial_office
        yield Due(p.pk, _label(p), d, office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _to_sign(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _proposals(ids, S.READY):
        d = Decision(rule=p.grounds_rule, outcome=today, articles=(), reasons=("提请建议待负责人签发",))
        office = p.supervisee.judicial_office
        yield Due(p.pk, _label(p), d, office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _timed(ids: list[int] | None):
    """Sent proposals with a statutory clock (a police penalty has none: the police list shows it without one)."""
    return (p for p in _proposals(ids, S.SENT) if p.deadline or (p.arrest_requested and p.arrest_due))


def _timed_label(p: Proposal, overdue: str) -> str:
    return f"{_label(p)}：{overdue}" if overdue else _label(p)


def _awaited(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    """The county agency follows the proposals it sent; once the receiving body's deadline has passed with no decision
    recorded, the item says what is overdue (法院逾期未裁定, 逾期未作出决定) and stays red until it is recorded."""
    for p in _timed(ids):
        office = p.supervisee.judicial_office
        decision, overdue = _due_on(p, today)
        label = _timed_label(p, overdue)
        yield Due(p.pk, label, decision, office.pk, office.parent_id, supervisee_id=p.supervisee_id)


def _to_decide(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    for p in _timed(ids):
        decision, overdue = _due_on(p, today)
        yield Due(p.pk, _timed_label(p, overdue), decision, p.supervisee.judicial_office_id, p.addressee_id)


def _addressed(user) -> Q:
    """The receiving body's items concern no record it may open: it sees those of the proposals sent to its unit."""
    return (
        Q(subject_id__in=Proposal.objects.filter(addressee_id=user.unit_id).values("pk")) if user.unit_id else NOTHING
    )


def _url(pk: int) -> str:
    return reverse("proposals:detail", args=[pk])


for duty in (
    Duty("proposal_prepare", "提请建议待审核", AREA, Capability.PROPOSAL_PREPARE, Scope.RECORDS, _to_prepare, _url),
    Duty("proposal_sign", "提请建议待签发", AREA, Capability.PROPOSAL_SIGN, Scope.RECORDS, _to_sign, _url, "负责人"),
    Duty("proposal_awaited", "提请建议待对方决定", AREA, Capability.PROPOSAL_PREPARE, Scope.RECORDS, _awaited, _url),
):
    register(duty)
register(
    Duty(
        "proposal_decide",
        "待处理的建议",
        AREA,
        Capability.PROPOSAL_DECIDE,
        Scope.RECORDS,
        _to_decide,
        _url,
        watch=_addressed,
    )
)
