"""The rule book page and what administrators maintain: holidays of later years and parameter versions."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from sqjz.rulebook.admin import ParameterVersionForm
from sqjz.rulebook.models import HolidayDate, ParameterVersion
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import all_rules

URL = reverse("rulebook:index")


def test_every_rule_is_on_the_page_with_its_article_and_examples(world, login):
    html = login(world.users["office_officer"]).get(URL).content.decode()
    for code, rule in all_rules().items():
        assert code in html
        assert rule.articles[0] in html
        for example in rule.examples:
            assert example.title in html


def test_the_page_shows_examples_computed_with_the_parameters_in_force(world, login):
    ParameterVersion.objects.create(
        code="INVESTIGATION_WORKING_DAYS", value=8, effective_from=date(2026, 1, 1), source="云南省细则（测试）"
    )
    html = login(world.users["county_officer"]).get(URL).content.decode()
    assert "8 个工作日" in html
    assert "云南省细则（测试）" in html
    # 普通案件，2026-11-02 + 8 working days (was 11-16 with 10)
    assert "2026年11月12日" in html


@time_machine.travel(date(2026, 11, 28))
def test_the_page_warns_when_next_years_holidays_are_missing(world, login):
    html = login(world.users["office_officer"]).get(URL).content.decode()
    assert "2027年节假日安排尚未录入" in html
    HolidayDate.objects.create(date=date(2027, 1, 1), kind="holiday", name="元旦", source="国办发明电〔2026〕X号")
    html = login(world.users["office_officer"]).get(URL).content.decode()
    assert "尚未录入" not in html


@pytest.mark.django_db
def test_entered_holidays_are_used_and_the_year_counts_as_covered():
    from sqjz.statute.calendar import add_working_days

    before = add_working_days(statute_context().calendar, date(2027, 1, 29), 5)
    assert before.approximate
    for day in range(1, 8):
        HolidayDate.objects.create(date=date(2027, 2, day), kind="holiday", name="春节", source="测试")
    after = add_working_days(statute_context().calendar, date(2027, 1, 29), 5)
    assert not after.approximate
    assert after.due > before.due


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"code": "INVESTIGATION_WORKING_DAYS", "value": '"10天"'}, "value", "取值类型应与默认值一致"),
        ({"code": "INVESTIGATION_WORKING_DAYS", "value": "0"}, "value", "取值应大于0"),
        (
            {"code": "INVESTIGATION_WORKING_DAYS", "value": "7", "effective_from": "2019-01-01"},
            "effective_from",
            "不能早于",
        ),
        ({"code": "REPORT_IN_DAYS", "value": "7"}, "code", "不在可用的选项中"),  # fixed by law, not editable
    ],
)
def test_parameter_versions_are_checked(data, field, message):
    form = ParameterVersionForm({"effective_from": "2027-01-01", "source": "云南省细则", **data})
    assert not form.is_valid()
    assert message in str(form.errors[field])
