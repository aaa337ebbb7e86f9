"""Supervision's figures per office (loaded by the figures part at start-up)."""

from sqjz.figures.registry import Figure, register_figure
from sqjz.supervision.checkins.selectors import CHECKIN_FIGURE, CHECKIN_VIEWS, checkin_figures

RANK_SCALE = 1_000_000  # missed check-ins awaiting a follow-up first, then today's missing ones

register_figure(
    Figure(
        name=CHECKIN_FIGURE,
        label="手机签到",
        keys=(*CHECKIN_VIEWS, "enrolled"),
        compute=checkin_figures,
        rank=lambda v: v["follow_up"] * RANK_SCALE + v["missing"],
    )
)
