"""Writes of staffing, each one transaction: the county agency registers a village's correction specialist
(社区矫正工作专干, 玉溪市实施意见四(二)) for a village of its county, and ends the post."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.errors import ServiceError
from sqjz.organisation.models import Division, Unit
from sqjz.staffing.models import VillageSpecialist
from sqjz.staffing.selectors import in_post
from sqjz.statute.text import cn_date


class StaffingError(ServiceError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def _check_manager(actor) -> None:
    if (
        not has_capability(actor, Capability.STAFFING_MANAGE)
        or actor.unit is None
        or actor.unit.kind != Unit.Kind.COUNTY_AGENCY
    ):
        raise StaffingError("只有县级社区矫正机构可以登记社区矫正工作专干。")


def _in_county(actor, village: Division | None) -> bool:
    return (
        village is not None
        and village.level == Division.Level.VILLAGE
        and village.parent is not None
        and village.parent.parent_id == actor.unit.county_id
    )


@transaction.atomic
def specialist_register(*, actor, specialist: VillageSpecialist) -> VillageSpecialist:
    """A specialist in post from `since` (not after today), from an unsaved instance (the form's). The village's row
    is locked, so that the same person is not registered twice at once."""
    _check_manager(actor)
    village = (
        Division.objects.select_for_update(of=("self",))
        .select_related("parent")
        .filter(pk=specialist.village_id)
        .first()
    )
    if not _in_county(actor, village):
        raise StaffingError("只能为本县（市、区）的村（社区）登记专干。", "village")
    today = timezone.localdate()
    if specialist.since > today:
        raise StaffingError("任职日期不能晚于今天。", "since")
    name = specialist.name.strip()
    if VillageSpecialist.objects.filter(in_post(today), village=village, name=name).exists():
        raise StaffingError(f"{village.name}已登记在任专干{name}，无需重复登记。", "name")
    specialist.name, specialist.village = name, village
    specialist.until, specialist.ended_by, specialist.registered_by = None, None, actor
    specialist.save()
    return specialist


@transaction.atomic
def specialist_end(*, actor, specialist: VillageSpecialist, until: date) -> VillageSpecialist:
    """End the post on `until` (the first day no longer in post; not after today, not before the day it began)."""
    _check_manager(actor)
    locked = (
        VillageSpecialist.objects.select_for_update(of=("self",))
        .select_related("village__parent")
        .filter(pk=specialist.pk)
        .first()
    )
    if locked is None or not _in_county(actor, locked.village):
        raise StaffingError("只能办理本县（市、区）村（社区）的专干。")
    if locked.until is not None:
        raise StaffingError(f"{locked.name}已于{cn_date(locked.until)}离任。")
    if until > timezone.localdate():
        raise StaffingError("离任日期不能晚于今天。", "until")
    if until < locked.since:
        raise StaffingError(f"离任日期不能早于任职日期（{cn_date(locked.since)}）。", "until")
    locked.until, locked.ended_by = until, actor
    locked.save(update_fields=["until", "ended_by"])
    return locked
