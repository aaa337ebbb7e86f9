"""The data migrations that re-derive the minor flag under 周岁 counted from the day after the birthday."""

import importlib
from datetime import date

from django.apps import apps

from sqjz.investigation.models import Investigation
from sqjz.supervisees.models import Supervisee
from tests.factories import InvestigationFactory, SuperviseeFactory, resident_id

SUPERVISEES = importlib.import_module("sqjz.supervisees.migrations.0003_seal_offences_on_the_eighteenth_birthday")
INVESTIGATIONS = importlib.import_module("sqjz.investigation.migrations.0003_seal_offences_on_the_eighteenth_birthday")


def test_records_of_offences_on_the_eighteenth_birthday_are_sealed_and_no_flag_is_removed(world):
    birth = date(2008, 5, 11)
    where = {"judicial_office": world.yuxing, "deciding_authority": world.units["hongta_court"], "birth_date": birth}
    on_birthday = SuperviseeFactory(**where, id_number=resident_id("530402", birth, 7), offence_date=date(2026, 5, 11))
    day_after = SuperviseeFactory(**where, id_number=resident_id("530402", birth, 8), offence_date=date(2026, 5, 12))
    # As the old counting (a year older on the birthday itself) left them:
    Supervisee.objects.filter(pk=on_birthday.pk).update(is_minor=False)
    inv = InvestigationFactory(
        birth_date=birth,
        id_number=resident_id("530402", birth, 9),
        offence_date=date(2026, 5, 11),
        commissioning_body=world.units["hongta_court"],
        judicial_office=world.yuxing,
        created_by=world.users["office_officer"],
    )
    Investigation.objects.filter(pk=inv.pk).update(is_minor=False)
    SUPERVISEES.seal(apps, None)
    INVESTIGATIONS.seal(apps, None)
    flags = dict(Supervisee.objects.values_list("pk", "is_minor"))
    assert flags[on_birthday.pk] and not flags[day_after.pk]
    assert flags[world.people["M"].pk] and not flags[world.people["A"].pk]
    assert Investigation.objects.get(pk=inv.pk).is_minor
