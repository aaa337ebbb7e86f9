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


def screening_counts(office_ids: list[int], start, end) -> dict[int, tuple[int, int]]:
    """For the appraisal (GOV-1): per judicial office, (people due, people screened) in the campaigns whose completion
    day falls within [start, end]. Due: the campaign's people under correction now who had started their correction by
    its completion day, and everyone screened in it (a person screened and since discharged still counts). Two
    queries (the campaigns, then one grouped count with two sums per campaign), however many offices."""
    campaigns = list(ScreeningCampaign.objects.filter(ends_on__gte=start, ends_on__lte=end).select_related("area"))
    if not campaigns or not office_ids:
        return {}
    sums = {}
    for c in campaigns:
        screened = Q(Exists(Screening.objects.filter(campaign_id=c.pk, supervisee=OuterRef("pk"))))
        due = campaign_area_q(c) & (Q(status=Status.UNDER_CORRECTION, term_start__lte=c.ends_on) | screened)
        sums[f"due_{c.pk}"] = Count("id", filter=due)
        sums[f"done_{c.pk}"] = Count("id", filter=due & screened)
    rows = Supervisee.objects.filter(judicial_office_id__in=office_ids).order_by().values("judicial_office_id")
    result = {}
    for row in rows.annotate(**sums):
        due = sum(row[f"due_{c.pk}"] for c in campaigns)
        done = sum(row[f"done_{c.pk}"] for c in campaigns)
        result[row["judicial_office_id"]] = (due, done)
    return result
