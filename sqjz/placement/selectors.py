"""Reads of placement bases and enterprises: those of the counties in the user's jurisdiction (an office's or a county's
county, the city's counties), each base with its occupancy on a day (statute PLACEMENT_CAPACITY's reading: from the
day a person moves in until the day they leave, that day not counted), and the open assistance cases an offer fits."""

from datetime import date

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.assistance import selectors as assistance
from sqjz.placement.models import Enterprise, Offer, OfferMatch, Placement, PlacementBase
from sqjz.statute.rules.placement import OFFER_FITS
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import area_offices, supervisees_for

THREE_NO_RULE = "THREE_NO_PERSON"
CAPACITY_RULE = "PLACEMENT_CAPACITY"


def _counties(user) -> QuerySet | None:
    offices = area_offices(user)
    return offices.values("county_id") if offices is not None else None


def writer_county(user) -> int | None:
    """The county whose bases and enterprises `user` keeps (PLACEMENT_MANAGE: an office's or a county agency's)."""
    if not has_capability(user, Capability.PLACEMENT_MANAGE) or user.unit is None:
        return None
    return user.unit.county_id


def occupying(day: date, prefix: str = "") -> Q:
    """Placements that occupy their base on `day`."""
    p = prefix
    return Q(**{f"{p}started_on__lte": day}) & (Q(**{f"{p}ended_on__isnull": True}) | Q(**{f"{p}ended_on__gt": day}))


def bases_for(user) -> QuerySet[PlacementBase]:
    counties = _counties(user)
    if counties is None:
        return PlacementBase.objects.none()
    return PlacementBase.objects.filter(county_id__in=counties)


def base_list(user, *, day: date, q: str = "", kind: str = "", active: bool = True) -> QuerySet[PlacementBase]:
    bases = bases_for(user).filter(active=active)
    if kind:
        bases = bases.filter(kind=kind)
    if q:
        bases = bases.filter(Q(name__icontains=q) | Q(operator__icontains=q) | Q(address__icontains=q))
    return (
        bases.select_related("county")
        .annotate(occupied=Count("placements", filter=occupying(day, "placements__")))
        .order_by("county__code", "name", "id")
    )


def get_base_for_user(user, pk: int) -> PlacementBase:
    try:
        return bases_for(user).select_related("county", "created_by").get(pk=pk)
    except PlacementBase.DoesNotExist:
        raise Http404 from None


def stays_of(base: PlacementBase) -> list[tuple[date, date | None]]:
    """Every placement of the base as (moved in, left), for PLACEMENT_CAPACITY."""
    return list(base.placements.values_list("started_on", "ended_on"))


def placements_of(base: PlacementBase) -> list[Placement]:
    """The base's placements: those staying first, then the latest to leave."""
    return list(
        base.placements.select_related("supervisee__judicial_office", "placed_by", "ended_by").order_by(
            F("ended_on").desc(nulls_first=True), "-started_on", "-id"
        )
    )


def get_stay_for_user(user, pk: int) -> Placement:
    """A placement of a base the user reads, of a person whose record the user may open; else 404."""
    stay = Placement.objects.filter(pk=pk, base__in=bases_for(user), supervisee__in=supervisees_for(user)).first()
    if stay is None:
        raise Http404
    return stay


def visible_people(user, ids) -> set[int]:
    """Of the people `ids`, those whose record `user` may open (others are named by office, minors sealed)."""
    return set(supervisees_for(user).filter(pk__in=ids).values_list("pk", flat=True))


def candidates(user, base: PlacementBase) -> QuerySet[Supervisee]:
    """Whom the placement form offers: the people under correction of the base's county that `user` may see, whose
    standing needs assessment found no stable housing, not staying in a base now."""
    people = supervisees_for(user).filter(county_id=base.county_id, status=Status.UNDER_CORRECTION)
    return (
        assistance.unhoused(people)
        .exclude(pk__in=Placement.objects.filter(ended_on__isnull=True).values("supervisee_id"))
        .select_related("judicial_office")
        .order_by("name", "id")
    )


# ------------------------------------------------------------------------------------------- enterprises and offers


def enterprises_for(user) -> QuerySet[Enterprise]:
    counties = _counties(user)
    if counties is None:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(county_id__in=counties)


def enterprise_list(user, *, day: date, q: str = "") -> QuerySet[Enterprise]:
    enterprises = enterprises_for(user)
    if q:
        enterprises = enterprises.filter(Q(name__icontains=q) | Q(contact__icontains=q))
    current = Q(offers__valid_from__lte=day, offers__valid_to__gte=day)
    return (
        enterprises.select_related("county")
        .annotate(offer_count=Count("offers"), current_offers=Count("offers", filter=current))
        .order_by("county__code", "name", "id")
    )


def get_enterprise_for_user(user, pk: int) -> Enterprise:
    try:
        return enterprises_for(user).select_related("county", "created_by").get(pk=pk)
    except Enterprise.DoesNotExist:
        raise Http404 from None


def offers_for(user) -> QuerySet[Offer]:
    counties = _counties(user)
    if counties is None:
        return Offer.objects.none()
    return Offer.objects.filter(enterprise__county_id__in=counties)


def offer_list(user, *, day: date, q: str = "", kind: str = "", current: bool = True) -> QuerySet[Offer]:
    offers = offers_for(user)
    if current:
        offers = offers.filter(valid_from__lte=day, valid_to__gte=day)
    if kind:
        offers = offers.filter(kind=kind)
    if q:
        offers = offers.filter(Q(title__icontains=q) | Q(enterprise__name__icontains=q))
    return (
        offers.select_related("enterprise__county")
        .annotate(
            proposed=Count("matches"),
            accepted=Count("matches", filter=Q(matches__status=OfferMatch.Status.ACCEPTED)),
        )
        .order_by("-valid_to", "-id")
    )


def get_offer_for_user(user, pk: int) -> Offer:
    try:
        return offers_for(user).select_related("enterprise__county", "created_by").get(pk=pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def matches_of(offer: Offer) -> list[OfferMatch]:
    return list(
        offer.matches.select_related("case__supervisee__judicial_office", "proposed_by", "decided_by").order_by(
            "proposed_on", "id"
        )
    )


def get_match_for_user(user, pk: int) -> OfferMatch:
    """A proposal of an offer the user reads, for a case the user may see; else 404."""
    cases = assistance.cases_for(user)
    match = OfferMatch.objects.filter(pk=pk, offer__in=offers_for(user), case__in=cases).select_related("offer").first()
    if match is None:
        raise Http404
    return match


def matching_cases(user, offer: Offer):
    """The open assistance cases of the kinds the offer fits (OFFER_FITS), of the enterprise's county, that `user`
    may see and the offer has not been proposed to."""
    cases = assistance.unfinished_cases(user, kinds=OFFER_FITS[offer.kind], county_id=offer.enterprise.county_id)
    return cases.exclude(pk__in=offer.matches.values("case_id"))
