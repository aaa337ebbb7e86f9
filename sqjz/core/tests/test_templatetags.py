"""Template filters of the `sqjz` library as pages use them."""

from datetime import UTC, date, datetime

import pytest
from django.template import Context, Template

from sqjz.core.templatetags.sqjz import cn_date, masked_id, masked_phone


def render(source: str, **context) -> str:
    return Template("{% load sqjz %}" + source).render(Context(context))


def test_cn_date_writes_a_date_as_officers_do():
    assert render("{{ d|cn_date }}", d=date(2026, 11, 28)) == "2026年11月28日"


def test_cn_date_does_not_pad_month_or_day():
    assert cn_date(date(2026, 3, 5)) == "2026年3月5日"


def test_cn_date_shows_a_moment_as_the_date_in_yuxi():
    # 16:30 UTC on the 27th is 00:30 on the 28th in Asia/Shanghai
    assert cn_date(datetime(2026, 11, 27, 16, 30, tzinfo=UTC)) == "2026年11月28日"


@pytest.mark.parametrize("empty", [None, ""])
def test_cn_date_of_nothing_is_blank(empty):
    assert render("[{{ d|cn_date }}]", d=empty) == "[]"


def test_masking_filters_hide_the_middle_and_leave_blanks_blank():
    assert masked_id("11010519491231002X") == "110105********002X"
    assert masked_phone("13912345678") == "139****5678"
    assert masked_id("") == ""
    assert masked_phone("") == ""
