"""Supervision's steps of the daily job (inbox.daily): electronic monitoring's "no signal" alerts."""

from sqjz.inbox.daily import DailyStep, register_step
from sqjz.supervision.monitoring.evaluation import monitoring_silence_check

register_step(
    DailyStep(
        name="monitoring_silence",
        label="电子定位信号中断报警",
        run=lambda today: monitoring_silence_check(),
        order=40,
    )
)
