import pytest
import time_machine

from sqjz.accounts.tests.helpers import START


@pytest.fixture
def clock():
    """The clock stands still at START until a test moves it (clock.shift)."""
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller
