"""The city's quarterly assessment (每季度考核评议) and what the grades lead to (requirements SUP-6, SUP-7;
the seed's section 二(一) is the authority: 《玉溪市进一步加强社区矫正工作的实施意见》).

Grades are "good" (良好), "pass" (合格) and "fail" (不合格), listed oldest first.

Readings of the seed's text (judgement calls, documented so they can be changed in one place):

- 「连续两次考核为良好」: the two latest grades are both "good". The window slides: good, good, good makes the
  person 优秀 at the second and again at the third assessment (the text does not say a pair is used up).
- 「单次考核为良好，且接受教育表现突出」: the latest grade is "good" and the officer found outstanding education
  performance in that quarter.
- 「累计两次以上考核为良好」: "good" grades anywhere in the list, not necessarily consecutive; 「以上」 includes the
  number (刑法第九十九条), so two is enough. The seed ties it to no other grade, so it holds even after a later
  "fail" — the officer decides whether to commend then.
- 「两次考核为不合格，仍不改正」: any two "fail" grades (the text says 两次, not 连续两次), three or more included,
  unless the officer found that the person corrected after them.
- The consequence of 情节严重 is a proposal the officer *may* make (可以认定): 缓刑 → 撤销缓刑建议, 假释 → 撤销假释建议,
  暂予监外执行 → 收监执行建议; 管制 has none.
- The assessment period is a quarter of the correction term counted from its start (not a calendar quarter): a
  term starting on 15 January is assessed on 15 April, 15 July, …, each date `calendar.add_months(start, 3k)`
  from the start itself, so a start on the 31st does not drift. An assessment date is not moved for holidays:
  it is an internal review, not a legal time limit.
"""

from dataclasses import dataclass
from datetime import date

from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

YUXI = "玉溪市进一步加强社区矫正工作的实施意见二(一)"
LAW_28 = "社区矫正法第二十八条"
GRADES = {"good": "良好", "pass": "合格", "fail": "不合格"}
CORRECTION_TYPES = {"control": "管制", "probation": "缓刑", "parole": "假释", "temporary_release": "暂予监外执行"}
REQUIRED, POSSIBLE = "required", "possible"
PROPOSALS = {"probation": "撤销缓刑建议", "parole": "撤销假释建议", "temporary_release": "收监执行建议"}
PROPOSAL_ARTICLES = {
    "probation": "社区矫正法第四十六条",
    "parole": "社区矫正法第四十六条",
    "temporary_release": "社区矫正法第四十九条",
}

# Chinese words for the outcome fields, for pages that show outcomes (e.g. the rule book).
LABELS = {
    "excellent": "优秀",
    "commendation": "表扬",
    "serious_circumstances_possible": "可以认定情节严重",
    "proposal": "建议",
}


@dataclass(frozen=True)
class GradeConsequences:
    excellent: bool  # 优秀
    commendation: str | None  # "required" 应当表扬 / "possible" 可以表扬 / None
    serious_circumstances_possible: bool  # 可以认定为情节严重
    proposal: str | None  # the proposal that may follow 情节严重, by correction type


def _label(grades) -> str:
    return "、".join(GRADES[g] for g in grades) or "无"


@rule(
    "QUARTERLY_GRADE_CONSEQUENCES",
    title="季度考核等次的奖惩后果",
    statement="每季度对社区矫正对象开展一次考核评议，依次评定良好、合格和不合格三个等次，将考核等次作为认定社区矫正对象"
    "是否确有悔改表现或者情节严重的依据。对连续两次考核为良好或者单次考核为良好，且接受教育表现突出的，认定为优秀，"
    "应当给予表扬；对累计两次以上考核为良好的，可以给予表扬；……对两次考核为不合格，仍不改正的，可以认定为情节严重，"
    "依法向社区矫正决定机关提出撤销缓刑、撤销假释或者暂予监外执行收监执行建议。"
    "（“两次不合格”不要求连续；管制对象不适用撤销或收监。）",
    articles=(YUXI, LAW_28),
    parameters=("GOOD_GRADES_FOR_OPTIONAL_COMMENDATION", "FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES"),
    examples=(
        Example(
            "连续两次良好",
            {"grades": ["pass", "good", "good"], "correction_type": "probation", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(True, REQUIRED, False, None),
        ),
        Example(
            "单次良好且接受教育表现突出",
            {
                "grades": ["pass", "good"],
                "outstanding_education": True,
                "correction_type": "parole",
                "assessed_on": date(2026, 9, 30),
            },
            GradeConsequences(True, REQUIRED, False, None),
        ),
        Example(
            "单次良好，无突出表现",
            {"grades": ["pass", "good"], "correction_type": "parole", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, None, False, None),
        ),
        Example(
            "累计两次良好但不连续",
            {"grades": ["good", "pass", "good"], "correction_type": "parole", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, POSSIBLE, False, None),
        ),
        Example(
            "一次不合格",
            {"grades": ["pass", "fail"], "correction_type": "probation", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, None, False, None),
        ),
        Example(
            "缓刑，两次不合格（不连续）仍不改正",
            {"grades": ["fail", "pass", "fail"], "correction_type": "probation", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, None, True, "撤销缓刑建议"),
        ),
        Example(
            "暂予监外执行，两次不合格仍不改正",
            {"grades": ["fail", "fail"], "correction_type": "temporary_release", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, None, True, "收监执行建议"),
        ),
        Example(
            "假释，两次不合格但已改正",
            {
                "grades": ["fail", "fail", "pass"],
                "corrected_after_fails": True,
                "correction_type": "parole",
                "assessed_on": date(2026, 9, 30),
            },
            GradeConsequences(False, None, False, None),
        ),
        Example(
            "管制，三次不合格（管制无撤销或收监）",
            {"grades": ["fail", "fail", "fail"], "correction_type": "control", "assessed_on": date(2026, 9, 30)},
            GradeConsequences(False, None, True, None),
        ),
    ),
)
def quarterly_grade_consequences(
    ctx: Context,
    *,
    grades: list[str] | tuple[str, ...],
    correction_type: str,
    assessed_on: date,
    outstanding_education: bool = False,
    corrected_after_fails: bool = False,
) -> Decision:
    """`assessed_on` is the day of the latest assessment: the figures in force that day are used."""
    grades = tuple(grades)
    if any(g not in GRADES for g in grades):
        raise ValueError(f"grades must be {tuple(GRADES)}, not {grades!r}")
    if correction_type not in CORRECTION_TYPES:
        raise ValueError(f"unknown correction type {correction_type!r}")
    good_needed = ctx.use("GOOD_GRADES_FOR_OPTIONAL_COMMENDATION", assessed_on)
    fail_needed = ctx.use("FAIL_GRADES_FOR_SERIOUS_CIRCUMSTANCES", assessed_on)
    goods, fails = grades.count("good"), grades.count("fail")
    reasons = [f"历次考核等次：{_label(grades)}（良好{goods}次，不合格{fails}次）"]

    latest_good = bool(grades) and grades[-1] == "good"
    consecutive = len(grades) >= 2 and grades[-2:] == ("good", "good")
    excellent = consecutive or (latest_good and outstanding_education)
    if consecutive:
        reasons.append("最近连续两次考核为良好，认定为优秀，应当给予表扬")
    elif latest_good and outstanding_education:
        reasons.append("最近一次考核为良好，且接受教育表现突出，认定为优秀，应当给予表扬")
    elif outstanding_education:
        reasons.append("接受教育表现突出，但最近一次考核不是良好，不认定为优秀")

    if excellent:
        commendation = REQUIRED
    elif goods >= good_needed.value:
        commendation = POSSIBLE
        reasons.append(f"累计{goods}次考核为良好，达到{good_needed.value}次以上，可以给予表扬")
    else:
        commendation = None
        reasons.append(f"累计良好{goods}次，未达到{good_needed.value}次，且不构成优秀，不予表扬")

    serious = fails >= fail_needed.value and not corrected_after_fails
    proposal = PROPOSALS.get(correction_type) if serious else None
    articles = [YUXI, LAW_28]
    if fails >= fail_needed.value and corrected_after_fails:
        reasons.append(f"{fails}次考核为不合格，但已改正，不认定为情节严重")
    elif serious:
        type_name = CORRECTION_TYPES[correction_type]
        if proposal:
            articles.append(PROPOSAL_ARTICLES[correction_type])
            reasons.append(
                f"{fails}次考核为不合格（不要求连续），仍不改正，达到{fail_needed.value}次，可以认定为情节严重，"
                f"{type_name}对象依法向社区矫正决定机关提出{proposal}"
            )
        else:
            reasons.append(
                f"{fails}次考核为不合格，仍不改正，可以认定为情节严重；{type_name}没有撤销或收监执行，依法采取其他措施"
            )
    elif fails:
        reasons.append(f"考核为不合格{fails}次，未达到{fail_needed.value}次，不认定为情节严重")

    return Decision(
        rule="QUARTERLY_GRADE_CONSEQUENCES",
        outcome=GradeConsequences(excellent, commendation, serious, proposal),
        articles=tuple(articles),
        reasons=tuple(reasons),
        facts={
            "grades": list(grades),
            "correction_type": correction_type,
            "assessed_on": assessed_on,
            "outstanding_education": outstanding_education,
            "corrected_after_fails": corrected_after_fails,
        },
        parameters=(good_needed, fail_needed),
    )


@rule(
    "ASSESSMENT_DUE",
    title="季度考核评议日期",
    statement="每季度对社区矫正对象开展一次考核评议。季度按矫正期起算，每满三个月为一个考核周期"
    "（如1月15日入矫，4月15日、7月15日……考核），不按自然季度；考核日不因节假日顺延。",
    articles=(YUXI,),
    parameters=("ASSESSMENT_PERIOD_MONTHS",),
    examples=(
        Example(
            "1月15日起矫正，当日查询", {"term_start": date(2026, 1, 15), "today": date(2026, 1, 15)}, date(2026, 4, 15)
        ),
        Example(
            "1月15日起矫正，恰逢第一次考核日",
            {"term_start": date(2026, 1, 15), "today": date(2026, 4, 15)},
            date(2026, 4, 15),
        ),
        Example(
            "1月15日起矫正，第一次考核日次日",
            {"term_start": date(2026, 1, 15), "today": date(2026, 4, 16)},
            date(2026, 7, 15),
        ),
        Example(
            "8月31日起矫正：11月30日、次年2月28日、5月31日（各自从起始日推算，不累积漂移）",
            {"term_start": date(2026, 8, 31), "today": date(2027, 3, 1)},
            date(2027, 5, 31),
        ),
    ),
)
def assessment_due(ctx: Context, *, term_start: date, today: date) -> Decision:
    period = ctx.use("ASSESSMENT_PERIOD_MONTHS", today)
    quarter = 1
    due = add_months(term_start, period.value)
    while due < today:
        quarter += 1
        due = add_months(term_start, period.value * quarter)
    return Decision(
        rule="ASSESSMENT_DUE",
        outcome=due,
        articles=(YUXI,),
        reasons=(
            f"矫正期自{cn_date(term_start)}起算，每{period.value}个月考核评议一次",
            f"第{quarter}次考核评议日为{cn_date(due)}（矫正期第{quarter}个考核周期届满之日）",
        ),
        facts={"term_start": term_start, "today": today},
        parameters=(period,),
    )
