"""Deadlines of investigation, hand-over, report-in, receipt, discharge and temporary release, and the
court and decision timers of revocation and committal (../shared/domain/statute.md §1–3, §9.2, §12)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqjz.statute.calendar import ARTICLE as COUNTING
from sqjz.statute.calendar import add_days, add_months, add_working_days
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date, cn_datetime

CST = ZoneInfo("Asia/Shanghai")


def _deadline(
    ctx: Context,
    code: str,
    articles: tuple[str, ...],
    what: str,
    start: date,
    parameter: str,
    *,
    working: bool = False,
    in_custody: bool = False,
    facts: dict | None = None,
) -> Decision:
    use = ctx.use(parameter, start)
    if working:
        deadline = add_working_days(ctx.calendar, start, use.value)
    else:
        deadline = add_days(ctx.calendar, start, use.value, in_custody=in_custody)
    return Decision(
        rule=code,
        outcome=deadline,
        articles=(*articles, COUNTING),
        reasons=(f"{what}：{deadline.explain()}",),
        facts=facts or {"start": start},
        parameters=(use,),
    )


@rule(
    "INVESTIGATION_DEADLINE",
    title="调查评估期限",
    statement="社区矫正机构应当自收到委托调查评估函和材料之日起十个工作日内完成调查评估，提交评估意见；"
    "适用刑事案件速裁程序的，应当在五个工作日内完成。需要延长的，应当与委托机关协商。",
    articles=("实施办法第十四条",),
    parameters=("INVESTIGATION_WORKING_DAYS", "INVESTIGATION_FAST_TRACK_WORKING_DAYS"),
    examples=(
        Example(
            "普通案件，2026年11月2日（周一）收到委托",
            {"received": date(2026, 11, 2), "fast_track": False},
            date(2026, 11, 16),
        ),
        Example(
            "速裁案件，2026年11月2日收到委托", {"received": date(2026, 11, 2), "fast_track": True}, date(2026, 11, 9)
        ),
        Example(
            "跨国庆假期：2026年9月28日收到委托（9月20日、10月10日调休上班）",
            {"received": date(2026, 9, 28), "fast_track": False},
            date(2026, 10, 16),
        ),
    ),
)
def investigation_deadline(ctx: Context, *, received: date, fast_track: bool) -> Decision:
    parameter = "INVESTIGATION_FAST_TRACK_WORKING_DAYS" if fast_track else "INVESTIGATION_WORKING_DAYS"
    what = "速裁案件调查评估期限" if fast_track else "调查评估期限"
    return _deadline(
        ctx,
        "INVESTIGATION_DEADLINE",
        ("实施办法第十四条",),
        what,
        received,
        parameter,
        working=True,
        facts={"received": received, "fast_track": fast_track},
    )


@rule(
    "REGISTRATION_CONFLICT_CHECK_DUE",
    title="登记冲突核查期限",
    statement="社区矫正机构应当核实身份、接收登记（社区矫正法第二十二条）。登记时证件号码已有一条未解除的矫正记录、而登记的"
    "单位无权查看的，由市级社区矫正机构自登记被拒之日起三个工作日内核查，并告知有关司法所和县级社区矫正机构（地方做法）。",
    articles=("社区矫正法第二十二条",),
    parameters=("REGISTRATION_CONFLICT_CHECK_WORKING_DAYS",),
    examples=(Example("2026年11月27日（周五）登记被拒", {"refused_on": date(2026, 11, 27)}, date(2026, 12, 2)),),
)
def registration_conflict_check_due(ctx: Context, *, refused_on: date) -> Decision:
    return _deadline(
        ctx,
        "REGISTRATION_CONFLICT_CHECK_DUE",
        ("社区矫正法第二十二条",),
        "登记冲突核查期限",
        refused_on,
        "REGISTRATION_CONFLICT_CHECK_WORKING_DAYS",
        working=True,
        facts={"refused_on": refused_on},
    )


@rule(
    "NOTIFICATION_DEADLINE",
    title="决定机关通知执行地社区矫正机构期限",
    statement="社区矫正决定机关应当自判决、裁定或者决定生效之日起五日内通知执行地社区矫正机构。",
    articles=("社区矫正法第二十条",),
    parameters=("NOTIFICATION_DAYS",),
    examples=(Example("2026年11月2日判决生效", {"effective_date": date(2026, 11, 2)}, date(2026, 11, 9)),),
)
def notification_deadline(ctx: Context, *, effective_date: date) -> Decision:
    return _deadline(
        ctx,
        "NOTIFICATION_DEADLINE",
        ("社区矫正法第二十条",),
        "通知执行地社区矫正机构期限",
        effective_date,
        "NOTIFICATION_DAYS",
    )


@rule(
    "DOCUMENT_DELIVERY_DEADLINE",
    title="送达法律文书期限",
    statement="社区矫正决定机关应当自判决、裁定或者决定生效之日起十日内送达有关法律文书，同时抄送人民检察院和执行地公安机关。",
    articles=("社区矫正法第二十条",),
    parameters=("DOCUMENT_DELIVERY_DAYS",),
    examples=(
        Example(
            "2026年9月25日判决生效，期满日10月5日在国庆假期内", {"effective_date": date(2026, 9, 25)}, date(2026, 10, 8)
        ),
    ),
)
def document_delivery_deadline(ctx: Context, *, effective_date: date) -> Decision:
    return _deadline(
        ctx,
        "DOCUMENT_DELIVERY_DEADLINE",
        ("社区矫正法第二十条",),
        "送达法律文书期限",
        effective_date,
        "DOCUMENT_DELIVERY_DAYS",
    )


@rule(
    "REPORT_IN_DEADLINE",
    title="报到期限",
    statement="被判处管制、宣告缓刑、裁定假释的社区矫正对象，应当自判决、裁定生效之日起十日内到执行地社区矫正机构报到；"
    "假释的自离开监狱之日起计算。暂予监外执行的，由看守所、监狱或者公安机关自收到决定或者批准之日起十日内移送。",
    articles=("社区矫正法第二十一条", "最高法解释第五百一十九条"),
    parameters=("REPORT_IN_DAYS", "TRANSFER_HANDOVER_DAYS"),
    examples=(
        Example(
            "缓刑，2026年11月2日判决生效",
            {"correction_type": "probation", "effective_date": date(2026, 11, 2)},
            date(2026, 11, 12),
        ),
        Example(
            "假释，2026年11月2日裁定生效、11月6日出监",
            {"correction_type": "parole", "effective_date": date(2026, 11, 2), "released_on": date(2026, 11, 6)},
            date(2026, 11, 16),
        ),
        Example(
            "管制，2026年9月22日判决生效，期满日10月2日在国庆假期内",
            {"correction_type": "control", "effective_date": date(2026, 9, 22)},
            date(2026, 10, 8),
        ),
    ),
)
def report_in_deadline(
    ctx: Context, *, correction_type: str, effective_date: date, released_on: date | None = None
) -> Decision:
    facts = {"correction_type": correction_type, "effective_date": effective_date, "released_on": released_on}
    if correction_type == "temporary_release":
        return _deadline(
            ctx,
            "REPORT_IN_DEADLINE",
            ("社区矫正法第二十一条",),
            "暂予监外执行罪犯移送期限",
            effective_date,
            "TRANSFER_HANDOVER_DAYS",
            facts=facts,
        )
    if correction_type == "parole" and released_on:
        return _deadline(
            ctx,
            "REPORT_IN_DEADLINE",
            ("社区矫正法第二十一条", "实施办法（假释出监报到）"),
            "假释犯自出监之日起报到期限",
            released_on,
            "REPORT_IN_DAYS",
            facts=facts,
        )
    return _deadline(
        ctx,
        "REPORT_IN_DEADLINE",
        ("社区矫正法第二十一条", "最高法解释第五百一十九条"),
        "自判决、裁定生效之日起报到期限",
        effective_date,
        "REPORT_IN_DAYS",
        facts=facts,
    )


@rule(
    "RECEIPT_DEADLINE",
    title="送达回执期限",
    statement="社区矫正机构收到法律文书后，应当在五日内送达回执。",
    articles=("实施办法（交付接收）",),
    parameters=("RECEIPT_DAYS",),
    examples=(Example("2026年11月23日收到法律文书", {"documents_received": date(2026, 11, 23)}, date(2026, 11, 30)),),
)
def receipt_deadline(ctx: Context, *, documents_received: date) -> Decision:
    return _deadline(
        ctx, "RECEIPT_DEADLINE", ("实施办法（交付接收）",), "送达回执期限", documents_received, "RECEIPT_DAYS"
    )


@rule(
    "DOCUMENT_COMPLETION_DEADLINE",
    title="补齐法律文书期限",
    statement="社区矫正对象报到时法律文书未送达或者不齐全的，社区矫正机构先行登记，并通知社区矫正决定机关在五日内送达或者补齐。",
    articles=("实施办法（交付接收）",),
    parameters=("DOCUMENT_COMPLETION_DAYS",),
    examples=(Example("2026年11月24日通知补齐", {"requested_on": date(2026, 11, 24)}, date(2026, 11, 30)),),
)
def document_completion_deadline(ctx: Context, *, requested_on: date) -> Decision:
    return _deadline(
        ctx,
        "DOCUMENT_COMPLETION_DEADLINE",
        ("实施办法（交付接收）",),
        "补齐法律文书期限",
        requested_on,
        "DOCUMENT_COMPLETION_DAYS",
    )


@rule(
    "DISCHARGE_EVALUATION_DUE",
    title="期满前书面鉴定",
    statement="社区矫正对象矫正期满前，社区矫正机构或者受委托的司法所应当作出书面鉴定（矫正期间表现、考核结果、社区意见等），"
    "并对其安置帮教提出建议。本系统默认在期满前三十日提示。",
    articles=("社区矫正法第四十四条", "实施办法（解除矫正）"),
    parameters=("DISCHARGE_EVALUATION_LEAD_DAYS",),
    examples=(Example("矫正期满日2027年1月15日", {"term_end": date(2027, 1, 15)}, date(2026, 12, 16)),),
)
def discharge_evaluation_due(ctx: Context, *, term_end: date) -> Decision:
    lead = ctx.use("DISCHARGE_EVALUATION_LEAD_DAYS", term_end)
    due = term_end - timedelta(days=lead.value)
    return Decision(
        rule="DISCHARGE_EVALUATION_DUE",
        outcome=due,
        articles=("社区矫正法第四十四条", "实施办法（解除矫正）"),
        reasons=(f"矫正期满日{cn_date(term_end)}，提前{lead.value}日即{cn_date(due)}前完成书面鉴定",),
        facts={"term_end": term_end},
        parameters=(lead,),
    )


@rule(
    "TERM_END_DISCHARGE",
    title="矫正期满解除矫正",
    statement="社区矫正对象矫正期满的，执行地县级社区矫正机构应当在期满之日解除社区矫正，发放解除社区矫正证明书，并书面通知"
    "社区矫正决定机关，同时抄送执行地县级人民检察院和公安机关。期满后不再要求签到等监督管理措施。",
    articles=("社区矫正法第四十四条",),
    examples=(Example("矫正期满日2027年1月15日", {"term_end": date(2027, 1, 15)}, date(2027, 1, 15)),),
)
def term_end_discharge(ctx: Context, *, term_end: date) -> Decision:
    return Decision(
        rule="TERM_END_DISCHARGE",
        outcome=term_end,
        articles=("社区矫正法第四十四条",),
        reasons=(
            f"矫正期满日{term_end:%Y-%m-%d}",
            "期满之日由县级社区矫正机构解除矫正，发放证明书并通知决定机关，抄送检察院、公安机关",
        ),
        facts={"term_end": term_end},
    )


@rule(
    "MEDICAL_REEXAMINATION_DUE",
    title="保外就医病情复查",
    statement="保外就医的暂予监外执行社区矫正对象，应当每三个月到省级人民政府指定的医院检查病情，并向执行地社区矫正机构提交病情复查情况。",
    articles=("实施办法第二十四条",),
    parameters=("MEDICAL_REEXAMINATION_MONTHS",),
    examples=(
        Example("上次复查2026年8月31日", {"last_examination": date(2026, 8, 31)}, date(2026, 11, 30)),
        Example("上次复查2026年11月30日（次年2月无30日）", {"last_examination": date(2026, 11, 30)}, date(2027, 2, 28)),
    ),
)
def medical_reexamination_due(ctx: Context, *, last_examination: date) -> Decision:
    interval = ctx.use("MEDICAL_REEXAMINATION_MONTHS", last_examination)
    due = add_months(last_examination, interval.value)
    return Decision(
        rule="MEDICAL_REEXAMINATION_DUE",
        outcome=due,
        articles=("实施办法第二十四条",),
        reasons=(f"上次病情复查{cn_date(last_examination)}，每{interval.value}个月复查一次，应于{cn_date(due)}前提交",),
        facts={"last_examination": last_examination},
        parameters=(interval,),
    )


@rule(
    "HEALTH_REPORT_DUE",
    title="暂予监外执行每月报告身体情况",
    statement="暂予监外执行的社区矫正对象，应当每个月报告本人身体情况。每月的报告至迟于次月规定日前提交。",
    articles=("实施办法第二十四条",),
    parameters=("HEALTH_REPORT_DAY",),
    examples=(
        Example("2026年11月的报告", {"month": date(2026, 11, 1)}, date(2026, 12, 5)),
        Example("2026年12月的报告（跨年）", {"month": date(2026, 12, 1)}, date(2027, 1, 5)),
    ),
)
def health_report_due(ctx: Context, *, month: date) -> Decision:
    first = month.replace(day=1)
    day = ctx.use("HEALTH_REPORT_DAY", first)
    due = add_months(first, 1).replace(day=day.value)
    return Decision(
        rule="HEALTH_REPORT_DUE",
        outcome=due,
        articles=("实施办法第二十四条",),
        reasons=(f"{first.year}年{first.month}月的身体情况报告，应于{cn_date(due)}前提交",),
        facts={"month": first},
        parameters=(day,),
    )


@rule(
    "ARREST_DECISION_DEADLINE",
    title="人民法院逮捕决定期限",
    statement="社区矫正机构提请撤销缓刑、假释时提请逮捕的，人民法院应当在四十八小时内作出是否逮捕的决定。",
    articles=("社区矫正法第四十七条", "最高法解释第五百四十四条"),
    parameters=("ARREST_DECISION_HOURS",),
    examples=(
        Example(
            "2026年11月27日10时提请",
            {"requested_at": datetime(2026, 11, 27, 10, 0, tzinfo=CST)},
            datetime(2026, 11, 29, 10, 0, tzinfo=CST),
        ),
    ),
)
def arrest_decision_deadline(ctx: Context, *, requested_at: datetime) -> Decision:
    hours = ctx.use("ARREST_DECISION_HOURS", requested_at.date())
    due = requested_at + timedelta(hours=hours.value)
    return Decision(
        rule="ARREST_DECISION_DEADLINE",
        outcome=due,
        articles=("社区矫正法第四十七条", "最高法解释第五百四十四条"),
        reasons=(f"{cn_datetime(requested_at)}提请逮捕，人民法院应在{hours.value}小时内即{cn_datetime(due)}前决定",),
        facts={"requested_at": requested_at},
        parameters=(hours,),
    )


@rule(
    "ARREST_CUSTODY_LIMIT",
    title="逮捕后羁押期限",
    statement="人民法院决定逮捕的，羁押期限不得超过三十日；在押期间的期限不因节假日顺延。",
    articles=("社区矫正法第四十七条", "刑事诉讼法第一百零五条"),
    parameters=("ARREST_CUSTODY_MAX_DAYS",),
    examples=(
        Example(
            "2026年9月4日逮捕（期满日10月4日在国庆假期内，不顺延）",
            {"arrested_on": date(2026, 9, 4)},
            date(2026, 10, 4),
        ),
    ),
)
def arrest_custody_limit(ctx: Context, *, arrested_on: date) -> Decision:
    return _deadline(
        ctx,
        "ARREST_CUSTODY_LIMIT",
        ("社区矫正法第四十七条",),
        "逮捕后羁押期限",
        arrested_on,
        "ARREST_CUSTODY_MAX_DAYS",
        in_custody=True,
        facts={"arrested_on": arrested_on},
    )


@rule(
    "COURT_RULING_DEADLINE",
    title="人民法院对撤销缓刑、假释建议的裁定期限",
    statement="人民法院应当自收到撤销缓刑、假释建议书之日起三十日内作出裁定，裁定书同时抄送社区矫正机构和人民检察院。"
    "社区矫正对象被逮捕在押的，期限届满日不因节假日顺延。",
    articles=("社区矫正法第四十八条", "最高法解释第五百四十五条"),
    parameters=("COURT_RULING_DAYS",),
    examples=(
        Example("2026年11月2日收到建议书", {"proposal_received": date(2026, 11, 2)}, date(2026, 12, 2)),
        Example(
            "2026年9月4日收到建议书，未羁押（期满日10月4日在国庆假期内，顺延）",
            {"proposal_received": date(2026, 9, 4)},
            date(2026, 10, 8),
        ),
        Example(
            "2026年9月4日收到建议书，已逮捕在押（不顺延）",
            {"proposal_received": date(2026, 9, 4), "in_custody": True},
            date(2026, 10, 4),
        ),
    ),
)
def court_ruling_deadline(ctx: Context, *, proposal_received: date, in_custody: bool = False) -> Decision:
    return _deadline(
        ctx,
        "COURT_RULING_DEADLINE",
        ("社区矫正法第四十八条",),
        "人民法院裁定期限",
        proposal_received,
        "COURT_RULING_DAYS",
        in_custody=in_custody,
        facts={"proposal_received": proposal_received, "in_custody": in_custody},
    )


@rule(
    "COMMITTAL_DECISION_DEADLINE",
    title="收监执行决定期限",
    statement="社区矫正决定机关应当在收到收监执行建议书后三十日内作出决定，决定书同时抄送社区矫正机构和人民检察院。"
    "社区矫正对象在押的，期限届满日不因节假日顺延。",
    articles=("社区矫正法第四十九条", "最高法解释第五百一十七条"),
    parameters=("COMMITTAL_DECISION_DAYS",),
    examples=(Example("2026年12月1日收到建议书", {"proposal_received": date(2026, 12, 1)}, date(2026, 12, 31)),),
)
def committal_decision_deadline(ctx: Context, *, proposal_received: date, in_custody: bool = False) -> Decision:
    return _deadline(
        ctx,
        "COMMITTAL_DECISION_DEADLINE",
        ("社区矫正法第四十九条",),
        "收监执行决定期限",
        proposal_received,
        "COMMITTAL_DECISION_DAYS",
        in_custody=in_custody,
        facts={"proposal_received": proposal_received, "in_custody": in_custody},
    )


@rule(
    "COMMUTATION_RULING_DEADLINE",
    title="人民法院对减刑建议的裁定期限",
    statement="社区矫正机构向社区矫正执行地的中级以上人民法院提出减刑建议，并将减刑建议书抄送同级人民检察院；"
    "人民法院应当在收到减刑建议书后三十日内作出裁定，并将裁定书送达社区矫正机构，同时抄送人民检察院和公安机关。",
    articles=("社区矫正法第三十三条",),
    parameters=("COMMUTATION_RULING_DAYS",),
    examples=(Example("2026年12月1日收到建议书", {"proposal_received": date(2026, 12, 1)}, date(2026, 12, 31)),),
)
def commutation_ruling_deadline(ctx: Context, *, proposal_received: date) -> Decision:
    return _deadline(
        ctx,
        "COMMUTATION_RULING_DEADLINE",
        ("社区矫正法第三十三条",),
        "人民法院减刑裁定期限",
        proposal_received,
        "COMMUTATION_RULING_DAYS",
        facts={"proposal_received": proposal_received},
    )
