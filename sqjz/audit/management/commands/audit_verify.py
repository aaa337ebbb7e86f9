from django.core.management.base import BaseCommand, CommandError

from sqjz.audit.services import access_log_verify


class Command(BaseCommand):
    help = "Verify the access log's hash chain and report the first broken link."

    def handle(self, *args, **options):
        checked, broken = access_log_verify()
        if broken:
            raise CommandError(f"访问日志哈希链在第{broken.seq}条断开：{broken.reason}。此前{checked}条完好。")
        self.stdout.write(self.style.SUCCESS(f"访问日志哈希链完好，共{checked}条。"))
