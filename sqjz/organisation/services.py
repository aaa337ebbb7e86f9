"""Writes to the organisation tree. Loading is idempotent: running it again changes nothing."""

import csv
import re
from pathlib import Path

from django.db import transaction

from sqjz.organisation.models import Division, Unit

DATA_FILE = Path(__file__).resolve().parent / "data" / "yuxi_divisions.csv"
ETHNIC_SUFFIX = re.compile(r"(彝族|傣族|苗族|哈尼族|蒙古族|回族|白族)+(?=乡|镇)")


@transaction.atomic
def divisions_load(path: Path = DATA_FILE) -> int:
    """Create or update divisions from a CSV of code, name, level, parent_code (parents listed first)."""
    by_code = {d.code: d for d in Division.objects.all()}
    count = 0
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parent = by_code[row["parent_code"]] if row["parent_code"] else None
            division = by_code.get(row["code"])
            if division is None:
                division = Division.objects.create(
                    code=row["code"], name=row["name"], level=row["level"], parent=parent
                )
                by_code[division.code] = division
                count += 1
            elif (division.name, division.level, division.parent_id) != (
                row["name"],
                row["level"],
                parent and parent.id,
            ):
                division.name, division.level, division.parent = row["name"], row["level"], parent
                division.save(update_fields=["name", "level", "parent"])
    return count


def township_short_name(name: str) -> str:
    """玉兴街道 → 玉兴, 小石桥彝族乡 → 小石桥: the usual stem of a police station's name."""
    return ETHNIC_SUFFIX.sub("", name).removesuffix("街道").removesuffix("镇").removesuffix("乡")


@transaction.atomic
def units_create_for_city(city: Division, *, prison_name: str) -> int:
    """Create the correction agencies, judicial offices, village committees and partner bodies of a city.

    One county agency, court, procuratorate and public-security bureau per county; one judicial office
    and one police station per township; one committee per village. A unit of the same kind already in the same division
    is kept as it is (administrators may have renamed it).
    """
    existing = {(u.kind, u.division_id): u for u in Unit.objects.filter(division__code__startswith=city.code[:4])}
    created = 0

    def unit(name: str, kind: str, division: Division, county: Division | None, parent: Unit | None) -> Unit:
        nonlocal created
        if (kind, division.id) not in existing:
            created += 1
            existing[kind, division.id] = Unit.objects.create(
                name=name, kind=kind, division=division, county=county, parent=parent
            )
        return existing[kind, division.id]

    city_agency = unit(f"{city.name}社区矫正管理局", Unit.Kind.CITY_AGENCY, city, None, None)
    court = unit(f"{city.name}中级人民法院", Unit.Kind.COURT, city, None, None)
    procuratorate = unit(f"{city.name}人民检察院", Unit.Kind.PROCURATORATE, city, None, None)
    police = unit(f"{city.name}公安局", Unit.Kind.PUBLIC_SECURITY, city, None, None)
    unit(prison_name, Unit.Kind.PRISON, city, None, None)
    counties = city.children.filter(level=Division.Level.COUNTY).order_by("code")
    for county in counties:
        agency = unit(f"{county.name}社区矫正管理局", Unit.Kind.COUNTY_AGENCY, county, county, city_agency)
        unit(f"{county.name}人民法院", Unit.Kind.COURT, county, county, court)
        unit(f"{county.name}人民检察院", Unit.Kind.PROCURATORATE, county, county, procuratorate)
        county_police = unit(f"{county.name}公安局", Unit.Kind.PUBLIC_SECURITY, county, county, police)
        for township in county.children.filter(level=Division.Level.TOWNSHIP).order_by("code"):
            unit(f"{township.name}司法所", Unit.Kind.JUDICIAL_OFFICE, township, county, agency)
            unit(
                f"{county.name}{township_short_name(township.name)}派出所",
                Unit.Kind.POLICE_STATION,
                township,
                county,
                county_police,
            )
            for village in township.children.filter(level=Division.Level.VILLAGE).order_by("code"):
                unit(village.name, Unit.Kind.VILLAGE_COMMITTEE, village, county, None)
    return created
