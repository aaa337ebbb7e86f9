"""Background tasks of check-ins, run by the task worker (`manage.py task_worker`)."""

from django_tasks import task


@task()
def checkin_photo_task(checkin_id: int) -> str:
    """Check and re-encode a check-in's photo that waits in quarantine (decision 0024); the place where face
    matching will go. Returns the photo's state."""
    from sqjz.supervision.checkins.services import checkin_photo_process  # the service enqueues this task

    return checkin_photo_process(checkin_id=checkin_id)
