"""Supervision's events on the timeline, one module per sub-area (loaded by the timeline at start-up)."""

from sqjz.supervision.checkins import events as checkins  # noqa: F401
from sqjz.supervision.medical import events as medical  # noqa: F401
from sqjz.supervision.monitoring import events as monitoring  # noqa: F401
from sqjz.supervision.places import events as places  # noqa: F401
from sqjz.supervision.transfer import events as transfer  # noqa: F401
from sqjz.supervision.travel import events as travel  # noqa: F401
