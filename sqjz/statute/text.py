"""Dates in the sentences rules and services write for officers: 2026年11月28日, with the time 2026年11月28日 14:05
— the same as pages show (sqjz/formats/zh_Hans/formats.py; a test holds the two together)."""

from datetime import date, datetime


def cn_date(day: date | None) -> str:
    """2026年11月28日 ("" for no date). A datetime gives its own calendar day: convert to local time first."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(moment: datetime | None) -> str:
    """2026年11月28日 14:05, in the datetime's own time zone (convert to local time first)."""
    if moment is None:
        return ""
    return f"{cn_date(moment)} {moment:%H:%M}"
