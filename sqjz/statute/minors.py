"""Minors (未成年社区矫正对象): who is one, and that the status survives the 18th birthday."""

from datetime import date

from sqjz.statute.decision import Decision

# 刑法第十七条 / 社区矫正法第五十二条: a minor is a person under eighteen.
ADULT_AGE = 18


def age_on(birth_date: date, on: date) -> int:
    """Full years of age on a day; a person born on 29 February turns a year older on 1 March."""
    had_birthday = (on.month, on.day) >= (birth_date.month, birth_date.day)
    return on.year - birth_date.year - (0 if had_birthday else 1)


def minor_rules_apply(*, birth_date: date, offence_date: date, term_start: date) -> Decision:
    """MINOR_RULES_APPLY: the minors' rules (sealed records, non-public announcements, separate
    correction) apply to a person under 18 at the offence or at the start of correction, and keep
    applying after the 18th birthday (社区矫正法第五十八条; records sealed per 刑事诉讼法第二百八十六条)."""
    at_offence = age_on(birth_date, offence_date)
    at_start = age_on(birth_date, term_start)
    applies = at_offence < ADULT_AGE or at_start < ADULT_AGE
    return Decision(
        rule="MINOR_RULES_APPLY",
        outcome=applies,
        articles=("社区矫正法第五十二条", "社区矫正法第五十四条", "社区矫正法第五十八条", "刑事诉讼法第二百八十六条"),
        reasons=(f"犯罪时{at_offence}周岁", f"矫正开始时{at_start}周岁", f"未满{ADULT_AGE}周岁适用未成年人规定"),
    )
