from django.core.management.base import BaseCommand
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from sqjz.demo.generator import seed_demo
from sqjz.inbox.services import inbox_refresh
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import Supervisee


class Command(BaseCommand):
    help = "Load the Yuxi demo data (once with --if-empty) and print where to log in and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--supervisees", type=int, default=1000, help="people under correction now")
        parser.add_argument("--discharged", type=int, default=3000, help="people discharged in the last five years")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--if-empty", action="store_true", help="do nothing if demo data is already loaded")
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="the address printed for logging in")

    def handle(self, *args, **options):
        if options["if_empty"] and Unit.objects.exists():
            self.stdout.write(f"演示数据已存在（{Supervisee.objects.count()} 名矫正对象），直接启动。")
        else:
            counts = seed_demo(
                supervisees=options["supervisees"],
                discharged=options["discharged"],
                seed=options["seed"],
                today=timezone.localdate(),
                progress=self.stdout.write,
            )
            self.stdout.write(
                f"演示数据已生成：{counts.units} 个单位，{counts.accounts} 个账户，{counts.supervisees} 名矫正对象。"
            )
        result = inbox_refresh()
        self.stdout.write(f"待办事项：新增 {result.opened}，办结 {result.closed}。")
        self._print_accounts(options["url"])

    def _print_accounts(self, url: str) -> None:
        width = max(len(a.username) for a in DEMO_ACCOUNTS)
        role_width = max(len(Role(a.role).label) for a in DEMO_ACCOUNTS)
        lines = [
            "",
            "=" * 72,
            f"玉溪市社区矫正信息管理系统  登录地址: {url}",
            f"演示账户（密码均为 {DEMO_PASSWORD} ）:",
        ]
        for a in DEMO_ACCOUNTS:
            role = Role(a.role).label
            lines.append(
                f"  {a.username.ljust(width)}  {role}{'　' * (role_width - len(role))}  {a.full_name}  {a.note}"
            )
        lines += ["=" * 72, ""]
        self.stdout.write("\n".join(lines))
