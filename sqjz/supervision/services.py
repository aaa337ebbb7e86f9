"""Writes of supervision records. Each is one transaction; views call only these."""

import re
import secrets
import uuid
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from sqjz.accounts.models import Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.core.photos import PhotoError, photo_extension, photo_path, photo_store
from sqjz.inbox.services import inbox_refresh
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.decision import Decision
from sqjz.statute.registry import RULES
from sqjz.supervisees.models import CorrectionType, Status, Supervisee, TemporaryReleaseGround
from sqjz.supervisees.permissions import Access, lock_supervisee_for_user
from sqjz.supervisees.services import RegisterError
from sqjz.supervision.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    ElectronicMonitoring,
    MedicalExamination,
    MonitoringExtension,
    SpotCheck,
    TravelLeave,
)


class SupervisionError(RegisterError):
    """A write refused for a reason the officer can act on; `field` names the form field, if any."""


def on_medical_parole(s: Supervisee) -> bool:
    return (
        s.correction_type == CorrectionType.TEMPORARY_RELEASE
        and s.temporary_release_ground == TemporaryReleaseGround.SERIOUS_ILLNESS
    )


def last_examination_basis(s: Supervisee, last: MedicalExamination | None) -> date:
    """The day the three months run from: the last re-examination, or else the start of the term."""
    return last.examined_on if last else s.term_start


def next_examination(s: Supervisee, last: MedicalExamination | None) -> Decision:
    return RULES["MEDICAL_REEXAMINATION_DUE"](statute_context(), last_examination=last_examination_basis(s, last))


@transaction.atomic
def examination_record(*, actor, supervisee: Supervisee, examination: MedicalExamination) -> MedicalExamination:
    s = lock_supervisee_for_user(actor, supervisee.pk, status=Status.UNDER_CORRECTION)
    if s is None:
        raise SupervisionError("您无权为该矫正对象登记病情复查，或该对象不在矫。")
    if not on_medical_parole(s):
        raise SupervisionError("仅保外就医的暂予监外执行矫正对象需要定期病情复查。")
    if examination.examined_on > timezone.localdate():
        raise SupervisionError("复查日期不能晚于今天。", "examined_on")
    if examination.examined_on < s.term_start:
        raise SupervisionError("复查日期不能早于矫正起始日。", "examined_on")
    examination.supervisee, examination.recorded_by = s, actor
    examination.save()
    inbox_refresh(supervisee_ids=[s.pk], investigation_ids=[])
    return examination


# ----------------------------------------------------------------------------------------------- travel leave

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


def _locked_person(actor, supervisee: Supervisee, access: Access = Access.EDIT) -> Supervisee:
    s = lock_supervisee_for_user(actor, supervisee.pk, access, status=Status.UNDER_CORRECTION)
    if s is None:
        raise SupervisionError("您无权办理该矫正对象的此项事务，或该对象不在矫。")
    return s


def _refresh(s: Supervisee) -> None:
    inbox_refresh(supervisee_ids=[s.pk], investigation_ids=[])


@transaction.atomic
def travel_apply(*, actor, supervisee: Supervisee, leave: TravelLeave) -> TravelLeave:
    """Register an application; who decides follows from TRAVEL_LEAVE_APPROVER, and the lead time is noted."""
    return _travel_register(_locked_person(actor, supervisee), leave, actor)


@transaction.atomic
def travel_apply_own(*, user, leave: TravelLeave, evidence_photo: bytes) -> TravelLeave:
    """The person applies from the phone, with a photo of the supporting document (e.g. a hospital notice)."""
    s = None
    if user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id:
        s = Supervisee.objects.select_for_update().filter(pk=user.supervisee_id, status=Status.UNDER_CORRECTION).first()
    if s is None:
        raise SupervisionError("只有在矫的社区矫正对象本人可以申请外出。")
    if s.travel_leaves.filter(status=TravelLeave.Status.PENDING).exists():
        raise SupervisionError("您已有一份外出申请正在审批，请等待结果或联系司法所。")
    leave.applied_on = timezone.localdate()
    try:
        extension = photo_extension(evidence_photo)
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
    last = RULES["TRAVEL_RETURN_DUE"](statute_context(), start=leave.start, days=leave.days).outcome
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
    s = _locked_person(actor, leave.supervisee, Access.VIEW)
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
    s = _locked_person(actor, leave.supervisee)
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
def travel_return_own(*, user, leave_id, checkin: CheckIn) -> TravelLeave:
    """The person reports back from the phone (销假, 实施办法第二十八条); the check-in just made shows where."""
    leave = returnable_leave(user, leave_id, lock=True)
    if leave is None or checkin.supervisee_id != user.supervisee_id:
        raise SupervisionError("该外出不能在手机上销假，请联系司法所。")
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
    s = _locked_person(actor, leave.supervisee)
    if leave.status != TravelLeave.Status.PENDING:
        raise SupervisionError("只能撤回待审批的申请。")
    leave.status = TravelLeave.Status.WITHDRAWN
    leave._history_user = actor
    leave.save()
    _refresh(s)
    return leave


# ----------------------------------------------------------------------------------------- electronic monitoring


def monitoring_period(start: date, months: int, *, extension: bool = False) -> Decision:
    return RULES["ELECTRONIC_MONITORING_PERIOD"](
        statute_context(), start=start, requested_months=months, extension=extension
    )


@transaction.atomic
def monitoring_propose(*, actor, supervisee: Supervisee, monitoring: ElectronicMonitoring) -> ElectronicMonitoring:
    """Propose the device on the statute's grounds for a lawful period; the bureau head decides."""
    s = _locked_person(actor, supervisee)
    if s.monitorings.filter(status__in=(ElectronicMonitoring.Status.PROPOSED, ElectronicMonitoring.Status.ACTIVE)):
        raise SupervisionError("该矫正对象已有待批准或使用中的电子定位。")
    grounds = RULES["ELECTRONIC_MONITORING_GROUNDS"](statute_context(), grounds=monitoring.grounds)
    if not grounds.outcome:
        raise SupervisionError("不属于法定情形，不得使用电子定位装置（社区矫正法第二十九条）。", "grounds")
    if monitoring.start < timezone.localdate():
        raise SupervisionError("起始日期不能早于今天。", "start")
    period = monitoring_period(monitoring.start, monitoring.months)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > s.term_end:
        raise SupervisionError(f"截止日期{period.outcome.end:%Y-%m-%d}超过矫正期满日，请缩短期限。", "months")
    monitoring.supervisee, monitoring.proposed_by, monitoring.end = s, actor, period.outcome.end
    monitoring.status = ElectronicMonitoring.Status.PROPOSED
    monitoring._history_user = actor
    monitoring.save()
    _refresh(s)
    return monitoring


def _locked_monitoring(actor, monitoring: ElectronicMonitoring, status: str) -> ElectronicMonitoring:
    current = ElectronicMonitoring.objects.select_for_update().get(pk=monitoring.pk)
    _locked_person(actor, current.supervisee, Access.VIEW)
    if current.status != status:
        raise SupervisionError(f"该电子定位当前为“{current.get_status_display()}”。")
    return current


def _check_head(actor, s: Supervisee) -> None:
    if not has_capability(actor, Capability.MONITORING_APPROVE) or actor.unit.county_id != s.judicial_office.county_id:
        raise SupervisionError("使用、延长电子定位装置须经县级司法行政部门负责人批准。")


@transaction.atomic
def monitoring_decide(*, actor, monitoring: ElectronicMonitoring, approve: bool, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.PROPOSED)
    _check_head(actor, m.supervisee)
    if not approve and not reason.strip():
        raise SupervisionError("不予批准的，请写明理由。", "reason")
    m.status = ElectronicMonitoring.Status.ACTIVE if approve else ElectronicMonitoring.Status.REFUSED
    m.decided_by, m.decided_at, m.decision_reason = actor, timezone.now(), reason.strip()
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_extend(*, actor, monitoring: ElectronicMonitoring, months: int, reason: str) -> ElectronicMonitoring:
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    _check_head(actor, m.supervisee)
    if not reason.strip():
        raise SupervisionError("请写明经评估仍有必要继续使用的理由。", "reason")
    period = monitoring_period(m.end, months, extension=True)
    if not period.outcome.allowed:
        raise SupervisionError(period.reasons[0] + "。", "months")
    if period.outcome.end > m.supervisee.term_end:
        raise SupervisionError("延长后超过矫正期满日，请缩短期限。", "months")
    MonitoringExtension.objects.create(
        monitoring=m, months=months, previous_end=m.end, new_end=period.outcome.end, reason=reason, approved_by=actor
    )
    m.end = period.outcome.end
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


@transaction.atomic
def monitoring_end(*, actor, monitoring: ElectronicMonitoring, ended_on: date, reason: str) -> ElectronicMonitoring:
    """Release the device: no longer needed, or the period is over."""
    m = _locked_monitoring(actor, monitoring, ElectronicMonitoring.Status.ACTIVE)
    _locked_person(actor, m.supervisee)
    if ended_on < m.start or ended_on > timezone.localdate():
        raise SupervisionError("解除日期应在起始日期至今天之间。", "ended_on")
    m.status, m.ended_on, m.end_reason = ElectronicMonitoring.Status.ENDED, ended_on, reason.strip()
    m._history_user = actor
    m.save()
    _refresh(m.supervisee)
    return m


# --- 手机APP签到 (check-ins) -------------------------------------------------------------------------------------

IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
# Each check-in stores a photo: a person (or a stolen session) cannot fill the disk (a safeguard, not a legal figure).
MAX_CHECKINS_PER_DAY = 10
# Letters and digits that cannot be misread when the officer reads the password out (no 0/O, 1/l/I).
_PASSWORD_CLASSES = ("abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "@#%&*+=")


def _initial_password(user) -> str:
    rng = secrets.SystemRandom()
    chars = [rng.choice(_PASSWORD_CLASSES[i % 3]) for i in range(11)] + [rng.choice(_PASSWORD_CLASSES[3])]
    rng.shuffle(chars)
    password = "".join(chars)
    validate_password(password, user)
    return password


def app_username(s: Supervisee) -> str:
    """Not the phone or identity number: usernames are stored in clear."""
    return f"jz{s.pk:06d}"


@transaction.atomic
def app_enrol(*, actor, supervisee: Supervisee) -> tuple[AppEnrolment, str]:
    """Open the phone app for the person: an account with a one-time initial password the officer hands over. From
    the next day the person checks in as the supervision level requires."""
    s = _locked_person(actor, supervisee)
    if AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象已开通手机签到。")
    if not s.levels.exists():
        raise SupervisionError("请先完成报到并确定监管等级，再开通手机签到。")
    account = User.objects.filter(supervisee=s).first()
    if account is None:
        account = User(username=app_username(s), full_name=s.name, role=Role.SUPERVISEE, supervisee=s)
    password = _initial_password(account)
    account.set_password(password)
    account.is_active = True
    account.save()
    enrolment = AppEnrolment.objects.create(supervisee=s, enrolled_on=timezone.localdate(), enrolled_by=actor)
    return enrolment, password


@transaction.atomic
def app_password_reset(*, actor, supervisee: Supervisee) -> tuple[User, str]:
    """The person forgot the password or lost the phone: a new one-time password; the old one stops working."""
    s = _locked_person(actor, supervisee)
    account = User.objects.select_for_update().filter(supervisee=s).first()
    if account is None or not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象尚未开通手机签到。")
    password = _initial_password(account)
    account.set_password(password)
    account.failed_logins, account.locked_until = 0, None
    account.save()
    return account, password


def _metres(value) -> int | None:
    """The phone's stated accuracy, in whole metres; a missing or unreadable one is unknown, not an error."""
    try:
        metres = float(value)
    except (TypeError, ValueError):
        return None
    return round(min(metres, 100_000)) if metres >= 0 else None


def checkin_record(*, user, idempotency_key: str, latitude, longitude, accuracy, photo: bytes) -> tuple[CheckIn, bool]:
    """The person checks in from the phone. A retry with the same key returns the check-in already recorded
    (created False) and stores nothing twice. Errors name the field: `photo`, `location` or `idempotency_key`."""
    s = user.supervisee if user.is_authenticated and user.role == Role.SUPERVISEE else None
    if s is None:
        raise SupervisionError("只有社区矫正对象本人可以签到。")
    if not IDEMPOTENCY_KEY.fullmatch(idempotency_key or ""):
        raise SupervisionError("请求标识无效，请刷新页面后重新签到。", "idempotency_key")
    earlier = CheckIn.objects.filter(supervisee=s, idempotency_key=idempotency_key).first()
    if earlier is not None:
        return earlier, False
    if s.status != Status.UNDER_CORRECTION or not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("您目前无需手机签到；如有疑问请联系司法所。")
    if CheckIn.objects.filter(supervisee=s, checked_on=timezone.localdate()).count() >= MAX_CHECKINS_PER_DAY:
        raise SupervisionError("今日签到次数已达上限，无需再次签到。")
    try:
        latitude, longitude = Decimal(str(latitude)), Decimal(str(longitude))
    except (InvalidOperation, ValueError, TypeError):
        raise SupervisionError("未获取到手机位置，请在手机设置中允许定位后重新签到。", "location") from None
    if not (latitude.is_finite() and longitude.is_finite() and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise SupervisionError("手机位置无效，请重新定位后签到。", "location")
    try:
        extension = photo_extension(photo)
    except PhotoError as e:
        raise SupervisionError(str(e), "photo") from None
    now = timezone.now()
    relative = f"photos/{s.pk}/checkins/{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}.{extension}"
    checkin = CheckIn(
        supervisee=s,
        checked_at=now,
        checked_on=timezone.localdate(now),
        latitude=latitude.quantize(Decimal("0.000001")),
        longitude=longitude.quantize(Decimal("0.000001")),
        accuracy=_metres(accuracy),
        photo=relative,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            checkin.photo_sha256 = photo_store(relative, photo)
            checkin.save()
            asked = SpotCheck.objects.filter(
                supervisee=s, answer__isnull=True, requested_at__lte=now, answer_by__gte=now
            )
            asked.filter(pk__in=asked.order_by("requested_at").values("pk")[:1]).update(answer=checkin)
    except IntegrityError:  # the same retry arrived twice at once: the other one was recorded
        photo_path(relative).unlink(missing_ok=True)
        return CheckIn.objects.get(supervisee=s, idempotency_key=idempotency_key), False
    return checkin, True


@transaction.atomic
def checkin_follow_up_record(*, actor, supervisee: Supervisee, follow_up: CheckInFollowUp) -> CheckInFollowUp:
    """The officer found out why check-ins were missed. One that reached the person settles the periods before its
    day and closes the inbox item; one that did not leaves it open (and the person may have lost contact)."""
    s = _locked_person(actor, supervisee)
    enrolment = AppEnrolment.objects.filter(supervisee=s).first()
    if enrolment is None:
        raise SupervisionError("该矫正对象尚未开通手机签到。")
    today = timezone.localdate()
    if follow_up.followed_up_on > today:
        raise SupervisionError("核实日期不能晚于今天。", "followed_up_on")
    if follow_up.followed_up_on < enrolment.enrolled_on:
        raise SupervisionError(
            f"核实日期不能早于开通手机签到的日期（{enrolment.enrolled_on:%Y-%m-%d}）。", "followed_up_on"
        )
    if not follow_up.finding.strip():
        raise SupervisionError("请填写核实情况。", "finding")
    follow_up.supervisee, follow_up.recorded_by = s, actor
    follow_up.finding = follow_up.finding.strip()
    follow_up.save()
    _refresh(s)
    return follow_up


def spot_check_open(s: Supervisee) -> SpotCheck | None:
    """The spot check waiting for the person's answer now, if any."""
    return SpotCheck.objects.filter(supervisee=s, answer__isnull=True, answer_by__gte=timezone.now()).first()


@transaction.atomic
def spot_check_request(*, actor, supervisee: Supervisee) -> SpotCheck:
    """Ask the person to check in now; the answer is due by SPOT_CHECK_ANSWER_DUE. One at a time."""
    s = _locked_person(actor, supervisee)
    if not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象尚未开通手机签到，无法发起抽查。")
    waiting = spot_check_open(s)
    if waiting is not None:
        raise SupervisionError(f"已有抽查等待应答（至{timezone.localtime(waiting.answer_by):%H:%M}）。")
    now = timezone.now()
    due = RULES["SPOT_CHECK_ANSWER_DUE"](statute_context(), requested_at=now).outcome
    return SpotCheck.objects.create(supervisee=s, requested_at=now, answer_by=due, requested_by=actor)
