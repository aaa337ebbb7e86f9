"""Stored figures per office (decision 0025): computed by the registered figures, stored in batches by the daily job,
kept by the writes that change them, and read back by urgency and as totals."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError

from sqjz.figures import services
from sqjz.figures.models import OfficeFigure
from sqjz.figures.registry import Figure, register_figure
from sqjz.figures.selectors import figure_rows, figure_totals
from sqjz.inbox.figures import TODO_FIGURE
from sqjz.inbox.services import inbox_refresh
from sqjz.inbox.tests.test_inbox import TODAY, pending, without_investigation
from sqjz.organisation.models import Unit
from sqjz.supervisees.permissions import area_offices


def todo(office) -> dict:
    return OfficeFigure.objects.get(name=TODO_FIGURE, office=office).values


def test_a_figure_is_registered_once():
    with pytest.raises(ValueError, match="twice"):
        register_figure(Figure(TODO_FIGURE, "重复", ("open",), lambda offices, today: {}, lambda v: 0))


@time_machine.travel(TODAY)
def test_the_daily_refresh_stores_every_offices_figures_in_batches_with_zeros_where_nothing_is_open(world, monkeypatch):
    without_investigation(world)
    pending(world, TODAY - timedelta(days=30))  # report-in overdue at 玉兴
    pending(world, TODAY - timedelta(days=2), office="fenghuang")  # due in a few days
    monkeypatch.setattr(services, "OFFICES_PER_BATCH", 3)
    monkeypatch.setattr(services, "OFFICES_PER_WRITE", 2)
    inbox_refresh()
    offices = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE)
    assert OfficeFigure.objects.filter(name=TODO_FIGURE, office__in=offices).count() == offices.count()
    assert todo(world.yuxing) == {"open": 1, "overdue": 1}
    assert todo(world.units["fenghuang"]) == {"open": 1, "overdue": 0}
    assert todo(world.units["xingyun"]) == {"open": 0, "overdue": 0}
    rows = list(figure_rows(TODO_FIGURE, offices))
    assert [r.office_id for r in rows[:2]] == [world.yuxing.pk, world.units["fenghuang"].pk]  # overdue first
    totals = figure_totals(TODO_FIGURE, offices)
    assert totals.values == {"open": 2, "overdue": 1} and totals.offices == offices.count()
    assert totals.as_of is not None


@time_machine.travel(TODAY)
def test_a_write_keeps_its_offices_figures_and_a_day_passing_needs_the_daily_job(world):
    without_investigation(world)
    inbox_refresh()
    person = pending(world, TODAY - timedelta(days=3))
    inbox_refresh(ids=[person.pk])  # what a service does after registering the person
    assert todo(world.yuxing) == {"open": 1, "overdue": 0}
    with time_machine.travel(TODAY + timedelta(days=30)):
        inbox_refresh(ids=[person.pk])
        assert todo(world.yuxing) == {"open": 1, "overdue": 1}
        person.status = "under_correction"
        person.save()
        inbox_refresh(ids=[person.pk])  # reported in: the item closes, and the office's figure follows
        assert todo(world.yuxing)["open"] == 0


def test_one_row_per_figure_and_office(world):
    services.figures_refresh(offices=[world.yuxing.pk])
    row = OfficeFigure.objects.get(name=TODO_FIGURE, office=world.yuxing)
    with pytest.raises(IntegrityError):
        OfficeFigure.objects.create(name=TODO_FIGURE, office=world.yuxing, computed_at=row.computed_at)


def test_who_reads_which_offices_figures(world):
    offices = {role: area_offices(user) for role, user in world.users.items()}
    every = set(Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE).values_list("pk", flat=True))
    hongta = set(
        Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county=world.yuxing.county).values_list("pk", flat=True)
    )
    assert set(offices["office_officer"]) == {world.yuxing}
    assert {o.pk for o in offices["county_officer"]} == hongta != every
    assert {o.pk for o in offices["city_officer"]} == every
    for role in ("judge", "prison_officer", "social_worker", "volunteer", "mentor", "evaluator", "supervisee", "admin"):
        if role in offices:
            assert offices[role] is None, role


def test_totals_of_no_rows_are_zeros(world):
    totals = figure_totals(TODO_FIGURE, Unit.objects.none())
    assert totals.values == {"open": 0, "overdue": 0} and totals.offices == 0 and totals.as_of is None


@time_machine.travel(TODAY)
def test_each_county_agency_row_sums_its_countys_offices(world):
    without_investigation(world)
    pending(world, TODAY - timedelta(days=30))
    pending(world, TODAY - timedelta(days=2), office="fenghuang")
    inbox_refresh()
    hongta = OfficeFigure.objects.get(name=TODO_FIGURE, office=world.units["hongta_agency"])
    assert hongta.values == {"open": 2, "overdue": 1}
    jiangchuan = OfficeFigure.objects.get(name=TODO_FIGURE, office=world.units["jiangchuan_agency"])
    assert jiangchuan.values == {"open": 0, "overdue": 0}
    agencies = area_offices(world.users["city_officer"], Unit.Kind.COUNTY_AGENCY)
    assert figure_totals(TODO_FIGURE, agencies).values == {"open": 2, "overdue": 1}
    late = pending(world, TODAY - timedelta(days=40), office="fenghuang")
    inbox_refresh(ids=[late.pk])  # a write keeps its office's row and its county's
    hongta.refresh_from_db()
    assert hongta.values == {"open": 3, "overdue": 2}


@time_machine.travel(TODAY)
def test_the_workbench_counts_by_status_come_from_the_register_figure_and_follow_a_registration(world, login):
    from django.urls import reverse

    from sqjz.supervisees.models import Status, Supervisee

    inbox_refresh()
    home = reverse("workbench:home")
    city = login(world.users["city_officer"]).get(home)
    everyone = Supervisee.objects.filter(status=Status.UNDER_CORRECTION).count()  # minors counted, never named
    assert city.context["counts_exact"] and city.context["counts"][Status.UNDER_CORRECTION] == everyone
    county = login(world.users["county_officer"]).get(home).context["counts"]
    hongta = Supervisee.objects.filter(status=Status.PENDING_REPORT, county=world.yuxing.county)
    before = county[Status.PENDING_REPORT]
    assert before == hongta.count()
    person = pending(world, TODAY - timedelta(days=2))
    inbox_refresh(ids=[person.pk])  # what registering does
    after = login(world.users["county_officer"]).get(home).context["counts"][Status.PENDING_REPORT]
    assert after == before + 1
    court = login(world.users["judge"]).get(home).context
    assert "counts_exact" not in court  # a court's people are not an area: counted live, bounded


@time_machine.travel(TODAY)
def test_a_city_agencys_row_sums_its_counties_daily_and_after_a_write_in_the_task_worker(
    world, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from sqjz.figures.services import figures_cities_refresh

    without_investigation(world)
    city = Unit.objects.get(kind=Unit.Kind.CITY_AGENCY)
    services.figures_refresh()  # the daily job: offices, counties, cities
    counties = OfficeFigure.objects.filter(name=TODO_FIGURE, office__kind=Unit.Kind.COUNTY_AGENCY)
    assert todo(city) == {"open": sum(r.values["open"] for r in counties), "overdue": 0}
    person = pending(world, TODAY - timedelta(days=30))  # report-in overdue at 玉兴
    queued = DBTaskResult.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        inbox_refresh(ids=[person.pk])  # what a service does after registering the person
    assert todo(world.yuxing)["overdue"] == 1  # the office's and its county's rows commit with the write
    assert todo(city)["overdue"] == 0  # the city's follows in the task worker
    task = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert DBTaskResult.objects.count() > queued and task.args_kwargs["args"][0] == [city.division_id]
    figures_cities_refresh(*task.args_kwargs["args"])
    assert todo(city)["overdue"] == 1
