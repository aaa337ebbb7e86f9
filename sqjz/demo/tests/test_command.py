"""`manage.py demo`: seeds once with --if-empty and always prints where and how to log in."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import time_machine
from django.core.management import call_command

from sqjz.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from sqjz.supervisees.models import Supervisee


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", "--if-empty", "--supervisees", "5", "--discharged", "2", *args, stdout=out)
    return out.getvalue()


def test_demo_if_empty_seeds_once_and_prints_the_accounts_both_times(db):
    with time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        first = run_demo()
        count = Supervisee.objects.count()
        second = run_demo()
    assert count == 5 + 2 + 2  # and 陈刚, and the judgment a court sent (decision 0041)
    assert f"演示数据已生成：911 个单位，{len(DEMO_ACCOUNTS)} 个账户，8 名矫正对象。" in first
    assert "演示数据已存在（9 名矫正对象），直接启动。" in second
    assert "演示数据已生成" not in second
    assert Supervisee.objects.count() == count
    for output in (first, second):
        assert f"演示账户（密码均为 {DEMO_PASSWORD} ）" in output
        assert "登录地址: http://127.0.0.1:8000/" in output
        for account in DEMO_ACCOUNTS:
            assert f"  {account.username} " in output
            assert account.full_name in output


def test_demo_prints_the_address_it_is_given(db):
    with time_machine.travel(datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        output = run_demo("--url", "https://sqjz.example.cn/")
    assert "登录地址: https://sqjz.example.cn/" in output
