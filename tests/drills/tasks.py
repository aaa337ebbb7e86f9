"""A task the task-worker drill kills mid-run: it works for `seconds`, then leaves its mark (a file). Run twice, it
leaves the same mark: like the system's own tasks (inbox_refresh), it may safely run again after a crash."""

import time
from pathlib import Path

from django_tasks import task


@task()
def drill_work(mark: str, seconds: float) -> str:
    time.sleep(seconds)
    Path(mark).write_text("done", encoding="utf-8")
    return mark
