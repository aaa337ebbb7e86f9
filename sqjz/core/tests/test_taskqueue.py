"""The tasks a killed worker left RUNNING go back to the queue when a worker with its id starts again; tasks running
too long under another id are reported, not taken from a worker that may be alive (tests/test_drills.py kills a
real worker)."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from sqjz.core.taskqueue import tasks_requeue_abandoned, tasks_stale
from sqjz.inbox.tasks import inbox_refresh_task


def claimed(worker_ids, minutes_ago=1):
    result = DBTaskResult.objects.get(id=inbox_refresh_task.enqueue().id)
    result.status, result.worker_ids = TaskResultStatus.RUNNING, worker_ids
    result.started_at = timezone.now() - timedelta(minutes=minutes_ago)
    result.save()
    return result


@pytest.fixture
def tasks(db):
    return {
        "mine": claimed(["host-1"]),
        "retried_elsewhere": claimed(["host-1", "host-2"]),  # host-2 took it over: not host-1's any more
        "other": claimed(["host-2"], minutes_ago=90),
        "queued": DBTaskResult.objects.get(id=inbox_refresh_task.enqueue().id),
    }


def test_only_the_tasks_the_restarting_worker_left_running_are_requeued(tasks):
    requeued = tasks_requeue_abandoned(worker_id="host-1")
    assert [t.pk for t in requeued] == [tasks["mine"].pk]
    statuses = {key: DBTaskResult.objects.get(pk=t.pk).status for key, t in tasks.items()}
    assert statuses == {
        "mine": TaskResultStatus.READY,
        "retried_elsewhere": TaskResultStatus.RUNNING,
        "other": TaskResultStatus.RUNNING,
        "queued": TaskResultStatus.READY,
    }
    mine = DBTaskResult.objects.get(pk=tasks["mine"].pk)
    assert mine.started_at is None and mine.worker_ids == ["host-1"]  # the earlier claim stays on record


def test_tasks_running_too_long_are_reported(tasks):
    assert [t.pk for t in tasks_stale(older_than=timedelta(minutes=60))] == [tasks["other"].pk]


def test_the_command_names_what_it_requeued_and_what_runs_too_long(tasks, capsys):
    call_command("tasks_recover", "--worker-id", "host-1")
    out, err = capsys.readouterr()
    assert str(tasks["mine"].pk) in out and str(tasks["other"].pk) in err
    assert str(tasks["retried_elsewhere"].pk) not in out + err
