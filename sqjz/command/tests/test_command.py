"""The command centre's screen (decision 0048): its numbers equal direct counts over the records, follow a write at
once (a check-in) without the daily job, drill down within the user's own area only, and cost the same few queries
whatever the number of offices."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.command import selectors
from sqjz.command.figures import approval_kinds
from sqjz.discharge.figures import trend_counts
from sqjz.figures.services import figures_refresh
from sqjz.inbox.models import InboxItem
from sqjz.inbox.services import inbox_refresh
from sqjz.lostcontact.models import LostContact
from sqjz.organisation.models import Unit
from sqjz.supervisees.models import CorrectionType, Status, Supervisee
from sqjz.supervision.checkins.selectors import checkin_counts
from sqjz.supervision.models import AppEnrolment
from sqjz.supervision.monitoring.models import MonitoringAlert
from sqjz.supervision.tests.test_checkins import check_in, enrol, photos_processed
from tests.factories import SuperviseeFactory
from tests.world import add_records

DAY = date(2026, 11, 18)


def _person(w, office, **fields) -> Supervisee:
    return SuperviseeFactory(judicial_office=office, deciding_authority=w.units["hongta_court"], **fields)


def _screen(user, **params):
    area = selectors.area_for(user, **params)
    return selectors.screen(user, area)


def test_the_city_screen_equals_direct_counts_over_the_records(world):
    w = add_records(world)
    _person(w, w.units["fenghuang"], is_three_no=True)
    inbox_refresh()  # the daily job: every to-do and every office's figures
    city = w.users["city_officer"]
    s = _screen(city)
    assert s.area.kind == "city" and {r.unit.kind for r in s.rows} == {Unit.Kind.COUNTY_AGENCY}
    t = s.totals
    people = Supervisee.objects.all()  # the world is all Yuxi: the city's area
    under = people.filter(status=Status.UNDER_CORRECTION)
    assert t["register"][Status.UNDER_CORRECTION] == under.count() > 0
    assert t["register"][Status.PENDING_REPORT] == people.filter(status=Status.PENDING_REPORT).count()
    for value in CorrectionType.values:
        assert t["population"][value] == under.filter(correction_type=value).count()
    assert t["population"]["three_no"] == under.filter(is_three_no=True).count() >= 1
    assert t["population"]["minor"] == under.filter(is_minor=True).count()
    assert sum(t["levels"].values()) == under.count()
    # Check-ins count minors too (the city's check-in list does not name them): against the records themselves.
    enrolled = AppEnrolment.objects.filter(supervisee__status=Status.UNDER_CORRECTION).count()
    assert t["checkin"]["all"] == under.count()
    assert t["checkin"]["enrolled"] == enrolled and t["checkin"]["not_enrolled"] == under.count() - enrolled
    assert t["checkin"]["done"] == under.filter(checkins__checked_on=date.today()).distinct().count()
    # The figures are the offices' (a county agency's own to-dos, such as its committee's, are not an office's).
    open_items = InboxItem.objects.filter(state=InboxItem.State.OPEN, office__kind=Unit.Kind.JUDICIAL_OFFICE)
    assert t["todo"]["open"] == open_items.count()
    assert t["approvals"]["waiting"] == open_items.filter(kind__in=approval_kinds()).count()
    assert t["lost_contact"]["open"] == LostContact.objects.filter(state=LostContact.State.OPEN).count()
    assert t["monitoring"]["alerts"] == MonitoringAlert.objects.exclude(status=MonitoringAlert.Status.CLOSED).count()


def test_a_countys_screen_lists_its_offices_and_their_check_ins_equal_the_check_in_list(world):
    w = add_records(world)
    inbox_refresh()
    head = w.users["county_head"]
    s = _screen(head)
    assert s.area.kind == "county"
    offices = set(Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county=w.hongta).values_list("pk", flat=True))
    assert {r.unit.pk for r in s.rows} == offices
    counts = checkin_counts(head, date.today())
    assert {k: s.totals["checkin"][k] for k in counts} == counts
    yuxing = next(r for r in s.rows if r.unit.pk == w.yuxing.pk)
    direct = Supervisee.objects.filter(judicial_office=w.yuxing).aggregate(
        under=Count("pk", filter=Q(status=Status.UNDER_CORRECTION)),
        pending=Count("pk", filter=Q(status=Status.PENDING_REPORT)),
    )
    assert yuxing.values["register"][Status.UNDER_CORRECTION] == direct["under"]
    assert yuxing.values["register"][Status.PENDING_REPORT] == direct["pending"]
    assert yuxing.link == f"{reverse('command:screen')}?office={w.yuxing.pk}"


def test_a_check_in_shows_on_the_screen_at_once_without_the_daily_job(world, client):
    person, _ = enrol(world)
    with time_machine.travel(DAY):
        person.status = Status.UNDER_CORRECTION
        person.save()
        figures_refresh()  # last night's job
        client.force_login(world.users["office_officer"], backend="django.contrib.auth.backends.ModelBackend")
        before = client.get(reverse("command:live")).context["screen"].totals["checkin"]
    check_in(world.users["supervisee"], DAY, "command-live-0001")
    with time_machine.travel(DAY):
        photos_processed()  # the task worker, seconds later: it counts the check-in and keeps the office's figure
        after = client.get(reverse("command:live")).context["screen"].totals["checkin"]
    assert after["done"] == before["done"] + 1
    assert after["missing"] == before["missing"] - 1


def test_drilling_down_stays_inside_the_users_own_area(world):
    w = world
    jiangchuan_office = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, county=w.jiangchuan).first()
    city, head, office = w.users["city_officer"], w.users["county_head"], w.users["office_officer"]
    # The city drills into a county, then one of its offices.
    county = selectors.area_for(city, county=w.jiangchuan.pk)
    assert county.kind == "county" and county.county_division_id == w.jiangchuan.pk
    assert selectors.area_for(city, office=jiangchuan_office.pk).unit == jiangchuan_office
    # A county user asking for another county's office gets their own county; an office officer their own office.
    assert selectors.area_for(head, office=jiangchuan_office.pk).unit == head.unit
    assert selectors.area_for(head, county=w.jiangchuan.pk).unit == head.unit
    assert selectors.area_for(office, office=jiangchuan_office.pk).unit == w.yuxing
    # Courts, helpers: no area, no screen.
    assert selectors.area_for(w.users["judge"]) is None


@pytest.mark.parametrize("role,status", [("city_officer", 200), ("county_head", 200), ("office_officer", 200)])
def test_the_screen_and_its_live_part_answer_the_roles_that_watch_an_area(world, client, role, status):
    client.force_login(world.users[role], backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("command:screen"))
    assert page.status_code == status
    assert "智慧矫正指挥中心" in page.content.decode()
    assert client.get(reverse("command:live")).status_code == status
    assert page["Cache-Control"].startswith("max-age=0")


def test_minors_are_counted_but_their_list_is_not_offered_above_the_office(world):
    w = add_records(world)
    _person(w, w.yuxing, birth_date=date(2010, 1, 1), offence_date=date(2026, 1, 1))
    figures_refresh()
    city_tiles = selectors.tiles(_screen(w.users["city_officer"]))
    minor = next(t for t in city_tiles["特殊人群"] if t.label == "未成年人")
    assert minor.value >= 1 and minor.link == "" and minor.note
    office_tiles = selectors.tiles(_screen(w.users["office_officer"]))
    assert next(t for t in office_tiles["特殊人群"] if t.label == "未成年人").link


def test_the_city_screen_reads_the_same_few_queries_whatever_the_number_of_offices(world, client):
    figures_refresh()
    client.force_login(world.users["city_officer"], backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("command:live")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        Unit.objects.create(
            name=f"新增司法所{i}",
            kind=Unit.Kind.JUDICIAL_OFFICE,
            division=world.yuxing_township,
            county=world.hongta,
            parent=world.units["hongta_agency"],
        )
    figures_refresh()
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(few) <= 12


@time_machine.travel(DAY)
def test_the_trend_follows_term_start_and_the_end_of_a_correction(world):
    office = world.yuxing
    today = DAY
    before = trend_counts([office.pk], today).get(office.pk, {})  # the world's own people at 玉兴
    _person(
        world,
        office,
        term_start=today - timedelta(days=70),  # 2026-09-09: intake three months back (month 2)
        term_end=today + timedelta(days=300),
    )
    _person(
        world,
        office,
        status=Status.DISCHARGED,
        term_start=date(2025, 6, 1),  # before the window: active from the start, ended in October (month 1)
        term_end=date(2026, 10, 20),
    )
    after = trend_counts([office.pk], today)[office.pk]
    counts = {key: value - before.get(key, 0) for key, value in after.items()}
    assert counts["intake_2"] == 1 and counts["ended_1"] == 1
    assert counts["active_0"] == 1  # today: the newcomer only
    assert counts["active_2"] == 2  # the end of September: both
    assert counts["active_11"] == 1  # the end of December 2025: the discharged one only
    assert sum(counts[f"intake_{i}"] for i in range(12)) == 1
