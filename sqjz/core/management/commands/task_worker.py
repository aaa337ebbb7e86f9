"""Run the background task worker so that a locked or unreachable database does not stop it.

`manage.py task_worker` takes the options of django-tasks' `db_worker` and runs its loop. Where `db_worker` exits
on `OperationalError` ("database is locked" when another writer holds SQLite's lock longer than the busy timeout,
or a PostgreSQL restart), this worker closes its connection, waits (0.5 s, doubling to 30 s) and carries on: when
it claims a task, and when it records a task's result (so a task that ran is not left "running" for ever).
docs/decisions/0014-documents-outside-the-lock.md.
"""

import logging
import time
from collections.abc import Callable

from django.db import OperationalError, connections
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("sqjz.worker")

FIRST_WAIT = 0.5
LONGEST_WAIT = 30.0


class PatientWorker(db_worker.Worker):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._wait = FIRST_WAIT
        self._last_failure = 0.0

    def run(self) -> None:
        while True:
            try:
                super().run()
                return  # --batch or --max-tasks reached
            except OperationalError as error:
                self._pause(error, "looking for a task")

    def run_task(self, db_task_result) -> None:
        db_task_result.set_successful = self._until_written(db_task_result.set_successful)
        db_task_result.set_failed = self._until_written(db_task_result.set_failed)
        super().run_task(db_task_result)

    def _until_written(self, record: Callable) -> Callable:
        def patiently(*args, **kwargs):
            while True:
                try:
                    return record(*args, **kwargs)
                except OperationalError as error:
                    self._pause(error, "recording a task's result")

        return patiently

    def _pause(self, error: OperationalError, doing: str) -> None:
        now = time.monotonic()
        if now - self._last_failure > 2 * LONGEST_WAIT:  # the database had been fine for a while: start small again
            self._wait = FIRST_WAIT
        self._last_failure = now
        logger.warning("database unavailable while %s (%s); trying again in %.1f s", doing, error, self._wait)
        connections.close_all()
        time.sleep(self._wait)
        self._wait = min(self._wait * 2, LONGEST_WAIT)


class Command(db_worker.Command):
    help = "Run the database task worker; it waits out a locked or unreachable database instead of exiting"

    def handle(self, *, verbosity: int, queue_name: str, exclude_queues: str, reload: bool, batch: bool, **options):
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise db_worker.CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = PatientWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            batch=batch,
            **{name: options[name] for name in ("interval", "backend_name", "startup_delay", "max_tasks", "worker_id")},
        )
        if reload and not batch:
            if db_worker.os.environ.get(db_worker.DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the reloader's child only, as db_worker does
            db_worker.run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
