"""The to-do inbox: items computed by the duties the areas register, from the records and the statute, closing
themselves when the work is recorded; a write refreshes only its own area's duties."""

import dataclasses
from datetime import date, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sqjz.inbox import services
from sqjz.inbox.models import InboxItem
from sqjz.inbox.registry import DUTIES, Due, Duty, Scope, register
from sqjz.inbox.services import inbox_refresh
from sqjz.investigation.models import Investigation
from sqjz.rulebook.models import ParameterVersion
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import Status, Supervisee
from tests.factories import SuperviseeFactory

TODAY = date(2026, 11, 27)  # a Friday


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
    item = InboxItem.objects.get(supervisee=person, kind="report_in")
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
    assert inbox_refresh(ids=[person.pk], scope=Scope.PEOPLE).closed == 1
    item = InboxItem.objects.get(supervisee=person, kind="report_in")
    assert item.state == InboxItem.State.CLOSED and item.closed_at is not None


def test_discharge_evaluation_appears_as_time_passes(world):
    person = world.people["A"]
    person.term_end = date(2027, 3, 31)
    person.save()
    with time_machine.travel(date(2027, 1, 1)):
        inbox_refresh()
        assert not InboxItem.objects.filter(supervisee=person, kind="discharge_evaluation").exists()
    with time_machine.travel(date(2027, 2, 20)):  # due 2027-03-01, inside the 14-day look-ahead
        inbox_refresh()
        item = InboxItem.objects.get(supervisee=person, kind="discharge_evaluation")
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
    assert InboxItem.objects.filter(supervisee__name="陈新", kind="report_in").exists()


@time_machine.travel(TODAY)
def test_daily_command_run_now_reports_what_it_did(world, capsys):
    without_investigation(world)
    pending(world, date(2026, 11, 20))
    call_command("inbox_refresh", "--now")
    out = capsys.readouterr().out
    batches = -(-Supervisee.objects.count() // services.PEOPLE_PER_BATCH)
    opened = InboxItem.objects.filter(state="open").count()  # the pending report-in and the evaluator's ratings
    assert InboxItem.objects.filter(kind="report_in", state="open").exists()
    assert f"新增 {opened}" in out and f"已完成 {batches}/{batches} 批" in out


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
    call_command("task_worker", "--batch", "--no-startup-delay")
    assert InboxItem.objects.filter(supervisee=person, kind="report_in", state="open").exists()
    job = DBTaskResult.objects.get()
    opened = InboxItem.objects.filter(state="open").count()  # the pending report-in and the evaluator's ratings
    assert job.status == "SUCCESSFUL" and job.return_value["refresh"] == {"opened": opened, "updated": 0, "closed": 0}
    assert job.return_value["failed"] == []


# ------------------------------------------------------------------------------------------ the duty registry


@time_machine.travel(TODAY)
def test_an_item_names_the_unit_that_must_act_and_the_office_it_belongs_to(world):
    person = pending(world, date(2026, 11, 20))
    inbox_refresh()
    item = InboxItem.objects.get(supervisee=person, kind="report_in")
    assert item.actor_unit == world.units["yuxing"] and item.office == world.units["yuxing"]
    assert item.actor_name == "玉兴街道司法所"
    assert item.subject_label == person.name
    assert item.get_absolute_url() == f"/intake/{person.pk}/"


@time_machine.travel(TODAY)
def test_a_new_kind_of_duty_needs_no_inbox_migration(world, monkeypatch):
    """Registering a duty is all it takes: the item is stored and shown under its label, for the named user."""
    person = world.people["A"]
    officer = world.users["office_officer"]
    rule = RULES["REPORT_IN_DEADLINE"]

    def compute(ctx, today, ids):
        if ids is None or person.pk in ids:
            decision = rule(ctx, correction_type=person.correction_type, effective_date=TODAY)
            yield Due(
                person.pk,
                person.name,
                decision,
                person.judicial_office_id,
                person.judicial_office_id,
                supervisee_id=person.pk,
                actor_user_id=officer.pk,
            )

    test_duty = Duty(
        kind="test_visit",
        label="测试走访",
        area="test_area",
        capability="supervisee_edit",
        scope=Scope.PEOPLE,
        compute=compute,
        url=lambda pk: f"/test/{pk}/",
    )
    monkeypatch.setitem(DUTIES, test_duty.kind, test_duty)
    result = inbox_refresh(area="test_area")
    assert (result.opened, result.updated, result.closed) == (1, 0, 0)
    item = InboxItem.objects.get(kind="test_visit")
    assert item.kind_label == "测试走访" and item.actor_name == officer.full_name
    assert item.get_absolute_url() == f"/test/{person.pk}/"


def test_an_unknown_kind_is_refused():
    with pytest.raises(LookupError):
        InboxItem(kind="no_such_duty").get_absolute_url()
    with pytest.raises(ValueError, match="registered twice"):
        register(DUTIES["report_in"])


@time_machine.travel(TODAY)
def test_a_write_in_one_area_computes_only_that_areas_duties(world, monkeypatch):
    """The other areas' duties are not run, however many there are."""
    called = []
    for d in list(DUTIES.values()):
        monkeypatch.setitem(DUTIES, d.kind, dataclasses.replace(d, compute=_spy(d.compute, d.kind, called)))
    inbox_refresh(area="travel", ids=[world.people["A"].pk])
    assert sorted(called) == ["frequent_travel_decision", "travel_decision", "travel_return"]
    called.clear()
    inbox_refresh(ids=[world.people["A"].pk], scope=Scope.PEOPLE)
    assert "investigation" not in called and "opinion_reply" not in called and "travel_return" in called


def _spy(compute, kind, called):
    def spied(ctx, today, ids):
        called.append(kind)
        return compute(ctx, today, ids)

    return spied


@time_machine.travel(TODAY)
def test_a_scoped_refresh_leaves_other_peoples_items_alone(world):
    first = pending(world, date(2026, 11, 20))
    second = pending(world, date(2026, 11, 20))
    inbox_refresh()
    Supervisee.objects.filter(pk__in=[first.pk, second.pk]).update(status=Status.UNDER_CORRECTION)
    assert inbox_refresh(area="intake", ids=[first.pk]).closed == 1
    assert InboxItem.objects.get(supervisee=second, kind="report_in").state == InboxItem.State.OPEN


def test_every_registered_duty_has_a_label_an_area_and_an_actor_capability():
    from sqjz.accounts.permissions import Capability

    assert len(DUTIES) >= 16
    for d in DUTIES.values():
        assert d.label and d.area and d.capability in set(Capability), d.kind


# ------------------------------------------------------------------------------------------ daily steps


@time_machine.travel(TODAY)
def test_daily_steps_run_in_order_before_the_refresh_and_a_failing_step_does_not_stop_the_others(world, monkeypatch):
    from sqjz.inbox import daily
    from sqjz.inbox.services import inbox_daily

    ran = []

    def broken(today):
        ran.append("broken")
        raise RuntimeError("boom")

    steps = {
        "later": daily.DailyStep("later", "后", lambda today: ran.append("later") or 2, order=200),
        "broken": daily.DailyStep("broken", "坏", broken, order=10),
    }
    monkeypatch.setattr(daily, "STEPS", steps)
    result = inbox_daily()
    assert ran == ["broken", "later"]
    assert result.steps == {"later": 2} and result.failed == ["broken"]


def test_a_daily_step_is_registered_once():
    from sqjz.inbox.daily import STEPS, DailyStep, register_step

    assert "lost_contact" in STEPS  # the lost-contact area's step, loaded at start-up
    with pytest.raises(ValueError, match="twice"):
        register_step(DailyStep("lost_contact", "重复", lambda today: 0))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's statistics: the test above")
def test_the_daily_job_leaves_postgresql_planner_statistics_of_the_inbox(world):
    from sqjz.inbox.services import inbox_daily

    def reltuples() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'inbox_inboxitem'")
            return cursor.fetchone()[0]

    with connection.cursor() as cursor:  # as if never analysed (autovacuum is off on the test server)
        cursor.execute("UPDATE pg_class SET reltuples = -1 WHERE relname = 'inbox_inboxitem'")
    assert reltuples() == -1
    inbox_daily()
    assert reltuples() >= 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL: the test below")
def test_the_daily_job_leaves_sqlite_planner_statistics(world):
    from sqjz.inbox.services import inbox_daily

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    inbox_daily()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'inbox_inboxitem'")
        assert cursor.fetchone()[0] > 0


def _open_items() -> set[tuple]:
    return set(
        InboxItem.objects.filter(state=InboxItem.State.OPEN).values_list(
            "kind", "subject_id", "supervisee_id", "actor_unit_id", "actor_user_id", "due", "rule"
        )
    )


@time_machine.travel(TODAY)
@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_the_city_refresh_in_batches_gives_exactly_what_one_pass_gives(world, monkeypatch, batch):
    from tests.world import add_records

    add_records(world)
    monkeypatch.setattr(services, "PEOPLE_PER_BATCH", batch)
    monkeypatch.setattr(services, "PEOPLE_PER_WRITE", max(1, batch // 2))
    seen = []
    services.inbox_refresh(progress=lambda done, total: seen.append((done, total)))
    batched = _open_items()
    assert batched and seen[-1][0] == seen[-1][1] == len(seen)
    InboxItem.objects.all().delete()
    services._refresh(statute_context(), list(DUTIES.values()), None, TODAY)
    assert _open_items() == batched


@time_machine.travel(TODAY)
def test_the_daily_refresh_does_not_overwrite_what_a_write_changed_while_it_computed(world, monkeypatch):
    """A batch is computed before its transaction. A write that refreshes an item of the batch in between (an
    officer records a report-in while the job runs) wins: the batch is computed again under the lock."""
    without_investigation(world)
    person = pending(world, date(2026, 11, 20))
    report_in = DUTIES["report_in"]
    calls = []

    def racing(ctx, today, ids):
        calls.append(ids)
        dues = list(report_in.compute(ctx, today, ids))
        if len(calls) == 1:  # the job's first computation: the person reports in meanwhile, and the area refreshes
            Supervisee.objects.filter(pk=person.pk).update(status=Status.UNDER_CORRECTION)
            inbox_refresh(ids=[person.pk], scope=Scope.PEOPLE)
        return dues

    InboxItem.objects.create(
        kind="report_in", subject_id=person.pk, subject_label=person.name, supervisee=person,
        office=person.judicial_office, actor_unit=person.judicial_office, due=TODAY, rule="x", articles="", reasons="",
        changed_at=timezone.now() - timedelta(days=1),
    )  # fmt: skip
    monkeypatch.setattr(services, "PEOPLE_PER_BATCH", 1000)
    monkeypatch.setitem(DUTIES, "report_in", dataclasses.replace(report_in, compute=racing))
    inbox_refresh(area="intake")
    item = InboxItem.objects.get(kind="report_in", subject_id=person.pk)
    assert item.state == InboxItem.State.CLOSED  # not reopened from the stale computation
    assert not InboxItem.objects.filter(kind="report_in", subject_id=person.pk, state="open").exists()
    assert len(calls) == 3  # the first computation, the write's own refresh, the computation under the lock


def ended(person, end: date) -> None:
    Supervisee.objects.filter(pk=person.pk).update(
        status=Status.DISCHARGED, term_start=end - timedelta(days=365), term_end=end
    )


@time_machine.travel(TODAY)
def test_the_daily_refresh_computes_for_active_and_recent_people_and_for_those_with_open_items(world, monkeypatch):
    """Not for every record in the register's history: a person discharged long ago is computed only while an item
    of theirs is open (so that it closes)."""
    long_ago, recently, with_item = SuperviseeFactory.create_batch(
        3, judicial_office=world.yuxing, deciding_authority=world.people["A"].deciding_authority
    )
    for person, end in ((long_ago, TODAY - timedelta(days=400)), (recently, TODAY - timedelta(days=30))):
        ended(person, end)
    ended(with_item, TODAY - timedelta(days=400))
    InboxItem.objects.create(
        kind="report_in", subject_id=with_item.pk, subject_label=with_item.name, supervisee=with_item,
        office=with_item.judicial_office, actor_unit=with_item.judicial_office, due=TODAY, rule="x", articles="",
        reasons="",
    )  # fmt: skip
    computed = set()

    def spy(ctx, today, ids):
        computed.update(ids)
        return []

    monkeypatch.setitem(DUTIES, "report_in", dataclasses.replace(DUTIES["report_in"], compute=spy))
    inbox_refresh(area="intake")
    assert recently.pk in computed and with_item.pk in computed and long_ago.pk not in computed
    active = Supervisee.objects.filter(status__in=[Status.UNDER_CORRECTION, Status.PENDING_REPORT])
    assert set(active.values_list("pk", flat=True)) <= computed
    assert InboxItem.objects.get(subject_id=with_item.pk).state == InboxItem.State.CLOSED


def _with_records(world, person) -> None:
    """Records that call for a to-do of most kinds about people while the person is under correction: missed
    check-ins, a leave to decide, an open lost-contact case, a graded period calling for a commendation, two
    admonitions not corrected."""
    from sqjz.assessment.models import QuarterlyAssessment
    from sqjz.enforcement.models import Measure
    from sqjz.intake.services import level_set
    from sqjz.lostcontact.models import LostContact
    from sqjz.supervision.checkins.models import AppEnrolment
    from sqjz.supervision.travel.models import TravelLeave

    officer = world.users["office_officer"]
    level_set(actor=officer, supervisee=person, on=TODAY - timedelta(days=2))
    AppEnrolment.objects.create(supervisee=person, enrolled_on=TODAY - timedelta(days=20), enrolled_by=officer)
    TravelLeave.objects.create(
        supervisee=person, purpose="family", reason="探亲", destination="昆明市", start=TODAY + timedelta(days=3),
        days=3, applied_on=TODAY, evidence="证明", level="judicial_office", level_reasons="", lead_time_note="",
        recorded_by=officer,
    )  # fmt: skip
    LostContact.objects.create(
        supervisee=person, since=TODAY - timedelta(days=12), trigger="officer", opened_on=TODAY - timedelta(days=11)
    )
    QuarterlyAssessment.objects.create(
        supervisee=person, period_number=1, period_start=TODAY - timedelta(days=100),
        period_end=TODAY - timedelta(days=10), grade="good", assessed_on=TODAY - timedelta(days=5),
        assessed_by=officer, consequence={"commendation": "required"}, consequence_rule="QUARTERLY_GRADE_CONSEQUENCES",
        consequence_articles="实施办法第三十三条", consequence_reasons="良好",
    )  # fmt: skip
    for days in (60, 30):
        Measure.objects.create(
            supervisee=person, kind=Measure.Kind.ADMONITION, status=Measure.Status.APPROVED, proposal="建议",
            proposed_by=officer, decided_on=TODAY - timedelta(days=days),
        )  # fmt: skip


@time_machine.travel(TODAY)
@pytest.mark.parametrize("batch", [2, 3, 1000])
def test_batches_read_by_id_range_give_the_items_of_batches_read_by_id_list(world, monkeypatch, batch):
    """A batch is read by its id range where a duty keeps only people under correction or waiting to report in.
    The range also spans people in no batch (ended long ago, with records that would call for items): a mixed
    population, interleaved by id, gets exactly the items that batches given as lists of ids give."""
    from tests.world import add_records

    add_records(world)
    make = {"office": world.yuxing, "deciding_authority": world.people["A"].deciding_authority}
    population = {}
    for name in ("under1", "ended_long_ago1", "under2", "ended_recently", "ended_long_ago2", "pending", "under3"):
        person = pending(world, TODAY - timedelta(days=3)) if name == "pending" else SuperviseeFactory(
            judicial_office=make["office"], deciding_authority=make["deciding_authority"],
            term_start=TODAY - timedelta(days=400), term_end=TODAY + timedelta(days=300),
        )  # fmt: skip
        _with_records(world, person)
        population[name] = person
    for name, end in (("ended_long_ago1", 400), ("ended_long_ago2", 500), ("ended_recently", 20)):
        ended(population[name], TODAY - timedelta(days=end))
    monkeypatch.setattr(services, "PEOPLE_PER_BATCH", batch)

    services.inbox_refresh()
    by_range = _open_items()
    InboxItem.objects.all().delete()
    monkeypatch.setattr(services, "Batch", list)  # every batch a plain list of ids, as before the ranges
    services.inbox_refresh()

    assert _open_items() == by_range
    kinds = {kind for kind, _, supervisee_id, *_ in by_range if supervisee_id == population["under2"].pk}
    assert {"checkin", "travel_decision", "lost_contact_search", "enforcement_commendation_due"} <= kinds
    ended_long_ago = {population["ended_long_ago1"].pk, population["ended_long_ago2"].pk}
    assert not [item for item in by_range if item[2] in ended_long_ago]
