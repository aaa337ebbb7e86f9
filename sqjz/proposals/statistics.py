"""The proposals area's lines of the standard statistics (statistics.registry): revocation, committal and police
penalty proposals sent and granted within the period."""

from datetime import date

from sqjz.proposals.models import Proposal
from sqjz.statistics.registry import FLOW, Statistic, count_by_office, register_statistic

K = Proposal.Kind
REVOCATIONS = (K.PROBATION_REVOCATION, K.PAROLE_REVOCATION)
SENT = (Proposal.Status.SENT, Proposal.Status.GRANTED, Proposal.Status.REFUSED)


def _sent(offices: list[int], start: date, end: date, kinds) -> dict[int, int]:
    rows = Proposal.objects.filter(
        supervisee__judicial_office_id__in=offices,
        kind__in=kinds,
        status__in=SENT,
        sent_at__date__gte=start,
        sent_at__date__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


def _granted(offices: list[int], start: date, end: date, kinds) -> dict[int, int]:
    rows = Proposal.objects.filter(
        supervisee__judicial_office_id__in=offices,
        kind__in=kinds,
        status=Proposal.Status.GRANTED,
        decided_on__gte=start,
        decided_on__lte=end,
    )
    return count_by_office(rows, "supervisee__judicial_office_id")


LINES = (
    (
        "revocation_sent",
        "提请撤销缓刑、假释",
        REVOCATIONS,
        _sent,
        "提请日期（签发送达决定机关之日）在统计期内的提请撤销缓刑、撤销假释件数（不含草稿、审议中和撤回的）。",
    ),
    (
        "revocation_granted",
        "撤销缓刑、假释",
        REVOCATIONS,
        _granted,
        "决定机关裁定撤销缓刑、假释（采纳提请）、决定日期在统计期内的件数（按提请记录登记的决定）。",
    ),
    (
        "committal_sent",
        "提请收监执行",
        (K.COMMITTAL,),
        _sent,
        "提请日期在统计期内的提请收监执行件数（不含草稿、审议中和撤回的）。",
    ),
    (
        "committal_granted",
        "收监执行",
        (K.COMMITTAL,),
        _granted,
        "决定机关决定收监执行（采纳提请）、决定日期在统计期内的件数。",
    ),
    (
        "police_penalty_granted",
        "治安管理处罚",
        (K.POLICE_PENALTY,),
        _granted,
        "公安机关采纳提请、给予治安管理处罚且决定日期在统计期内的件数。",
    ),
)

for _order, (_name, _label, _kinds, _count, _definition) in enumerate(LINES, start=10):
    register_statistic(
        Statistic(
            name=_name,
            label=_label,
            section="考核奖惩",
            kind=FLOW,
            definition=_definition,
            compute=lambda offices, start, end, f=_count, k=_kinds: f(offices, start, end, k),
            order=_order,
        )
    )
