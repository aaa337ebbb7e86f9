"""Counting periods the way the Criminal Procedure Law does (刑事诉讼法第一百零五条).

- The day a period starts is not counted.
- A period in calendar days whose last day is a holiday ends on the next working day, except for a
  person in custody, whose period ends on its real date.
- Working-day periods (only the investigation deadline uses them, 实施办法第十四条) count working days.
- "节假日" are the State Council's public holidays and ordinary weekends, minus adjusted working days (调休).

A year the calendar does not cover is counted on weekdays alone, and the result says so (`approximate`).
"""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from sqjz.statute.text import cn_date

DATA = Path(__file__).resolve().parent / "data" / "cn_holidays.csv"
ARTICLE = "刑事诉讼法第一百零五条"


@dataclass(frozen=True)
class HolidayCalendar:
    holidays: frozenset[date]
    workdays: frozenset[date]  # weekend days that are working days (调休)
    years: frozenset[int]  # years whose holidays are known

    def covers(self, year: int) -> bool:
        return year in self.years

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5

    def merged(self, *, holidays=(), workdays=(), years=()) -> "HolidayCalendar":
        """This calendar with more days (an administrator's entries for later years)."""
        return HolidayCalendar(
            self.holidays | frozenset(holidays), self.workdays | frozenset(workdays), self.years | frozenset(years)
        )


@cache
def shipped_calendar() -> HolidayCalendar:
    holidays, workdays = set(), set()
    with open(DATA, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            (holidays if row["kind"] == "holiday" else workdays).add(date.fromisoformat(row["date"]))
    years = {d.year for d in holidays | workdays}
    return HolidayCalendar(frozenset(holidays), frozenset(workdays), frozenset(years))


@dataclass(frozen=True)
class Deadline:
    """A computed due date with how it was reached, for the reasons shown to officers."""

    start: date
    due: date
    amount: int
    unit: str  # "日" (calendar days), "个工作日", "个月", "小时"
    rolled_from: date | None = None  # the nominal last day, when it fell on a holiday
    approximate: bool = False  # a year in the period had no published holiday calendar

    def days_left(self, today: date) -> int:
        return (self.due - today).days

    def explain(self) -> str:
        text = f"自{cn_date(self.start)}起{self.amount}{self.unit}（起始日不计入），至{cn_date(self.due)}"
        if self.rolled_from:
            text += f"（期满日{cn_date(self.rolled_from)}为节假日，顺延至节假日后第一个工作日）"
        if self.approximate:
            text += "（该年度节假日安排尚未录入，按周一至周五推算，请核对）"
        return text


def _uncovered(calendar: HolidayCalendar, start: date, end: date) -> bool:
    return any(not calendar.covers(year) for year in range(start.year, end.year + 1))


def next_working_day(calendar: HolidayCalendar, day: date) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def add_days(calendar: HolidayCalendar, start: date, days: int, *, in_custody: bool = False) -> Deadline:
    """`days` calendar days after `start`; a last day on a holiday rolls to the next working day."""
    nominal = start + timedelta(days=days)
    due = nominal if in_custody else next_working_day(calendar, nominal)
    return Deadline(
        start,
        due,
        days,
        "日",
        rolled_from=nominal if due != nominal else None,
        approximate=_uncovered(calendar, start, due),
    )


def add_working_days(calendar: HolidayCalendar, start: date, days: int) -> Deadline:
    """The `days`-th working day after `start`."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return Deadline(start, day, days, "个工作日", approximate=_uncovered(calendar, start, day))


def add_months(start: date, months: int) -> date:
    """The same day `months` later (刑法: a month runs to the same day of the next month); the month's
    last day when that month is shorter."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_calendar_months(calendar: HolidayCalendar, start: date, months: int, *, in_custody: bool = False) -> Deadline:
    nominal = add_months(start, months)
    due = nominal if in_custody else next_working_day(calendar, nominal)
    return Deadline(
        start,
        due,
        months,
        "个月",
        rolled_from=nominal if due != nominal else None,
        approximate=_uncovered(calendar, start, due),
    )
