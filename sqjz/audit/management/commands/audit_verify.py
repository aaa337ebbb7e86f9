from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sqjz.audit.checkpoints import checkpoints_read
from sqjz.audit.services import access_log_verify, audit_key


class Command(BaseCommand):
    help = (
        "Verify the access log's keyed hash chain against every signed checkpoint and report the first broken link. "
        "--max-age fails, too, when the latest checkpoint is older than that many minutes (or there is none)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--max-age", type=int, metavar="MINUTES", help="the latest checkpoint must be this recent")

    def handle(self, *args, **options):
        checked, broken = access_log_verify()
        if broken and broken.seq is None:
            raise CommandError(f"访问日志检查点有误：{broken.reason}。")
        if broken:
            raise CommandError(f"访问日志哈希链在第{broken.seq}条断开：{broken.reason}。此前{checked}条完好。")
        checkpoints, _ = checkpoints_read(audit_key())
        latest = max(checkpoints, key=lambda c: c.at, default=None)
        if options["max_age"] is not None:
            if latest is None:
                raise CommandError("访问日志没有检查点：请检查 audit_checkpoint 定时任务和检查点目录。")
            if timezone.now() - latest.at > timedelta(minutes=options["max_age"]):
                raise CommandError(
                    f"最近的检查点是{timezone.localtime(latest.at):%Y年%m月%d日 %H:%M}记录的，"
                    f"超过{options['max_age']}分钟：请检查 audit_checkpoint 定时任务和检查点文件。"
                )
        anchored = (
            f"，与{len(checkpoints)}个检查点相符（最近一个记录于{timezone.localtime(latest.at):%Y年%m月%d日 %H:%M}）"
            if latest
            else "（尚无检查点）"
        )
        self.stdout.write(self.style.SUCCESS(f"访问日志哈希链完好，共{checked}条{anchored}。"))
