"""Minors (未成年社区矫正对象): who is one, and which rules follow from the age at the offence and which from the
age on the day (../shared/domain/statute.md §13). Age in 周岁 is counted in `sqjz.statute.age` (from the day after
the birthday, 法释〔2006〕1号第二条).

Two questions, kept apart:
- *Minor at the offence* (MINOR_RULES_APPLY, the register's `is_minor`): the file is sealed and the identity kept
  confidential, for the whole term and after (社区矫正法第五十四条、第五十八条, 刑事诉讼法第二百八十六条); the intake
  and release announcements are not public.
- *A minor on a day* (`sqjz.statute.age.is_minor_on`): only a person under 18 has a guardian, who attends the
  announcement.
"""

from datetime import date

from sqjz.statute.age import AGE_COUNTING, age_on, is_birthday
from sqjz.statute.decision import Decision
from sqjz.statute.registry import Context, Example, rule

ARTICLES = (
    "社区矫正法第五十二条",
    "社区矫正法第五十四条",
    "社区矫正法第五十八条",
    "刑事诉讼法第二百八十六条",
    AGE_COUNTING,
)


@rule(
    "MINOR_RULES_APPLY",
    title="未成年社区矫正对象的认定",
    statement="犯罪时或者矫正开始时未满十八周岁的，适用未成年人社区矫正的规定：身份信息保密、档案封存、"
    "入矫和解矫宣告不公开、与成年人分别进行；矫正期间年满十八周岁的，继续适用。"
    "周岁按照公历的年、月、日计算，从周岁生日的第二天起算：十八周岁生日当天仍未满十八周岁。",
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
            "十八周岁生日当天犯罪（仍未满十八周岁）",
            {"birth_date": date(2008, 6, 1), "offence_date": date(2026, 6, 1), "term_start": date(2026, 9, 1)},
            True,
        ),
        Example(
            "十八周岁生日的次日犯罪",
            {"birth_date": date(2008, 6, 1), "offence_date": date(2026, 6, 2), "term_start": date(2026, 9, 1)},
            False,
        ),
        Example(
            "2月29日出生，平年2月28日犯罪（生日当天）",
            {"birth_date": date(2008, 2, 29), "offence_date": date(2026, 2, 28), "term_start": date(2026, 9, 1)},
            True,
        ),
        Example(
            "2月29日出生，平年3月1日犯罪",
            {"birth_date": date(2008, 2, 29), "offence_date": date(2026, 3, 1), "term_start": date(2026, 9, 1)},
            False,
        ),
    ),
)
def minor_rules_apply(ctx: Context, *, birth_date: date, offence_date: date, term_start: date) -> Decision:
    adult = ctx.use("ADULT_AGE", offence_date)
    at_offence, at_start = age_on(birth_date, offence_date), age_on(birth_date, term_start)
    applies = at_offence < adult.value or at_start < adult.value
    reasons = [f"犯罪时{at_offence}周岁", f"矫正开始时{at_start}周岁"]
    if is_birthday(birth_date, offence_date):
        reasons.append(f"犯罪之日为其生日：周岁从生日的第二天起算，当天仍为{at_offence}周岁")
    reasons.append(
        f"未满{adult.value}周岁的适用未成年人规定，年满{adult.value}周岁后继续适用"
        if applies
        else f"均已年满{adult.value}周岁"
    )
    return Decision(
        rule="MINOR_RULES_APPLY",
        outcome=applies,
        articles=ARTICLES,
        reasons=tuple(reasons),
        facts={"birth_date": birth_date, "offence_date": offence_date, "term_start": term_start},
        parameters=(adult,),
    )
