"""How age is counted (周岁), the one place that counts it.

Age in 周岁 counts from the day AFTER the birthday (最高人民法院《关于审理未成年人刑事案件具体应用法律若干问题的
解释》(法释〔2006〕1号) 第二条: "周岁，按照公历的年、月、日计算，从周岁生日的第二天起算"): on the 18th birthday a
person is still 17. A person born on 29 February has, in a common year, the last day of February as birthday (a period
of years with no corresponding day ends on the last day of the month, 民法典第二百零三条), so is a year older from
1 March in every year.
"""

from datetime import date

from sqjz.statute.registry import Context

AGE_COUNTING = "最高人民法院《关于审理未成年人刑事案件具体应用法律若干问题的解释》（法释〔2006〕1号）第二条"


def birthday_in(birth_date: date, year: int) -> date:
    """The birthday in `year`; for 29 February in a common year, 28 February."""
    try:
        return birth_date.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def age_on(birth_date: date, on: date) -> int:
    """Full years of age (周岁) on a day: a year is complete only from the day after the birthday."""
    years = on.year - birth_date.year - (1 if on <= birthday_in(birth_date, on.year) else 0)
    return max(years, 0)


def is_birthday(birth_date: date, on: date) -> bool:
    return on > birth_date and on == birthday_in(birth_date, on.year)


def is_minor_on(ctx: Context | None = None, *, birth_date: date, on: date) -> bool:
    """Under the adult age (ADULT_AGE, 18 周岁) on the day: a person who still has a guardian."""
    adult = (ctx or Context.default()).use("ADULT_AGE", on).value
    return age_on(birth_date, on) < adult
