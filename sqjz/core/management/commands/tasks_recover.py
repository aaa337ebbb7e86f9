from datetime import timedelta

from django.core.management.base import BaseCommand

from sqjz.core.taskqueue import tasks_requeue_abandoned, tasks_stale


class Command(BaseCommand):
    help = (
        "Before a task worker starts: put back in the queue the tasks its id left RUNNING (killed worker), and report "
        "tasks running too long under other ids. Run it as the worker's ExecStartPre with the same --worker-id."
    )

    def add_arguments(self, parser):
        parser.add_argument("--worker-id", required=True, help="the id the worker runs with (db_worker --worker-id)")
        parser.add_argument("--stale-minutes", type=int, default=60, help="report tasks running longer (default 60)")

    def handle(self, *args, worker_id: str, stale_minutes: int, **options):
        for t in tasks_requeue_abandoned(worker_id=worker_id):
            self.stdout.write(f"已重新排队 requeued {t.id} {t.task_path} (worker {worker_id})")
        for t in tasks_stale(older_than=timedelta(minutes=stale_minutes)):
            self.stderr.write(
                f"运行过久 running since {t.started_at}: {t.id} {t.task_path} (worker {t.worker_ids[-1:]})"
            )
