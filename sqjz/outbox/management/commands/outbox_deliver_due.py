from django.core.management.base import BaseCommand

from sqjz.outbox.models import Delivery
from sqjz.outbox.services import deliver_due
from sqjz.outbox.tasks import outbox_deliver_due_task


class Command(BaseCommand):
    help = (
        "Send the notices to partner agencies whose next attempt is due (retries with backoff; decision 0042). "
        "By default the job is queued for the task worker (manage.py task_worker); --now runs it here. "
        "Run every minute, e.g. cron: * * * * * cd /srv/sqjz && .venv/bin/python manage.py outbox_deliver_due"
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run the job in this process instead of queueing it")

    def handle(self, *args, **options):
        if options["now"]:
            counts = deliver_due()
            labels = dict(Delivery.State.choices)
            done = "，".join(f"{labels.get(k, '已由其他进程推送')} {n}" for k, n in counts.items()) or "没有到期的推送"
            self.stdout.write(f"对外推送：{done}。")
            return
        queued = outbox_deliver_due_task.enqueue()
        self.stdout.write(f"已加入任务队列（任务编号 {queued.id}），由任务进程（manage.py task_worker）执行。")
