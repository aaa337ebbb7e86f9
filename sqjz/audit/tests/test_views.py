"""The auditor's access-log page, and the log entry written when a record is opened."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse

from sqjz.audit.models import AccessLog
from sqjz.audit.services import access_log_write

YUXI = ZoneInfo("Asia/Shanghai")


def log(world, actor: str, *keys: str, action=AccessLog.Action.VIEW, at: datetime | None = None) -> None:
    request = RequestFactory().get("/supervisees/", REMOTE_ADDR="10.1.2.3")
    ids = [world.people[k].pk for k in keys]
    if at is None:
        access_log_write(actor=world.users[actor], action=action, supervisee_ids=ids, request=request)
        return
    with time_machine.travel(at, tick=False):
        access_log_write(actor=world.users[actor], action=action, supervisee_ids=ids, request=request)


@pytest.fixture
def entries(world):
    log(world, "office_officer", "A", "M", at=datetime(2026, 11, 2, 10, 0, tzinfo=YUXI))
    log(world, "county_officer", "B", at=datetime(2026, 11, 15, 23, 30, tzinfo=YUXI))
    log(world, "county_officer", "A", "B", action=AccessLog.Action.EXPORT, at=datetime(2026, 11, 20, 9, tzinfo=YUXI))
    return world


def search(login, world, **params) -> str:
    response = login(world.users["auditor"]).get(reverse("audit:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def count(html: str) -> int:
    return int(re.search(r'data-testid="result-count">共 (\d+) 条', html).group(1))


def rows(html: str) -> list[str]:
    return re.findall(r"<tr><td>(\d+)</td>", html)


def test_auditor_sees_every_entry_newest_first(entries, login):
    html = search(login, entries)
    assert count(html) == 5
    assert rows(html) == ["5", "4", "3", "2", "1"]
    assert "office_officer用户（office_officer）" in html
    assert "张三" in html and "王五" in html


def test_filter_by_actor_username_shows_only_their_entries(entries, login):
    html = search(login, entries, actor="county_officer")
    assert rows(html) == ["5", "4", "3"]
    assert "office_officer用户（office_officer）" not in html


def test_filter_by_actor_full_name_matches_part_of_the_name(entries, login):
    assert rows(search(login, entries, actor="office_officer用")) == ["2", "1"]


def test_filter_by_action_shows_only_exports(entries, login):
    html = search(login, entries, action="export")
    assert rows(html) == ["5", "4"]


def test_filter_by_date_range_includes_both_end_days(entries, login):
    assert rows(search(login, entries, date_from="2026-11-15", date_to="2026-11-15")) == ["3"]
    assert rows(search(login, entries, date_from="2026-11-03")) == ["5", "4", "3"]
    assert rows(search(login, entries, date_to="2026-11-14")) == ["2", "1"]


def test_search_by_an_adult_supervisee_name_finds_their_entries(entries, login):
    assert rows(search(login, entries, supervisee="王五")) == ["5", "3"]


def test_search_by_a_minor_name_finds_nothing_although_entries_exist(entries, login):
    minor = entries.people["M"]
    assert AccessLog.objects.filter(supervisee=minor).exists()
    for query in (minor.name, "李小"):
        html = search(login, entries, supervisee=query)
        assert count(html) == 0
        assert "没有符合条件的访问记录" in html


def test_minor_name_never_appears_in_the_log(entries, login):
    minor = entries.people["M"]
    html = search(login, entries)
    assert minor.name not in html
    assert f"未成年人档案（已封存，编号{minor.pk}）" in html


def test_end_date_before_start_date_is_refused_in_chinese(entries, login):
    html = search(login, entries, date_from="2026-11-20", date_to="2026-11-01")
    assert "截止日期不能早于起始日期" in html
    assert "共 0 条" in html  # a filter that was not understood never shows everything


def test_impossible_date_is_refused_in_chinese(entries, login):
    html = search(login, entries, date_from="2026-13-45")
    assert "输入一个有效的日期" in html


@pytest.mark.parametrize("persona", ["office_officer", "county_head", "city_officer", "admin"])
def test_only_the_auditor_may_open_the_log(world, login, persona):
    assert login(world.users[persona]).get(reverse("audit:list")).status_code == 403


def test_opening_a_record_writes_one_view_entry_with_user_record_and_address(world, login):
    officer, person = world.users["office_officer"], world.people["A"]
    url = reverse("supervisees:detail", args=[person.pk])
    response = login(officer).get(url, REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert (entry.actor, entry.supervisee, entry.action) == (officer, person, AccessLog.Action.VIEW)
    assert entry.ip_address == "198.51.100.23"
    assert entry.path == url


def test_record_outside_the_jurisdiction_is_not_shown_and_not_logged(world, login):
    response = login(world.users["office_officer"]).get(reverse("supervisees:detail", args=[world.people["C"].pk]))
    assert response.status_code == 404
    assert not AccessLog.objects.exists()


def test_filter_by_source_address(entries, login):
    request = RequestFactory().get("/supervisees/", REMOTE_ADDR="192.0.2.9")
    access_log_write(
        actor=entries.users["police"], action="view", supervisee_ids=[entries.people["A"].pk], request=request
    )
    assert rows(search(login, entries, ip_address="192.0.2.9")) == ["6"]
    assert count(search(login, entries, ip_address="10.1.2.3")) == 5


def test_partial_source_address_is_refused_rather_than_searched(entries, login):
    html = search(login, entries, ip_address="10.1")  # PostgreSQL's inet column would fail on this
    assert "输入一个有效的 IPv4 或 IPv6 地址" in html
