"""Education (教育学习): minors educated apart from adults, and how a month's education measures up to the level's
requirement (../shared/domain/statute.md §9, §13; the figures are SUPERVISION_LEVEL_REQUIREMENTS, a LOCAL parameter).

Judgement calls (*):
- *"Minor" is the register's `is_minor` (MINOR_RULES_APPLY: under 18 at the offence or at the start of the term, and
  still so after turning 18, 社区矫正法第五十八条). A session for minors takes no adult either: separation works both
  ways.
- *Study hours (教育学习) count group education (集中教育) and, later, learning on the phone; individual education
  (个别教育) is counted by times, as the requirement is (次/月), not in the hours.
- *A month's requirement is the one in force on the month's first day; a month is met when both counts reach it.
"""

from datetime import date
from decimal import Decimal

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.rules.supervision import CLASSIFICATION, LEVELS, PROVINCE
from sqjz.statute.text import cn_date

APART = "社区矫正法第五十二条"
EDUCATION = "社区矫正法第三十六条"
LABELS = {
    "person_is_minor": "未成年社区矫正对象",
    "session_for_minors": "为未成年人组织的教育",
    "month": "月份",
    "study_hours": "已完成教育学习（小时）",
    "individual_sessions": "已完成个别教育（次）",
    "hours_due": "应完成教育学习（小时）",
    "hours_short": "教育学习尚差（小时）",
    "individual_due": "应完成个别教育（次）",
    "individual_short": "个别教育尚差（次）",
}


@rule(
    "EDUCATION_APART_FROM_ADULTS",
    title="未成年人与成年人分别教育",
    statement="对未成年社区矫正对象的社区矫正，应当与成年人分别进行：未成年社区矫正对象不参加成年人的集中教育，"
    "为未成年人组织的集中教育也不安排成年人参加。",
    articles=(APART,),
    parameters=(),
    examples=(
        Example("未成年人参加成年人的集中教育", {"person_is_minor": True, "session_for_minors": False}, False),
        Example("未成年人参加未成年人的集中教育", {"person_is_minor": True, "session_for_minors": True}, True),
        Example("成年人参加未成年人的集中教育", {"person_is_minor": False, "session_for_minors": True}, False),
        Example("成年人参加成年人的集中教育", {"person_is_minor": False, "session_for_minors": False}, True),
    ),
)
def education_apart_from_adults(ctx: Context, *, person_is_minor: bool, session_for_minors: bool) -> Decision:
    allowed = person_is_minor == session_for_minors
    who = "未成年社区矫正对象" if person_is_minor else "成年社区矫正对象"
    session = "为未成年人组织的集中教育" if session_for_minors else "成年人的集中教育"
    reasons = (f"{who}参加{session}", "可以参加" if allowed else "未成年人与成年人应当分别进行教育，不能参加")
    return Decision(
        rule="EDUCATION_APART_FROM_ADULTS",
        outcome=allowed,
        articles=(APART,),
        reasons=reasons,
        facts={"person_is_minor": person_is_minor, "session_for_minors": session_for_minors},
    )


def _hours(value) -> str:
    return f"{Decimal(value).normalize():f}"


@rule(
    "EDUCATION_MONTH_PROGRESS",
    title="每月教育学习和个别教育的完成情况",
    statement="按监管等级的要求，每月完成规定时数的教育学习和规定次数的个别教育；两项均达到要求的为完成，"
    "未达到的列明差额。要求以当月1日施行的参数版本为准。",
    articles=(EDUCATION, CLASSIFICATION, PROVINCE),
    parameters=("SUPERVISION_LEVEL_REQUIREMENTS",),
    examples=(
        Example(
            "普管：学习8小时、个别教育1次，完成",
            {"level": "ordinary", "month": date(2026, 11, 1), "study_hours": Decimal("8"), "individual_sessions": 1},
            {"hours_due": Decimal("8"), "hours_short": Decimal("0"), "individual_due": 1, "individual_short": 0},
        ),
        Example(
            "严管：学习6小时、个别教育2次，尚差6小时、2次",
            {"level": "strict", "month": date(2026, 11, 1), "study_hours": Decimal("6"), "individual_sessions": 2},
            {"hours_due": Decimal("12"), "hours_short": Decimal("6"), "individual_due": 4, "individual_short": 2},
        ),
        Example(
            "宽管：不要求个别教育，学习4.5小时",
            {"level": "lenient", "month": date(2026, 11, 1), "study_hours": Decimal("4.5"), "individual_sessions": 0},
            {"hours_due": Decimal("4"), "hours_short": Decimal("0"), "individual_due": 0, "individual_short": 0},
        ),
    ),
)
def education_month_progress(
    ctx: Context, *, level: str, month: date, study_hours: Decimal, individual_sessions: int
) -> Decision:
    """The month's shortfalls: outcome {hours_due, hours_short, individual_due, individual_short}; the month is met
    when both shortfalls are 0."""
    if level not in LEVELS:
        raise ValueError(f"unknown supervision level {level!r}")
    if study_hours < 0 or individual_sessions < 0:
        raise ValueError("hours and sessions cannot be negative")
    first = month.replace(day=1)
    use = ctx.use("SUPERVISION_LEVEL_REQUIREMENTS", first)
    wanted = use.value[level]
    hours_due = Decimal(str(wanted["study_hours_per_month"]))
    individual_due = int(wanted["individual_education_per_month"])
    outcome = {
        "hours_due": hours_due,
        "hours_short": max(hours_due - Decimal(study_hours), Decimal("0")),
        "individual_due": individual_due,
        "individual_short": max(individual_due - individual_sessions, 0),
    }
    month_text = f"{first.year}年{first.month}月"
    reasons = [
        f"{LEVELS[level]}每月教育学习{_hours(hours_due)}小时、个别教育{individual_due}次"
        f"（{cn_date(use.effective_from)}起施行的参数版本）",
        f"{month_text}已完成教育学习{_hours(study_hours)}小时、个别教育{individual_sessions}次",
    ]
    shorts = []
    if outcome["hours_short"]:
        shorts.append(f"教育学习{_hours(outcome['hours_short'])}小时")
    if outcome["individual_short"]:
        shorts.append(f"个别教育{outcome['individual_short']}次")
    reasons.append("尚差" + "、".join(shorts) if shorts else "已达到要求")
    return Decision(
        rule="EDUCATION_MONTH_PROGRESS",
        outcome=outcome,
        articles=(EDUCATION, CLASSIFICATION, PROVINCE),
        reasons=tuple(reasons),
        facts={"level": level, "month": first, "study_hours": study_hours, "individual_sessions": individual_sessions},
        parameters=(use,),
    )
