"""One date format on every page (decision 0011): 2026年11月28日, with the time 2026年11月28日 14:05; 2026-11-28 only
inside date inputs. Django's formats (sqjz/formats) render templates; sqjz.statute.text writes dates into
sentences; the two agree."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import timezone

from sqjz.core.forms import DateInput
from sqjz.statute.text import cn_date, cn_datetime

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "sqjz"]


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("source", "value", "shown"),
    [
        ("{{ d }}", date(2026, 11, 28), "2026年11月28日"),
        ("{{ d|date }}", date(2026, 3, 5), "2026年3月5日"),  # month and day not padded
        ("{{ d|date }}", datetime(2026, 11, 27, 16, 30, tzinfo=UTC), "2026年11月28日"),  # the day in Yuxi
        ("{{ d }}", datetime(2026, 11, 28, 6, 5, tzinfo=UTC), "2026年11月28日 14:05"),
        ('{{ d|date:"DATETIME_FORMAT" }}', datetime(2026, 11, 28, 6, 5, tzinfo=UTC), "2026年11月28日 14:05"),
        ("{{ d|time }}", datetime(2026, 11, 28, 6, 5, tzinfo=UTC), "14:05"),
        ("[{{ d|date }}]", None, "[]"),
    ],
)
def test_templates_show_dates_as_officers_write_them(source, value, shown):
    assert render(source, d=value) == shown


def test_sentences_written_in_python_use_the_same_format_as_the_pages():
    moment = timezone.localtime(datetime(2026, 3, 5, 1, 7, tzinfo=UTC))
    for day in (date(2026, 11, 28), date(2026, 3, 5), date(2027, 1, 1)):
        assert cn_date(day) == render("{{ d|date }}", d=day)
    assert cn_datetime(moment) == render('{{ d|date:"DATETIME_FORMAT" }}', d=moment) == "2026年3月5日 09:07"
    assert cn_date(None) == cn_datetime(None) == ""


def test_date_inputs_keep_2026_11_28():
    html = DateInput().render("on", date(2026, 3, 5))
    assert 'type="date"' in html and 'value="2026-03-05"' in html


def test_no_template_writes_its_own_date_format():
    """`|date` and `|date:"DATETIME_FORMAT"` (or `|time`) only: a literal format such as "Y-m-d" would bring
    back a second way of writing dates."""
    literal = re.compile(r"\|\s*date\s*:\s*\"(?![A-Z_]+_FORMAT\")|\|\s*cn_date\b")
    found = [
        f"{path.relative_to(settings.BASE_DIR)}: {m.group()}"
        for folder in TEMPLATE_DIRS
        for path in folder.rglob("*.html")
        for m in literal.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
