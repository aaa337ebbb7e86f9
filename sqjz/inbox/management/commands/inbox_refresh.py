from django.core.management.base import BaseCommand

from sqjz.inbox.services import inbox_refresh


class Command(BaseCommand):
    help = (
        "Recompute the to-do inbox from the records and the statute (what time alone changes). Idempotent; "
        "run daily, e.g. cron: 5 0 * * * cd /srv/sqjz && .venv/bin/python manage.py inbox_refresh"
    )

    def handle(self, *args, **options):
        result = inbox_refresh()
        self.stdout.write(f"待办事项已更新：新增 {result.opened}，变更 {result.updated}，办结 {result.closed}。")
