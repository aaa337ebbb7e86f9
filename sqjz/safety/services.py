"""Writes of screening campaigns. Each is one transaction; views call only these."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from sqjz.core.errors import ServiceError
from sqjz.inbox.services import inbox_refresh
from sqjz.mentoring import services as mentoring
from sqjz.safety import duties
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.safety.selectors import campaign_area_q, organising_unit
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access, jurisdiction_q


class SafetyError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


@transaction.atomic
def campaign_create(*, actor, campaign: ScreeningCampaign) -> ScreeningCampaign:
    unit = organising_unit(actor)
    if unit is None:
        raise SafetyError("排查由县级或市级社区矫正机构组织。")
    if campaign.ends_on < campaign.starts_on:
        raise SafetyError("完成期限不能早于开始日期。", "ends_on")
    campaign.area, campaign.created_by = unit, actor
    campaign.save()
    inbox_refresh(area=duties.AREA)  # everyone in the campaign's area is now due to be screened
    return campaign


@transaction.atomic
def screening_record(
    *, actor, campaign: ScreeningCampaign, supervisee: Supervisee, screening: Screening, occasion: str = ""
) -> Screening:
    """A person's screening in a campaign; a finding that is an occasion for the mentor's visit (五必访, `occasion`)
    records it for the mentor."""
    s = (
        Supervisee.objects.select_for_update(of=("self",))
        .filter(jurisdiction_q(actor, Access.EDIT), campaign_area_q(campaign), pk=supervisee.pk)
        .filter(status=Status.UNDER_CORRECTION)
        .first()
    )
    if s is None:
        raise SafetyError("该矫正对象不在本次排查范围内，或您无权为其登记。")
    if screening.screened_on < campaign.starts_on or screening.screened_on > timezone.localdate():
        raise SafetyError("排查日期应在排查开始之日至今天之间。", "screened_on")
    if screening.outcome != Screening.Outcome.STABLE and not screening.note.strip():
        raise SafetyError("需要关注或列为重点对象的，请写明原因和措施。", "note")
    screening.campaign, screening.supervisee, screening.screened_by = campaign, s, actor
    if Screening.objects.filter(campaign=campaign, supervisee=s).exists():  # the person's row is locked: no race
        raise SafetyError("本次排查已登记过该矫正对象。")
    try:
        with transaction.atomic():
            screening.save()
    except IntegrityError:
        raise SafetyError("本次排查已登记过该矫正对象。") from None
    inbox_refresh(area=duties.AREA, ids=[s.pk])
    if occasion:
        if not screening.note.strip():
            raise SafetyError("反映五必访情形的，请在情况说明中写明具体情况。", "note")
        mentoring.trigger_found(
            actor=actor,
            supervisee=s,
            occasion=occasion,
            source="screening",
            detail=f"{campaign.name}：{screening.note.strip()}",
            known_on=screening.screened_on,
        )
    return screening
