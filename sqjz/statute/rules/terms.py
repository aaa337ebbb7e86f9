"""矫正期限: how long the term of each correction type may lawfully be (../shared/domain/statute.md §3, tag L;
刑法第三十八条、第六十九条、第七十三条、第八十三条).

CORRECTION_TERM_RANGE answers with a `TermRange(allowed, earliest_end, latest_end)` for a term from `start` to
`end` (the last day). A term of n months from `start` ends on the day before `calendar.add_months(start, n)`
(缓刑六个月，自2026年11月24日起至2027年5月23日止); one day more is accepted, since some documents count the last
day inclusively.

- 管制: three months to two years (刑法第三十八条), three years at most for several crimes (刑法第六十九条). Days
  in custody before the judgment count double against it (刑法第四十一条), so what is left to serve may be short:
  no shortest term is checked.
- 缓刑: for 拘役 from the original term (at least two months) to one year, for 有期徒刑 from the original term
  (at least one year) to five years (刑法第七十三条), counted from the day the judgment became final. The original
  penalty is `detention` (拘役), `imprisonment` (有期徒刑) or unknown (`""`: two months to five years).
- 假释: the rest of the sentence (刑法第八十三条: 有期徒刑 the part not served; 无期徒刑 ten years) and 暂予监外执行:
  the time outside prison. The law sets no one longest term for either; the register applies its own plain
  sanity limit (sqjz/supervisees), not this rule.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqjz.statute.calendar import add_months
from sqjz.statute.decision import Decision, ParameterUse
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

CONTROL = ("刑法第三十八条", "刑法第六十九条", "刑法第四十一条")
PROBATION = ("刑法第七十三条",)
PAROLE = ("刑法第八十三条",)
TEMPORARY_RELEASE = ("社区矫正法第二条",)
ARTICLES = {"control": CONTROL, "probation": PROBATION, "parole": PAROLE, "temporary_release": TEMPORARY_RELEASE}
PENALTIES = {"detention": "拘役", "imprisonment": "有期徒刑", "": "原判刑罚未注明"}
TYPES = {"control": "管制", "probation": "缓刑", "parole": "假释", "temporary_release": "暂予监外执行"}
LABELS = {
    "detention": "拘役",
    "imprisonment": "有期徒刑",
    "original_penalty": "原判刑罚",
    "earliest_end": "最早终止日",
    "latest_end": "最迟终止日",
}


@dataclass(frozen=True)
class TermRange:
    """The outcome of CORRECTION_TERM_RANGE: whether the term is within the law's range, and the range's last days
    (None where the law sets no bound)."""

    allowed: bool
    earliest_end: date | None
    latest_end: date | None


def _months(n: int) -> str:
    years, months = divmod(n, 12)
    return (f"{years}年" if years else "") + (f"{months}个月" if months else "") if n else "0个月"


@rule(
    "CORRECTION_TERM_RANGE",
    title="矫正期限的法定范围",
    statement="管制的期限为三个月以上二年以下，数罪并罚的最高不能超过三年；判决执行以前先行羁押的，羁押一日折抵刑期二日。"
    "拘役的缓刑考验期限为原判刑期以上一年以下，但不能少于二个月；有期徒刑的缓刑考验期限为原判刑期以上五年以下，但不能少于一年；"
    "缓刑考验期限从判决确定之日起计算。有期徒刑的假释考验期限为没有执行完毕的刑期，无期徒刑的假释考验期限为十年。"
    "暂予监外执行的期间为在监外执行的时间。",
    articles=(*CONTROL, *PROBATION, *PAROLE),
    parameters=(
        "CONTROL_MAX_MONTHS",
        "CONTROL_COMBINED_MAX_MONTHS",
        "PROBATION_DETENTION_MIN_MONTHS",
        "PROBATION_DETENTION_MAX_MONTHS",
        "PROBATION_IMPRISONMENT_MIN_MONTHS",
        "PROBATION_IMPRISONMENT_MAX_MONTHS",
    ),
    examples=(
        Example(
            "拘役缓刑六个月",
            {
                "correction_type": "probation",
                "original_penalty": "detention",
                "start": date(2026, 11, 24),
                "end": date(2027, 5, 23),
            },
            TermRange(True, date(2027, 1, 23), date(2027, 11, 24)),
        ),
        Example(
            "有期徒刑缓刑九十年",
            {
                "correction_type": "probation",
                "original_penalty": "imprisonment",
                "start": date(2026, 11, 24),
                "end": date(2116, 11, 23),
            },
            TermRange(False, date(2027, 11, 23), date(2031, 11, 24)),
        ),
        Example(
            "有期徒刑缓刑六个月，少于一年",
            {
                "correction_type": "probation",
                "original_penalty": "imprisonment",
                "start": date(2026, 11, 24),
                "end": date(2027, 5, 23),
            },
            TermRange(False, date(2027, 11, 23), date(2031, 11, 24)),
        ),
        Example(
            "管制二年",
            {"correction_type": "control", "start": date(2026, 11, 24), "end": date(2028, 11, 23)},
            TermRange(True, None, date(2029, 11, 24)),
        ),
        Example(
            "管制四年",
            {"correction_type": "control", "start": date(2026, 11, 24), "end": date(2030, 11, 23)},
            TermRange(False, None, date(2029, 11, 24)),
        ),
        Example(
            "假释考验期限：法律未规定统一上限",
            {"correction_type": "parole", "start": date(2026, 11, 24), "end": date(2036, 11, 23)},
            TermRange(True, None, None),
        ),
    ),
)
def correction_term_range(
    ctx: Context, *, correction_type: str, start: date, end: date, original_penalty: str = ""
) -> Decision:
    if correction_type not in TYPES:
        raise ValueError(f"未知的矫正类别代码：{correction_type}")
    if original_penalty not in PENALTIES:
        raise ValueError(f"未知的原判刑罚代码：{original_penalty}")
    used: list[ParameterUse] = []

    def months(code: str) -> int:
        use = ctx.use(code, start)
        used.append(use)
        return use.value

    shortest = longest = None
    if correction_type == "control":
        longest = months("CONTROL_COMBINED_MAX_MONTHS")
        single = months("CONTROL_MAX_MONTHS")
        bounds = (
            f"管制的期限为三个月以上{_months(single)}以下，数罪并罚的最高不能超过{_months(longest)}"
            "（先行羁押折抵后可短于三个月）"
        )
    elif correction_type == "probation":
        if original_penalty == "detention":
            shortest, longest = months("PROBATION_DETENTION_MIN_MONTHS"), months("PROBATION_DETENTION_MAX_MONTHS")
        elif original_penalty == "imprisonment":
            shortest = months("PROBATION_IMPRISONMENT_MIN_MONTHS")
            longest = months("PROBATION_IMPRISONMENT_MAX_MONTHS")
        else:
            shortest, longest = months("PROBATION_DETENTION_MIN_MONTHS"), months("PROBATION_IMPRISONMENT_MAX_MONTHS")
        bounds = f"{PENALTIES[original_penalty]}的缓刑考验期限为{_months(shortest)}以上{_months(longest)}以下"
    elif correction_type == "parole":
        bounds = "假释考验期限为没有执行完毕的刑期（无期徒刑为十年），法律未规定统一的上限"
    else:
        bounds = "暂予监外执行的期间为在监外执行的时间，法律未规定上限"
    earliest = add_months(start, shortest) - timedelta(days=1) if shortest else None
    latest = add_months(start, longest) if longest else None
    allowed = end > start and (earliest is None or end >= earliest) and (latest is None or end <= latest)
    span = f"自{cn_date(start)}起至{cn_date(end)}止"
    reasons = [bounds, f"{TYPES[correction_type]}期限{span}，{'在法定范围内' if allowed else '超出法定范围'}"]
    if not allowed and latest is not None and end > latest:
        reasons[1] += f"：最迟至{cn_date(latest)}"
    elif not allowed and earliest is not None and end < earliest:
        reasons[1] += f"：至少至{cn_date(earliest)}"
    elif not allowed:
        reasons[1] += "：终止日应晚于起始日"
    return Decision(
        rule="CORRECTION_TERM_RANGE",
        outcome=TermRange(allowed, earliest, latest),
        articles=ARTICLES[correction_type],
        reasons=tuple(reasons),
        facts={"correction_type": correction_type, "original_penalty": original_penalty, "start": start, "end": end},
        parameters=tuple(used),
    )
