"""Writes of phone check-ins: enrolment and passwords, the check-in itself (idempotent) and its photo's processing,
follow-ups of missed check-ins and spot checks. Each is one transaction."""

import hashlib
import logging
import math
import re
import secrets
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import cache

from django.contrib.auth.password_validation import validate_password
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from sqjz.accounts.models import DeviceCredential, Role, User
from sqjz.accounts.services import device_revoke, device_revoke_all, user_unlock
from sqjz.core.photos import PhotoError, photo_accept, photo_check, photo_path, photo_store, quarantine_path
from sqjz.figures.services import figures_refresh
from sqjz.inbox.services import inbox_refresh
from sqjz.intake.selectors import report_in_photo
from sqjz.rulebook.selectors import statute_context
from sqjz.statute.registry import RULES
from sqjz.statute.rules.travel import last_day_of_leave
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.checkins import duties
from sqjz.supervision.checkins.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    CheckInReminder,
    FaceReference,
    FaceResult,
    Review,
    SpotCheck,
)
from sqjz.supervision.checkins.selectors import CHECKIN_FIGURE, counted_checkins, reminders_due
from sqjz.supervision.checkins.tasks import checkin_photo_task
from sqjz.supervision.common import SupervisionError, home_area_distance_km, home_area_placement, locked_person
from sqjz.supervision.monitoring.evaluation import zones_entered
from sqjz.supervision.travel.selectors import away_on_leave, leave_on

logger = logging.getLogger(__name__)

IDEMPOTENCY_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
# The largest distance between two face descriptors taken as the same person: the model's authors use 0.6; 0.5 is
# stricter, against stand-ins (same person in the tests: 0.05–0.33; different people: 0.69–0.71), and what it rejects
# wrongly an officer reviews (checkin_concerns).
FACE_MATCH_DISTANCE = 0.5
# Working thresholds of a doubtful check-in, not legal figures: a position vaguer than this does not place the person
# in a village or a town; a journey since the last check-in faster than this (over more than SPEED_MIN_KM, below
# which positions' errors and detours decide) is faster than any train or car between two places in a province.
POOR_ACCURACY_M = 500
IMPOSSIBLE_SPEED_KMH = 250
SPEED_MIN_KM = 30
# A photo file made longer ago than this before the check-in was not taken for it (a camera photo is seconds old);
# the phone's clock may be a little off either way, so only an older one is a concern.
PHOTO_MAX_AGE_MINUTES = 10
EARTH_RADIUS_KM = 6371.0
# Each check-in stores a photo: a person (or a stolen session) cannot fill the disk (a safeguard, not a legal figure).
MAX_CHECKINS_PER_DAY = 10
# Phone usernames: "jz" and 8 random lower-case letters and digits that cannot be misread (no 0/o, 1/l/i), easy to
# type on a phone and not derived from the record (sequential names let anyone list and lock every account, 0012).
_USERNAME_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"
_SEQUENTIAL_USERNAME = re.compile(r"jz\d{6}")
# Letters and digits that cannot be misread when the officer reads the password out (no 0/O, 1/l/I).
_PASSWORD_CLASSES = ("abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789", "@#%&*+=")


def _refresh(s: Supervisee) -> None:
    inbox_refresh(area=duties.AREA, ids=[s.pk])


def _initial_password(user) -> str:
    rng = secrets.SystemRandom()
    chars = [rng.choice(_PASSWORD_CLASSES[i % 3]) for i in range(11)] + [rng.choice(_PASSWORD_CLASSES[3])]
    rng.shuffle(chars)
    password = "".join(chars)
    validate_password(password, user)
    return password


def app_username() -> str:
    """A new unused phone username. Not the phone or identity number (usernames are stored in clear), nor the record
    id (guessable)."""
    while True:
        username = "jz" + "".join(secrets.choice(_USERNAME_CHARS) for _ in range(8))
        if not User.objects.filter(username=username).exists():
            return username


@transaction.atomic
def app_enrol(*, actor, supervisee: Supervisee) -> tuple[AppEnrolment, str]:
    """Open the phone app for the person: an account with a one-time initial password the officer hands over. From
    the next day the person checks in as the supervision level requires."""
    s = locked_person(actor, supervisee)
    if AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象已开通手机签到。")
    if not s.levels.exists():
        raise SupervisionError("请先完成报到并确定监管等级，再开通手机签到。")
    account = User.objects.filter(supervisee=s).first()
    if account is None:
        account = User(username=app_username(), full_name=s.name, role=Role.SUPERVISEE, supervisee=s)
    password = _initial_password(account)
    account.set_password(password)
    account.is_active = True
    account.save()
    enrolment = AppEnrolment.objects.create(supervisee=s, enrolled_on=timezone.localdate(), enrolled_by=actor)
    figures_refresh(offices=[s.judicial_office_id], names=[CHECKIN_FIGURE])
    return enrolment, password


@transaction.atomic
def app_password_reset(*, actor, supervisee: Supervisee) -> tuple[User, str]:
    """The person forgot the password or lost the phone: a new one-time password; the old one stops working."""
    s = locked_person(actor, supervisee)
    account = User.objects.select_for_update().filter(supervisee=s).first()
    if account is None or not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象尚未开通手机签到。")
    if _SEQUENTIAL_USERNAME.fullmatch(account.username):  # opened before usernames were random: a new one now
        account.username = app_username()
    password = _initial_password(account)
    account.set_password(password)
    account.save()
    user_unlock(account, actor=actor)  # a new password also ends a lockout
    device_revoke_all(user=account, actor=actor, reason="司法所重置密码")  # bound phones need the new one (0022)
    return account, password


# Long enough for "手机丢失" or "本人反映手机被他人使用", short enough to read in a table.
DEVICE_REVOKE_REASON_MAX = 200


@transaction.atomic
def app_device_revoke(*, actor, supervisee: Supervisee, device_id: int, reason: str):
    """The office unbinds one of the person's phones (lost, replaced, used by someone else): its credential signs
    nobody in any more and a session it signed in ends at the next request (decision 0022)."""
    reason = (reason or "").strip()
    if not reason:
        raise SupervisionError("请填写解除原因，如“手机丢失”“已更换手机”。", "reason")
    if len(reason) > DEVICE_REVOKE_REASON_MAX:
        raise SupervisionError(f"解除原因不能超过{DEVICE_REVOKE_REASON_MAX}个字。", "reason")
    s = locked_person(actor, supervisee)
    account = User.objects.filter(supervisee=s).first()
    credential = device_revoke(user=account, credential_id=device_id, actor=actor, reason=reason) if account else None
    if credential is None:
        raise SupervisionError("该手机已解除绑定。")
    return credential


@transaction.atomic
def app_account_unlock(*, actor, supervisee: Supervisee) -> User:
    """The person was locked out (wrong passwords, perhaps someone else's): the office lets them sign in again now. Only
    an officer who may edit the person gets here (locked_person); recorded as an AccountUnlock (on the timeline)."""
    s = locked_person(actor, supervisee)
    account = User.objects.select_for_update().filter(supervisee=s).first()
    if account is None or not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象尚未开通手机签到。")
    user_unlock(account, actor=actor)
    return account


def _metres(value) -> int | None:
    """The phone's stated accuracy, in whole metres; a missing or unreadable one is unknown, not an error."""
    try:
        metres = float(value)
    except (TypeError, ValueError):
        return None
    return round(min(metres, 100_000)) if metres >= 0 else None


class IdempotencyConflict(SupervisionError):
    """The key was already used for a check-in with another photo or position: not a retry (the API answers 409)."""


def _coordinate(value) -> str:
    try:
        return str(Decimal(str(value)).quantize(Decimal("0.000001")))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


def checkin_fingerprint(*, latitude, longitude, accuracy, photo: bytes) -> str:
    """What makes two requests the same check-in: the uploaded photo's SHA-256 and the position as it will be
    stored (the same number written differently is the same). The time is the server's, so it is no part of it."""
    parts = (hashlib.sha256(photo).hexdigest(), _coordinate(latitude), _coordinate(longitude), str(_metres(accuracy)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _replayed(earlier: CheckIn, fingerprint: str) -> tuple[CheckIn, bool]:
    # Check-ins recorded before the fingerprint was stored have none: they can only be answered as before.
    if earlier.request_hash and earlier.request_hash != fingerprint:
        message = "请求标识已用于另一次签到（照片或位置不同），请刷新页面后重新签到。"
        raise IdempotencyConflict(message, "idempotency_key")
    return earlier, False


def _photo_time(value):
    """The photo file's time as the phone sent it (milliseconds since 1970, JavaScript's File.lastModified); an
    unreadable or implausible one is not known, not an error (it only adds evidence)."""
    try:
        milliseconds = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    if not 946_684_800_000 <= milliseconds <= 4_102_444_800_000:  # 2000–2100
        return None
    return datetime.fromtimestamp(milliseconds / 1000, tz=UTC)


def checkin_record(
    *,
    user,
    idempotency_key: str,
    latitude,
    longitude,
    accuracy,
    photo: bytes,
    device_id: int | None = None,
    photo_taken_at=None,
) -> tuple[CheckIn, bool]:
    """The person checks in from the phone. A retry with the same key and the same photo and position returns the
    check-in already recorded (created False) and stores nothing twice; the same key with another photo or position
    is refused (IdempotencyConflict). Errors name the field: `photo`, `location` or `idempotency_key`.

    `device_id` is the bound phone the session was signed in with (None: a password sign-in), `photo_taken_at` the
    photo file's time as the phone sent it (File.lastModified in milliseconds): evidence for checkin_concerns."""
    if not (user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id):
        raise SupervisionError("只有社区矫正对象本人可以签到。")
    if not IDEMPOTENCY_KEY.fullmatch(idempotency_key or ""):
        raise SupervisionError("请求标识无效，请刷新页面后重新签到。", "idempotency_key")
    fingerprint = checkin_fingerprint(latitude=latitude, longitude=longitude, accuracy=accuracy, photo=photo)
    now = timezone.now()
    s = _checkin_facts(user.supervisee_id, idempotency_key, now)
    if s.earlier_id is not None:
        return _replayed(CheckIn.objects.get(pk=s.earlier_id), fingerprint)
    if s.status != Status.UNDER_CORRECTION or not s.enrolled:
        raise SupervisionError(f"您目前无需手机签到；如有疑问请联系{s.judicial_office.name}。")
    if (s.today_count or 0) >= MAX_CHECKINS_PER_DAY:
        raise SupervisionError("今日签到次数已达上限，无需再次签到。")
    try:
        latitude, longitude = Decimal(str(latitude)), Decimal(str(longitude))
    except (InvalidOperation, ValueError, TypeError):
        raise SupervisionError("未获取到手机位置，请在手机设置中允许定位后重新签到。", "location") from None
    if not (latitude.is_finite() and longitude.is_finite() and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise SupervisionError("手机位置无效，请重新定位后签到。", "location")
    try:
        photo_check(photo)  # from the header only: the pixels are decoded by checkin_photo_task
    except PhotoError as e:
        raise SupervisionError(str(e), "photo") from None
    checkin = CheckIn(
        supervisee=s,
        checked_at=now,
        checked_on=timezone.localdate(now),
        latitude=latitude.quantize(Decimal("0.000001")),
        longitude=longitude.quantize(Decimal("0.000001")),
        accuracy=_metres(accuracy),
        device_id=device_id,
        photo_taken_at=_photo_time(photo_taken_at),
        photo_state=CheckIn.PhotoState.PENDING,
        face_result=FaceResult.PENDING,
        idempotency_key=idempotency_key,
        request_hash=fingerprint,
    )
    try:
        with transaction.atomic():
            checkin.save()
            raw = _quarantined(checkin.pk)
            try:
                raw.parent.mkdir(parents=True, exist_ok=True)
                raw.write_bytes(photo)
                checkin_photo_task.enqueue(checkin.pk)
                if s.asked:  # the earliest spot check waiting is answered by this check-in
                    asked = _spot_checks_open(s.pk, now)
                    asked.filter(pk__in=asked.order_by("requested_at").values("pk")[:1]).update(answer=checkin)
            except BaseException:
                raw.unlink(missing_ok=True)  # the check-in rolls back: no upload waits for it
                raise
    except IntegrityError:  # the same retry arrived twice at once: the other one was recorded
        return _replayed(CheckIn.objects.get(supervisee=s, idempotency_key=idempotency_key), fingerprint)
    return checkin, True


@cache
def _checkin_facts_sql() -> str:
    # Written out rather than built with the ORM: building and compiling this query with four annotations cost
    # 1.4 ms of CPU per check-in and running it 0.1 ms (measured on SQLite, 2026-11-30), a quarter of the check-in.
    # The table names come from the models; every value is a parameter.
    person, enrolment = Supervisee._meta.db_table, AppEnrolment._meta.db_table
    checkin, spot_check = CheckIn._meta.db_table, SpotCheck._meta.db_table
    return (
        f"SELECT s.id, s.status, s.judicial_office_id,"  # noqa: S608  # nosec B608
        f" EXISTS(SELECT 1 FROM {enrolment} e WHERE e.supervisee_id = s.id) AS enrolled,"
        f" (SELECT c.id FROM {checkin} c WHERE c.supervisee_id = s.id AND c.idempotency_key = %s) AS earlier_id,"
        f" (SELECT COUNT(*) FROM {checkin} c WHERE c.supervisee_id = s.id AND c.checked_on = %s) AS today_count,"
        f" EXISTS(SELECT 1 FROM {spot_check} p WHERE p.supervisee_id = s.id AND p.answer_id IS NULL"
        f" AND p.requested_at <= %s AND p.answer_by >= %s) AS asked"
        f" FROM {person} s WHERE s.id = %s"
    )


def _checkin_facts(supervisee_id: int, idempotency_key: str, now) -> Supervisee:
    """In one query: the few columns of the person's record a check-in needs (no encrypted field is read), and as
    attributes whether the person is enrolled, the check-in already recorded with this key (`earlier_id`, or None),
    the number of today's check-ins and whether a spot check waits for an answer (`asked`, the one _spot_checks_open
    finds)."""
    ops = connection.ops
    at = ops.adapt_datetimefield_value(now)
    params = [idempotency_key, ops.adapt_datefield_value(timezone.localdate(now)), at, at, supervisee_id]
    return Supervisee.objects.raw(_checkin_facts_sql(), params)[0]


def _spot_checks_open(supervisee, now) -> QuerySet[SpotCheck]:
    return SpotCheck.objects.filter(
        supervisee=supervisee, answer__isnull=True, requested_at__lte=now, answer_by__gte=now
    )


def _quarantined(checkin_id: int):
    """Where a check-in's upload waits, as it came, for checkin_photo_process (never served)."""
    return quarantine_path(f"checkins/{checkin_id}")


def checkin_photo_process(*, checkin_id: int) -> str:
    """Decode the check-in's quarantined upload, apply its EXIF orientation and keep only the pixels (photo_accept),
    store that as the check-in's photo and delete the upload. Pixels that cannot be decoded leave the photo REJECTED
    (the check-in stays; the officer sees 照片无法识别). Returns the photo's state.

    May run twice (core.taskqueue): a check-in no longer PENDING only has its upload removed; the stored file's name
    depends on the check-in alone, so a second run after a kill rewrites the same file."""
    checkin = CheckIn.objects.only(
        "id",
        "supervisee_id",
        "checked_at",
        "photo_state",
        "latitude",
        "longitude",
        "accuracy",
        "device",
        "photo_taken_at",
    ).get(pk=checkin_id)
    raw = _quarantined(checkin.pk)
    if checkin.photo_state != CheckIn.PhotoState.PENDING:
        raw.unlink(missing_ok=True)
        return checkin.photo_state
    try:
        photo, extension = photo_accept(raw.read_bytes())
    except (PhotoError, FileNotFoundError) as error:
        # No personal data in the log: the check-in's number and why, never the person or the position.
        logger.warning("check-in %s: photo rejected (%s)", checkin.pk, type(error).__name__)
        fields = {"photo_state": CheckIn.PhotoState.REJECTED, "face_result": FaceResult.NOT_COMPARED}
    else:
        relative = f"photos/{checkin.supervisee_id}/checkins/{checkin.checked_at:%Y%m%d%H%M%S}-{checkin.pk}.{extension}"
        digest = photo_store(relative, photo)
        fields = {"photo_state": CheckIn.PhotoState.STORED, "photo": relative, "photo_sha256": digest}
        fields |= face_compare(checkin.supervisee_id, photo, checkin_id=checkin.pk)
        fields["concerns"] = checkin_concerns(checkin, fields["face_result"], fields.get("face_distance"))
        fields["doubtful"] = bool(fields["concerns"])
    with transaction.atomic():
        CheckIn.objects.filter(pk=checkin.pk, photo_state=CheckIn.PhotoState.PENDING).update(**fields)
        if fields.get("doubtful"):
            _refresh(Supervisee(pk=checkin.supervisee_id))  # the office's review to-do, and its figures
        else:
            # The office's check-in figure, here rather than in the check-in's request, which must stay fast
            # (decision 0024).
            office = Supervisee.objects.filter(pk=checkin.supervisee_id).values_list("judicial_office_id", flat=True)
            figures_refresh(offices=list(office), names=[CHECKIN_FIGURE])
    raw.unlink(missing_ok=True)
    return fields["photo_state"]


def checkin_concerns(checkin: CheckIn, face_result: str, face_distance: float | None) -> list[str]:
    """What makes the check-in doubtful, each in words the officer reads: a face that is not the person's alone, a
    photo not taken just now, a position too vague to place the person, a position outside the home area (HOME_AREA)
    on a day no approved leave covers or inside it during a leave elsewhere, a journey since the last check-in that no
    one makes in the time, or another phone than the one the last check-in came from."""
    concerns = []
    if face_result == FaceResult.MISMATCH:
        concerns.append(f"签到照片人脸与报到照片不一致（特征距离{face_distance:.2f}）")
    elif face_result == FaceResult.NO_FACE:
        concerns.append("签到照片中未检出人脸")
    elif face_result == FaceResult.SEVERAL:
        concerns.append("签到照片中检出多张人脸")
    if checkin.photo_taken_at is not None:
        minutes = (checkin.checked_at - checkin.photo_taken_at).total_seconds() / 60
        if minutes > PHOTO_MAX_AGE_MINUTES:
            concerns.append(
                f"签到照片文件形成于{timezone.localtime(checkin.photo_taken_at):%m月%d日 %H:%M}，"
                f"早于签到{_duration(minutes)}，可能不是现场拍摄"
            )
    if checkin.accuracy is not None and checkin.accuracy > POOR_ACCURACY_M:
        concerns.append(f"定位精度差（约{checkin.accuracy}米），无法确认所在位置")
    s = Supervisee.objects.select_related("county").get(pk=checkin.supervisee_id)
    placement, area = home_area_placement(s, checkin.latitude, checkin.longitude, checkin.accuracy)
    day = timezone.localdate(checkin.checked_at)
    if placement == "outside" and not away_on_leave(s, day):
        km = home_area_distance_km(s, checkin.latitude, checkin.longitude)
        far = f"（距居住地边界约{km:.0f}公里）" if km and km >= 1 else ""
        concerns.append(f"签到位置在居住地（{area}）以外{far}，且当日无经批准的外出")
    elif placement == "inside" and (leave := leave_on(s, day)) is not None and _inner_day(leave, day):
        concerns.append(
            f"经批准外出（目的地：{leave.destination}，{leave.start:%m月%d日}起{leave.days}日）期间却在居住地（{area}）"
            "签到：请核实是否已返回而未销假，或未按批准的目的地外出"
        )
    for zone in zones_entered(
        checkin.supervisee_id, checkin.latitude, checkin.longitude, checkin.accuracy, checkin.checked_at
    ):
        concerns.append(
            f"签到位置在禁止令禁止进入的区域（{zone.name}）内，且该时段无经批准的进入申请（禁止令：{zone.order.content}）"
        )
    previous = (
        counted_checkins()
        .filter(supervisee_id=checkin.supervisee_id, checked_at__lt=checkin.checked_at)
        .exclude(pk=checkin.pk)
        .order_by("-checked_at")
        .only("checked_at", "latitude", "longitude")
        .first()
    )
    if previous is not None:
        km = distance_km(previous.latitude, previous.longitude, checkin.latitude, checkin.longitude)
        minutes = max((checkin.checked_at - previous.checked_at).total_seconds() / 60, 1)
        if km > SPEED_MIN_KM and km / (minutes / 60) > IMPOSSIBLE_SPEED_KMH:
            concerns.append(
                f"距上次签到（{timezone.localtime(previous.checked_at):%m月%d日 %H:%M}）{km:.0f}公里，"
                f"仅隔{minutes:.0f}分钟，常规交通无法到达"
            )
    if (phone := _last_phone(checkin)) is not None and checkin.device_id != phone:
        device = (
            DeviceCredential.objects.filter(pk=checkin.device_id).values_list("label", flat=True).first()
            if checkin.device_id
            else None
        )
        now_from = f"新绑定的手机（{device}）" if device else "未绑定的手机（输入密码登录）"
        concerns.append(f"本次签到使用{now_from}，与此前签到的手机不同")
    return concerns


def _inner_day(leave, day) -> bool:
    """Whether `day` falls strictly inside the leave: on its first day the person may leave after checking in at home,
    and on its last day come back and check in before reporting back."""
    return leave.start < day < last_day_of_leave(leave.start, leave.days)


def _last_phone(checkin: CheckIn) -> int | None:
    """The bound phone the person's last counted check-in from a bound phone came from (None: none yet)."""
    earlier = counted_checkins().filter(
        supervisee_id=checkin.supervisee_id, checked_at__lt=checkin.checked_at, device__isnull=False
    )
    return earlier.exclude(pk=checkin.pk).order_by("-checked_at").values_list("device_id", flat=True).first()


def _duration(minutes: float) -> str:
    if minutes < 120:
        return f"{minutes:.0f}分钟"
    if minutes < 48 * 60:
        return f"{minutes / 60:.0f}小时"
    return f"{minutes / 1440:.0f}天"


def distance_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance (haversine, on a sphere of the Earth's mean radius): within 0.5 % of the true one."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def face_compare(supervisee_id: int, photo: bytes, *, checkin_id: int) -> dict:
    """The check-in fields of the face in `photo` (a stored check-in photo) against the person's report-in photo:
    FACE_RESULT with the distance of the nearest face to the reference and the model's name."""
    from sqjz.core.faces import MODEL, descriptor_from, face_distance, faces_find  # dlib: task workers only

    try:
        found = faces_find(photo)
        reference = face_reference(supervisee_id) if found.count else None
    except (OSError, RuntimeError) as error:  # dlib's own errors are RuntimeError
        logger.warning("check-in %s: face not compared (%s)", checkin_id, type(error).__name__)
        return {"face_result": FaceResult.NOT_COMPARED}
    fields = {"face_model": MODEL, "face_distance": None}
    if found.count == 0:
        return fields | {"face_result": FaceResult.NO_FACE}
    if reference is None or reference.descriptor is None:
        return fields | {"face_result": FaceResult.NO_REFERENCE}
    known = descriptor_from(bytes(reference.descriptor))
    distance = min(face_distance(known, d) for d in found.descriptors)
    fields["face_distance"] = round(distance, 4)
    if found.count > 1:
        return fields | {"face_result": FaceResult.SEVERAL}
    return fields | {"face_result": FaceResult.MATCH if distance <= FACE_MATCH_DISTANCE else FaceResult.MISMATCH}


def face_reference(supervisee_id: int) -> FaceReference | None:
    """The face of the person's report-in photo, computed when there is none yet for this photo and model; None when
    the person has no report-in photo."""
    from sqjz.core.faces import MODEL, descriptor_bytes, faces_find  # dlib: task workers only

    relative = report_in_photo(supervisee_id)
    path = photo_path(relative) if relative else None
    if path is None or not path.is_file():
        return None
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    reference = FaceReference.objects.filter(supervisee_id=supervisee_id).first()
    if reference is not None and reference.photo_sha256 == digest and reference.model == MODEL:
        return reference
    found = faces_find(data)
    reference, _ = FaceReference.objects.update_or_create(
        supervisee_id=supervisee_id,
        defaults={
            "photo_sha256": digest,
            "model": MODEL,
            "faces": found.count,
            "descriptor": descriptor_bytes(found.descriptors[0]) if found.count else None,
        },
    )
    return reference


@transaction.atomic
def checkin_review(*, actor, checkin: CheckIn, review: str, note: str) -> CheckIn:
    """The officer's review of a doubtful check-in (checkin_concerns): CONFIRMED (it was the person; the check-in
    stands) or REJECTED (not the person: the check-in no longer counts, and a missed check-in may follow)."""
    s = locked_person(actor, checkin.supervisee)
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk, supervisee=s)
    if not checkin.doubtful or checkin.photo_state != CheckIn.PhotoState.STORED:
        raise SupervisionError("这次签到无存疑情形，无需人工核实。")
    if checkin.review:
        raise SupervisionError(f"这次签到已于{timezone.localtime(checkin.reviewed_at):%Y-%m-%d %H:%M}核实。")
    if review not in Review.values:
        raise SupervisionError("请选择核实结果。", "review")
    note = note.strip()
    if not note:
        raise SupervisionError("请填写核实情况：如何确认是否本人（电话、视频、实地查访）及所见。", "review_note")
    checkin.review, checkin.review_note, checkin.reviewed_by, checkin.reviewed_at = review, note, actor, timezone.now()
    checkin.save(update_fields=["review", "review_note", "reviewed_by", "reviewed_at"])
    _refresh(s)
    return checkin


@transaction.atomic
def checkin_follow_up_record(*, actor, supervisee: Supervisee, follow_up: CheckInFollowUp) -> CheckInFollowUp:
    """The officer found out why check-ins were missed. One that reached the person settles the periods before its
    day and closes the inbox item; one that did not leaves it open (and the person may have lost contact)."""
    s = locked_person(actor, supervisee)
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
    s = locked_person(actor, supervisee)
    if not AppEnrolment.objects.filter(supervisee=s).exists():
        raise SupervisionError("该矫正对象尚未开通手机签到，无法发起抽查。")
    waiting = spot_check_open(s)
    if waiting is not None:
        raise SupervisionError(f"已有抽查等待应答（至{timezone.localtime(waiting.answer_by):%H:%M}）。")
    now = timezone.now()
    due = RULES["SPOT_CHECK_ANSWER_DUE"](statute_context(), requested_at=now).outcome
    return SpotCheck.objects.create(supervisee=s, requested_at=now, answer_by=due, requested_by=actor)


@transaction.atomic
def reminder_shown(*, user, kind: str, due_by) -> CheckInReminder:
    """The person's phone showed a reminder (selectors.reminders_due) at its request: recorded once per item. Only a
    reminder of something due now is recorded (the phone cannot write a history of its own)."""
    if not (user.is_authenticated and user.role == Role.SUPERVISEE and user.supervisee_id):
        raise SupervisionError("只有社区矫正对象本人的手机可以登记提醒。")
    s = Supervisee.objects.get(pk=user.supervisee_id)
    due = {(r["kind"], r["due_by"]) for r in reminders_due(s, timezone.now())}
    if (kind, due_by) not in due:
        raise SupervisionError("没有这项待办提醒。", "kind")
    reminder, _ = CheckInReminder.objects.get_or_create(
        supervisee=s, kind=kind, due_by=due_by, defaults={"shown_at": timezone.now()}
    )
    return reminder
