"""Tasks a killed task worker left behind. `db_worker` marks a task RUNNING (committed) before it runs it, and
nothing ever picks a RUNNING task up again: after a kill -9, a power cut or an out-of-memory kill the task would
stay RUNNING forever, lost without a word. So each worker runs under a fixed id (`db_worker --worker-id ID`, one
per machine and service) and, before it starts, `manage.py tasks_recover --worker-id ID` puts the tasks that id
left RUNNING back in the queue: whatever runs under that id now is not running them. A task RUNNING for longer than
any task should take under another id is reported (logged as an error), not requeued: its worker may be alive.

A task may therefore run twice (the part done before the kill, then the whole); the system's tasks are written to
allow it (inbox_refresh recomputes from the records)."""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


@transaction.atomic
def tasks_requeue_abandoned(*, worker_id: str) -> list[DBTaskResult]:
    """The tasks last claimed by `worker_id` and still RUNNING, back to READY (their claims stay in worker_ids)."""
    running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
    abandoned = [t for t in running if t.worker_ids and t.worker_ids[-1] == worker_id]
    for t in abandoned:
        logger.warning(
            "requeued task %s (%s), left running by worker %s since %s", t.id, t.task_path, worker_id, t.started_at
        )
        t.status, t.started_at = TaskResultStatus.READY, None
        t.save(update_fields=["status", "started_at"])
    return abandoned


def tasks_stale(*, older_than: timedelta) -> list[DBTaskResult]:
    """Tasks RUNNING for longer than `older_than` (under any worker id)."""
    since = timezone.now() - older_than
    stale = list(DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=since))
    for t in stale:
        logger.error(
            "task %s (%s) has been running since %s under worker %s", t.id, t.task_path, t.started_at, t.worker_ids[-1:]
        )
    return stale
