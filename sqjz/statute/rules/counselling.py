"""Psychological counselling and crisis intervention (心理辅导、心理危机干预): the city's policy asks for regular
counselling and crisis intervention for people in conflict, frustration, imbalance or behaving abnormally
(玉溪市实施意见三(一)); the law lets the agency provide psychological help, also through purchased social work
(社区矫正法第四十条).

Judgement calls (*):
- *An open crisis case is followed up at an interval by its risk (LOCAL CRISIS_FOLLOW_UP_DAYS: high every day or few
  days, medium weekly), counted from the last contact (the case's opening or its last session). A crisis does not wait
  for a holiday: the day is not moved to a working day.
- *An assessment found severe, or a crisis, calls for a crisis case; one found moderate calls for counselling.
"""

from datetime import date, timedelta

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

POLICY = "玉溪市实施意见三(一)"
LAW = "社区矫正法第四十条"
RISKS = {"high": "高风险", "medium": "中风险"}
RESULTS = {
    "no_problem": "未见明显心理问题",
    "mild": "轻度心理问题",
    "marked": "中度心理问题",
    "severe": "严重心理问题",
    "crisis": "心理危机",
}
LABELS = {
    "crisis_case": "启动心理危机干预",
    "arrange_counselling": "安排心理辅导",
    "keep_watch": "日常关注",
    "risk": "危机风险等级",
    "last_contact": "最近一次干预日期",
    "result": "心理评估结果",
    "high": "高风险",
    "medium": "中风险",
    **RESULTS,
}


@rule(
    "CRISIS_FOLLOW_UP_DUE",
    title="心理危机干预跟进期限",
    statement="对心理危机个案，责任心理辅导人员按风险等级定期跟进干预，直至危机解除结案：高风险的间隔不超过规定日数，"
    "中风险的按周跟进。期限自立案或者最近一次干预之日起计算，节假日不顺延。",
    articles=(POLICY, LAW),
    parameters=("CRISIS_FOLLOW_UP_DAYS",),
    examples=(
        Example(
            "高风险，最近一次干预11月25日", {"risk": "high", "last_contact": date(2026, 11, 25)}, date(2026, 11, 28)
        ),
        Example(
            "中风险，最近一次干预9月28日（国庆假期不顺延）",
            {"risk": "medium", "last_contact": date(2026, 9, 28)},
            date(2026, 10, 5),
        ),
    ),
)
def crisis_follow_up_due(ctx: Context, *, risk: str, last_contact: date) -> Decision:
    if risk not in RISKS:
        raise ValueError(f"unknown risk {risk!r}")
    use = ctx.use("CRISIS_FOLLOW_UP_DAYS", last_contact)
    days = use.value[risk]
    due = last_contact + timedelta(days=days)
    return Decision(
        rule="CRISIS_FOLLOW_UP_DUE",
        outcome=due,
        articles=(POLICY, LAW),
        reasons=(
            f"{RISKS[risk]}个案每{days}日至少跟进一次",
            f"最近一次干预{cn_date(last_contact)}，应于{cn_date(due)}前跟进",
        ),
        facts={"risk": risk, "last_contact": last_contact},
        parameters=(use,),
    )


@rule(
    "COUNSELLING_FOLLOWS_ASSESSMENT",
    title="心理评估结果的处置",
    statement="心理评估发现严重心理问题或者心理危机的，应当立即启动心理危机干预，确定责任心理辅导人员；发现中度心理问题的，"
    "安排心理辅导；轻度或者未见明显问题的，在日常教育中关注。",
    articles=(POLICY,),
    examples=(
        Example("评估为心理危机", {"result": "crisis"}, "crisis_case"),
        Example("评估为中度心理问题", {"result": "marked"}, "arrange_counselling"),
        Example("评估为轻度心理问题", {"result": "mild"}, "keep_watch"),
    ),
)
def counselling_follows_assessment(ctx: Context, *, result: str) -> Decision:
    if result not in RESULTS:
        raise ValueError(f"unknown result {result!r}")
    if result in ("severe", "crisis"):
        outcome, then = "crisis_case", "应当立即启动心理危机干预，确定责任心理辅导人员"
    elif result == "marked":
        outcome, then = "arrange_counselling", "安排心理辅导"
    else:
        outcome, then = "keep_watch", "在日常教育中关注"
    return Decision(
        rule="COUNSELLING_FOLLOWS_ASSESSMENT",
        outcome=outcome,
        articles=(POLICY,),
        reasons=(f"心理评估结果：{RESULTS[result]}", then),
        facts={"result": result},
    )
