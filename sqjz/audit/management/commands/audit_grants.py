from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from sqjz.audit.grants import grants_apply, grants_sql, role_problems


class Command(BaseCommand):
    help = (
        "PostgreSQL: print (or with --apply, run as the owner role) the grants that let the application role only "
        "append to the access log and only update its chain head. Run again after every migrate. "
        "See docs/security/postgresql-grants.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("role", help="the application role (the user in the web server's DATABASE_URL)")
        parser.add_argument("--apply", action="store_true", help="run the statements on this database")

    def handle(self, *args, role: str, apply: bool, **options):
        if connection.vendor != "postgresql":
            raise CommandError("数据库权限设置只适用于 PostgreSQL；SQLite 数据库靠文件权限和检查点保护。")
        if not apply:
            self.stdout.write(";\n".join(grants_sql(role)) + ";")
            return
        problems = role_problems(role)
        if problems:
            raise CommandError(f"未设置角色 {role} 的权限：" + "".join(problems))
        with transaction.atomic():
            grants_apply(role)
        self.stdout.write(self.style.SUCCESS(f"已设置角色 {role} 的权限：访问日志只能追加，链头只能更新。"))
