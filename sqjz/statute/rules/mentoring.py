"""The "511" mentoring scheme (“511”帮教) and its five mandatory visits (五必访): the city's policy pairs one officer of
the political-legal departments with one person under correction, and the mentor must visit when the person shows
ideological fluctuation, living difficulty, a change in social contacts, a job change or a major family event
(玉溪市实施意见三(三)2). What the person must report promptly (实施办法, reporting: change of residence, change of job,
a major family event, contact with people who may harm the correction) is how many of those occasions become known.

Judgement calls (*):
- *The policy says "实时" and sets no figure: the mentor visits within MENTORING_VISIT_DAYS of the day the occasion
  became known (LOCAL), and an occasion still unvisited MENTORING_ESCALATE_DAYS after that is put to the judicial
  office (LOCAL), which follows it up with the mentor's department.
- *A mandatory visit is made in person (上门走访 or 面对面谈话: the policy's "一对一""面对面"); a telephone call is
  recorded as contact, not as the visit.
- *An assistance case for temporary relief or the minimum living allowance (临时救助、低保) shows living difficulty:
  opening one records that occasion (HARDSHIP_ASSISTANCE).
- *A change of residence is not one of the five occasions: the office checks whether it is a change of the place of
  execution, which needs approval (实施办法第三十条).
"""

from datetime import date

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.deadlines import _deadline

POLICY = "玉溪市实施意见三(三)2"
REPORTING = "实施办法（报告）"
TRANSFER = "实施办法第三十条"

OCCASIONS = {
    "thought": "思想波动",
    "hardship": "生活困难",
    "contacts": "社会交往变化",
    "job_change": "工作变动",
    "family_event": "重大变故",
}
# What a person reports from the phone (实施办法, reporting) and the occasion for a visit it is, if any.
CHANGES = {
    "job_change": ("工作变动", "job_change"),
    "family_event": ("家庭重大变故", "family_event"),
    "contacts": ("社会交往变化（结识或接触可能影响矫正的人员）", "contacts"),
    "hardship": ("生活困难", "hardship"),
    "residence": ("居住地变化", None),
}
IN_PERSON = ("home_visit", "talk")
HARDSHIP_ASSISTANCE = ("temporary_relief", "minimum_living")  # assistance kinds (statute assistance.KINDS)
LABELS = {
    "occasion": "五必访情形",
    "known_on": "情形知悉日期",
    "change": "报告的变动",
    "manner": "走访方式",
    "visit_due": "应走访期限",
    "home_visit": "上门走访",
    "talk": "面对面谈话",
    "phone_call": "电话或视频联系",
    "residence": "居住地变化",
}


@rule(
    "MENTORING_OCCASION_OF_CHANGE",
    title="本人报告的变动与五必访",
    statement="社区矫正对象应当及时报告居住地变化、工作变动、家庭重大变故以及接触对其矫正可能产生不利影响人员的情况。"
    "工作变动、家庭重大变故、社会交往变化和生活困难属于结对干警“五必访”情形；居住地变化不属于，由司法所核实是否需要"
    "申请变更执行地。",
    articles=(REPORTING, POLICY, TRANSFER),
    examples=(
        Example("报告工作变动", {"change": "job_change"}, "job_change"),
        Example("报告家庭重大变故", {"change": "family_event"}, "family_event"),
        Example("报告生活困难", {"change": "hardship"}, "hardship"),
        Example("报告居住地变化", {"change": "residence"}, None),
    ),
)
def mentoring_occasion_of_change(ctx: Context, *, change: str) -> Decision:
    if change not in CHANGES:
        raise ValueError(f"unknown change {change!r}")
    label, occasion = CHANGES[change]
    if occasion is None:
        reasons = (f"本人报告{label}", "不属于五必访情形；司法所核实是否变更执行地，变更执行地应当经批准")
        articles = (REPORTING, TRANSFER)
    else:
        reasons = (f"本人报告{label}", f"属于五必访情形（{OCCASIONS[occasion]}），结对干警应当走访")
        articles = (REPORTING, POLICY)
    return Decision(
        rule="MENTORING_OCCASION_OF_CHANGE",
        outcome=occasion,
        articles=articles,
        reasons=reasons,
        facts={"change": change},
    )


@rule(
    "MENTORING_VISIT_DUE",
    title="五必访走访期限",
    statement="社区矫正对象出现思想波动、生活困难、社会交往变化、工作变动或者重大变故的，结对干警应当在知悉之日起"
    "规定期限内上门走访或者面对面谈话，掌握情况，开展帮教。",
    articles=(POLICY,),
    parameters=("MENTORING_VISIT_DAYS",),
    examples=(
        Example("2026年11月23日知悉工作变动", {"known_on": date(2026, 11, 23)}, date(2026, 11, 30)),
        Example(
            "2026年9月28日知悉，期满日10月5日在国庆假期内，顺延至10月8日",
            {"known_on": date(2026, 9, 28)},
            date(2026, 10, 8),
        ),
    ),
)
def mentoring_visit_due(ctx: Context, *, known_on: date) -> Decision:
    return _deadline(
        ctx,
        "MENTORING_VISIT_DUE",
        (POLICY,),
        "五必访走访期限",
        known_on,
        "MENTORING_VISIT_DAYS",
        facts={"known_on": known_on},
    )


@rule(
    "MENTORING_VISIT_ESCALATION",
    title="五必访逾期督办",
    statement="结对干警在走访期限届满后规定期限内仍未走访的，由司法所督办，并商请结对干警所在单位落实；"
    "尚未确定结对干警的，由司法所安排走访。",
    articles=(POLICY,),
    parameters=("MENTORING_ESCALATE_DAYS",),
    examples=(Example("走访期限2026年11月30日届满", {"visit_due": date(2026, 11, 30)}, date(2026, 12, 3)),),
)
def mentoring_visit_escalation(ctx: Context, *, visit_due: date) -> Decision:
    return _deadline(
        ctx,
        "MENTORING_VISIT_ESCALATION",
        (POLICY,),
        "逾期未走访由司法所督办",
        visit_due,
        "MENTORING_ESCALATE_DAYS",
        facts={"visit_due": visit_due},
    )
