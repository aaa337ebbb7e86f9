from datetime import date

import pytest
import time_machine

from sqjz.lostcontact import services
from sqjz.lostcontact.tests.test_lostcontact import at


@pytest.fixture
def opened(world):
    """A case 李娜 opened on 2026-11-20 for 张三, out of contact since 11-17."""
    with time_machine.travel(at(date(2026, 11, 20))):
        return services.lost_contact_open(
            actor=world.users["office_officer"],
            supervisee=world.people["A"],
            since=date(2026, 11, 17),
            reasons="电话关机，家属称已外出",
        )
