from django.core.management.base import BaseCommand, CommandError

from sqjz.audit.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump -Fc from one snapshot), the files under "
        "SQJZ_DATA_DIR it refers to (documents/, quarantine/, photos/) and the access log's checkpoints into DEST_DIR, "
        "with manifest.json (rows per table, SHA-256 of every file). Safe while the system runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("dest", metavar="DEST_DIR", help="a new or empty directory")

    def handle(self, *args, dest: str, **options):
        try:
            manifest = backup_create(dest)
        except BackupError as e:
            raise CommandError(e.message) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {dest}：{len(manifest['tables'])}张表共{rows}行，{len(manifest['files'])}个文件，"
                f"访问日志至第{manifest['audit_head']['seq']}条。"
            )
        )
