"""Funding (经费保障; 玉溪市实施意见六(二) 落实工作经费; requirement FUND-1): the provincial subsidy to the counties'
justice bodies for community correction, "每监管1名矫正对象每年补助1000元".

The policy gives the figure per person per year; it does not say how a person who is under correction for part of a
year counts. Judgement calls (*):
- *The subsidy is pro-rated by the days each person was actually under correction (person-days): the amount for a
  period within one year is person-days × the yearly figure ÷ the days of that year (365, or 366 in a leap year), so
  that one person under correction for a whole year earns the yearly figure exactly.
- *The figure read is the version in force on 1 January of the year (a change takes effect from the next full year).
- *The amount is rounded to the fen (0.01元), half up, once per period and county; the sum of the amounts of split
  periods may then differ from the amount of the whole by a fen per split.
"""

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule
from sqjz.statute.text import cn_date

POLICY = "玉溪市实施意见六(二)"
FEN = Decimal("0.01")
LABELS = {
    "year": "年度",
    "person_days": "在矫人日数",
}


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


@rule(
    "FUNDING_SUBSIDY",
    title="省级财政社区矫正经费补助按监管人数计算",
    statement="省级财政对县级司法机关开展社区矫正工作必要经费给予补助，标准为每监管1名矫正对象每年补助规定的金额。"
    "一年中只在部分时间在矫的，按实际在矫天数折算：期间应得补助 = 期间在矫人日数 × 年补助标准 ÷ 该年天数（365日，"
    "闰年366日），保留到分。",
    articles=(POLICY,),
    parameters=("FUNDING_SUBSIDY_PER_PERSON_YEAR",),
    examples=(
        Example("1人全年在矫（2026年365日）：补助1000元", {"year": 2026, "person_days": 365}, Decimal("1000.00")),
        Example("120人全年在矫：补助12万元", {"year": 2026, "person_days": 43800}, Decimal("120000.00")),
        Example("1人在矫100日：补助273.97元", {"year": 2026, "person_days": 100}, Decimal("273.97")),
        Example("闰年（2028年366日）1人全年在矫：补助1000元", {"year": 2028, "person_days": 366}, Decimal("1000.00")),
        Example("无人在矫：不补助", {"year": 2026, "person_days": 0}, Decimal("0.00")),
    ),
)
def funding_subsidy(ctx: Context, *, year: int, person_days: int) -> Decision:
    if person_days < 0:
        raise ValueError("person_days must not be negative")
    days = days_in_year(year)
    if person_days > 0 and days <= 0:  # pragma: no cover - a year always has days
        raise ValueError(year)
    use = ctx.use("FUNDING_SUBSIDY_PER_PERSON_YEAR", date(year, 1, 1))
    figure = Decimal(str(use.value))
    amount = (Decimal(person_days) * figure / Decimal(days)).quantize(FEN, rounding=ROUND_HALF_UP)
    people = (Decimal(person_days) / Decimal(days)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return Decision(
        rule="FUNDING_SUBSIDY",
        outcome=amount,
        articles=(POLICY,),
        reasons=(
            f"每监管1名矫正对象每年补助{figure.normalize():f}元（{cn_date(use.effective_from)}起施行的标准）",
            f"{year}年共{days}日，期间在矫{person_days}人日，折合全年在矫{people.normalize():f}人",
            f"应得补助{person_days}×{figure.normalize():f}÷{days}＝{amount:f}元（保留到分）",
        ),
        facts={"year": year, "person_days": person_days},
        parameters=(use,),
    )
