"""Same seed and day → same demo data; running the seeding again adds new people instead of failing."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from django.db import transaction

from sqjz.accounts.models import User
from sqjz.demo.generator import CITY_CODE, PRISON_NAME, DemoGenerator, seed_demo
from sqjz.organisation.models import Division
from sqjz.organisation.services import divisions_load, units_create_for_city
from sqjz.supervisees.models import Gender, Supervisee
from sqjz.supervisees.services import identity_index

TODAY = date(2026, 11, 28)
FROZEN = datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def quiet(message: str) -> None:
    pass


def _people_after_seeding(seed: int) -> list[tuple[str, str]]:
    """Seed a database without accounts or people, read who was created, and roll everything back."""
    with transaction.atomic():
        seed_demo(supervisees=20, discharged=10, seed=seed, today=TODAY, progress=quiet)
        people = list(Supervisee.objects.order_by("id").values_list("name", "id_number"))
        transaction.set_rollback(True)
    assert not Supervisee.objects.exists() and not User.objects.exists()
    return people


def test_same_seed_and_day_give_the_same_people(db):
    # The organisation tree is loaded once up front (it is loaded idempotently by every run anyway).
    divisions_load()
    units_create_for_city(Division.objects.get(code=CITY_CODE), prison_name=PRISON_NAME)
    first = _people_after_seeding(7)
    assert len(first) == 20 + 10 + 2  # and 陈刚, and the judgment a court sent (decision 0041)
    assert _people_after_seeding(7) == first
    assert _people_after_seeding(8) != first


def test_seeding_again_adds_new_people_next_to_the_first_ones(db):
    with time_machine.travel(FROZEN, tick=False):
        seed_demo(supervisees=40, discharged=20, seed=7, today=TODAY, progress=quiet)
        before = set(Supervisee.objects.values_list("id_number", flat=True))
        counts = seed_demo(supervisees=40, discharged=20, seed=7, today=TODAY, progress=quiet)
    assert (counts.units, counts.accounts, counts.supervisees) == (0, 0, 40 + 20)
    assert Supervisee.objects.count() == 2 * (40 + 20) + 2  # and 陈刚, and the judgment a court sent, once each
    assert User.objects.filter(full_name="陈刚").count() == 1
    after = list(Supervisee.objects.values_list("id_number", flat=True))
    assert len(set(after)) == len(after)
    assert before < set(after)


def test_generator_never_repeats_document_numbers_it_is_told_are_taken():
    first = DemoGenerator(seed=7, today=TODAY)
    taken = [first.id_number("530402", date(1990, 5, 17), Gender.MALE) for _ in range(5)]
    taken.append(first.passport_number())
    again = DemoGenerator(seed=7, today=TODAY, taken_indexes=frozenset(identity_index(n) for n in taken))
    fresh = [again.id_number("530402", date(1990, 5, 17), Gender.MALE) for _ in range(5)]
    fresh.append(again.passport_number())
    assert not set(fresh) & set(taken)
    # Told nothing, the same seed gives the same numbers again.
    same = DemoGenerator(seed=7, today=TODAY)
    assert [same.id_number("530402", date(1990, 5, 17), Gender.MALE) for _ in range(5)] == taken[:5]
