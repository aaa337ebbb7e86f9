"""The county on each record: the migration fills it from the office, an edit that moves the record to another
office moves it too, and a county's users see exactly their county's records through it."""

import importlib

from django.apps import apps

from sqjz.supervisees.models import Supervisee
from sqjz.supervisees.permissions import supervisees_for
from sqjz.supervisees.services import supervisee_derive

FILL = importlib.import_module("sqjz.supervisees.migrations.0008_supervisee_county_values")


def test_the_migration_fills_every_records_county_from_its_office(world):
    hongta, jiangchuan = world.yuxing.county_id, world.units["xingyun"].county_id
    assert hongta != jiangchuan
    Supervisee.objects.filter(judicial_office=world.yuxing).update(county_id=jiangchuan)  # as if stale
    FILL.fill(apps, None)
    counties = set(Supervisee.objects.values_list("judicial_office__county_id", "county_id"))
    assert counties and all(office == own for office, own in counties)


def test_moving_a_record_to_an_office_of_another_county_moves_its_county(world):
    s = world.people["A"]
    s.judicial_office = world.units["xingyun"]
    supervisee_derive(s)
    assert s.county_id == world.units["xingyun"].county_id != world.yuxing.county_id


def test_a_county_sees_its_countys_records_by_the_column(world):
    county_officer = world.users["county_officer"]
    seen = set(supervisees_for(county_officer).values_list("pk", flat=True))
    expected = set(
        Supervisee.objects.filter(judicial_office__county_id=county_officer.unit.county_id).values_list("pk", flat=True)
    )
    assert seen == expected and seen


def test_a_city_sees_its_own_counties_records_when_the_database_holds_another_city(world):
    from sqjz.organisation.models import Division, Unit
    from sqjz.supervisees.permissions import area_offices
    from tests.factories import SuperviseeFactory

    city_officer = world.users["city_officer"]
    mine = set(supervisees_for(city_officer).values_list("pk", flat=True))  # the database holds Yuxi alone
    assert mine == set(Supervisee.objects.filter(is_minor=False).values_list("pk", flat=True))
    kunming = Division.objects.create(code="530100", name="昆明市", level=Division.Level.CITY, parent=world.city.parent)
    wuhua = Division.objects.create(code="530102", name="五华区", level=Division.Level.COUNTY, parent=kunming)
    street = Division.objects.create(code="530102001", name="华山街道", level=Division.Level.TOWNSHIP, parent=wuhua)
    office = Unit.objects.create(
        name="华山街道司法所", kind=Unit.Kind.JUDICIAL_OFFICE, division=street, county=wuhua, parent=None
    )
    SuperviseeFactory(name="外市人", judicial_office=office, deciding_authority=world.units["hongta_court"])
    city_officer = type(city_officer).objects.get(pk=city_officer.pk)  # a new request: the unit asked afresh
    assert set(supervisees_for(city_officer).values_list("pk", flat=True)) == mine
    assert office not in area_offices(city_officer)
