"""Background tasks of the outbox, run by the task worker (`manage.py task_worker`)."""

from django_tasks import task


@task()
def outbox_deliver_task(delivery_id: int) -> str:
    """Send one notice queued after its action committed (decision 0042). Returns its state afterwards."""
    from sqjz.outbox.services import deliver  # the service queues this task

    return deliver(delivery_id)


@task()
def outbox_deliver_due_task() -> dict:
    """The periodic job: send the notices whose next attempt is due."""
    from sqjz.outbox.services import deliver_due

    return deliver_due()
