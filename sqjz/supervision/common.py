"""What the supervision sub-areas (check-ins, travel, monitoring, medical re-examinations) share: the error their
writes raise, the locked read of the person they write about, and where a position lies against the person's home
area."""

from sqjz.core.errors import ServiceError
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user


class SupervisionError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def locked_person(actor, supervisee: Supervisee, access: Access = Access.EDIT) -> Supervisee:
    """The person under correction, reloaded under a row lock within the actor's jurisdiction."""
    s = lock_supervisee_for_user(actor, supervisee.pk, access, status=Status.UNDER_CORRECTION)
    if s is None:
        raise SupervisionError("您无权办理该矫正对象的此项事务，或该对象不在矫。")
    return s


# Added to a fix's accuracy before a county boundary is asked: the vendored boundaries are good to a few hundred
# metres and may be in the coordinates of Chinese web maps (GCJ-02), up to about 500 m from a phone's GPS (WGS-84).
BOUNDARY_MARGIN_M = 500
# A fix without an accuracy is taken as this vague (a phone's network position).
UNKNOWN_ACCURACY_M = 1000


def home_area_placement(s: Supervisee, latitude, longitude, accuracy: int | None) -> tuple[str, str]:
    """Where a position lies against the person's home area (HOME_AREA: the county, or all the districts of the
    city): ("inside" | "outside" | "uncertain", the area's names), "inside" meaning within one of its counties.
    ("", "") where a county of the area has no boundary on file (only Yuxi's are)."""
    from sqjz.organisation.geo import Placement, county_boundaries, position_in_county  # shapely: only when asked
    from sqjz.organisation.models import Division
    from sqjz.rulebook.selectors import statute_context
    from sqjz.statute.registry import RULES

    county = s.county
    if county.code not in county_boundaries():  # e.g. a synthetic county of the national-scale benchmark
        return "", ""
    city = Division.objects.filter(parent_id=county.parent_id, level=Division.Level.COUNTY).values_list("code", "name")
    names = dict(city)
    area = RULES["HOME_AREA"](statute_context(), county=county.code, city_counties=list(names)).outcome
    if any(code not in county_boundaries() for code in area):
        return "", ""
    radius = (UNKNOWN_ACCURACY_M if accuracy is None else accuracy) + BOUNDARY_MARGIN_M
    placements = {position_in_county(code, float(latitude), float(longitude), radius) for code in area}
    label = "、".join(names[code] for code in area)
    if Placement.INSIDE in placements:
        return Placement.INSIDE, label
    return (Placement.OUTSIDE if placements == {Placement.OUTSIDE} else Placement.UNCERTAIN), label


def home_area_distance_km(s: Supervisee, latitude, longitude) -> float | None:
    """How far (km) a position lies outside the person's home area (HOME_AREA), 0 inside; None without boundaries."""
    from sqjz.organisation.geo import county_boundaries, distance_to_county_m
    from sqjz.organisation.models import Division
    from sqjz.rulebook.selectors import statute_context
    from sqjz.statute.registry import RULES

    county = s.county
    codes = Division.objects.filter(parent_id=county.parent_id, level=Division.Level.COUNTY).values_list(
        "code", flat=True
    )
    area = RULES["HOME_AREA"](statute_context(), county=county.code, city_counties=list(codes)).outcome
    if any(code not in county_boundaries() for code in area):
        return None
    return min(distance_to_county_m(code, float(latitude), float(longitude)) for code in area) / 1000
