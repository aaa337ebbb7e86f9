from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sqjz.audit.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into a NEW, empty database, checked against its manifest. "
        "--database: a database URL (sqlite:///path, postgres://user@host/name), or a PostgreSQL database name on "
        "the configured server, or a SQLite file path. Files go to --data-dir, checkpoints to --anchor-dir; "
        "nothing that exists is overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("src", metavar="SRC_DIR", help="the backup directory")
        parser.add_argument("--database", required=True, help="the new database (URL, PostgreSQL name or SQLite path)")
        parser.add_argument("--data-dir", default=str(settings.DATA_DIR), help="where documents/ and photos/ go")
        parser.add_argument("--anchor-dir", default=str(settings.AUDIT_ANCHOR_DIR), help="where checkpoints go")

    def handle(self, *args, src: str, database: str, data_dir: str, anchor_dir: str, **options):
        try:
            restored = backup_restore(src, database=database, data_dir=data_dir, anchor_dir=anchor_dir)
        except BackupError as e:
            raise CommandError(e.message) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"已恢复：{restored.tables}张表共{restored.rows}行与备份清单相符，{restored.files}个文件，"
                f"访问日志至第{restored.audit_seq}条。请以新数据库运行 manage.py audit_verify 核对访问日志。"
            )
        )
