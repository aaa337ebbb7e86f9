"""Screening's to-do: people under correction not yet screened in a campaign under way, due on the campaign's last
day (SCREENING_DUE; the earliest, when campaigns overlap)."""

from collections.abc import Iterator
from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse

from sqjz.accounts.permissions import Capability
from sqjz.inbox.registry import LOOKAHEAD_DAYS, Due, Duty, Scope, people_q, register
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.safety.selectors import campaign_area_q
from sqjz.statute.registry import RULES, Context
from sqjz.supervisees.models import Status, Supervisee

AREA = "safety"


def _due(ctx: Context, today: date, ids: list[int] | None) -> Iterator[Due]:
    campaigns = ScreeningCampaign.objects.filter(
        starts_on__lte=today, ends_on__gte=today - timedelta(days=LOOKAHEAD_DAYS)
    )
    people = Supervisee.objects.filter(people_q(ids), status=Status.UNDER_CORRECTION)
    for campaign in campaigns.select_related("area").order_by("-ends_on"):
        done = Screening.objects.filter(campaign=campaign, supervisee=OuterRef("pk"))
        decision = RULES["SCREENING_DUE"](ctx, campaign=campaign.name, ends_on=campaign.ends_on)
        for s in (
            people.filter(campaign_area_q(campaign)).exclude(Exists(done)).only("id", "name", "judicial_office_id")
        ):
            yield Due(s.pk, s.name, decision, s.judicial_office_id, s.judicial_office_id, supervisee_id=s.pk)


register(
    Duty(
        kind="screening",
        label="排查",
        area=AREA,
        capability=Capability.SUPERVISEE_EDIT,
        scope=Scope.PEOPLE,
        compute=_due,
        url=lambda pk: reverse("safety:list"),
    )
)
