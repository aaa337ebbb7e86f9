"""Reads of the outbox. Who sees a delivery (EXCHANGE_VIEW): a county agency's staff, those about their county's
people or investigations and those sent to their county's agencies; the city agency, its counties' and those to
city-level agencies. Minors' deliveries are listed but never named on these pages (above the office)."""

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.organisation.models import Division, Unit
from sqjz.outbox.models import PARTNER_KINDS, Delivery, PartnerEndpoint

NOTHING = Q(pk__in=[])


def deliveries_q(user) -> Q:
    unit = user.unit if user.is_authenticated and user.is_active else None
    if unit is None or not has_capability(user, Capability.EXCHANGE_VIEW):
        return NOTHING
    if unit.county_id:
        return Q(county_id=unit.county_id) | Q(agency__county_id=unit.county_id)
    counties = Division.objects.filter(parent_id=unit.division_id, level=Division.Level.COUNTY).values("id")
    return Q(county_id__in=counties) | Q(agency__county_id__in=counties) | Q(agency__county__isnull=True)


def deliveries_for(user) -> QuerySet[Delivery]:
    return Delivery.objects.filter(deliveries_q(user))


def delivery_list(user, *, agency: int | None = None, kind: str = "", state: str = "") -> QuerySet[Delivery]:
    rows = deliveries_for(user).select_related("agency", "document")
    if agency:
        rows = rows.filter(agency_id=agency)
    if kind:
        rows = rows.filter(kind=kind)
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("-created_at", "-id")


def agencies_for(user) -> QuerySet[Unit]:
    """The agencies the user's deliveries went to (the agency filter's choices)."""
    ids = deliveries_for(user).values("agency_id")
    return Unit.objects.filter(pk__in=ids).order_by("name")


def get_delivery_for_user(user, pk: int) -> Delivery:
    return get_object_or_404(deliveries_for(user), pk=pk)


def partner_units(*, q: str = "", kind: str = "") -> QuerySet[Unit]:
    units = Unit.objects.filter(kind__in=PARTNER_KINDS, is_active=True).select_related("outbox_endpoint", "county")
    if kind:
        units = units.filter(kind=kind)
    if q:
        units = units.filter(name__icontains=q)
    return units.order_by("county__code", "kind", "name")


def endpoint_of(unit: Unit) -> PartnerEndpoint | None:
    return PartnerEndpoint.objects.filter(agency=unit).first()
