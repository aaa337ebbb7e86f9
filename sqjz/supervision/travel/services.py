"""Writes of leave to travel: applications (by the office or from the phone), decisions at the level the statute
assigns, return reports (销假). Each is one transaction; views call only these."""

import uuid
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.photos import PhotoError, photo_accept, photo_store
from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.statute.rules.travel import last_day_of_leave
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervisees.permissions import Access
from sqjz.supervision.common import SupervisionError, home_area_placement, locked_person
from sqjz.supervision.travel import duties
from sqjz.supervision.travel.models import FrequentTravelPermit, FrequentTravelTrip, TravelLeave

if TYPE_CHECKING:  # the check-in reports back; check-ins ask travel whether a leave covers a day (no cycle)
    from sqjz.supervision.checkins.models import CheckIn

LEVEL_ROLES = {
    TravelLeave.Level.JUDICIAL_OFFICE: (Role.OFFICE_OFFICER,),
    TravelLeave.Level.COUNTY_AGENCY: (Role.COUNTY_OFFICER, Role.COUNTY_HEAD),
    TravelLeave.Level.CITY_AGENCY: (Role.CITY_OFFICER,),
}
COUNTED_STATUSES = (TravelLeave.Status.APPROVED, TravelLeave.Status.RETURNED)


def approved_trips(s: Supervisee, *, exclude: int | None = None) -> list[tuple[date, int]]:
    """The person's approved leaves (start, days), which count toward the two-month total."""
    leaves = s.travel_leaves.filter(status__in=COUNTED_STATUSES)
    if exclude:
        leaves = leaves.exclude(pk=exclude)
    return list(leaves.values_list("start", "days"))


def approver(s: Supervisee, start: date, days: int, *, exclude: int | None = None) -> Decision:
    agency = s.judicial_office.parent
    return RULES["TRAVEL_LEAVE_APPROVER"](
        statute_context(),
        start=start,
        days=days,
        approved_trips=approved_trips(s, exclude=exclude),
        office_delegated=bool(agency and agency.travel_approval_delegated),
    )


def decide_blocker(user, leave: TravelLeave) -> str | None:
    """Why `user` may not decide this leave now (None when they may)."""
    if leave.status != TravelLeave.Status.PENDING:
        return f"该申请当前为“{leave.get_status_display()}”。"
    if not has_capability(user, Capability.TRAVEL_DECIDE) or user.role not in LEVEL_ROLES[leave.level]:
        return f"本次外出由{leave.get_level_display()}审批。"
    s, unit = leave.supervisee, user.unit
    office = s.judicial_office
    in_area = {
        TravelLeave.Level.JUDICIAL_OFFICE: unit.pk == office.pk,
        TravelLeave.Level.COUNTY_AGENCY: unit.county_id == office.county_id,
        TravelLeave.Level.CITY_AGENCY: office.county is not None and unit.division_id == office.county.parent_id,
    }[leave.level]
    return None if in_area else "该矫正对象不在您单位的审批范围内。"


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


@transaction.atomic
def travel_apply(*, actor, supervisee: Supervisee, leave: TravelLeave) -> TravelLeave:
    """Register an application; who decides follows from TRAVEL_LEAVE_APPROVER, and the lead time is noted."""
    return _travel_register(locked_person(actor, supervisee), leave, actor)


@transaction.atomic
def travel_apply_own(*, user, leave: TravelLeave, evidence_photo: bytes) -> TravelLeave:
    """The person applies from the phone, with a photo of the supporting document (e.g. a hospital notice)."""
    s = None
    if user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id:
        s = Supervisee.objects.select_for_update().filter(pk=user.supervisee_id, status=Status.UNDER_CORRECTION).first()
    if s is None:
        raise SupervisionError("只有在矫的社区矫正对象本人可以申请外出。")
    if s.travel_leaves.filter(status=TravelLeave.Status.PENDING).exists():
        raise SupervisionError(f"您已有一份外出申请正在审批，请等待结果或联系{s.judicial_office.name}。")
    leave.applied_on = timezone.localdate()
    try:
        evidence_photo, extension = photo_accept(evidence_photo)
    except PhotoError as e:
        raise SupervisionError(str(e), "evidence_photo") from None
    leave.evidence_photo = f"photos/{s.pk}/travel/{uuid.uuid4().hex}.{extension}"
    leave = _travel_register(s, leave, user)  # checks the dates first: a refused application leaves no file
    photo_store(leave.evidence_photo, evidence_photo)
    return leave


def _travel_register(s: Supervisee, leave: TravelLeave, recorded_by) -> TravelLeave:
    """The checks and the approver of an application, whoever registers it."""
    today = timezone.localdate()
    if leave.applied_on > today:
        raise SupervisionError("申请日期不能晚于今天。", "applied_on")
    if leave.start < leave.applied_on:
        raise SupervisionError("外出起始日不能早于申请日期；已经外出的，按未经批准外出处理。", "start")
    if not 1 <= leave.days <= 365:
        raise SupervisionError("外出天数应为1至365日。", "days")
    last = duties.return_due(statute_context(), leave).outcome
    if last > s.term_end:
        raise SupervisionError(f"外出期限（至{last:%Y-%m-%d}）超过矫正期满日{s.term_end:%Y-%m-%d}。", "days")
    decision = approver(s, leave.start, leave.days)
    lead = RULES["TRAVEL_LEAVE_LEAD_TIME"](statute_context(), applied_on=leave.applied_on, start=leave.start)
    leave.supervisee, leave.recorded_by, leave.status = s, recorded_by, TravelLeave.Status.PENDING
    leave.level, leave.level_reasons = decision.outcome, "；".join(decision.reasons)
    leave.lead_time_note = "；".join(lead.reasons)
    leave._history_user = recorded_by
    leave.save()
    _refresh(s)
    return leave


@transaction.atomic
def travel_decide(*, actor, leave: TravelLeave, approve: bool, reason: str) -> TravelLeave:
    """Approve or refuse; the level is recomputed now, since other leaves may have been approved meanwhile."""
    leave = (
        TravelLeave.objects.select_for_update(of=("self",))
        .select_related("supervisee__judicial_office__county")
        .get(pk=leave.pk)
    )
    s = locked_person(actor, leave.supervisee, Access.VIEW)
    decision = approver(s, leave.start, leave.days, exclude=leave.pk)
    if decision.outcome != leave.level:
        leave.level, leave.level_reasons = decision.outcome, "；".join(decision.reasons)
        leave.save(update_fields=["level", "level_reasons"])
    blocker = decide_blocker(actor, leave)
    if blocker:
        raise SupervisionError(blocker)
    if not approve and not reason.strip():
        raise SupervisionError("不予批准的，请写明理由（有正当理由的应当批准）。", "reason")
    leave.status = TravelLeave.Status.APPROVED if approve else TravelLeave.Status.REFUSED
    leave.decided_by, leave.decided_at, leave.decision_reason = actor, timezone.now(), reason.strip()
    leave._history_user = actor
    leave.save()
    _refresh(s)
    return leave


@transaction.atomic
def travel_return(*, actor, leave: TravelLeave, returned_on: date, note: str) -> TravelLeave:
    """The person is back and reports (销假)."""
    leave = TravelLeave.objects.select_for_update().get(pk=leave.pk)
    s = locked_person(actor, leave.supervisee)
    if leave.status != TravelLeave.Status.APPROVED:
        raise SupervisionError(f"该申请当前为“{leave.get_status_display()}”，不能销假。")
    if returned_on < leave.start or returned_on > timezone.localdate():
        raise SupervisionError("销假日期应在外出起始日至今天之间。", "returned_on")
    leave.status, leave.returned_on, leave.return_note = TravelLeave.Status.RETURNED, returned_on, note.strip()
    leave._history_user = actor
    leave.save()
    _refresh(s)
    return leave


def returnable_leave(user, leave_id, *, lock: bool = False) -> TravelLeave | None:
    """The person's own approved leave that has begun, which they may report back from (销假)."""
    if not str(leave_id or "").isdigit():
        return None
    leaves = TravelLeave.objects.select_for_update() if lock else TravelLeave.objects
    return leaves.filter(
        pk=int(leave_id),
        supervisee_id=user.supervisee_id,
        status=TravelLeave.Status.APPROVED,
        start__lte=timezone.localdate(),
    ).first()


@transaction.atomic
def travel_return_own(*, user, leave_id, checkin: "CheckIn") -> TravelLeave:
    """The person reports back from the phone (销假, 实施办法第二十八条); the check-in just made shows where."""
    leave = returnable_leave(user, leave_id, lock=True)
    if leave is None or checkin.supervisee_id != user.supervisee_id:
        raise SupervisionError(f"该外出不能在手机上销假，请联系{user.supervisee.judicial_office.name}。")
    placement, area = home_area_placement(leave.supervisee, checkin.latitude, checkin.longitude, checkin.accuracy)
    if placement == "outside":
        rule = RULES["HOME_AREA"]
        raise SupervisionError(
            f"未能销假：本次签到的位置不在居住地（{area}）范围内。销假应当返回居住地后签到报告"
            f"（{rule.title}，{'、'.join(rule.articles)}）。本次签到已记录；返回后请再次签到销假。"
        )
    at = timezone.localtime(checkin.checked_at)
    leave.status, leave.returned_on = TravelLeave.Status.RETURNED, at.date()
    leave.return_note = f"本人手机销假：{at:%H:%M}签到，位置{checkin.latitude}，{checkin.longitude}"
    leave._history_user = user
    leave.save()
    _refresh(leave.supervisee)
    return leave


@transaction.atomic
def travel_withdraw(*, actor, leave: TravelLeave) -> TravelLeave:
    leave = TravelLeave.objects.select_for_update().get(pk=leave.pk)
    s = locked_person(actor, leave.supervisee)
    if leave.status != TravelLeave.Status.PENDING:
        raise SupervisionError("只能撤回待审批的申请。")
    leave.status = TravelLeave.Status.WITHDRAWN
    leave._history_user = actor
    leave.save()
    _refresh(s)
    return leave


# Frequent cross-county travel (经常性跨市、县活动, 实施办法第二十九条): the county agency approves a permit with its
# destinations, valid until FREQUENT_TRAVEL_PERMIT_EXPIRY's day; trips under it are reported, not approved.
PERMIT_ROLES = (Role.COUNTY_OFFICER, Role.COUNTY_HEAD)
DESTINATION_MAX = 10


def permit_decide_blocker(user, permit: FrequentTravelPermit) -> str | None:
    """Why `user` may not decide this permit now (None when they may)."""
    if permit.status != FrequentTravelPermit.Status.PENDING:
        return f"该申请当前为“{permit.get_status_display()}”。"
    if not has_capability(user, Capability.TRAVEL_DECIDE) or user.role not in PERMIT_ROLES:
        return "经常性跨市、县活动由执行地县级社区矫正机构批准。"
    if user.unit is None or user.unit.county_id != permit.supervisee.judicial_office.county_id:
        return "该矫正对象不在您单位的审批范围内。"
    return None


def clean_destinations(destinations: list[str]) -> list[str]:
    """The destinations as entered, stripped, without repeats, in their order."""
    seen: list[str] = []
    for d in destinations:
        d = d.strip()
        if d and d not in seen:
            seen.append(d)
    return seen


@transaction.atomic
def permit_apply(*, actor, supervisee: Supervisee, permit: FrequentTravelPermit) -> FrequentTravelPermit:
    """Register a written application for frequent travel: destinations, times and frequency, proof."""
    s = locked_person(actor, supervisee)
    today = timezone.localdate()
    permit.destinations = clean_destinations(permit.destinations)
    if not permit.destinations:
        raise SupervisionError("请填写至少一个目的地（市、县）。", "destinations")
    if len(permit.destinations) > DESTINATION_MAX or any(len(d) > 50 for d in permit.destinations):
        raise SupervisionError(f"目的地最多{DESTINATION_MAX}个，每个不超过50字。", "destinations")
    if permit.applied_on > today:
        raise SupervisionError("申请日期不能晚于今天。", "applied_on")
    if permit.starts_on < permit.applied_on:
        raise SupervisionError("拟开始日期不能早于申请日期。", "starts_on")
    if permit.starts_on > s.term_end:
        raise SupervisionError(f"拟开始日期晚于矫正期满日{s.term_end:%Y-%m-%d}。", "starts_on")
    if s.frequent_travel_permits.filter(status=FrequentTravelPermit.Status.PENDING).exists():
        raise SupervisionError("该对象已有一份经常性跨市、县活动申请正在审批。")
    permit.supervisee, permit.recorded_by, permit.status = s, actor, FrequentTravelPermit.Status.PENDING
    permit._history_user = actor
    permit.save()
    _refresh(s)
    return permit


@transaction.atomic
def permit_decide(*, actor, permit: FrequentTravelPermit, approve: bool, reason: str) -> FrequentTravelPermit:
    """The county agency approves (valid until FREQUENT_TRAVEL_PERMIT_EXPIRY's day) or refuses with reasons."""
    permit = (
        FrequentTravelPermit.objects.select_for_update(of=("self",))
        .select_related("supervisee__judicial_office")
        .get(pk=permit.pk)
    )
    s = locked_person(actor, permit.supervisee, Access.VIEW)
    blocker = permit_decide_blocker(actor, permit)
    if blocker:
        raise SupervisionError(blocker)
    if not approve and not reason.strip():
        raise SupervisionError("不予批准的，请写明理由（因正常工作和生活需要的，应当简化批准程序）。", "reason")
    today = timezone.localdate()
    permit.decided_by, permit.decided_at, permit.decision_reason = actor, timezone.now(), reason.strip()
    if approve:
        expiry = RULES["FREQUENT_TRAVEL_PERMIT_EXPIRY"](statute_context(), approved_on=today)
        permit.status = FrequentTravelPermit.Status.APPROVED
        permit.approved_on, permit.valid_until = today, expiry.outcome
        permit.expiry_reasons = "；".join(expiry.reasons)
    else:
        permit.status = FrequentTravelPermit.Status.REFUSED
    permit._history_user = actor
    permit.save()
    _refresh(s)
    return permit


def trip_decision(permit: FrequentTravelPermit, destination: str, start: date, days: int) -> Decision:
    return RULES["FREQUENT_TRAVEL_TRIP"](
        statute_context(),
        approved_on=permit.approved_on,
        destinations=permit.destinations,
        destination=destination,
        start=start,
        days=days,
    )


def _trip_register(s: Supervisee, permit: FrequentTravelPermit, trip: FrequentTravelTrip, by) -> FrequentTravelTrip:
    if permit.status != FrequentTravelPermit.Status.APPROVED or permit.approved_on is None:
        raise SupervisionError(f"该经常性跨市、县活动申请当前为“{permit.get_status_display()}”，不能报告外出。")
    if not 1 <= trip.days <= 31:
        raise SupervisionError("外出天数应为1至31日。", "days")
    last = last_day_of_leave(trip.start, trip.days)
    if last > s.term_end:
        raise SupervisionError(f"外出期限（至{last:%Y-%m-%d}）超过矫正期满日{s.term_end:%Y-%m-%d}。", "days")
    decision = trip_decision(permit, trip.destination, trip.start, trip.days)
    if not decision.outcome:
        field = "destination" if trip.destination.strip() not in permit.destinations else "start"
        rule = RULES["FREQUENT_TRAVEL_TRIP"]
        raise SupervisionError(
            f"不能按经常性外出报告：{'；'.join(decision.reasons[1:])}（{rule.title}，{'、'.join(rule.articles)}）。",
            field,
        )
    trip.permit, trip.supervisee, trip.reported_by = permit, s, by
    trip.destination, trip.note = trip.destination.strip(), trip.note.strip()
    trip.save()
    _refresh(s)
    return trip


@transaction.atomic
def trip_report(*, actor, permit: FrequentTravelPermit, trip: FrequentTravelTrip) -> FrequentTravelTrip:
    """The office records a trip the person reported (by phone or WeChat) under the permit."""
    permit = FrequentTravelPermit.objects.select_for_update().select_related("supervisee").get(pk=permit.pk)
    s = locked_person(actor, permit.supervisee)
    trip.channel = FrequentTravelTrip.Channel.OFFICE
    return _trip_register(s, permit, trip, actor)


def reportable_permit(user, permit_id) -> FrequentTravelPermit | None:
    """The person's own approved permit, not yet expired, under which they may report a trip from the phone."""
    if not str(permit_id or "").isdigit():
        return None
    return FrequentTravelPermit.objects.filter(
        pk=int(permit_id),
        supervisee_id=user.supervisee_id,
        status=FrequentTravelPermit.Status.APPROVED,
    ).first()


@transaction.atomic
def trip_report_own(*, user, permit_id, trip: FrequentTravelTrip) -> FrequentTravelTrip:
    """The person reports a trip from the phone; it may not start before today."""
    s = None
    if user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id:
        s = Supervisee.objects.select_for_update().filter(pk=user.supervisee_id, status=Status.UNDER_CORRECTION).first()
    permit = reportable_permit(user, permit_id) if s else None
    if s is None or permit is None:
        raise SupervisionError("没有可以报告外出的经常性跨市、县活动批准，请联系司法所。")
    if trip.start < timezone.localdate():
        raise SupervisionError("外出起始日不能早于今天；已经外出的，请联系司法所。", "start")
    trip.channel = FrequentTravelTrip.Channel.PHONE
    return _trip_register(s, permit, trip, user)
