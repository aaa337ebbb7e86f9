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

from sqjz.statute.age import age_on
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
    "service_hours": "已完成公益活动（小时）",
    "service_due": "应完成公益活动（小时）",
    "service_short": "公益活动尚差（小时）",
    "able_to_work": "有劳动能力",
    "demand": "体力强度",
    "light": "轻体力",
    "moderate": "中等体力",
    "heavy": "重体力",
    "health_limited": "暂予监外执行（患严重疾病、怀孕或哺乳、生活不能自理）",
    "is_disabled": "残疾人",
    "day": "活动日期",
    "distance_m": "签到位置距会场（米）",
    "accuracy_m": "定位误差（米）",
}
DEMANDS = {"light": "轻体力", "moderate": "中等体力", "heavy": "重体力"}
SERVICE = "社区矫正法第四十二条"
OVERWORK = "人民检察院刑事诉讼规则第六百四十三条"


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
    title="每月教育学习、个别教育和公益活动的完成情况",
    statement="按监管等级的要求，每月完成规定时数的教育学习、规定次数的个别教育和规定时数的公益活动（公益活动限有劳动能力者）；"
    "均达到要求的为完成，未达到的列明差额。要求以当月1日施行的参数版本为准。",
    articles=(EDUCATION, SERVICE, CLASSIFICATION, PROVINCE),
    parameters=("SUPERVISION_LEVEL_REQUIREMENTS",),
    examples=(
        Example(
            "普管：学习8小时、个别教育1次、公益活动8小时，完成",
            {
                "level": "ordinary",
                "month": date(2026, 11, 1),
                "study_hours": Decimal("8"),
                "individual_sessions": 1,
                "service_hours": Decimal("8"),
            },
            {
                "hours_due": Decimal("8"),
                "hours_short": Decimal("0"),
                "individual_due": 1,
                "individual_short": 0,
                "service_due": Decimal("8"),
                "service_short": Decimal("0"),
            },
        ),
        Example(
            "严管：学习6小时、个别教育2次、公益活动10小时，尚差6小时、2次、2小时",
            {
                "level": "strict",
                "month": date(2026, 11, 1),
                "study_hours": Decimal("6"),
                "individual_sessions": 2,
                "service_hours": Decimal("10"),
            },
            {
                "hours_due": Decimal("12"),
                "hours_short": Decimal("6"),
                "individual_due": 4,
                "individual_short": 2,
                "service_due": Decimal("12"),
                "service_short": Decimal("2"),
            },
        ),
        Example(
            "普管，保外就医无劳动能力：不要求公益活动",
            {
                "level": "ordinary",
                "month": date(2026, 11, 1),
                "study_hours": Decimal("8"),
                "individual_sessions": 1,
                "service_hours": Decimal("0"),
                "able_to_work": False,
            },
            {
                "hours_due": Decimal("8"),
                "hours_short": Decimal("0"),
                "individual_due": 1,
                "individual_short": 0,
                "service_due": Decimal("0"),
                "service_short": Decimal("0"),
            },
        ),
    ),
)
def education_month_progress(
    ctx: Context,
    *,
    level: str,
    month: date,
    study_hours: Decimal,
    individual_sessions: int,
    service_hours: Decimal = Decimal("0"),
    able_to_work: bool = True,
) -> Decision:
    """The month's shortfalls: outcome {hours_due, hours_short, individual_due, individual_short, service_due,
    service_short}; the month is met when every shortfall is 0. Public-benefit hours are due only from a person able
    to work."""
    if level not in LEVELS:
        raise ValueError(f"unknown supervision level {level!r}")
    if study_hours < 0 or individual_sessions < 0 or service_hours < 0:
        raise ValueError("hours and sessions cannot be negative")
    first = month.replace(day=1)
    use = ctx.use("SUPERVISION_LEVEL_REQUIREMENTS", first)
    wanted = use.value[level]
    hours_due = Decimal(str(wanted["study_hours_per_month"]))
    individual_due = int(wanted["individual_education_per_month"])
    service_due = Decimal(str(wanted["public_benefit_hours_per_month"])) if able_to_work else Decimal("0")
    outcome = {
        "hours_due": hours_due,
        "hours_short": max(hours_due - Decimal(study_hours), Decimal("0")),
        "individual_due": individual_due,
        "individual_short": max(individual_due - individual_sessions, 0),
        "service_due": service_due,
        "service_short": max(service_due - Decimal(service_hours), Decimal("0")),
    }
    month_text = f"{first.year}年{first.month}月"
    service = f"公益活动{_hours(service_due)}小时" if able_to_work else "无劳动能力，不要求公益活动"
    reasons = [
        f"{LEVELS[level]}每月教育学习{_hours(hours_due)}小时、个别教育{individual_due}次、{service}"
        f"（{cn_date(use.effective_from)}起施行的参数版本）",
        f"{month_text}已完成教育学习{_hours(study_hours)}小时、个别教育{individual_sessions}次、"
        f"公益活动{_hours(service_hours)}小时",
    ]
    shorts = []
    if outcome["hours_short"]:
        shorts.append(f"教育学习{_hours(outcome['hours_short'])}小时")
    if outcome["individual_short"]:
        shorts.append(f"个别教育{outcome['individual_short']}次")
    if outcome["service_short"]:
        shorts.append(f"公益活动{_hours(outcome['service_short'])}小时")
    reasons.append("尚差" + "、".join(shorts) if shorts else "已达到要求")
    return Decision(
        rule="EDUCATION_MONTH_PROGRESS",
        outcome=outcome,
        articles=(EDUCATION, CLASSIFICATION, PROVINCE),
        reasons=tuple(reasons),
        facts={
            "level": level,
            "month": first,
            "study_hours": study_hours,
            "individual_sessions": individual_sessions,
            "service_hours": service_hours,
            "able_to_work": able_to_work,
        },
        parameters=(use,),
    )


@rule(
    "COMMUNITY_SERVICE_FIT",
    title="公益活动与年龄、身体状况相适应",
    statement="根据社区矫正对象的特长和身体状况组织公益活动，不得超时间、超体力安排：参加的活动须在其年龄可参加的体力强度"
    "范围内；暂予监外执行中患严重疾病、怀孕或哺乳、生活不能自理的和残疾人，只参加轻体力活动。年龄按活动当日的周岁计算。",
    articles=(SERVICE, OVERWORK),
    parameters=("COMMUNITY_SERVICE_AGE_LIMITS",),
    examples=(
        Example(
            "30周岁参加重体力活动",
            {"demand": "heavy", "birth_date": date(1996, 5, 1), "day": date(2026, 11, 28)},
            True,
        ),
        Example(
            "58周岁参加重体力活动（上限55周岁）",
            {"demand": "heavy", "birth_date": date(1968, 5, 1), "day": date(2026, 11, 28)},
            False,
        ),
        Example(
            "17周岁参加中等体力活动",
            {"demand": "moderate", "birth_date": date(2009, 5, 1), "day": date(2026, 11, 28)},
            True,
        ),
        Example(
            "保外就医参加中等体力活动",
            {"demand": "moderate", "birth_date": date(1980, 5, 1), "day": date(2026, 11, 28), "health_limited": True},
            False,
        ),
        Example(
            "残疾人参加轻体力活动",
            {"demand": "light", "birth_date": date(1970, 5, 1), "day": date(2026, 11, 28), "is_disabled": True},
            True,
        ),
    ),
)
def community_service_fit(
    ctx: Context, *, demand: str, birth_date: date, day: date, health_limited: bool = False, is_disabled: bool = False
) -> Decision:
    if demand not in DEMANDS:
        raise ValueError(f"unknown physical demand {demand!r}")
    use = ctx.use("COMMUNITY_SERVICE_AGE_LIMITS", day)
    low, high = use.value[demand]
    age = age_on(birth_date, day)
    reasons = [f"{DEMANDS[demand]}活动", f"活动当日{age}周岁"]
    fit = True
    if age < low or (high is not None and age > high):
        fit = False
        span = f"{low}至{high}周岁" if high is not None else f"年满{low}周岁"
        reasons.append(f"{DEMANDS[demand]}活动限{span}（{cn_date(use.effective_from)}起施行的参数版本）")
    if demand != "light" and (health_limited or is_disabled):
        fit = False
        who = "残疾人" if is_disabled and not health_limited else "暂予监外执行中患严重疾病、怀孕或哺乳、生活不能自理的"
        reasons.append(f"{who}只参加轻体力活动")
    reasons.append("可以参加" if fit else "不得超时间、超体力安排公益活动，不能参加")
    return Decision(
        rule="COMMUNITY_SERVICE_FIT",
        outcome=fit,
        articles=(SERVICE, OVERWORK),
        reasons=tuple(reasons),
        facts={
            "demand": demand,
            "birth_date": birth_date,
            "day": day,
            "health_limited": health_limited,
            "is_disabled": is_disabled,
        },
        parameters=(use,),
    )


@rule(
    "EDUCATION_VENUE_CHECKIN",
    title="现场签到计为参加集中教育",
    statement="集中教育当日，社区矫正对象在会场范围内通过手机签到（自拍并定位）的，计为到场；定位误差计入范围，"
    "但误差超过范围的定位不能证明到场，由工作人员点名确认。",
    articles=(EDUCATION,),
    parameters=("EDUCATION_VENUE_RADIUS",),
    examples=(
        Example("距会场80米，定位误差20米", {"distance_m": 80, "accuracy_m": 20, "day": date(2026, 11, 28)}, True),
        Example("距会场900米", {"distance_m": 900, "accuracy_m": 20, "day": date(2026, 11, 28)}, False),
        Example("距会场150米，定位误差600米", {"distance_m": 150, "accuracy_m": 600, "day": date(2026, 11, 28)}, False),
    ),
)
def education_venue_checkin(ctx: Context, *, distance_m: int, accuracy_m: int | None, day: date) -> Decision:
    use = ctx.use("EDUCATION_VENUE_RADIUS", day)
    radius = use.value
    reasons = [f"签到位置距会场{distance_m}米" + (f"（定位误差{accuracy_m}米）" if accuracy_m is not None else "")]
    if accuracy_m is not None and accuracy_m > radius:
        present = False
        reasons.append(f"定位误差超过会场范围{radius}米，不能证明到场，请点名确认")
    elif distance_m <= radius + (accuracy_m or 0):
        present = True
        reasons.append(f"在会场{radius}米范围内，计为到场")
    else:
        present = False
        reasons.append(f"不在会场{radius}米范围内，不能计为到场")
    return Decision(
        rule="EDUCATION_VENUE_CHECKIN",
        outcome=present,
        articles=(EDUCATION,),
        reasons=tuple(reasons),
        facts={"distance_m": distance_m, "accuracy_m": accuracy_m, "day": day},
        parameters=(use,),
    )
