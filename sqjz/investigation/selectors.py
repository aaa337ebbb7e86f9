"""Reads of investigations, always within the user's jurisdiction."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sqjz.investigation.models import Investigation
from sqjz.supervisees.permissions import Access, investigation_q


def investigations_for(user, access: Access = Access.VIEW) -> QuerySet[Investigation]:
    return Investigation.objects.filter(investigation_q(user, access))


def get_investigation_for_user(user, pk: int, access: Access = Access.VIEW) -> Investigation:
    """404 for missing and for out of jurisdiction alike."""
    queryset = investigations_for(user, access).select_related(
        "judicial_office__county", "judicial_office__parent", "commissioning_body", "village"
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class InvestigationFilter:
    q: str = ""
    status: str = ""
    county: int | None = None
    office: int | None = None


def investigation_list(user, f: InvestigationFilter) -> QuerySet[Investigation]:
    rows = investigations_for(user).select_related("judicial_office", "commissioning_body")
    if f.q:
        rows = rows.filter(Q(name__contains=f.q) | Q(commission_number__contains=f.q))
    if f.status:
        rows = rows.filter(status=f.status)
    if f.county:
        rows = rows.filter(judicial_office__county_id=f.county)
    if f.office:
        rows = rows.filter(judicial_office_id=f.office)
    return rows.order_by("-received_on", "-id")
