"""Reads of the register. Every read starts from the user's jurisdiction (supervisees.permissions)."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.pagination import COUNT_CAP, bounded_count
from sqjz.core.search import prefix_q
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.models import Gender, RegistrationConflict, Status, Supervisee
from sqjz.supervisees.permissions import area_offices, registration_conflict_q, supervisees_for
from sqjz.supervisees.services import identity_index, phone_index

ID_LIKE = re.compile(r"^\d{17}[\dXx]$|^[A-Za-z0-9]{8,20}$")
SORTS = {
    "name": ("name_initials", "id"),
    "-name": ("-name_initials", "-id"),
    "term_start": ("term_start", "id"),
    "-term_start": ("-term_start", "-id"),
    "term_end": ("term_end", "id"),
    "-term_end": ("-term_end", "-id"),
}
DEFAULT_SORT = "-term_start"
FLAGS = {
    "minor": ("未成年人", Q(is_minor=True)),
    "three_no": ("“三无”人员", Q(is_three_no=True)),
    "disabled": ("残疾人", Q(is_disabled=True)),
    "female": ("女性", Q(gender=Gender.FEMALE)),
    "foreign": ("外籍", Q(is_foreign=True)),
}


@dataclass
class RegisterFilter:
    q: str = ""
    county: int | None = None
    office: int | None = None
    correction_type: str = ""
    status: str = ""
    flag: str = ""
    sort: str = DEFAULT_SORT


def search_q(text: str) -> Q:
    """Exact identity or phone number (through the blind index), the start of the pinyin initials, or the start of
    the name or a former name (a surname first): each an index lookup, however many records there are."""
    text = text.strip()
    if text.isdigit() and len(text) == 11:
        return Q(phone_index=phone_index(text))
    if ID_LIKE.match(text) and any(c.isdigit() for c in text):
        return Q(id_number_index=identity_index(text))
    if text.isascii() and text.isalpha():
        return prefix_q("name_initials", text.lower())
    return prefix_q("name", text) | prefix_q("former_names", text)


def supervisee_list(user, f: RegisterFilter) -> QuerySet[Supervisee]:
    queryset = supervisees_for(user).select_related("judicial_office__county")
    if f.q:
        queryset = queryset.filter(search_q(f.q))
    if f.county:
        queryset = queryset.filter(county_id=f.county)
    if f.office:
        queryset = queryset.filter(judicial_office_id=f.office)
    if f.correction_type:
        queryset = queryset.filter(correction_type=f.correction_type)
    if f.status:
        queryset = queryset.filter(status=f.status)
    if f.flag in FLAGS:
        queryset = queryset.filter(FLAGS[f.flag][1])
    return queryset.order_by(*SORTS.get(f.sort, SORTS[DEFAULT_SORT]))


def supervisee_status_counts(user, *, cap: int = COUNT_CAP) -> dict[str, int]:
    """How many supervisees of each status the user's jurisdiction holds, each counted only up to one past `cap`
    (a value above `cap` means "more than cap"): one bounded query per status, so that a city or a province of
    millions of records pays no full count on its home page."""
    people = supervisees_for(user)
    return {status: bounded_count(people.filter(status=status), cap) for status in Status.values}


def figure_units(user) -> QuerySet[Unit] | None:
    """The units whose stored figures (decision 0025) add up to the user's area: the county agencies' rows (each the
    sum of its county's offices') for a county's or a city's users, the offices' rows otherwise; None for users
    whose jurisdiction is not an area (courts, prisons, helpers)."""
    return area_offices(user, Unit.Kind.COUNTY_AGENCY) if area_level(user) else area_offices(user)


def register_offices(user) -> QuerySet[Unit]:
    """The judicial offices where `user` may register supervisees."""
    offices = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, is_active=True).select_related("county")
    if not has_capability(user, Capability.SUPERVISEE_EDIT) or user.unit is None:
        return offices.none()
    if user.unit.kind == Unit.Kind.JUDICIAL_OFFICE:
        return offices.filter(pk=user.unit_id)
    return offices.filter(county_id=user.unit.county_id).order_by("division__code")


def register_filter_options(user, county: int | None = None) -> tuple[list[Division], list[Unit]]:
    """Counties and offices worth offering as filters, inside the user's own unit's area: a county's users its
    offices; a city's users its counties, and the offices of the county picked (`county`): a city, or a province,
    may hold hundreds of offices, too many for one list. Users whose area is one township (or only assigned cases)
    get neither."""
    level, unit = area_level(user), user.unit
    if not level:
        return [], []
    offices = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE).select_related("county").order_by("division__code")
    if level == "county":
        return [], list(offices.filter(county_id=unit.county_id))
    counties = list(Division.objects.filter(parent_id=unit.division_id, level=Division.Level.COUNTY).order_by("code"))
    picked = county if any(c.pk == county for c in counties) else None
    return counties, list(offices.filter(county_id=picked)) if picked else []


def area_level(user) -> str:
    """ "city" for a city's units (or a province's), "county" for a county's, "" for a township's, an office's or
    none: a county's and a city's pages summarise their offices one by one first."""
    unit = user.unit
    if unit is None or unit.division.level in (Division.Level.TOWNSHIP, Division.Level.VILLAGE):
        return ""
    return "county" if unit.county_id else "city"


def registration_conflict_list(user) -> QuerySet[RegistrationConflict]:
    """The conflicts the city agency checks, open ones first, with what a row shows (one query)."""
    return (
        RegistrationConflict.objects.filter(registration_conflict_q(user))
        .select_related(
            "existing__judicial_office__parent",
            "edited",
            "attempted_office",
            "attempted_by__unit",
            "resolved_by",
        )
        .order_by("status", "-attempted_at", "-id")
    )


def visible_supervisee_ids(user, ids) -> set[int]:
    """Which of these supervisees `user` may see (one query): the others are shown without personal data."""
    return set(supervisees_for(user).filter(pk__in=set(ids)).values_list("pk", flat=True))
