from django.core.management.base import BaseCommand, CommandError

from sqjz.audit.checkpoints import checkpoint_path
from sqjz.audit.services import AuditChainError, access_log_checkpoint


class Command(BaseCommand):
    help = (
        "Anchor the access log's head outside the database: check the entries since the latest checkpoint and append "
        "a signed checkpoint to SQJZ_AUDIT_ANCHOR_DIR/checkpoints.log. Run it often, e.g. cron: "
        "*/10 * * * * cd /srv/sqjz && .venv/bin/python manage.py audit_checkpoint"
    )

    def handle(self, *args, **options):
        try:
            checkpoint = access_log_checkpoint()
        except AuditChainError as e:
            raise CommandError(e.message) from None
        self.stdout.write(self.style.SUCCESS(f"已记录检查点：第{checkpoint.seq}条（{checkpoint_path()}）。"))
