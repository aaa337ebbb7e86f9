"""Loading Yuxi's divisions and creating its units: complete, correctly linked, and safe to run again."""

from collections import Counter

import pytest

from sqjz.organisation.models import Division, Unit
from sqjz.organisation.services import divisions_load, township_short_name, units_create_for_city

L = Division.Level
K = Unit.Kind


def _snapshot() -> list[tuple]:
    return list(Division.objects.order_by("code").values_list("id", "code", "name", "level", "parent_id"))


@pytest.fixture
def yuxi(db) -> Division:
    divisions_load()
    return Division.objects.get(code="530400")


def test_loading_creates_the_whole_tree_of_yuxi(db):
    created = divisions_load()
    assert created == 1 + 9 + 76 + 718
    counts = Counter(Division.objects.values_list("level", flat=True))
    assert counts == {L.CITY: 1, L.COUNTY: 9, L.TOWNSHIP: 76, L.VILLAGE: 718}
    city = Division.objects.get(level=L.CITY)
    assert (city.code, city.name, city.parent) == ("530400", "玉溪市", None)
    assert Division.objects.get(code="530481").name == "澄江市"


def test_every_division_hangs_under_the_level_above(yuxi):
    expected_parent = {L.COUNTY: L.CITY, L.TOWNSHIP: L.COUNTY, L.VILLAGE: L.TOWNSHIP}
    for division in Division.objects.exclude(level=L.CITY).select_related("parent"):
        assert division.parent.level == expected_parent[division.level], division.code
        prefix = division.parent.code[:4] if division.parent.level == L.CITY else division.parent.code
        assert division.code.startswith(prefix), division.code
    assert set(yuxi.children.values_list("level", flat=True)) == {L.COUNTY}


def test_loading_again_creates_nothing_and_changes_nothing(yuxi):
    before = _snapshot()
    assert divisions_load() == 0
    assert _snapshot() == before


def test_loading_again_restores_a_changed_name_without_creating(yuxi):
    Division.objects.filter(code="530402001").update(name="改错的名称")
    assert divisions_load() == 0
    assert Division.objects.get(code="530402001").name == "玉兴街道"


def test_units_of_every_kind_are_created_for_the_city(yuxi):
    created = units_create_for_city(yuxi, prison_name="云南省玉溪监狱")
    counts = Counter(Unit.objects.values_list("kind", flat=True))
    assert counts == {
        K.CITY_AGENCY: 1,
        K.COUNTY_AGENCY: 9,
        K.JUDICIAL_OFFICE: 76,
        K.POLICE_STATION: 76,
        K.COURT: 1 + 9,
        K.PROCURATORATE: 1 + 9,
        K.PUBLIC_SECURITY: 1 + 9,
        K.PRISON: 1,
        K.VILLAGE_COMMITTEE: 718,
    }
    assert created == sum(counts.values())
    assert Unit.objects.get(kind=K.PRISON).name == "云南省玉溪监狱"
    assert Unit.objects.get(kind=K.CITY_AGENCY).name == "玉溪市社区矫正管理局"


def test_each_township_gets_a_judicial_office_under_its_county_agency(yuxi):
    units_create_for_city(yuxi, prison_name="云南省玉溪监狱")
    agencies = {u.county_id: u for u in Unit.objects.filter(kind=K.COUNTY_AGENCY)}
    offices = {u.division_id: u for u in Unit.objects.filter(kind=K.JUDICIAL_OFFICE)}
    townships = Division.objects.filter(level=L.TOWNSHIP)
    assert set(offices) == set(townships.values_list("id", flat=True))
    for township in townships:
        office = offices[township.id]
        assert office.name == f"{township.name}司法所"
        assert office.county_id == township.parent_id
        assert office.parent == agencies[township.parent_id]
    city_agency = Unit.objects.get(kind=K.CITY_AGENCY)
    assert all(a.parent == city_agency for a in agencies.values())


def test_each_township_gets_one_police_station_and_each_county_its_court_and_procuratorate(yuxi):
    units_create_for_city(yuxi, prison_name="云南省玉溪监狱")
    stations = Counter(Unit.objects.filter(kind=K.POLICE_STATION).values_list("division_id", flat=True))
    assert set(stations) == set(Division.objects.filter(level=L.TOWNSHIP).values_list("id", flat=True))
    assert set(stations.values()) == {1}
    counties = set(Division.objects.filter(level=L.COUNTY).values_list("id", flat=True))
    for kind in (K.COURT, K.PROCURATORATE):
        assert set(Unit.objects.filter(kind=kind, county__isnull=False).values_list("county_id", flat=True)) == counties
    assert Unit.objects.get(kind=K.POLICE_STATION, division__code="530402001").name == "红塔区玉兴派出所"
    assert Unit.objects.get(kind=K.POLICE_STATION, division__code="530402201").name == "红塔区小石桥派出所"
    assert Unit.objects.get(kind=K.COURT, division__code="530481").name == "澄江市人民法院"


def test_creating_units_again_creates_nothing_and_keeps_renamed_units(yuxi):
    units_create_for_city(yuxi, prison_name="云南省玉溪监狱")
    office = Unit.objects.get(kind=K.JUDICIAL_OFFICE, division__code="530402001")
    office.name = "玉兴司法所（已改名）"
    office.save()
    before = Unit.objects.count()
    assert units_create_for_city(yuxi, prison_name="云南省玉溪监狱") == 0
    assert Unit.objects.count() == before
    office.refresh_from_db()
    assert office.name == "玉兴司法所（已改名）"


@pytest.mark.parametrize(
    ("township", "short"),
    [
        ("玉兴街道", "玉兴"),
        ("大营街街道", "大营街"),
        ("江城镇", "江城"),
        ("雄关乡", "雄关"),
        ("小石桥彝族乡", "小石桥"),
        ("高大傣族彝族乡", "高大"),
        ("兴蒙蒙古族乡", "兴蒙"),
        ("通红甸彝族苗族乡", "通红甸"),
    ],
)
def test_township_short_name_drops_the_suffix_and_ethnic_designations(township, short):
    assert township_short_name(township) == short
