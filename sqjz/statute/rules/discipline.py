"""考核奖惩: the escalation ladder 训诫 → 警告 → 提请治安管理处罚 → 提请撤销缓刑、假释 / 提请收监执行
(../shared/domain/statute.md §9.1, §11).

Each rule takes the facts an officer records and says which measure the facts ground, with the ground codes
that hold. A ground makes a measure *available*; whether to impose or propose it stays the county agency's
decision (the reasons say so where the law leaves a judgement).

Facts shared by the grounds rules (all keyword, all but `correction_type` and `today` with defaults):

- `correction_type`: "control" (管制) / "probation" (缓刑) / "parole" (假释) / "temporary_release" (暂予监外执行).
- `today`: the day the measure is considered; the figures in force on that day are used.
- `out_of_contact_since`, `out_of_contact_until`: the day contact was lost, or the last day on which the person
  should have reported (报到期限届满之日); and the day contact was restored or the person reported (None: still
  out of contact, counted to `today`). The first day is not counted (刑事诉讼法第一百零五条), so the days out of
  contact are `until - since`. "超过一个月" means `until` is after the same day of the next month
  (`calendar.add_months`; 31 January → 28/29 February). The lost-contact figures are read on `since`: the
  conduct is judged by the figures in force when it began.
- `admonitions_uncorrected`, `warnings_uncorrected`, `police_penalties_uncorrected`: how many 训诫, 警告 and
  治安管理处罚 the person has received and still not corrected (仍不改正) — the officer's finding, not a raw count.
- `prohibition_breach`: breach of a court 禁止令, "minor" (情节轻微) or "serious" (情节严重); only 管制 and 缓刑
  carry a 禁止令 (刑法第三十八条、第七十二条).
- `supervision_breach`: breach of the rules on reporting, visitors, leaving the area, moving home or other
  supervision rules (违反报告、会客、外出、迁居等监督管理规定): "minor" (情节轻微 → 训诫), "more_serious"
  (情节较重 → 警告) or "serious" (情节严重 → 撤销 / 收监 ground). Each tier grounds the measure its text names:
  训诫 only for a minor breach, 警告 only for a more serious one, as 实施办法第三十四条、第三十五条 word them.
- `refused_education`: does not take part in education and study as required and does not change after being
  educated (实施办法第三十四条).
- `refused_reexamination_report`: a 保外就医 person failed without good reason to submit the 病情复查 report on
  time and did not change after being educated (实施办法第三十五条). 暂予监外执行 only.
- `left_area_without_approval`: left the city or county without approval (暂予监外执行 收监 ground together with an
  uncorrected 警告, 最高法解释第五百一十六条; for the other types the breach is graded by `supervision_breach`).
- 暂予监外执行 only: `refused_to_report` (the county agency found, after investigating, that the person refuses to
  report their whereabouts, 拒不报告行踪: a 收监 ground however short the time out of contact; without that finding,
  being out of contact is graded by its days like any other type, and beyond one month grounds 收监),
  `conditions_not_met` (不符合暂予监外执行条件), `grounds_ceased` (暂予监外执行的情形消失，
  刑期未满), `guarantor_lost` (保证人丧失保证条件或者被取消资格，未在规定期限内提出新的保证人).
"""

from dataclasses import dataclass
from datetime import date

from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision, ParameterUse
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

CORRECTION_TYPES = {"control": "管制", "probation": "缓刑", "parole": "假释", "temporary_release": "暂予监外执行"}
SEVERITIES = {"minor": "情节轻微", "more_serious": "情节较重", "serious": "情节严重"}
WITH_PROHIBITION_ORDER = ("control", "probation")  # 刑法第三十八条第二款、第七十二条第二款

# The measures of LOST_CONTACT_LEVEL, mildest first.
MEASURES = {
    "none": "无",
    "admonition": "训诫",
    "warning": "警告",
    "revocation": "提请撤销",
    "committal": "提请收监执行",
}
MEASURE_RANK = {"none": 0, "admonition": 1, "warning": 2, "revocation": 3, "committal": 3}

ADMONITION = "实施办法第三十四条"
WARNING = "实施办法第三十五条"
POLICE = "实施办法第三十六条"
COUNTING = "刑事诉讼法第一百零五条"
SECURITY_LAW = "治安管理处罚法（2012）第六十条第（四）项"
SECURITY_LAW_2025 = "治安管理处罚法（2025）第七十二条"
REVOCATION_ARTICLES = {
    "probation": ("社区矫正法第四十六条", "最高法解释第五百四十三条", "实施办法第四十六条", "刑法第七十七条"),
    "parole": ("社区矫正法第四十六条", "最高法解释第五百四十三条", "实施办法第四十七条", "刑法第八十六条"),
    "temporary_release": (
        "社区矫正法第四十九条",
        "最高法解释第五百一十六条",
        "实施办法第四十九条",
        "刑事诉讼法第二百六十八条",
    ),
}

# Ground code → (plain-Chinese text, article), per measure.
ADMONITION_GROUNDS_TEXT = {
    "lost_contact_short": ("无正当理由未按规定时间报到或者脱离监管，未超过训诫天数上限（默认十日）", ADMONITION),
    "minor_supervision_breach": ("违反关于报告、会客、外出、迁居等规定，情节轻微", ADMONITION),
    "refused_education": ("不按规定参加教育学习等活动，经教育仍不改正", ADMONITION),
}
WARNING_GROUNDS_TEXT = {
    "minor_prohibition_breach": ("违反人民法院禁止令，情节轻微", WARNING),
    "lost_contact_long": ("无正当理由未按规定时间报到或者脱离监管，超过训诫天数上限（默认十日）", WARNING),
    "more_serious_supervision_breach": ("违反关于报告、会客、外出、迁居等规定，情节较重", WARNING),
    "reexamination_report_missed": (
        "保外就医的暂予监外执行社区矫正对象无正当理由不按时提交病情复查情况，经教育仍不改正",
        WARNING,
    ),
    "admonitions_uncorrected": ("受到社区矫正机构两次训诫，仍不改正", WARNING),
}
POLICE_PENALTY_GROUNDS_TEXT = {
    "prohibition_breach": ("违反人民法院禁止令，依法应予治安管理处罚", POLICE),
    "supervision_breach": ("违反监督管理规定，情节较重以上，依法应予治安管理处罚", POLICE),
}
REVOCATION_GROUNDS_TEXT = {
    "probation": {
        "serious_prohibition_breach": ("违反人民法院禁止令，情节严重", "最高法解释第五百四十三条第一款第（一）项"),
        "lost_contact_over_month": (
            "无正当理由不按规定时间报到或者接受社区矫正期间脱离监管，超过一个月",
            "最高法解释第五百四十三条第一款第（二）项",
        ),
        "police_penalty_uncorrected": (
            "因违反监督管理规定受到治安管理处罚，仍不改正",
            "最高法解释第五百四十三条第一款第（三）项",
        ),
        "warnings_uncorrected": ("受到社区矫正机构两次警告，仍不改正", "最高法解释第五百四十三条第一款第（四）项"),
        "other_serious_breach": (
            "违反法律、行政法规和监督管理规定，情节严重的其他情形",
            "最高法解释第五百四十三条第一款第（五）项",
        ),
    },
    "parole": {
        "lost_contact_over_month": (
            "无正当理由不按规定时间报到或者接受社区矫正期间脱离监管，超过一个月",
            "最高法解释第五百四十三条第二款",
        ),
        "warnings_uncorrected": ("受到社区矫正机构两次警告，仍不改正", "最高法解释第五百四十三条第二款"),
        "other_breach_not_crime": (
            "有其他违反监督管理规定的行为，尚未构成新的犯罪",
            "刑法第八十六条第三款、最高法解释第五百四十三条第二款",
        ),
    },
    "temporary_release": {
        "conditions_not_met": ("不符合暂予监外执行条件", "最高法解释第五百一十六条"),
        "left_area_warned": ("未经批准离开所居住的市、县，经警告拒不改正", "最高法解释第五百一十六条"),
        "lost_contact": (
            "拒不报告行踪、脱离监管（经调查认定，或者脱离监管超过一个月）",
            "最高法解释第五百一十六条、实施办法第四十九条",
        ),
        "police_penalty_uncorrected": ("因违反监督管理规定受到治安管理处罚，仍不改正", "最高法解释第五百一十六条"),
        "warnings_uncorrected": ("受到社区矫正机构两次警告，仍不改正", "最高法解释第五百一十六条"),
        "reexamination_warned": ("保外就医期间不按规定提交病情复查情况，经警告拒不改正", "最高法解释第五百一十六条"),
        "grounds_ceased": ("暂予监外执行的情形消失后，刑期未满", "刑事诉讼法第二百六十八条"),
        "guarantor_lost": (
            "保证人丧失保证条件或者因不履行义务被取消保证人资格，不能在规定期限内提出新的保证人",
            "最高法解释第五百一十六条",
        ),
        "other_serious_breach": (
            "违反有关法律、行政法规和监督管理规定，情节严重的其他情形",
            "最高法解释第五百一十六条",
        ),
    },
}
PROPOSALS = {
    # correction type → (proposal, to whom it is addressed)
    "probation": ("撤销缓刑", "原审人民法院或者执行地人民法院"),
    "parole": ("撤销假释", "原审人民法院或者执行地人民法院"),
    "temporary_release": ("收监执行", "执行地或者原社区矫正决定机关"),
}

# Chinese words for the outcome fields and ground codes, for pages that show outcomes (e.g. the rule book).
LABELS = {
    "available": "具备情形",
    "grounds": "情形",
    "proposal": "建议",
    "addressee": "提出对象",
    **{
        code: text
        for table in (
            *reversed(REVOCATION_GROUNDS_TEXT.values()),
            POLICE_PENALTY_GROUNDS_TEXT,
            WARNING_GROUNDS_TEXT,
            ADMONITION_GROUNDS_TEXT,
        )
        for code, (text, _article) in table.items()
    },
}


@dataclass(frozen=True)
class Grounds:
    """Whether a measure is available, and the codes of the grounds that hold (in the order of the article)."""

    available: bool
    grounds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Proposal:
    """REVOCATION_PROPOSAL's outcome: which proposal the correction type allows and to whom it goes."""

    available: bool
    grounds: tuple[str, ...] = ()
    proposal: str | None = None  # 撤销缓刑 / 撤销假释 / 收监执行; None for 管制
    addressee: str | None = None


def _check_type(correction_type: str) -> str:
    if correction_type not in CORRECTION_TYPES:
        raise ValueError(f"unknown correction type {correction_type!r}")
    return CORRECTION_TYPES[correction_type]


def _check_severity(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{name} must be one of {allowed} or None, not {value!r}")


@dataclass(frozen=True)
class LostContact:
    days: int
    since: date
    until: date
    month_end: date | None  # the day "一个月" ends (not after it)
    uses: tuple[ParameterUse, ...]

    @property
    def over_a_month(self) -> bool:
        return self.month_end is not None and self.until > self.month_end


def lost_contact(ctx: Context, since: date | None, until: date | None, *, months: bool) -> LostContact | None:
    """Days out of contact (the first day not counted) and, if `months`, whether it exceeds one month."""
    if since is None:
        return None
    if until < since:
        raise ValueError("contact cannot be restored before it was lost")
    uses = [ctx.use("LOST_CONTACT_ADMONITION_MAX_DAYS", since)]
    month_end = None
    if months:
        period = ctx.use("LOST_CONTACT_REVOCATION_MONTHS", since)
        uses.append(period)
        month_end = add_months(since, period.value)
    return LostContact((until - since).days, since, until, month_end, tuple(uses))


def _span(contact: LostContact) -> str:
    return f"自{cn_date(contact.since)}起至{cn_date(contact.until)}未按时报到或脱离监管{contact.days}日（起始日不计入）"


# ---------------------------------------------------------------------------------------------------------------
# LOST_CONTACT_LEVEL


@rule(
    "LOST_CONTACT_LEVEL",
    title="未按时报到、脱离监管的处理",
    statement="社区矫正对象无正当理由未按规定时间报到或者脱离监管，未超过十日的，给予训诫；超过十日的，给予警告；"
    "缓刑、假释对象超过一个月的，应当提请撤销缓刑、假释；暂予监外执行对象同样按天数给予训诫、警告，"
    "超过一个月或者经调查认定拒不报告行踪、脱离监管的，应当提请收监执行。天数自失联（或报到期限届满）之次日起算，"
    "起始日不计入。",
    articles=(ADMONITION, WARNING, "实施办法第四十六条", "实施办法第四十七条", "最高法解释第五百一十六条", COUNTING),
    parameters=("LOST_CONTACT_ADMONITION_MAX_DAYS", "LOST_CONTACT_REVOCATION_MONTHS"),
    examples=(
        Example(
            "缓刑，当日即恢复联系（0日）",
            {"correction_type": "probation", "since": date(2026, 3, 2), "until": date(2026, 3, 2)},
            "none",
        ),
        Example(
            "缓刑，脱离监管恰好10日",
            {"correction_type": "probation", "since": date(2026, 3, 2), "until": date(2026, 3, 12)},
            "admonition",
        ),
        Example(
            "缓刑，脱离监管11日",
            {"correction_type": "probation", "since": date(2026, 3, 2), "until": date(2026, 3, 13)},
            "warning",
        ),
        Example(
            "假释，恰好满一个月（3月2日至4月2日），未超过",
            {"correction_type": "parole", "since": date(2026, 3, 2), "until": date(2026, 4, 2)},
            "warning",
        ),
        Example(
            "假释，一个月又一日（3月2日至4月3日）",
            {"correction_type": "parole", "since": date(2026, 3, 2), "until": date(2026, 4, 3)},
            "revocation",
        ),
        Example(
            "缓刑，1月31日失联：一个月至2月28日，3月1日即超过",
            {"correction_type": "probation", "since": date(2026, 1, 31), "until": date(2026, 3, 1)},
            "revocation",
        ),
        Example(
            "管制，脱离监管两个月（管制无撤销）",
            {"correction_type": "control", "since": date(2026, 3, 2), "until": date(2026, 5, 2)},
            "warning",
        ),
        Example(
            "暂予监外执行，联系不上3日（与其他类别一样属训诫情形）",
            {"correction_type": "temporary_release", "since": date(2026, 3, 2), "until": date(2026, 3, 5)},
            "admonition",
        ),
        Example(
            "暂予监外执行，脱离监管11日",
            {"correction_type": "temporary_release", "since": date(2026, 3, 2), "until": date(2026, 3, 13)},
            "warning",
        ),
        Example(
            "暂予监外执行，脱离监管3日，经调查认定拒不报告行踪",
            {
                "correction_type": "temporary_release",
                "since": date(2026, 3, 2),
                "until": date(2026, 3, 5),
                "refused_to_report": True,
            },
            "committal",
        ),
        Example(
            "暂予监外执行，脱离监管一个月又一日",
            {"correction_type": "temporary_release", "since": date(2026, 3, 2), "until": date(2026, 4, 3)},
            "committal",
        ),
    ),
)
def lost_contact_level(
    ctx: Context, *, correction_type: str, since: date, until: date, refused_to_report: bool = False
) -> Decision:
    """`refused_to_report`: the county agency's finding, after investigation, that a 暂予监外执行 person refuses to
    report their whereabouts (拒不报告行踪) — a 收监 ground at any length (最高法解释第五百一十六条)."""
    type_name = _check_type(correction_type)
    if refused_to_report and correction_type != "temporary_release":
        raise ValueError("refused_to_report grounds committal of temporary release only")
    contact = lost_contact(ctx, since, until, months=correction_type != "control")
    max_days = contact.uses[0].value
    articles: list[str] = [COUNTING]
    if contact.days == 0:
        measure, reasons = "none", [f"脱离监管0日：{cn_date(since)}当日已报到或恢复联系，不构成未按时报到或脱离监管"]
    else:
        reasons = [_span(contact)]
        if contact.days <= max_days:
            measure = "admonition"
            articles.insert(0, ADMONITION)
            reasons.append(f"未超过{max_days}日，给予训诫（{ADMONITION}）")
        else:
            measure = "warning"
            articles.insert(0, WARNING)
            reasons.append(f"超过{max_days}日，给予警告（{WARNING}）")
        if correction_type == "temporary_release":
            committal = "实施办法第四十九条、最高法解释第五百一十六条"
            if contact.over_a_month or refused_to_report:
                measure = "committal"
                articles[:0] = ["实施办法第四十九条", "最高法解释第五百一十六条"]
            if contact.over_a_month:
                reasons.append(
                    f"暂予监外执行对象脱离监管超过一个月（{cn_date(since)}起一个月至{cn_date(contact.month_end)}止），"
                    f"应当提请收监执行（{committal}）"
                )
            if refused_to_report:
                reasons.append(f"经调查认定拒不报告行踪、脱离监管，应当提请收监执行（{committal}）")
            if measure != "committal":
                reasons.append(
                    f"未超过一个月（至{cn_date(contact.month_end)}止），联系不上本身不构成收监执行的情形；"
                    f"经调查认定拒不报告行踪、脱离监管的，应当提请收监执行（{committal}）"
                )
        elif contact.over_a_month:
            measure = "revocation"
            article = "实施办法第四十六条" if correction_type == "probation" else "实施办法第四十七条"
            articles[:0] = [article, "最高法解释第五百四十三条"]
            reasons.append(
                f"{type_name}对象超过一个月（{cn_date(since)}起一个月至{cn_date(contact.month_end)}止），"
                f"应当提请撤销{type_name}（{article}、最高法解释第五百四十三条）"
            )
        elif correction_type in ("probation", "parole"):
            reasons.append(f"未超过一个月（至{cn_date(contact.month_end)}止），尚不构成撤销{type_name}的情形")
        else:
            reasons.append("管制不适用撤销或收监；违反监督管理规定依法应予治安管理处罚的，可提请公安机关处罚")
    return Decision(
        rule="LOST_CONTACT_LEVEL",
        outcome=measure,
        articles=tuple(articles),
        reasons=tuple(reasons),
        facts={
            "correction_type": correction_type,
            "since": since,
            "until": until,
            "refused_to_report": refused_to_report,
        },
        parameters=contact.uses,
    )


# ---------------------------------------------------------------------------------------------------------------
# Grounds rules


@rule(
    "ADMONITION_GROUNDS",
    title="训诫的情形",
    statement="社区矫正对象有下列情形之一的，县级社区矫正机构应当给予训诫：（一）不按规定时间报到或者接受社区矫正期间"
    "脱离监管，未超过十日的；（二）违反关于报告、会客、外出、迁居等规定，情节轻微的；（三）不按规定参加教育学习等"
    "活动，经教育仍不改正的；（四）其他违反监督管理规定，情节轻微的。",
    articles=(ADMONITION,),
    parameters=("LOST_CONTACT_ADMONITION_MAX_DAYS",),
    examples=(
        Example("无违规", {"correction_type": "probation", "today": date(2026, 6, 1)}, Grounds(False)),
        Example(
            "脱离监管恰好10日",
            {
                "correction_type": "parole",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 1),
                "out_of_contact_until": date(2026, 5, 11),
            },
            Grounds(True, ("lost_contact_short",)),
        ),
        Example(
            "脱离监管11日（已超出训诫范围）",
            {
                "correction_type": "parole",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 1),
                "out_of_contact_until": date(2026, 5, 12),
            },
            Grounds(False),
        ),
        Example(
            "会客规定轻微违规，且经教育仍不参加学习",
            {
                "correction_type": "control",
                "today": date(2026, 6, 1),
                "supervision_breach": "minor",
                "refused_education": True,
            },
            Grounds(True, ("minor_supervision_breach", "refused_education")),
        ),
    ),
)
def admonition_grounds(
    ctx: Context,
    *,
    correction_type: str,
    today: date,
    out_of_contact_since: date | None = None,
    out_of_contact_until: date | None = None,
    supervision_breach: str | None = None,
    refused_education: bool = False,
) -> Decision:
    _check_type(correction_type)
    _check_severity("supervision_breach", supervision_breach, tuple(SEVERITIES))
    contact = lost_contact(ctx, out_of_contact_since, out_of_contact_until or today, months=False)
    found, reasons = [], []
    if contact and contact.days:
        max_days = contact.uses[0].value
        if contact.days <= max_days:
            found.append("lost_contact_short")
            reasons.append(f"{_span(contact)}，未超过{max_days}日（{ADMONITION}）")
        else:
            reasons.append(f"{_span(contact)}，超过{max_days}日，已超出训诫范围，属于警告情形（{WARNING}）")
    if supervision_breach == "minor":
        found.append("minor_supervision_breach")
        reasons.append(f"违反关于报告、会客、外出、迁居等规定，情节轻微（{ADMONITION}）")
    elif supervision_breach:
        reasons.append(f"违反监督管理规定{SEVERITIES[supervision_breach]}，不属训诫情形，应按更重的措施处理")
    if refused_education:
        found.append("refused_education")
        reasons.append(f"不按规定参加教育学习等活动，经教育仍不改正（{ADMONITION}）")
    if not found:
        reasons.append(f"未发现{ADMONITION}规定的训诫情形")
    return Decision(
        rule="ADMONITION_GROUNDS",
        outcome=Grounds(bool(found), tuple(found)),
        articles=(ADMONITION, COUNTING) if contact else (ADMONITION,),
        reasons=tuple(reasons),
        facts={
            "correction_type": correction_type,
            "today": today,
            "out_of_contact_since": out_of_contact_since,
            "out_of_contact_until": out_of_contact_until,
            "supervision_breach": supervision_breach,
            "refused_education": refused_education,
        },
        parameters=contact.uses if contact else (),
    )


@rule(
    "WARNING_GROUNDS",
    title="警告的情形",
    statement="社区矫正对象有下列情形之一的，县级社区矫正机构应当给予警告：（一）违反人民法院禁止令，情节轻微的；"
    "（二）不按规定时间报到或者接受社区矫正期间脱离监管，超过十日的；（三）违反关于报告、会客、外出、迁居等规定，"
    "情节较重的；（四）保外就医的社区矫正对象无正当理由不按时提交病情复查情况，经教育仍不改正的；"
    "（五）受到社区矫正机构两次训诫，仍不改正的；（六）其他违反监督管理规定，情节较重的。",
    articles=(WARNING,),
    parameters=("LOST_CONTACT_ADMONITION_MAX_DAYS", "ADMONITIONS_FOR_WARNING"),
    examples=(
        Example(
            "受到一次训诫仍不改正（不足两次）",
            {"correction_type": "probation", "today": date(2026, 6, 1), "admonitions_uncorrected": 1},
            Grounds(False),
        ),
        Example(
            "受到两次训诫仍不改正",
            {"correction_type": "probation", "today": date(2026, 6, 1), "admonitions_uncorrected": 2},
            Grounds(True, ("admonitions_uncorrected",)),
        ),
        Example(
            "脱离监管11日",
            {
                "correction_type": "control",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 1),
                "out_of_contact_until": date(2026, 5, 12),
            },
            Grounds(True, ("lost_contact_long",)),
        ),
        Example(
            "脱离监管恰好10日（属训诫）",
            {
                "correction_type": "control",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 1),
                "out_of_contact_until": date(2026, 5, 11),
            },
            Grounds(False),
        ),
        Example(
            "缓刑对象轻微违反禁止令",
            {"correction_type": "probation", "today": date(2026, 6, 1), "prohibition_breach": "minor"},
            Grounds(True, ("minor_prohibition_breach",)),
        ),
        Example(
            "保外就医对象经教育仍不提交病情复查情况，且外出规定违规情节较重",
            {
                "correction_type": "temporary_release",
                "today": date(2026, 6, 1),
                "refused_reexamination_report": True,
                "supervision_breach": "more_serious",
            },
            Grounds(True, ("more_serious_supervision_breach", "reexamination_report_missed")),
        ),
    ),
)
def warning_grounds(
    ctx: Context,
    *,
    correction_type: str,
    today: date,
    out_of_contact_since: date | None = None,
    out_of_contact_until: date | None = None,
    admonitions_uncorrected: int = 0,
    prohibition_breach: str | None = None,
    supervision_breach: str | None = None,
    refused_reexamination_report: bool = False,
) -> Decision:
    type_name = _check_type(correction_type)
    _check_severity("prohibition_breach", prohibition_breach, ("minor", "serious"))
    _check_severity("supervision_breach", supervision_breach, tuple(SEVERITIES))
    if prohibition_breach and correction_type not in WITH_PROHIBITION_ORDER:
        raise ValueError(f"{type_name}对象不适用禁止令")
    if refused_reexamination_report and correction_type != "temporary_release":
        raise ValueError("病情复查只适用于保外就医的暂予监外执行对象")
    contact = lost_contact(ctx, out_of_contact_since, out_of_contact_until or today, months=False)
    uses: list[ParameterUse] = list(contact.uses) if contact else []
    found, reasons = [], []
    if prohibition_breach == "minor":
        found.append("minor_prohibition_breach")
        reasons.append(f"违反人民法院禁止令，情节轻微（{WARNING}）")
    elif prohibition_breach == "serious":
        reasons.append("违反禁止令情节严重，不属警告情形：缓刑对象应提请撤销缓刑，管制对象由公安机关依法处罚")
    if contact and contact.days:
        max_days = contact.uses[0].value
        if contact.days > max_days:
            found.append("lost_contact_long")
            reasons.append(f"{_span(contact)}，超过{max_days}日（{WARNING}）")
        else:
            reasons.append(f"{_span(contact)}，未超过{max_days}日，属训诫情形（{ADMONITION}）")
    if supervision_breach == "more_serious":
        found.append("more_serious_supervision_breach")
        reasons.append(f"违反关于报告、会客、外出、迁居等规定，情节较重（{WARNING}）")
    if refused_reexamination_report:
        found.append("reexamination_report_missed")
        reasons.append(f"保外就医无正当理由不按时提交病情复查情况，经教育仍不改正（{WARNING}）")
    if admonitions_uncorrected:
        needed = ctx.use("ADMONITIONS_FOR_WARNING", today)
        uses.append(needed)
        if admonitions_uncorrected >= needed.value:
            found.append("admonitions_uncorrected")
            reasons.append(f"受到{admonitions_uncorrected}次训诫仍不改正，达到{needed.value}次（{WARNING}）")
        else:
            reasons.append(f"受到{admonitions_uncorrected}次训诫仍不改正，未达到{needed.value}次")
    if not found:
        reasons.append(f"未发现{WARNING}规定的警告情形")
    return Decision(
        rule="WARNING_GROUNDS",
        outcome=Grounds(bool(found), tuple(code for code in WARNING_GROUNDS_TEXT if code in found)),
        articles=(WARNING, COUNTING) if contact else (WARNING,),
        reasons=tuple(reasons),
        facts={
            "correction_type": correction_type,
            "today": today,
            "out_of_contact_since": out_of_contact_since,
            "out_of_contact_until": out_of_contact_until,
            "admonitions_uncorrected": admonitions_uncorrected,
            "prohibition_breach": prohibition_breach,
            "supervision_breach": supervision_breach,
            "refused_reexamination_report": refused_reexamination_report,
        },
        parameters=tuple(uses),
    )


@rule(
    "POLICE_PENALTY_PROPOSAL",
    title="提请治安管理处罚的情形",
    statement="社区矫正对象违反监督管理规定或者人民法院禁止令，依法应予治安管理处罚的，县级社区矫正机构应当及时提请同级"
    "公安机关依法给予处罚。适用违法行为发生之日施行的治安管理处罚法：2026年1月1日前的行为适用2012年文本第六十条"
    "第（四）项，此后的行为适用2025年修订文本第七十二条。2012年文本只列管制、缓刑、暂予监外执行中的罪犯，未列假释犯，"
    "故对假释对象不适用。",
    articles=(POLICE, "社区矫正法第五十九条", SECURITY_LAW, SECURITY_LAW_2025, "刑法第三十八条第四款"),
    parameters=("PUBLIC_ORDER_LAW",),
    examples=(
        Example(
            "管制对象违反禁止令（2025年行为，适用2012年文本）",
            {"correction_type": "control", "conduct_on": date(2025, 12, 31), "prohibition_breach": "minor"},
            Grounds(True, ("prohibition_breach",)),
        ),
        Example(
            "暂予监外执行对象违反监督管理规定情节较重（2026年行为，适用2025年文本）",
            {
                "correction_type": "temporary_release",
                "conduct_on": date(2026, 1, 1),
                "supervision_breach": "more_serious",
            },
            Grounds(True, ("supervision_breach",)),
        ),
        Example(
            "缓刑对象轻微违规（给予训诫即可）",
            {"correction_type": "probation", "conduct_on": date(2026, 6, 1), "supervision_breach": "minor"},
            Grounds(False),
        ),
        Example(
            "假释对象违反监督管理规定情节严重（治安管理处罚法未列假释）",
            {"correction_type": "parole", "conduct_on": date(2026, 6, 1), "supervision_breach": "serious"},
            Grounds(False),
        ),
    ),
)
def police_penalty_proposal(
    ctx: Context,
    *,
    correction_type: str,
    conduct_on: date,
    prohibition_breach: str | None = None,
    supervision_breach: str | None = None,
) -> Decision:
    """`conduct_on`: the day of the conduct; the public-order law in force on that day is cited (法不溯及既往)."""
    type_name = _check_type(correction_type)
    _check_severity("prohibition_breach", prohibition_breach, ("minor", "serious"))
    _check_severity("supervision_breach", supervision_breach, tuple(SEVERITIES))
    if prohibition_breach and correction_type not in WITH_PROHIBITION_ORDER:
        raise ValueError(f"{type_name}对象不适用禁止令")
    law = ctx.use("PUBLIC_ORDER_LAW", conduct_on)
    article = law.value["article"]
    facts = {
        "correction_type": correction_type,
        "conduct_on": conduct_on,
        "prohibition_breach": prohibition_breach,
        "supervision_breach": supervision_breach,
    }
    in_force = f"行为发生于{cn_date(conduct_on)}，适用{article}（{cn_date(law.effective_from)}起施行的文本）"
    if correction_type not in law.value["types"]:
        return Decision(
            rule="POLICE_PENALTY_PROPOSAL",
            outcome=Grounds(False),
            articles=(article, POLICE),
            reasons=(
                in_force,
                f"{article}未列{type_name}犯，不适用提请治安管理处罚",
                "假释对象有其他违反监督管理规定的行为，尚未构成新的犯罪的，可依刑法第八十六条第三款提请撤销假释",
            ),
            facts=facts,
            parameters=(law,),
        )
    found, reasons = [], [in_force]
    if prohibition_breach:
        found.append("prohibition_breach")
        reasons.append(f"违反人民法院禁止令（{SEVERITIES[prohibition_breach]}）（{POLICE}）")
        if correction_type == "control":
            reasons.append("管制犯违反禁止令的，由公安机关依照治安管理处罚法处罚（刑法第三十八条第四款）")
    if supervision_breach in ("more_serious", "serious"):
        found.append("supervision_breach")
        reasons.append(f"违反监督管理规定，{SEVERITIES[supervision_breach]}（{POLICE}）")
    elif supervision_breach == "minor":
        reasons.append(f"违反监督管理规定情节轻微，按训诫处理（{ADMONITION}），不提请治安管理处罚")
    if found:
        penalty = f"（{law.value['penalty']}）" if law.value["penalty"] else "（处罚种类和幅度依该条规定）"
        reasons.append(f"{type_name}对象属于{article}所列人员，提请同级公安机关依法处罚{penalty}")
    else:
        reasons.append("未发现依法应予治安管理处罚的违反监督管理规定或禁止令的行为")
    return Decision(
        rule="POLICE_PENALTY_PROPOSAL",
        outcome=Grounds(bool(found), tuple(found)),
        articles=(POLICE, "社区矫正法第五十九条", article),
        reasons=tuple(reasons),
        facts=facts,
        parameters=(law,),
    )


@rule(
    "REVOCATION_PROPOSAL",
    title="提请撤销缓刑、撤销假释或者收监执行的情形",
    statement="缓刑对象违反禁止令情节严重、无正当理由不按规定报到或者脱离监管超过一个月、因违反监督管理规定受到治安管理"
    "处罚仍不改正、受到两次警告仍不改正或者有其他严重违规的，向原审人民法院或者执行地人民法院提出撤销缓刑建议；"
    "假释对象脱离监管超过一个月、受到两次警告仍不改正，或者有其他违反监督管理规定的行为尚未构成新的犯罪的，"
    "提出撤销假释建议；暂予监外执行对象有不符合暂予监外执行条件、未经批准离开所居住的市县经警告拒不改正、"
    "拒不报告行踪脱离监管、受到治安管理处罚仍不改正、受到两次警告、保外就医不提交病情复查情况经警告拒不改正、"
    "暂予监外执行情形消失刑期未满、保证人丧失保证条件未及时另提保证人等情形的，向执行地或者原社区矫正决定机关"
    "提出收监执行建议。管制没有撤销或收监。建议书均抄送人民检察院。",
    articles=(
        "社区矫正法第四十六条",
        "社区矫正法第四十九条",
        "最高法解释第五百四十三条",
        "最高法解释第五百一十六条",
        "实施办法第四十六条",
        "实施办法第四十七条",
        "实施办法第四十九条",
    ),
    parameters=("LOST_CONTACT_REVOCATION_MONTHS", "LOST_CONTACT_ADMONITION_MAX_DAYS", "WARNINGS_FOR_REVOCATION"),
    examples=(
        Example(
            "缓刑，受到一次警告仍不改正",
            {"correction_type": "probation", "today": date(2026, 6, 1), "warnings_uncorrected": 1},
            Proposal(False, (), "撤销缓刑", PROPOSALS["probation"][1]),
        ),
        Example(
            "缓刑，受到两次警告仍不改正",
            {"correction_type": "probation", "today": date(2026, 6, 1), "warnings_uncorrected": 2},
            Proposal(True, ("warnings_uncorrected",), "撤销缓刑", PROPOSALS["probation"][1]),
        ),
        Example(
            "缓刑，受到治安管理处罚仍不改正，且严重违反禁止令",
            {
                "correction_type": "probation",
                "today": date(2026, 6, 1),
                "police_penalties_uncorrected": 1,
                "prohibition_breach": "serious",
            },
            Proposal(
                True,
                ("serious_prohibition_breach", "police_penalty_uncorrected"),
                "撤销缓刑",
                PROPOSALS["probation"][1],
            ),
        ),
        Example(
            "假释，脱离监管一个月又一日",
            {
                "correction_type": "parole",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 3, 2),
                "out_of_contact_until": date(2026, 4, 3),
            },
            Proposal(True, ("lost_contact_over_month",), "撤销假释", PROPOSALS["parole"][1]),
        ),
        Example(
            "假释，脱离监管恰好一个月",
            {
                "correction_type": "parole",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 3, 2),
                "out_of_contact_until": date(2026, 4, 2),
            },
            Proposal(False, (), "撤销假释", PROPOSALS["parole"][1]),
        ),
        Example(
            "假释，其他违反监督管理规定情节严重、尚未构成新的犯罪",
            {"correction_type": "parole", "today": date(2026, 6, 1), "supervision_breach": "serious"},
            Proposal(True, ("other_breach_not_crime",), "撤销假释", PROPOSALS["parole"][1]),
        ),
        Example(
            "暂予监外执行，受到两次警告",
            {"correction_type": "temporary_release", "today": date(2026, 6, 1), "warnings_uncorrected": 2},
            Proposal(True, ("warnings_uncorrected",), "收监执行", PROPOSALS["temporary_release"][1]),
        ),
        Example(
            "暂予监外执行，未经批准离开市县，已受一次警告仍不改正",
            {
                "correction_type": "temporary_release",
                "today": date(2026, 6, 1),
                "left_area_without_approval": True,
                "warnings_uncorrected": 1,
            },
            Proposal(True, ("left_area_warned",), "收监执行", PROPOSALS["temporary_release"][1]),
        ),
        Example(
            "暂予监外执行，未经批准离开市县，尚未警告",
            {"correction_type": "temporary_release", "today": date(2026, 6, 1), "left_area_without_approval": True},
            Proposal(False, (), "收监执行", PROPOSALS["temporary_release"][1]),
        ),
        Example(
            "暂予监外执行，联系不上5日（未认定拒不报告行踪）",
            {
                "correction_type": "temporary_release",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 20),
                "out_of_contact_until": date(2026, 5, 25),
            },
            Proposal(False, (), "收监执行", PROPOSALS["temporary_release"][1]),
        ),
        Example(
            "暂予监外执行，脱离监管5日，经调查认定拒不报告行踪",
            {
                "correction_type": "temporary_release",
                "today": date(2026, 6, 1),
                "out_of_contact_since": date(2026, 5, 20),
                "out_of_contact_until": date(2026, 5, 25),
                "refused_to_report": True,
            },
            Proposal(True, ("lost_contact",), "收监执行", PROPOSALS["temporary_release"][1]),
        ),
        Example(
            "管制，受到两次警告（管制不适用撤销）",
            {"correction_type": "control", "today": date(2026, 6, 1), "warnings_uncorrected": 2},
            Proposal(False),
        ),
    ),
)
def revocation_proposal(
    ctx: Context,
    *,
    correction_type: str,
    today: date,
    out_of_contact_since: date | None = None,
    out_of_contact_until: date | None = None,
    warnings_uncorrected: int = 0,
    police_penalties_uncorrected: int = 0,
    prohibition_breach: str | None = None,
    supervision_breach: str | None = None,
    left_area_without_approval: bool = False,
    refused_reexamination_report: bool = False,
    conditions_not_met: bool = False,
    grounds_ceased: bool = False,
    guarantor_lost: bool = False,
    refused_to_report: bool = False,
) -> Decision:
    type_name = _check_type(correction_type)
    _check_severity("prohibition_breach", prohibition_breach, ("minor", "serious"))
    _check_severity("supervision_breach", supervision_breach, tuple(SEVERITIES))
    if prohibition_breach and correction_type not in WITH_PROHIBITION_ORDER:
        raise ValueError(f"{type_name}对象不适用禁止令")
    temporary_only = {
        "refused_to_report": refused_to_report,
        "refused_reexamination_report": refused_reexamination_report,
        "conditions_not_met": conditions_not_met,
        "grounds_ceased": grounds_ceased,
        "guarantor_lost": guarantor_lost,
    }
    if correction_type != "temporary_release" and any(temporary_only.values()):
        raise ValueError(f"{', '.join(k for k, v in temporary_only.items() if v)} apply to temporary release only")
    facts = {
        "correction_type": correction_type,
        "today": today,
        "out_of_contact_since": out_of_contact_since,
        "out_of_contact_until": out_of_contact_until,
        "warnings_uncorrected": warnings_uncorrected,
        "police_penalties_uncorrected": police_penalties_uncorrected,
        "prohibition_breach": prohibition_breach,
        "supervision_breach": supervision_breach,
        "left_area_without_approval": left_area_without_approval,
        **temporary_only,
    }
    if correction_type == "control":
        return Decision(
            rule="REVOCATION_PROPOSAL",
            outcome=Proposal(False),
            articles=("刑法第三十八条", "社区矫正法第四十六条"),
            reasons=(
                "管制是在社会上执行的刑罚，没有撤销或收监执行；违反监督管理规定或禁止令的，依法提请公安机关给予治安管理处罚"
                "（刑法第三十八条第四款、实施办法第三十六条），构成犯罪的依法追究刑事责任",
            ),
            facts=facts,
        )

    texts = REVOCATION_GROUNDS_TEXT[correction_type]
    proposal, addressee = PROPOSALS[correction_type]
    uses: list[ParameterUse] = []
    found: dict[str, str] = {}  # code → concrete reason
    notes: list[str] = []  # facts considered that ground nothing

    if correction_type == "temporary_release":
        if conditions_not_met:
            found["conditions_not_met"] = texts["conditions_not_met"][0]
        if left_area_without_approval and warnings_uncorrected >= 1:
            found["left_area_warned"] = f"未经批准离开所居住的市、县，受到{warnings_uncorrected}次警告仍不改正"
    if prohibition_breach == "serious" and correction_type == "probation":
        found["serious_prohibition_breach"] = texts["serious_prohibition_breach"][0]

    contact = lost_contact(ctx, out_of_contact_since, out_of_contact_until or today, months=True)
    if contact:
        uses.extend(contact.uses)
        if correction_type == "temporary_release":
            if contact.days and refused_to_report:
                found["lost_contact"] = f"{_span(contact)}，经调查认定拒不报告行踪、脱离监管"
            elif contact.over_a_month:
                found["lost_contact"] = (
                    f"{_span(contact)}，脱离监管超过一个月（一个月至{cn_date(contact.month_end)}止）"
                )
            elif contact.days:
                notes.append(
                    f"{_span(contact)}，未超过一个月，且未经调查认定拒不报告行踪：按警告或训诫处理，不构成收监执行的情形"
                )
        elif contact.over_a_month:
            found["lost_contact_over_month"] = f"{_span(contact)}，超过一个月（一个月至{cn_date(contact.month_end)}止）"
        elif contact.days:
            notes.append(f"{_span(contact)}，未超过一个月（一个月至{cn_date(contact.month_end)}止），按警告或训诫处理")

    if police_penalties_uncorrected and correction_type != "parole":
        found["police_penalty_uncorrected"] = (
            f"因违反监督管理规定受到治安管理处罚{police_penalties_uncorrected}次，仍不改正"
        )

    warnings_note = None
    if warnings_uncorrected:
        needed = ctx.use("WARNINGS_FOR_REVOCATION", today)
        uses.append(needed)
        if warnings_uncorrected >= needed.value:
            found["warnings_uncorrected"] = f"受到{warnings_uncorrected}次警告仍不改正，达到{needed.value}次"
        else:
            warnings_note = f"受到{warnings_uncorrected}次警告仍不改正，未达到{needed.value}次"

    if correction_type == "temporary_release":
        if refused_reexamination_report and warnings_uncorrected >= 1:
            found["reexamination_warned"] = texts["reexamination_warned"][0]
        if grounds_ceased:
            found["grounds_ceased"] = texts["grounds_ceased"][0]
        if guarantor_lost:
            found["guarantor_lost"] = texts["guarantor_lost"][0]
        if supervision_breach == "serious":
            found["other_serious_breach"] = texts["other_serious_breach"][0]
    elif supervision_breach == "serious":
        code = "other_serious_breach" if correction_type == "probation" else "other_breach_not_crime"
        found[code] = texts[code][0]

    codes = tuple(code for code in texts if code in found)
    reasons = [f"{found[code]}（{texts[code][1]}）" for code in codes] + notes
    if warnings_note:
        reasons.append(warnings_note)
    if correction_type == "parole" and police_penalties_uncorrected:
        reasons.append("治安管理处罚法（2012）第六十条第（四）项未列假释犯，治安管理处罚不作为撤销假释的单列情形")
    if correction_type == "parole" and supervision_breach in ("minor", "more_serious"):
        reasons.append(
            "假释对象有其他违反监督管理规定的行为、尚未构成新的犯罪的，刑法第八十六条第三款未要求情节严重；"
            "本系统仅对情节严重的自动提示，县级社区矫正机构可视情提请撤销假释"
        )
    if correction_type == "temporary_release" and left_area_without_approval and not warnings_uncorrected:
        reasons.append("未经批准离开所居住的市、县，尚未受到警告：须经警告拒不改正方可提请收监执行，应先依法给予警告")
    if correction_type == "temporary_release" and refused_reexamination_report and not warnings_uncorrected:
        reasons.append("未按规定提交病情复查情况，尚未受到警告：须经警告拒不改正方可提请收监执行")
    if codes:
        reasons.append(f"应当向{addressee}提出{proposal}建议，附理由和证据材料，并抄送人民检察院")
    else:
        reasons.append(f"未发现提请{proposal}的情形")
    return Decision(
        rule="REVOCATION_PROPOSAL",
        outcome=Proposal(bool(codes), codes, proposal, addressee),
        articles=REVOCATION_ARTICLES[correction_type] + ((COUNTING,) if contact else ()),
        reasons=tuple(reasons),
        facts=facts,
        parameters=tuple(uses),
    )
