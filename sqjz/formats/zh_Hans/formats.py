"""How dates and times read on every page (decision 0011): 2026年11月28日, with the time 2026年11月28日 14:05.

Django renders `{{ value }}`, `{{ value|date }}` and `{{ value|time }}` with these formats (FORMAT_MODULE_PATH);
date inputs keep 2026-11-28 (`sqjz.core.forms.DateInput`). Pinned here rather than taken from Django's zh_Hans
locale, so that an upgrade of Django cannot change what officers read. Python code that writes a date into a
sentence uses `sqjz.statute.text.cn_date` / `cn_datetime`, which a test holds to the same formats.
"""

DATE_FORMAT = "Y年n月j日"  # 2026年11月28日
TIME_FORMAT = "H:i"  # 14:05
DATETIME_FORMAT = "Y年n月j日 H:i"  # 2026年11月28日 14:05
YEAR_MONTH_FORMAT = "Y年n月"  # 2026年11月
MONTH_DAY_FORMAT = "n月j日"  # 11月28日
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
FIRST_DAY_OF_WEEK = 1  # Monday

# What forms accept when typed (date inputs send 2026-11-28).
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y/%m/%d %H:%M"]

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ""
NUMBER_GROUPING = 4
