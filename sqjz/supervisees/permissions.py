"""Jurisdiction: the one place that decides which supervisees a user may see or change.

Every query for supervisees, or for anything that belongs to one, filters with `jurisdiction_q` (other
apps pass the path to the supervisee as `prefix`, e.g. "supervisee__"). Object access goes through
`get_supervisee_for_user`, which answers "not found" alike for a missing record and one outside the
user's jurisdiction, so a refused user learns nothing about its existence.

Minors' records are sealed (社区矫正法第五十四条): only the handling judicial office, its county agency
and the procurator assigned to the case see them.
"""

from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.models import ACTIVE_STATUSES, CaseAssignment, RegistrationConflict, Supervisee

NOTHING = Q(pk__in=[])


class Access(StrEnum):
    VIEW = "view"
    EDIT = "edit"


def _area_q(unit, office: str, county: str) -> Q:
    """Records in a unit's area, given the paths to their office (`office`, with its "__"; "" for a filter on the
    offices themselves) and to their county (`county`): its township, its county, or (city-level units) its city's
    counties (their ids in a subquery, so that no record is joined to its office or county)."""
    if unit.division.level == "township":
        return Q(**{f"{office}division_id": unit.division_id})
    if unit.county_id:
        return Q(**{f"{county}_id": unit.county_id})
    if _holds_only(unit):
        return Q()
    counties = Division.objects.filter(parent_id=unit.division_id, level=Division.Level.COUNTY).values("id")
    return Q(**{f"{county}_id__in": counties})


def _holds_only(unit) -> bool:
    """Whether every county in the database is this city-level unit's: then its area is every record, and no filter
    says so best. A filter on all the counties made SQLite read a whole city's register through the county index to
    sort a first page (bench/RESULTS.md); a deployment usually holds one city. Asked once per request (memoised on
    the request's unit)."""
    if "_holds_only" not in unit.__dict__:
        others = Division.objects.filter(level=Division.Level.COUNTY).exclude(parent_id=unit.division_id)
        unit.__dict__["_holds_only"] = not others.exists()
    return unit.__dict__["_holds_only"]


def _assigned_q(user, p: str, kinds: tuple[str, ...]) -> Q:
    # EXISTS rather than a join, so that a row is never repeated.
    assigned = CaseAssignment.objects.filter(supervisee=OuterRef(f"{p}pk"), user=user, is_active=True, kind__in=kinds)
    return Q(Exists(assigned))


def jurisdiction_q(user, access: Access = Access.VIEW, prefix: str = "") -> Q:
    """A filter for the supervisees `user` may see (VIEW) or change (EDIT)."""
    p = prefix
    if not user.is_authenticated or not user.is_active:
        return NOTHING
    if access == Access.EDIT:
        if not has_capability(user, Capability.SUPERVISEE_EDIT):
            return NOTHING
        return jurisdiction_q(user, Access.VIEW, prefix) & Q(**{f"{p}status__in": ACTIVE_STATUSES})
    role, unit = user.role, user.unit
    if role == Role.SUPERVISEE:
        return Q(**{f"{p}pk": user.supervisee_id}) if user.supervisee_id else NOTHING
    if not has_capability(user, Capability.SUPERVISEE_VIEW) or unit is None:
        return NOTHING
    not_minor = Q(**{f"{p}is_minor": False})
    if role == Role.OFFICE_OFFICER:
        return Q(**{f"{p}judicial_office_id": unit.id})
    if role in (Role.COUNTY_OFFICER, Role.COUNTY_HEAD):
        return Q(**{f"{p}county_id": unit.county_id})
    if role == Role.PROCURATOR:
        area = _area_q(unit, office=f"{p}judicial_office__", county=f"{p}county")
        return area & (not_minor | _assigned_q(user, p, (CaseAssignment.Kind.PROCURATOR,)))
    if role in (Role.CITY_OFFICER, Role.POLICE):
        return _area_q(unit, office=f"{p}judicial_office__", county=f"{p}county") & not_minor
    if role in (Role.JUDGE, Role.PRISON_OFFICER):
        return Q(**{f"{p}deciding_authority_id": unit.id}) & not_minor
    if role in (Role.SOCIAL_WORKER, Role.VOLUNTEER, Role.MENTOR):
        return _assigned_q(user, p, (CaseAssignment.Kind(role),)) & not_minor
    if role == Role.EVALUATOR:
        return Q(**{f"{p}village_id": unit.division_id}) & not_minor
    return NOTHING


def area_offices(user, kind: str = Unit.Kind.JUDICIAL_OFFICE) -> QuerySet[Unit] | None:
    """The judicial offices (or, with `kind`, the county agencies) whose areas make up the user's jurisdiction (an
    office's, a county's, a procuratorate's, a police station's or a city's): the units whose stored figures (decision
    0025) the user may read, minors counted but never named. None where the jurisdiction is not a set of offices (a
    court's people, a worker's assigned people)."""
    unit = user.unit if user.is_authenticated and user.is_active else None
    if unit is None or not has_capability(user, Capability.SUPERVISEE_VIEW):
        return None
    offices = Unit.objects.filter(kind=kind)
    if user.role == Role.OFFICE_OFFICER:
        return offices.filter(pk=unit.id)
    if user.role in (Role.COUNTY_OFFICER, Role.COUNTY_HEAD):
        return offices.filter(county_id=unit.county_id)
    if user.role in (Role.PROCURATOR, Role.CITY_OFFICER, Role.POLICE):
        return offices.filter(_area_q(unit, office="", county="county"))
    return None


def jurisdiction_offices_q(user, field: str) -> Q:
    """A filter on a record's own office column (`field`, e.g. an inbox item's `office`) that keeps the records of
    every office in the user's jurisdiction: a list can then start from that column's index instead of walking the
    whole city's records and joining each to its person. It narrows, never widens: combine it with jurisdiction_q.
    Q() where the jurisdiction is not a set of offices (a court's people, a worker's assigned people) or is the
    whole city's."""
    offices = area_offices(user)
    if offices is None or (user.unit.county_id is None and user.unit.division.level != "township"):
        return Q()  # a city's units watch nearly every office: no narrowing
    if user.role == Role.OFFICE_OFFICER:
        return Q(**{f"{field}_id": user.unit_id})
    # The offices' ids in a subquery, so that the database starts from them (a join would let it walk the records).
    return Q(**{f"{field}_id__in": offices.values("id")})


def supervisees_for(user, access: Access = Access.VIEW) -> QuerySet[Supervisee]:
    return Supervisee.objects.filter(jurisdiction_q(user, access))


def can_access(user, supervisee: Supervisee, access: Access = Access.VIEW) -> bool:
    return supervisees_for(user, access).filter(pk=supervisee.pk).exists()


def get_supervisee_for_user(user, pk: int, access: Access = Access.VIEW) -> Supervisee:
    """Fetch and authorise in one step; 404 for missing and for out of jurisdiction alike."""
    queryset = supervisees_for(user, access).select_related(
        "judicial_office__county", "judicial_office__division", "deciding_authority", "village"
    )
    return get_object_or_404(queryset, pk=pk)


def investigation_q(user, access: Access = Access.VIEW, prefix: str = "") -> Q:
    """A filter for the investigations (调查评估) `user` may see (VIEW) or work on (EDIT).

    The handling office, its county agency and (adults only) the city agency and the area's procurators
    see them; the commissioning court, police or prison sees its own commissions. Only open ones are
    editable. Minors' investigations are sealed like their records.
    """
    p = prefix
    if not user.is_authenticated or not user.is_active or user.unit is None:
        return NOTHING
    if access == Access.EDIT:
        if not has_capability(user, Capability.INVESTIGATION_EDIT):
            return NOTHING
        return investigation_q(user, Access.VIEW, prefix) & ~Q(**{f"{p}status": "closed"})
    if not has_capability(user, Capability.INVESTIGATION_VIEW):
        return NOTHING
    role, unit = user.role, user.unit
    if role == Role.OFFICE_OFFICER:
        return Q(**{f"{p}judicial_office_id": unit.id})
    if role in (Role.COUNTY_OFFICER, Role.COUNTY_HEAD):
        return Q(**{f"{p}judicial_office__county_id": unit.county_id})
    if role in (Role.CITY_OFFICER, Role.PROCURATOR):
        area = _area_q(unit, office=f"{p}judicial_office__", county=f"{p}judicial_office__county")
        return area & Q(**{f"{p}is_minor": False})
    if role in (Role.JUDGE, Role.POLICE, Role.PRISON_OFFICER):
        return Q(**{f"{p}commissioning_body_id": unit.id})
    return NOTHING


def opinion_q(user, access: Access = Access.VIEW, prefix: str = "") -> Q:
    """A filter for the correction opinions and recommendations `user` may read (VIEW) or reply to (EDIT):
    the issuing procuratorate; the office or agency addressed, and above it the county and city agencies
    (adults' cases only for the city, as with the records)."""
    p = prefix
    if not user.is_authenticated or not user.is_active or user.unit is None:
        return NOTHING
    if access == Access.EDIT:
        if not has_capability(user, Capability.OVERSIGHT_REPLY):
            return NOTHING
        if user.role == Role.OFFICE_OFFICER:
            return Q(**{f"{p}addressed_to_id": user.unit_id})
        return Q(**{f"{p}addressed_to__county_id": user.unit.county_id})
    if not has_capability(user, Capability.OVERSIGHT_VIEW):
        return NOTHING
    role, unit = user.role, user.unit
    if role == Role.PROCURATOR:
        return Q(**{f"{p}procuratorate_id": unit.id})
    if role == Role.OFFICE_OFFICER:
        return Q(**{f"{p}addressed_to_id": unit.id})
    if role in (Role.COUNTY_OFFICER, Role.COUNTY_HEAD):
        return Q(**{f"{p}addressed_to__county_id": unit.county_id})
    if role == Role.CITY_OFFICER:
        adults = Q(**{f"{p}supervisee__isnull": True}) | Q(**{f"{p}supervisee__is_minor": False})
        return Q(**{f"{p}addressed_to__county__parent_id": unit.division_id}) & adults
    return NOTHING


def registration_conflict_q(user) -> Q:
    """A filter for the registration conflicts `user` may check: those of the city agency's city, whether the number
    was tried there or the existing record is held there. Nobody else sees them: the officer who tried must learn
    nothing about the other record. What of the existing record a row may show is still decided by `jurisdiction_q`
    (a sealed minor's stays hidden from the city)."""
    if not has_capability(user, Capability.REGISTRATION_CONFLICT_HANDLE) or user.unit is None:
        return NOTHING
    city = user.unit.division_id
    return Q(attempted_office__county__parent_id=city) | Q(existing__county__parent_id=city)


def get_registration_conflict_for_user(user, pk: int) -> RegistrationConflict:
    """Fetch and authorise in one step; 404 for missing and for another city's alike."""
    return get_object_or_404(RegistrationConflict.objects.filter(registration_conflict_q(user)), pk=pk)


def lock_supervisee_for_user(user, pk: int, access: Access = Access.EDIT, **filters) -> Supervisee | None:
    """Reload a supervisee under a row lock (for a write's transaction), within `user`'s jurisdiction; None when
    missing or out of reach. Only the supervisee's row is locked: PostgreSQL cannot lock the nullable side of the
    joins that bring the office, its agency and county, and the deciding authority along."""
    return (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(user, access), pk=pk, **filters)
        .select_related("judicial_office__parent", "judicial_office__county", "deciding_authority")
        .first()
    )
