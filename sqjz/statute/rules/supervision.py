"""分类管理: strict / ordinary / lenient supervision (严管 / 普管 / 宽管) and what each level requires
(../shared/domain/statute.md §8). The law only says to classify (社区矫正法第三条, 实施办法（分类管理）); the classes,
their criteria and their measures are provincial practice, so every figure is a LOCAL parameter.

How the level is decided (judgement calls marked *):

- 严管 if any of (P3): fewer than STRICT_INTAKE_MONTHS months since intake; high risk in the overall assessment;
  at least STRICT_ADMONITIONS 训诫, or any 警告 or 治安管理处罚; a failed (不合格) assessment. Any of these forces 严管
  whatever the current level (*P3 moves a 宽管 person back only on risk and measures, not on a failed assessment;
  the shipped defaults in statute.md apply every ground, and so does this rule).
- *The counts are those the classification review covers (by default: since the last review). The P3 excerpt
  does not say how long a 训诫 or 警告 keeps a person on 严管; the caller chooses the window.
- Otherwise 宽管 if any of (P4): at least LENIENT_ORDINARY_MONTHS months in a row on 普管 with good assessments;
  LENIENT_CONSECUTIVE_COMMENDATIONS commendations in a row; a major meritorious act (重大立功、见义勇为等); low
  risk. *P4's "average quarterly score ≥ 80" has no equivalent in Yuxi's grades (良好 / 合格 / 不合格): the rule
  reads it as "no 不合格 and at least one 良好 among the quarterly grades received on 普管".
- *A person already on 宽管 with no 严管 ground stays on 宽管 (P3 names no way from 宽管 to 普管).
- Otherwise 普管.
- The intake period is the one in force on the intake day (a later change does not put a person back on 严管);
  the other figures are those in force on `today`.
- Months are counted like every period here: from `start`, n months are complete on `add_months(start, n)`
  (the start day not counted). "不满两个月" is before that day; "满六个月" is from that day.
"""

from datetime import date

from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

LEVELS = {"strict": "严管", "ordinary": "普管", "lenient": "宽管"}
CLASSIFICATION = "实施办法（分类管理）"
PROVINCE = "省级社区矫正对象分类管理办法"
LENIENT_PRACTICE = "地方宽管条件"
REQUIREMENT_LABELS = {
    "in_person_reports_per_month": ("当面报到", "次/月"),
    "written_reports_per_quarter": ("书面汇报", "次/季度"),
    "individual_education_per_month": ("个别教育", "次/月"),
    "study_hours_per_month": ("教育学习", "小时/月"),
    "public_benefit_hours_per_month": ("公益活动（有劳动能力的）", "小时/月"),
    "app_checkin_days": ("手机APP签到间隔", "日"),
}
# What a zero means, where it is not "no minimum".
ZERO_MEANS = {"app_checkin_days": "不要求手机APP签到"}

# Chinese words for the requirement keys, for pages that show them (e.g. the rule book).
LABELS = {key: f"{label}（{unit}）" for key, (label, unit) in REQUIREMENT_LABELS.items()}


@rule(
    "SUPERVISION_LEVEL",
    title="严管、普管、宽管的确定",
    statement="根据矫正阶段、再犯罪风险、考核结果和奖惩情况分类管理。有下列情形之一的实行严管：入矫不满两个月；综合评估"
    "为高风险；受到两次以上训诫，或者受到警告、治安管理处罚；考核不合格。无严管情形，且连续普管满六个月、期间考核"
    "无不合格并有良好，或者连续三次受到表扬，或者有重大立功等突出表现，或者评估为低风险的，实行宽管；宽管期间"
    "出现严管情形的转为严管。其余实行普管。",
    articles=("社区矫正法第三条", CLASSIFICATION, PROVINCE, LENIENT_PRACTICE),
    parameters=(
        "STRICT_INTAKE_MONTHS",
        "STRICT_ADMONITIONS",
        "LENIENT_ORDINARY_MONTHS",
        "LENIENT_CONSECUTIVE_COMMENDATIONS",
    ),
    examples=(
        Example("新入矫（入矫一个月）", {"intake_date": date(2026, 3, 2), "today": date(2026, 4, 2)}, "strict"),
        Example(
            "入矫恰满两个月，无其他情形",
            {"intake_date": date(2026, 3, 2), "today": date(2026, 5, 2), "current_level": "strict"},
            "ordinary",
        ),
        Example(
            "普管中受到两次训诫",
            {
                "intake_date": date(2026, 1, 5),
                "today": date(2026, 8, 1),
                "current_level": "ordinary",
                "admonitions": 2,
            },
            "strict",
        ),
        Example(
            "普管中受到一次训诫",
            {
                "intake_date": date(2026, 1, 5),
                "today": date(2026, 8, 1),
                "current_level": "ordinary",
                "admonitions": 1,
            },
            "ordinary",
        ),
        Example(
            "宽管中受到警告",
            {"intake_date": date(2025, 6, 1), "today": date(2026, 8, 1), "current_level": "lenient", "warnings": 1},
            "strict",
        ),
        Example(
            "普管7个月、连续三次表扬",
            {
                "intake_date": date(2025, 11, 2),
                "today": date(2026, 9, 2),
                "current_level": "ordinary",
                "ordinary_since": date(2026, 2, 2),
                "grades_on_ordinary": ["pass", "pass"],
                "consecutive_commendations": 3,
            },
            "lenient",
        ),
        Example(
            "普管恰满6个月，期间考核合格、良好",
            {
                "intake_date": date(2025, 12, 1),
                "today": date(2026, 8, 1),
                "current_level": "ordinary",
                "ordinary_since": date(2026, 2, 1),
                "grades_on_ordinary": ["pass", "good"],
            },
            "lenient",
        ),
        Example(
            "普管差一日满6个月",
            {
                "intake_date": date(2025, 12, 1),
                "today": date(2026, 7, 31),
                "current_level": "ordinary",
                "ordinary_since": date(2026, 2, 1),
                "grades_on_ordinary": ["pass", "good"],
            },
            "ordinary",
        ),
        Example(
            "评估为低风险但考核不合格",
            {"intake_date": date(2025, 6, 1), "today": date(2026, 8, 1), "low_risk": True, "failed_assessment": True},
            "strict",
        ),
    ),
)
def supervision_level(
    ctx: Context,
    *,
    intake_date: date,
    today: date,
    current_level: str | None = None,
    high_risk: bool = False,
    low_risk: bool = False,
    admonitions: int = 0,
    warnings: int = 0,
    police_penalties: int = 0,
    failed_assessment: bool = False,
    ordinary_since: date | None = None,
    grades_on_ordinary: list[str] | tuple[str, ...] = (),
    consecutive_commendations: int = 0,
    meritorious_act: bool = False,
) -> Decision:
    """`current_level` None means the first classification; `ordinary_since` is the day the person was put on
    普管 (used only when the current level is 普管); `grades_on_ordinary` the quarterly grades received since."""
    if current_level is not None and current_level not in LEVELS:
        raise ValueError(f"unknown supervision level {current_level!r}")
    if high_risk and low_risk:
        raise ValueError("a person cannot be both high and low risk")
    if today < intake_date:
        raise ValueError("classification before intake")
    grades_on_ordinary = tuple(grades_on_ordinary)
    intake_months = ctx.use("STRICT_INTAKE_MONTHS", intake_date)  # the intake period in force at intake
    strict_admonitions = ctx.use("STRICT_ADMONITIONS", today)
    ordinary_months = ctx.use("LENIENT_ORDINARY_MONTHS", today)
    commendations_needed = ctx.use("LENIENT_CONSECUTIVE_COMMENDATIONS", today)

    strict, notes = [], []
    intake_end = add_months(intake_date, intake_months.value)
    if today < intake_end:
        strict.append(f"{cn_date(intake_date)}入矫，不满{intake_months.value}个月（至{cn_date(intake_end)}满）")
    if high_risk:
        strict.append("综合评估为高风险")
    if admonitions >= strict_admonitions.value:
        strict.append(f"受到训诫{admonitions}次，达到{strict_admonitions.value}次")
    if warnings:
        strict.append(f"受到警告{warnings}次")
    if police_penalties:
        strict.append(f"受到治安管理处罚{police_penalties}次")
    if failed_assessment:
        strict.append("考核不合格")

    if strict:
        level = "strict"
        reasons = [f"严管情形：{item}" for item in strict]
        if current_level in ("ordinary", "lenient"):
            reasons.append(f"由{LEVELS[current_level]}转为严管")
        reasons.append("有任一严管情形即实行严管")
    else:
        lenient = []
        if current_level == "lenient":
            lenient.append("宽管期间未出现严管情形，继续宽管")
        if current_level == "ordinary" and ordinary_since is not None:
            ordinary_end = add_months(ordinary_since, ordinary_months.value)
            good_enough = bool(grades_on_ordinary) and "fail" not in grades_on_ordinary and "good" in grades_on_ordinary
            if today >= ordinary_end and good_enough:
                lenient.append(
                    f"自{cn_date(ordinary_since)}起连续普管满{ordinary_months.value}个月（{cn_date(ordinary_end)}满），"
                    "期间考核无不合格且有良好"
                )
            elif today >= ordinary_end:
                notes.append(
                    f"连续普管已满{ordinary_months.value}个月，但期间考核"
                    f"{'有不合格' if 'fail' in grades_on_ordinary else '没有良好'}，不据此转宽管"
                )
            else:
                notes.append(f"连续普管至{cn_date(ordinary_end)}满{ordinary_months.value}个月，尚未满")
        if consecutive_commendations >= commendations_needed.value:
            lenient.append(f"连续{consecutive_commendations}次受到表扬，达到{commendations_needed.value}次")
        if meritorious_act:
            lenient.append("有重大立功、见义勇为等突出表现")
        if low_risk:
            lenient.append("综合评估为低风险")
        if lenient:
            level = "lenient"
            reasons = [f"宽管条件：{item}" for item in lenient]
            reasons.append("无严管情形，符合宽管条件之一即实行宽管")
        else:
            level = "ordinary"
            reasons = ["无严管情形，也不符合宽管条件，实行普管", *notes]
            if current_level == "strict":
                reasons.append("严管情形已消除，由严管转为普管")
    return Decision(
        rule="SUPERVISION_LEVEL",
        outcome=level,
        articles=("社区矫正法第三条", CLASSIFICATION, PROVINCE) + ((LENIENT_PRACTICE,) if level == "lenient" else ()),
        reasons=tuple(reasons),
        facts={
            "intake_date": intake_date,
            "today": today,
            "current_level": current_level,
            "high_risk": high_risk,
            "low_risk": low_risk,
            "admonitions": admonitions,
            "warnings": warnings,
            "police_penalties": police_penalties,
            "failed_assessment": failed_assessment,
            "ordinary_since": ordinary_since,
            "grades_on_ordinary": list(grades_on_ordinary),
            "consecutive_commendations": consecutive_commendations,
            "meritorious_act": meritorious_act,
        },
        parameters=(intake_months, strict_admonitions, ordinary_months, commendations_needed),
    )


@rule(
    "SUPERVISION_LEVEL_REQUIREMENTS",
    title="严管、普管、宽管的监管要求",
    statement="严管：每周当面报到一次、书面汇报一次、个别教育一次，每月教育学习不少于12小时、有劳动能力的参加公益活动"
    "不少于12小时。普管：每两周当面报到一次，每月书面汇报一次、个别教育一次，每月学习、公益活动各不少于8小时。"
    "宽管：每月当面报到一次（其余以电话或APP报告），每季度书面汇报一次，每月学习不少于4小时，公益活动按安排。"
    "手机APP签到：严管、普管每日一次，宽管每7日一次。"
    "以上为地方做法的默认值，由系统管理员按本省规定设置；法律未规定学习和公益活动的最低时数。",
    articles=(CLASSIFICATION, PROVINCE, "社区矫正法第四十二条"),
    parameters=("SUPERVISION_LEVEL_REQUIREMENTS",),
    examples=(
        Example(
            "严管",
            {"level": "strict", "on": date(2026, 6, 1)},
            {
                "in_person_reports_per_month": 4,
                "written_reports_per_quarter": 12,
                "individual_education_per_month": 4,
                "study_hours_per_month": 12,
                "public_benefit_hours_per_month": 12,
                "app_checkin_days": 1,
            },
        ),
        Example(
            "普管",
            {"level": "ordinary", "on": date(2026, 6, 1)},
            {
                "in_person_reports_per_month": 2,
                "written_reports_per_quarter": 3,
                "individual_education_per_month": 1,
                "study_hours_per_month": 8,
                "public_benefit_hours_per_month": 8,
                "app_checkin_days": 1,
            },
        ),
        Example(
            "宽管",
            {"level": "lenient", "on": date(2026, 6, 1)},
            {
                "in_person_reports_per_month": 1,
                "written_reports_per_quarter": 1,
                "individual_education_per_month": 0,
                "study_hours_per_month": 4,
                "public_benefit_hours_per_month": 0,
                "app_checkin_days": 7,
            },
        ),
    ),
)
def supervision_level_requirements(ctx: Context, *, level: str, on: date) -> Decision:
    if level not in LEVELS:
        raise ValueError(f"unknown supervision level {level!r}")
    use = ctx.use("SUPERVISION_LEVEL_REQUIREMENTS", on)
    if level not in use.value:
        raise ValueError(f"SUPERVISION_LEVEL_REQUIREMENTS ({use.effective_from}) has no entry for {level!r}")
    requirements = dict(use.value[level])
    items = []
    for key, value in requirements.items():
        label, unit = REQUIREMENT_LABELS.get(key, (key, ""))
        zero = ZERO_MEANS.get(key, f"{label}按安排（不设下限）")
        items.append(f"{label}{value}{unit}" if value else zero)
    return Decision(
        rule="SUPERVISION_LEVEL_REQUIREMENTS",
        outcome=requirements,
        articles=(CLASSIFICATION, PROVINCE),
        reasons=(
            f"{LEVELS[level]}的监管要求：" + "；".join(items),
            f"依据{cn_date(use.effective_from)}起施行的参数版本（{use.source}）",
        ),
        facts={"level": level, "on": on},
        parameters=(use,),
    )
