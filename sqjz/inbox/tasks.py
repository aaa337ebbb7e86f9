"""Background tasks of the inbox, run by the task worker (`manage.py task_worker`)."""

import dataclasses

from django_tasks import task

from sqjz.inbox.services import inbox_daily


@task()
def inbox_refresh_task() -> dict:
    """The daily job: the areas' daily steps (inbox.daily), then the recomputation of what time alone changes
    (deadlines reached, items now due)."""
    return dataclasses.asdict(inbox_daily())
