"""`demo_bulk` on its own: the same seed gives the same people, and it needs the Yuxi demo first."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction

from sqjz.demo.bulk import SYNTHETIC, bulk_generate
from sqjz.demo.generator import seed_demo
from sqjz.supervisees.models import Supervisee

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def quiet(message: str) -> None:
    pass


def test_the_same_seed_on_the_same_database_gives_the_same_people(db):
    def run() -> list[tuple]:
        with transaction.atomic():
            seed_demo(supervisees=0, discharged=0, seed=7, today=TODAY, progress=quiet)
            bulk_generate(under=30, history=20, seed=5, today=TODAY, progress=quiet)
            people = list(
                Supervisee.objects.filter(judicial_office__division__code__startswith=SYNTHETIC)
                .order_by("id")
                .values_list("name", "id_number_index", "term_start", "status", "judicial_office__name")
            )
            transaction.set_rollback(True)
        return people

    with time_machine.travel(NOW, tick=False):
        first = run()
        assert len(first) == 50 and first == run()


def test_the_command_needs_the_yuxi_demo_first(db):
    with pytest.raises(CommandError, match=r"请先运行 manage\.py demo"):
        call_command("demo_bulk", "--under", "10", "--history", "0", stdout=StringIO())
    with pytest.raises(CommandError, match="不能同时为 0"):
        call_command("demo_bulk", "--under", "0", "--history", "0", stdout=StringIO())
