"""Supervision's to-dos, one module per sub-area (loaded by the inbox at start-up)."""

from sqjz.supervision.checkins import duties as checkins  # noqa: F401
from sqjz.supervision.medical import duties as medical  # noqa: F401
from sqjz.supervision.monitoring import duties as monitoring  # noqa: F401
from sqjz.supervision.places import duties as places  # noqa: F401
from sqjz.supervision.transfer import duties as transfer  # noqa: F401
from sqjz.supervision.travel import duties as travel  # noqa: F401
