from django.core.management.base import BaseCommand

from sqjz.inbox.services import inbox_daily
from sqjz.inbox.tasks import inbox_refresh_task


class Command(BaseCommand):
    help = (
        "The daily job: run the areas' daily steps (e.g. opening lost-contact cases), then recompute the to-do inbox "
        "from the records and the statute (what time alone changes). Idempotent. "
        "By default the job is queued for the task worker (manage.py task_worker); --now runs it here. "
        "Run daily, e.g. cron: 5 0 * * * cd /srv/sqjz && .venv/bin/python manage.py inbox_refresh"
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run the job in this process instead of queueing it")

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(f"待办事项更新：已完成 {done}/{total} 批。")

    def handle(self, *args, **options):
        if options["now"]:
            daily = inbox_daily(progress=self.progress)
            for name, count in daily.steps.items():
                self.stdout.write(f"每日任务 {name}：处理 {count} 条。")
            for name in daily.failed:
                self.stderr.write(f"每日任务 {name} 执行失败，详见日志。")
            result = daily.refresh
            self.stdout.write(f"待办事项已更新：新增 {result.opened}，变更 {result.updated}，办结 {result.closed}。")
            return
        queued = inbox_refresh_task.enqueue()
        self.stdout.write(f"已加入任务队列（任务编号 {queued.id}），由任务进程（manage.py task_worker）执行。")
