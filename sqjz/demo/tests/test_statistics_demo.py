"""The standard statistics on the demo (issue 15 §2): the city agency's page for this quarter shows figures in every
section, and last month's population and intakes are not zero."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction

from sqjz.accounts.models import Role, User
from sqjz.demo.generator import seed_demo
from sqjz.statistics.selectors import statistics_table

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 28)


def test_every_section_has_figures_on_the_demo(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False),
        transaction.atomic(),
    ):
        seed_demo(supervisees=60, discharged=30, seed=7, today=TODAY, progress=lambda message: None)
        city = User.objects.filter(role=Role.CITY_OFFICER, is_active=True).first()
        quarter = statistics_table(city, date(2026, 10, 1), TODAY)
        month = statistics_table(city, date(2026, 10, 1), date(2026, 10, 31))
        quarter_totals = {line.statistic.name: line.total for line in quarter.lines}
        month_totals = {line.statistic.name: line.total for line in month.lines}
        transaction.set_rollback(True)
    with django_db_blocker.unblock():
        connection.close()
    empty = [section for section, lines in quarter.sections if not any(line.total for line in lines)]
    assert not empty, quarter_totals
    # The small demo may have nobody to spare for lost contact (test_seed.py); the full one has a dozen in 玉兴, 星云.
    assert len(quarter.columns) == 9  # the city's counties
    assert month_totals["population"] > 0 and quarter_totals["intake"] > 0, (month_totals, quarter_totals)
    print(quarter_totals)  # shown with -s
