from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sqjz.demo.bulk import BulkError, bulk_generate


class Command(BaseCommand):
    help = (
        "Add national-scale demo data in bulk (COPY on PostgreSQL) to a database that has the Yuxi demo "
        "(run `manage.py demo` first): synthetic counties and offices, people under correction and in history, "
        "their report-in, supervision level, phone accounts and recent check-ins."
    )

    def add_arguments(self, parser):
        parser.add_argument("--under", type=int, default=700_000, help="people under correction to add")
        parser.add_argument("--history", type=int, default=5_000_000, help="discharged or terminated people to add")
        parser.add_argument("--checkin-days", type=int, default=7, help="days of phone check-ins before today")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        try:
            result = bulk_generate(
                under=options["under"],
                history=options["history"],
                checkin_days=options["checkin_days"],
                seed=options["seed"],
                today=timezone.localdate(),
                progress=self.stdout.write,
            )
        except BulkError as e:
            raise CommandError(str(e)) from None
        self.stdout.write(
            f"完成：{result.counties} 个模拟县、{result.offices} 个模拟司法所，在矫 {result.under:,} 人、"
            f"历史 {result.history:,} 人，共写入 {result.total_rows:,} 行，用时 {result.seconds:,.0f} 秒"
            f"（{result.total_rows / max(result.seconds, 1e-6):,.0f} 行/秒）。"
        )
        for table, rows in sorted(result.rows.items()):
            self.stdout.write(f"  {table}: {rows:,}")
        self.stdout.write("待办事项由每日任务（manage.py daily 或 inbox_refresh）按新数据计算。")
