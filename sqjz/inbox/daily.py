"""Daily steps: work that time alone makes due and that creates records, not only to-dos (e.g. a lost-contact case
that opens when a follow-up deadline passes). An area registers its step in its own `daily.py` (loaded at start-up,
as duties are) with `register_step(DailyStep(...))`; the daily job (`inbox_daily`, run by `manage.py inbox_refresh`)
runs every step, in order, before it recomputes the duties, so the to-dos see what the steps opened. The inbox
imports no area.

A step must be idempotent (running it twice on one day changes nothing the second time, and a step stopped half-way
finishes the next time), batched (a few queries for the whole city, never one per person) and commit its own
transactions, short ones: it reads what it needs first, outside any transaction, and takes the write lock only to
write (on SQLite one transaction locks every writer out; computing the lost-contact cases of 20,000 people took
250 ms).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DailyStep:
    """`run(today)` does the step for `today` and returns how many records it created or changed."""

    name: str
    label: str
    run: Callable[[date], int]
    order: int = 100


STEPS: dict[str, DailyStep] = {}


def register_step(step: DailyStep) -> DailyStep:
    if step.name in STEPS:
        raise ValueError(f"daily step {step.name} registered twice")
    STEPS[step.name] = step
    return step


def steps() -> list[DailyStep]:
    return sorted(STEPS.values(), key=lambda s: (s.order, s.name))
