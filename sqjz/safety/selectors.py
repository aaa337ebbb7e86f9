"""Reads of screening campaigns: who is in a campaign, and exact progress counts per office."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from sqjz.organisation.models import Unit
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import supervisees_for


def campaign_area_q(campaign: ScreeningCampaign, prefix: str = "") -> Q:
    """The people a campaign covers: under correction in the organising unit's county, or city."""
    area = campaign.area
    if area.county_id:
        return Q(**{f"{prefix}county_id": area.county_id})
    return Q(**{f"{prefix}county__parent_id": area.division_id})


def campaign_people(user, campaign: ScreeningCampaign) -> QuerySet[Supervisee]:
    """The user's share of the campaign: people under correction in both the campaign's area and the user's
    jurisdiction, each marked `screened`."""
    done = Screening.objects.filter(campaign=campaign, supervisee=OuterRef("pk"))
    return (
        supervisees_for(user)
        .filter(campaign_area_q(campaign), status=Status.UNDER_CORRECTION)
        .annotate(screened=Exists(done))
        .select_related("judicial_office")
    )


@dataclass
class Progress:
    office: str
    total: int
    screened: int

    @property
    def missing(self) -> int:
        return self.total - self.screened


def campaign_progress(user, campaign: ScreeningCampaign) -> list[Progress]:
    """Exact counts per judicial office (one query)."""
    rows = (
        campaign_people(user, campaign)
        .order_by()
        .values("judicial_office__name")
        .annotate(total=Count("id"), screened=Count("id", filter=Q(screened=True)))
        .order_by("judicial_office__name")
    )
    return [Progress(r["judicial_office__name"], r["total"], r["screened"]) for r in rows]


def campaigns_for(user) -> QuerySet[ScreeningCampaign]:
    """Campaigns whose area overlaps the user's: the city's, and the user's county's."""
    unit = user.unit
    if unit is None:
        return ScreeningCampaign.objects.none()
    if unit.county_id:
        city = unit.county.parent_id
        return ScreeningCampaign.objects.filter(
            Q(area__county_id=unit.county_id) | Q(area__division_id=city, area__county__isnull=True)
        )
    return ScreeningCampaign.objects.filter(
        Q(area__division_id=unit.division_id) | Q(area__county__parent_id=unit.division_id)
    )


def organising_unit(user) -> Unit | None:
    """The unit a user may organise campaigns for: their county or city agency."""
    unit = user.unit
    if unit and unit.kind in (Unit.Kind.COUNTY_AGENCY, Unit.Kind.CITY_AGENCY):
        return unit
    return None
