"""`demo_bulk` at a small scale: the rows it writes past the ORM are the rows the services would have written, and the
officers' pages render with them."""

import hashlib
from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction
from django.db.models import Count
from django.urls import reverse

from sqjz.accounts.models import Role, User
from sqjz.core.identity import parse_resident_id
from sqjz.core.photos import photo_path
from sqjz.demo.bulk import PHOTO, SYNTHETIC, bulk_generate
from sqjz.demo.generator import seed_demo
from sqjz.intake.models import Handover, LevelDecision
from sqjz.organisation.models import Division, Unit
from sqjz.organisation.services import units_create_for_city
from sqjz.supervisees.models import ACTIVE_STATUSES, IdType, Status, Supervisee
from sqjz.supervisees.services import supervisee_derive, supervisee_problems
from sqjz.supervision.checkins.models import AppEnrolment, CheckIn
from tests.factories import SuperviseeFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
UNDER, HISTORY, DAYS = 300, 1000, 7


def quiet(message: str) -> None:
    pass


@pytest.fixture(scope="module")
def bulk(django_db_setup, django_db_blocker):
    """The Yuxi demo at its smallest, then the bulk people, once for the module in a transaction rolled back at its
    end; tests only read."""
    messages: list[str] = []
    with (
        django_db_blocker.unblock(),
        time_machine.travel(NOW, tick=False),
        transaction.atomic(),
    ):
        seed_demo(supervisees=5, discharged=2, seed=7, today=TODAY, progress=quiet)
        yuxi = set(Supervisee.objects.values_list("id", flat=True))
        result = bulk_generate(
            under=UNDER, history=HISTORY, checkin_days=DAYS, seed=3, today=TODAY, progress=messages.append
        )
        yield result, yuxi, messages
        transaction.set_rollback(True)
    with django_db_blocker.unblock():
        connection.close()


def bulk_people(yuxi):
    return Supervisee.objects.exclude(id__in=yuxi)


def test_the_people_asked_for_are_added_in_synthetic_offices_of_15_to_25_beside_the_yuxi_people(bulk):
    result, yuxi, messages = bulk
    people = bulk_people(yuxi)
    statuses = Counter(people.values_list("status", flat=True))
    assert sum(statuses[s] for s in ACTIVE_STATUSES) == UNDER == result.under
    assert statuses[Status.DISCHARGED] + statuses[Status.TERMINATED] == HISTORY == result.history
    assert statuses[Status.PENDING_REPORT] > 0 and statuses[Status.TERMINATED] > 0
    assert not people.exclude(judicial_office__division__code__startswith=SYNTHETIC).exists()
    assert Supervisee.objects.filter(id__in=yuxi, judicial_office__division__code__startswith=SYNTHETIC).count() == 0
    sizes = sorted(
        people.filter(status__in=ACTIVE_STATUSES)
        .values("judicial_office")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    )
    assert all(15 <= n <= 25 for n in sizes[1:]) and sizes[0] <= 25  # the last office takes what is left
    offices = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, division__code__startswith=SYNTHETIC)
    assert offices.count() == result.offices == len(sizes)
    assert offices.first().name.startswith("模拟司法所")
    assert any(m.startswith(f"已生成 {UNDER + HISTORY:,}/{UNDER + HISTORY:,} 人") and "行/秒" in m for m in messages)


def test_synthetic_counties_are_shaped_as_the_organisation_service_shapes_a_county(bulk):
    city = Division.objects.get(code="530400")
    assert units_create_for_city(city, prison_name="云南省玉溪监狱") == 0
    for office in Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, division__code__startswith=SYNTHETIC):
        assert office.parent.kind == Unit.Kind.COUNTY_AGENCY and office.parent.parent.division == city
        officer = User.objects.get(unit=office)
        assert officer.role == Role.OFFICE_OFFICER and officer.has_usable_password()


def test_records_pass_the_models_validation_and_the_registers_checks(bulk):
    _, yuxi, _ = bulk
    people = list(bulk_people(yuxi).select_related("judicial_office__county"))
    for s in people[:: len(people) // 60]:
        s.full_clean()
        assert supervisee_problems(s) == [], s.pk
    for s in people:
        assert s.term_start < s.term_end and s.offence_date <= s.judgment_effective_date <= s.term_start
        assert (s.term_end < TODAY) == (s.status not in ACTIVE_STATUSES)
        if s.id_type == IdType.RESIDENT:
            parsed = parse_resident_id(s.id_number, today=TODAY)
            assert parsed.birth_date == s.birth_date and parsed.is_male == (s.gender == "male")


def test_derived_and_index_fields_are_what_the_services_compute(bulk):
    _, yuxi, _ = bulk
    for s in bulk_people(yuxi):
        stored = (s.name_initials, s.id_number_index, s.phone_index, s.is_minor, s.county_id)
        supervisee_derive(s)
        assert (s.name_initials, s.id_number_index, s.phone_index, s.is_minor, s.county_id) == stored, s.pk
    assert bulk_people(yuxi).filter(is_minor=True).exists()


def test_identity_numbers_are_unique_and_one_active_record_per_person(bulk):
    numbers = list(Supervisee.objects.values_list("id_number_index", flat=True))
    assert len(numbers) == len(set(numbers))


def test_each_record_has_one_creation_history_row_with_the_same_numbers(bulk):
    _, yuxi, _ = bulk
    people = {s.pk: s for s in bulk_people(yuxi)}
    rows = Supervisee.history.filter(id__in=people)
    assert rows.count() == len(people)
    for row in rows:
        s = people[row.id]
        assert row.history_type == "+" and row.history_user.unit_id == s.judicial_office_id
        assert (row.id_number, row.phone, row.status, row.term_end) == (s.id_number, s.phone, s.status, s.term_end)
    handovers = Handover.objects.filter(supervisee__in=people)
    assert Handover.history.filter(id__in=handovers.values("id"), history_type="+").count() == handovers.count()


def test_people_under_correction_have_report_in_level_phone_account_and_recent_checkins(bulk):
    _, yuxi, _ = bulk
    under = bulk_people(yuxi).filter(status=Status.UNDER_CORRECTION)
    assert Handover.objects.filter(supervisee__in=under, reported_on__isnull=False).count() == under.count()
    assert LevelDecision.objects.filter(supervisee__in=under).count() == under.count()
    enrolled = AppEnrolment.objects.filter(supervisee__in=under)
    assert 0.8 * under.count() < enrolled.count() < under.count()
    accounts = User.objects.filter(supervisee__in=enrolled.values("supervisee"))
    assert accounts.count() == enrolled.count()
    assert all(a.role == Role.SUPERVISEE and not a.has_usable_password() for a in accounts)
    checkins = CheckIn.objects.filter(supervisee__in=under)
    days = set(checkins.values_list("checked_on", flat=True))
    assert days <= {TODAY - timedelta(days=d) for d in range(1, DAYS)} and len(days) >= DAYS - 2
    assert not checkins.exclude(supervisee__in=enrolled.values("supervisee")).exists()
    digest = hashlib.sha256(photo_path(PHOTO).read_bytes()).hexdigest()
    assert set(checkins.values_list("photo", "photo_sha256")) == {(PHOTO, digest)}


def test_an_office_officer_and_the_city_officer_see_the_bulk_people_on_their_pages(bulk, login):
    _, yuxi, _ = bulk
    person = bulk_people(yuxi).filter(status=Status.UNDER_CORRECTION, app_enrolment__isnull=False).first()
    officer = User.objects.get(unit=person.judicial_office, role=Role.OFFICE_OFFICER)
    with time_machine.travel(NOW, tick=False):
        client = login(officer)
        register = client.get(reverse("supervisees:list"))
        assert register.status_code == 200 and person.name in register.content.decode()
        for name in ("supervisees:detail", "supervision:checkins"):
            assert client.get(reverse(name, args=[person.pk])).status_code == 200, name
        checkins = client.get(reverse("supervision:checkin_list"), {"show": "all"})
        assert checkins.status_code == 200 and person.name in checkins.content.decode()
        client = login(User.objects.get(username="liujianguo"))
        city = client.get(reverse("supervisees:list"), {"q": person.name})
        assert city.status_code == 200 and person.name in city.content.decode()
        assert client.get(reverse("supervisees:detail", args=[person.pk])).status_code == 200


def test_records_saved_after_the_load_get_ids_past_the_loaded_ones(bulk):
    _, yuxi, _ = bulk
    last = bulk_people(yuxi).order_by("-id").select_related("judicial_office", "deciding_authority").first()
    added = SuperviseeFactory(
        judicial_office=last.judicial_office, deciding_authority=last.deciding_authority, status=Status.DISCHARGED
    )
    assert added.pk > last.pk
    assert Handover.objects.create(supervisee=added).pk > Handover.objects.exclude(supervisee=added).latest("id").pk
