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


def home_area(s: Supervisee) -> tuple[tuple[str, ...], str]:
    """The person's home area (statute HOME_AREA: the county, or all the districts of a districted city): its counties'
    division codes and their names as officers read them, e.g. (("530402", "530403"), "红塔区、江川区")."""
    from sqjz.organisation.models import Division
    from sqjz.rulebook.selectors import statute_context
    from sqjz.statute.registry import RULES

    county = s.county
    names = dict(
        Division.objects.filter(parent_id=county.parent_id, level=Division.Level.COUNTY).values_list("code", "name")
    )
    area = tuple(RULES["HOME_AREA"](statute_context(), county=county.code, city_counties=list(names)).outcome)
    return area, "、".join(names.get(code, code) for code in area)


def _mapped_home_area(s: Supervisee) -> tuple[tuple[str, ...], str] | None:
    """The person's home area when every county of it has a boundary on file (only Yuxi's do: not the national-scale
    benchmark's synthetic counties, whose codes the statute would not even take); else None."""
    from sqjz.organisation.geo import county_boundaries  # shapely: only when asked

    if s.county.code not in county_boundaries():
        return None
    area, label = home_area(s)
    return (area, label) if all(code in county_boundaries() for code in area) else None


def home_area_placement(s: Supervisee, latitude, longitude, accuracy: int | None) -> tuple[str, str]:
    """Where a position lies against the person's home area (home_area): ("inside" | "outside" | "uncertain", the
    area's names), "inside" meaning within one of its counties. ("", "") where a county of the area has no boundary
    on file."""
    from sqjz.organisation.geo import Placement, position_in_county

    mapped = _mapped_home_area(s)
    if mapped is None:
        return "", ""
    area, label = mapped
    radius = (UNKNOWN_ACCURACY_M if accuracy is None else accuracy) + BOUNDARY_MARGIN_M
    placements = {position_in_county(code, float(latitude), float(longitude), radius) for code in area}
    if Placement.INSIDE in placements:
        return Placement.INSIDE, label
    return (Placement.OUTSIDE if placements == {Placement.OUTSIDE} else Placement.UNCERTAIN), label


def home_area_distance_km(s: Supervisee, latitude, longitude) -> float | None:
    """How far (km) a position lies outside the person's home area, 0 inside; None without boundaries on file."""
    from sqjz.organisation.geo import distance_to_county_m

    mapped = _mapped_home_area(s)
    if mapped is None:
        return None
    area, _ = mapped
    return min(distance_to_county_m(code, float(latitude), float(longitude)) for code in area) / 1000
