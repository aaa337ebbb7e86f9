"""The to-do inbox: items computed from the records and the statute, closing themselves when the work is
recorded, shown with their deadline, days left and rule; counts per office for county and city."""

from datetime import date, timedelta

import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.investigation.models import Investigation
from sqjz.rulebook.models import ParameterVersion
from sqjz.supervisees.models import Status, Supervisee
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 27)  # a Friday
HOME = reverse("core:home")


def without_investigation(world) -> None:
    """These tests count report-in items: close the world's open investigation, and start the world's people's
    terms recently, so that nothing else (a quarterly assessment) falls due for them."""
    world.investigation.status = Investigation.Status.CLOSED
    world.investigation.save()
    recent = TODAY - timedelta(days=10)
    Supervisee.objects.filter(pk__in=[p.pk for p in world.people.values()], status=Status.UNDER_CORRECTION).update(
        term_start=recent, judgment_effective_date=recent
    )


def pending(world, effective: date, office="yuxing", **kw):
    return SuperviseeFactory(
        status=Status.PENDING_REPORT,
        judicial_office=world.units[office],
        deciding_authority=world.units["hongta_court"],
        offence_date=effective - timedelta(days=200),
        judgment_effective_date=effective,
        term_start=effective,
        term_end=effective + timedelta(days=365),
        **kw,
    )


@time_machine.travel(TODAY)
def test_a_person_not_yet_reported_in_is_due_ten_days_after_the_judgment(world):
    person = pending(world, date(2026, 11, 20))
    assert inbox_refresh().opened >= 1
    item = InboxItem.objects.get(supervisee=person, kind=InboxItem.Kind.REPORT_IN)
    assert item.due == date(2026, 11, 30)
    assert item.rule == "REPORT_IN_DEADLINE"
    assert "社区矫正法第二十一条" in item.articles
    assert "起始日不计入" in item.reasons


@time_machine.travel(TODAY)
def test_refresh_is_idempotent(world):
    pending(world, date(2026, 11, 20))
    inbox_refresh()
    again = inbox_refresh()
    assert (again.opened, again.updated, again.closed) == (0, 0, 0)


@time_machine.travel(TODAY)
def test_item_closes_itself_when_the_report_in_is_recorded(world):
    person = pending(world, date(2026, 11, 20))
    inbox_refresh()
    person.status = Status.UNDER_CORRECTION
    person.save()
    assert inbox_refresh(supervisee_ids=[person.pk]).closed == 1
    item = InboxItem.objects.get(supervisee=person, kind=InboxItem.Kind.REPORT_IN)
    assert item.state == InboxItem.State.CLOSED and item.closed_at is not None


def test_discharge_evaluation_appears_as_time_passes(world):
    person = world.people["A"]
    person.term_end = date(2027, 3, 31)
    person.save()
    with time_machine.travel(date(2027, 1, 1)):
        inbox_refresh()
        assert not InboxItem.objects.filter(supervisee=person, kind=InboxItem.Kind.DISCHARGE_EVALUATION).exists()
    with time_machine.travel(date(2027, 2, 20)):  # due 2027-03-01, inside the 14-day look-ahead
        inbox_refresh()
        item = InboxItem.objects.get(supervisee=person, kind=InboxItem.Kind.DISCHARGE_EVALUATION)
        assert item.due == date(2027, 3, 1)


@time_machine.travel(TODAY)
def test_a_new_parameter_version_moves_the_due_date(world):
    person = pending(world, date(2026, 11, 20))
    inbox_refresh()
    ParameterVersion.objects.create(code="REPORT_IN_DAYS", value=15, effective_from=date(2026, 1, 1), source="测试")
    assert inbox_refresh().updated == 1
    assert InboxItem.objects.get(supervisee=person).due == date(2026, 12, 7)  # 12-05 is a Saturday


@time_machine.travel(TODAY)
def test_registering_through_the_service_opens_the_item_at_once(world, login):
    from sqjz.supervisees.tests.test_register_form import CREATE, form_data

    login(world.users["office_officer"]).post(CREATE, form_data(world))
    assert InboxItem.objects.filter(supervisee__name="陈新", kind=InboxItem.Kind.REPORT_IN).exists()


@time_machine.travel(TODAY)
def test_office_officer_sees_her_items_with_deadline_days_left_and_rule(world, login):
    overdue = pending(world, date(2026, 11, 10), name="逾期者")
    soon = pending(world, date(2026, 11, 20), name="将到期者")
    other = pending(world, date(2026, 11, 20), office="fenghuang", name="别所的人")
    inbox_refresh()
    html = login(world.users["office_officer"]).get(HOME).content.decode()
    assert "逾期者" in html and "将到期者" in html
    assert "别所的人" not in html
    assert "已逾期 7 天" in html  # due 2026-11-20
    assert "3 天" in html  # due 2026-11-30
    assert "REPORT_IN_DEADLINE" in html and "社区矫正法第二十一条" in html
    assert html.index("逾期者") < html.index("将到期者")  # most urgent first
    assert overdue and soon and other


@time_machine.travel(TODAY)
def test_county_sees_counts_per_office_and_drills_down(world, login):
    without_investigation(world)
    pending(world, date(2026, 11, 10))
    pending(world, date(2026, 11, 20), office="fenghuang")
    pending(world, date(2026, 11, 22), office="fenghuang")
    inbox_refresh()
    client = login(world.users["county_officer"])
    response = client.get(HOME)
    rows = {c.office: (c.open, c.overdue) for c in response.context["by_office"]}
    assert rows == {"玉兴街道司法所": (1, 1), "凤凰街道司法所": (2, 0)}
    assert list(rows) == ["玉兴街道司法所", "凤凰街道司法所"]  # offices with overdue items first
    drill = client.get(HOME, {"office": world.units["fenghuang"].pk})
    assert [item.office.name for item, _ in drill.context["rows"]] == ["凤凰街道司法所"] * 2


@time_machine.travel(TODAY)
def test_minors_items_stay_sealed_from_the_city(world, login):
    without_investigation(world)
    minor = world.people["M"]
    minor.status = Status.PENDING_REPORT
    minor.save()
    inbox_refresh()
    response = login(world.users["city_officer"]).get(HOME)
    assert sum(c.open for c in response.context["by_office"]) == 0


@time_machine.travel(TODAY)
def test_inbox_page_query_count_does_not_grow_with_the_office(world, login):
    without_investigation(world)
    for i in range(20):
        pending(world, date(2026, 11, 20) - timedelta(days=i % 5))
    inbox_refresh()
    client = login(world.users["office_officer"])
    client.get(HOME)
    with CaptureQueriesContext(connection) as small:
        client.get(HOME)
    for i in range(180):
        pending(world, date(2026, 11, 20) - timedelta(days=i % 5))
    inbox_refresh()
    with CaptureQueriesContext(connection) as big:
        response = client.get(HOME)
    assert response.context["page"].paginator.count == 200
    assert len(big.captured_queries) == len(small.captured_queries)


@time_machine.travel(TODAY)
def test_daily_command_run_now_reports_what_it_did(world, capsys):
    without_investigation(world)
    pending(world, date(2026, 11, 20))
    call_command("inbox_refresh", "--now")
    assert "新增 1" in capsys.readouterr().out


@time_machine.travel(TODAY)
def test_daily_command_queues_the_job_for_the_task_worker(world, capsys, monkeypatch):
    # The worker closes "old" connections between tasks; in a test that would close the connection holding the
    # test's transaction (tests keep no persistent connections), so the worker keeps it here.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    without_investigation(world)
    person = pending(world, date(2026, 11, 20))
    call_command("inbox_refresh")
    assert "已加入任务队列" in capsys.readouterr().out
    assert not InboxItem.objects.filter(supervisee=person).exists()  # queued, not yet run
    call_command("db_worker", "--batch", "--no-startup-delay")
    assert InboxItem.objects.filter(supervisee=person, kind="report_in", state="open").exists()
    job = DBTaskResult.objects.get()
    assert job.status == "SUCCESSFUL" and job.return_value == {"opened": 1, "updated": 0, "closed": 0}
