"""电子定位装置: when electronic monitoring may be used and for how long (../shared/domain/statute.md §7;
社区矫正法第二十九条, tag L).

ELECTRONIC_MONITORING_PERIOD answers with a `MonitoringPeriod(allowed, end)`: `allowed` is False and `end` is
None when the requested period is longer than the law allows (three months, and three months for each
extension) or is no period at all (less than one month: the period is counted in whole months); otherwise
`end` is the last day of use. The end is `calendar.add_months(start, months)`: the same date `months` later
(the start day is not counted, 刑事诉讼法第一百零五条; a shorter month ends on its last day). It is the limit
of a measure that restricts the person, not a time limit for an act, so a holiday does not extend it. For an
extension, `start` is the end date of the current period and the new end is counted from it.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqjz.statute.calendar import ARTICLE as COUNTING
from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

ARTICLE = "社区矫正法第二十九条"
APPROVER = "县级司法行政部门负责人"
ITEM_NUMBERS = ("一", "二", "三", "四", "五")

# The five situations of 社区矫正法第二十九条第一款, in the order of the article. Others import this.
MONITORING_GROUNDS = {
    "prohibition_order_breach": "违反人民法院禁止令",
    "left_without_approval": "无正当理由，未经批准离开所居住的市、县",
    "refused_report_after_warning": "拒不按照规定报告自己的活动情况，被给予警告",
    "police_penalty": "违反监督管理规定，被给予治安管理处罚",
    "revocation_pending": "拟提请撤销缓刑、假释或者暂予监外执行收监执行",
}


def _item(code: str) -> str:
    return f"{ARTICLE}第一款第（{ITEM_NUMBERS[list(MONITORING_GROUNDS).index(code)]}）项"


@rule(
    "ELECTRONIC_MONITORING_GROUNDS",
    title="使用电子定位装置的法定情形",
    statement="社区矫正对象有下列情形之一的，经县级司法行政部门负责人批准，可以使用电子定位装置，加强监督管理："
    "（一）违反人民法院禁止令的；（二）无正当理由，未经批准离开所居住的市、县的；"
    "（三）拒不按照规定报告自己的活动情况，被给予警告的；（四）违反监督管理规定，被给予治安管理处罚的；"
    "（五）拟提请撤销缓刑、假释或者暂予监外执行收监执行的。不属于上述情形的，不得使用。"
    "定位信息应当严格保密，只能用于社区矫正工作。",
    articles=(ARTICLE,),
    examples=(
        Example("违反禁止令", {"grounds": {"prohibition_order_breach"}}, True),
        Example("拟提请撤销缓刑", {"grounds": {"revocation_pending"}}, True),
        Example(
            "受到警告且被治安管理处罚（两项情形）",
            {"grounds": {"refused_report_after_warning", "police_penalty"}},
            True,
        ),
        Example("不属于任何一种法定情形", {"grounds": set()}, False),
    ),
)
def electronic_monitoring_grounds(ctx: Context, *, grounds: Iterable[str]) -> Decision:
    given = set(grounds)
    unknown = given - MONITORING_GROUNDS.keys()
    if unknown:
        raise ValueError(f"未知的电子定位情形代码：{', '.join(sorted(unknown))}")
    holding = [code for code in MONITORING_GROUNDS if code in given]
    if holding:
        reasons = [f"符合{_item(code)}：{MONITORING_GROUNDS[code]}" for code in holding]
        reasons.append(f"经{APPROVER}批准，可以使用电子定位装置；是否使用由批准人根据监督管理需要决定")
    else:
        reasons = [
            "不属于社区矫正法第二十九条第一款规定的五种情形中的任何一种"
            "（违反禁止令；擅自离开所居住的市、县；拒不报告活动情况被警告；被治安管理处罚；拟提请撤销或者收监执行）",
            f"不得使用电子定位装置，{APPROVER}亦不得批准",
        ]
    reasons.append("定位信息应当严格保密，只能用于社区矫正工作")
    return Decision(
        rule="ELECTRONIC_MONITORING_GROUNDS",
        outcome=bool(holding),
        articles=(ARTICLE,),
        reasons=tuple(reasons),
        facts={"grounds": frozenset(given), "holding": tuple(holding)},
    )


@dataclass(frozen=True)
class MonitoringPeriod:
    """The outcome of ELECTRONIC_MONITORING_PERIOD: whether the requested period is lawful, and its last day."""

    allowed: bool
    end: date | None


@rule(
    "ELECTRONIC_MONITORING_PERIOD",
    title="电子定位装置的使用期限",
    statement="使用电子定位装置的期限不得超过三个月。期限届满，经评估仍有必要继续使用的，经过批准，期限可以延长，"
    "每次不得超过三个月。对于不需要继续使用的，应当及时解除。期限按月计算，至期满月的同一日止（该月无此日的，至该月最后一日），"
    "不因节假日延长；延长的，自原期限届满之日起计算。",
    articles=(ARTICLE, COUNTING),
    parameters=("MONITORING_MAX_MONTHS", "MONITORING_EXTENSION_MAX_MONTHS"),
    examples=(
        Example(
            "首次使用3个月",
            {"start": date(2026, 11, 2), "requested_months": 3},
            MonitoringPeriod(True, date(2027, 2, 2)),
        ),
        Example(
            "首次使用1个月",
            {"start": date(2026, 11, 2), "requested_months": 1},
            MonitoringPeriod(True, date(2026, 12, 2)),
        ),
        Example(
            "11月30日起3个月（次年2月无30日）",
            {"start": date(2026, 11, 30), "requested_months": 3},
            MonitoringPeriod(True, date(2027, 2, 28)),
        ),
        Example(
            "首次申请4个月，超过上限",
            {"start": date(2026, 11, 2), "requested_months": 4},
            MonitoringPeriod(False, None),
        ),
        Example(
            "申请0个月，不是有效期限",
            {"start": date(2026, 11, 2), "requested_months": 0},
            MonitoringPeriod(False, None),
        ),
        Example(
            "期满后延长3个月",
            {"start": date(2027, 2, 2), "requested_months": 3, "extension": True},
            MonitoringPeriod(True, date(2027, 5, 2)),
        ),
        Example(
            "延长6个月，超过每次延长上限",
            {"start": date(2027, 2, 2), "requested_months": 6, "extension": True},
            MonitoringPeriod(False, None),
        ),
    ),
)
def electronic_monitoring_period(
    ctx: Context, *, start: date, requested_months: int, extension: bool = False
) -> Decision:
    limit = ctx.use("MONITORING_EXTENSION_MAX_MONTHS" if extension else "MONITORING_MAX_MONTHS", start)
    what = "延长" if extension else "使用电子定位装置"
    allowed = 1 <= requested_months <= limit.value
    if allowed:
        end = add_months(start, requested_months)
        outcome = MonitoringPeriod(True, end)
        reasons = [
            f"自{cn_date(start)}起{what}{requested_months}个月，不超过{limit.value}个月，至{cn_date(end)}止",
            "期限届满前应当评估；不需要继续使用的应当及时解除，仍有必要的经批准可以延长，每次不超过三个月",
        ]
    elif requested_months < 1:
        outcome = MonitoringPeriod(False, None)
        reasons = [
            f"{what}的期限应为1至{limit.value}个月（按月计算），申请的{requested_months}个月不是有效期限",
            f"最长可{what}{limit.value}个月，即自{cn_date(start)}起至{cn_date(add_months(start, limit.value))}止",
        ]
    else:
        outcome = MonitoringPeriod(False, None)
        reasons = [
            f"申请{what}{requested_months}个月，超过法定上限{limit.value}个月，不得批准",
            f"最长可{what}{limit.value}个月，即自{cn_date(start)}起至{cn_date(add_months(start, limit.value))}止",
        ]
    return Decision(
        rule="ELECTRONIC_MONITORING_PERIOD",
        outcome=outcome,
        articles=(ARTICLE, COUNTING),
        reasons=tuple(reasons),
        facts={"start": start, "requested_months": requested_months, "extension": extension},
        parameters=(limit,),
    )


@rule(
    "ELECTRONIC_MONITORING_REVIEW",
    title="电子定位期满前的评估",
    statement="电子定位装置使用期限届满前，社区矫正机构应当评估是否仍有必要继续使用：不需要继续使用的，应当及时解除；"
    "仍有必要的，经县级司法行政部门负责人批准延长。评估和决定应当在期限届满之日前完成。",
    articles=(ARTICLE,),
    examples=(Example("使用至2027年2月2日", {"end": date(2027, 2, 2)}, date(2027, 2, 2)),),
)
def electronic_monitoring_review(ctx: Context, *, end: date) -> Decision:
    return Decision(
        rule="ELECTRONIC_MONITORING_REVIEW",
        outcome=end,
        articles=(ARTICLE,),
        reasons=(
            f"电子定位使用至{cn_date(end)}届满",
            "期满前评估：不需要继续使用的及时解除，仍有必要的经批准延长",
        ),
        facts={"end": end},
    )


@rule(
    "ELECTRONIC_MONITORING_DECISION_DUE",
    title="电子定位提请的审批时限",
    statement=f"使用电子定位装置须经{APPROVER}批准。社区矫正机构提请使用的，{APPROVER}应当在拟使用之日前作出批准或者不予批准的"
    "决定；未经批准，不得使用。",
    articles=(ARTICLE,),
    examples=(Example("提请自2026年12月1日起使用", {"start": date(2026, 12, 1)}, date(2026, 12, 1)),),
)
def electronic_monitoring_decision_due(ctx: Context, *, start: date) -> Decision:
    return Decision(
        rule="ELECTRONIC_MONITORING_DECISION_DUE",
        outcome=start,
        articles=(ARTICLE,),
        reasons=(f"提请自{start:%Y-%m-%d}起使用电子定位装置", f"应当在此前由{APPROVER}作出决定；未经批准不得使用"),
        facts={"start": start},
    )


# 实施办法第三十七条: what an electronic location device is. Others import these.
DEVICE_ARTICLE = "实施办法第三十七条"
DEVICE_KINDS = {
    "wristband": "电子定位腕带",
    "anklet": "电子定位脚环",
    "mobile_phone": "手机",
}
DEVICE_PROPERTIES = {
    "satellite_positioning": "卫星定位",
    "tamper_resistant": "防拆除",
    "blast_resistant": "防爆",
    "water_resistant": "防水",
}


@rule(
    "ELECTRONIC_MONITORING_DEVICE",
    title="电子定位装置的条件",
    statement="电子定位装置是指运用卫星等定位技术，能对社区矫正对象进行定位等监管，并具有防拆、防爆、防水等性能的专门的"
    "电子设备，如电子定位腕带等，但不包括手机等设备。手机不是电子定位装置；缺少卫星定位、防拆除、防爆、防水任一性能的设备，"
    "不得作为电子定位装置登记和使用。",
    articles=(DEVICE_ARTICLE,),
    examples=(
        Example(
            "具备全部四项性能的电子定位腕带",
            {"kind": "wristband", "properties": set(DEVICE_PROPERTIES)},
            True,
        ),
        Example("具备全部四项性能的电子定位脚环", {"kind": "anklet", "properties": set(DEVICE_PROPERTIES)}, True),
        Example("手机（即使能卫星定位）", {"kind": "mobile_phone", "properties": set(DEVICE_PROPERTIES)}, False),
        Example(
            "不能卫星定位的腕带",
            {"kind": "wristband", "properties": {"tamper_resistant", "blast_resistant", "water_resistant"}},
            False,
        ),
        Example(
            "可以拆下的腕带",
            {"kind": "wristband", "properties": {"satellite_positioning", "blast_resistant", "water_resistant"}},
            False,
        ),
    ),
)
def electronic_monitoring_device(ctx: Context, *, kind: str, properties: Iterable[str]) -> Decision:
    given = set(properties)
    unknown = given - DEVICE_PROPERTIES.keys()
    if unknown:
        raise ValueError(f"未知的设备性能代码：{', '.join(sorted(unknown))}")
    if kind not in DEVICE_KINDS:
        raise ValueError(f"未知的设备类型代码：{kind}")
    missing = [code for code in DEVICE_PROPERTIES if code not in given]
    reasons = []
    if kind == "mobile_phone":
        reasons.append("手机不是电子定位装置，不得作为电子定位装置使用")
    if missing:
        lacking = "、".join(DEVICE_PROPERTIES[code] for code in missing)
        reasons.append(f"缺少{lacking}性能，不符合电子定位装置的条件")
    qualifies = not reasons
    if qualifies:
        reasons.append(f"{DEVICE_KINDS[kind]}具有卫星定位、防拆除、防爆、防水性能，属于电子定位装置")
    return Decision(
        rule="ELECTRONIC_MONITORING_DEVICE",
        outcome=qualifies,
        articles=(DEVICE_ARTICLE,),
        reasons=tuple(reasons),
        facts={"kind": kind, "properties": frozenset(given), "missing": tuple(missing)},
    )
