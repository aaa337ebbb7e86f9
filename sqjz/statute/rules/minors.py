"""Minors (未成年社区矫正对象): who is one, and that the status survives the 18th birthday."""

from datetime import date

from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule

ARTICLES = ("社区矫正法第五十二条", "社区矫正法第五十四条", "社区矫正法第五十八条", "刑事诉讼法第二百八十六条")


def age_on(birth_date: date, on: date) -> int:
    """Full years of age on a day; a person born on 29 February turns a year older on 1 March."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


@rule(
    "MINOR_RULES_APPLY",
    title="未成年社区矫正对象的认定",
    statement="犯罪时或者矫正开始时未满十八周岁的，适用未成年人社区矫正的规定：身份信息保密、档案封存、"
    "入矫和解矫宣告不公开、与成年人分别进行；矫正期间年满十八周岁的，继续适用。",
    articles=ARTICLES,
    parameters=("ADULT_AGE",),
    examples=(
        Example(
            "犯罪时16周岁",
            {"birth_date": date(2010, 3, 1), "offence_date": date(2026, 5, 1), "term_start": date(2026, 9, 1)},
            True,
        ),
        Example(
            "犯罪时17周岁、矫正开始时已满18周岁",
            {"birth_date": date(2008, 6, 1), "offence_date": date(2026, 1, 10), "term_start": date(2026, 7, 1)},
            True,
        ),
        Example(
            "犯罪当日恰满18周岁",
            {"birth_date": date(2008, 6, 1), "offence_date": date(2026, 6, 1), "term_start": date(2026, 9, 1)},
            False,
        ),
    ),
)
def minor_rules_apply(ctx: Context, *, birth_date: date, offence_date: date, term_start: date) -> Decision:
    adult = ctx.use("ADULT_AGE", offence_date)
    at_offence, at_start = age_on(birth_date, offence_date), age_on(birth_date, term_start)
    applies = at_offence < adult.value or at_start < adult.value
    return Decision(
        rule="MINOR_RULES_APPLY",
        outcome=applies,
        articles=ARTICLES,
        reasons=(
            f"犯罪时{at_offence}周岁",
            f"矫正开始时{at_start}周岁",
            f"未满{adult.value}周岁的适用未成年人规定，年满{adult.value}周岁后继续适用"
            if applies
            else f"均已年满{adult.value}周岁",
        ),
        facts={"birth_date": birth_date, "offence_date": offence_date, "term_start": term_start},
        parameters=(adult,),
    )
