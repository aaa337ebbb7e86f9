"""The phone app's JSON API (the same services as the phone pages). A check-in carries an `Idempotency-Key`
header: a retry after a dropped connection returns the check-in already recorded (200) instead of a second one; the
same key with another photo or position is no retry and answers 409."""

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.views.decorators.cache import never_cache
from ninja import File, Form, Header, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from sqjz.accounts.models import Role
from sqjz.accounts.services import DEVICE_SESSION_KEY
from sqjz.core.errors import ServiceError
from sqjz.core.photos import MAX_PHOTO_BYTES
from sqjz.supervision.checkins import selectors as checkin_selectors
from sqjz.supervision.checkins import services as checkins

router = Router(tags=["矫正对象手机端"])
RECENT = 30


class CheckInOut(Schema):
    id: int
    checked_at: datetime
    latitude: float
    longitude: float
    accuracy: int | None
    # pending: the photo is being checked; stored: kept; rejected: it could not be decoded, and the check-in does not
    # count (check in again with a new photo).
    photo_state: str


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def _supervisee_only(request: HttpRequest) -> None:
    if request.user.role != Role.SUPERVISEE or request.user.supervisee_id is None:
        raise HttpError(403, "仅限社区矫正对象本人使用")


def _own_record(request: HttpRequest):
    _supervisee_only(request)
    return request.user.supervisee


@router.get("/checkins", response=list[CheckInOut], summary="本人最近的签到")
@decorate_view(never_cache)  # the person's positions: kept by no browser or proxy
def checkin_list(request: HttpRequest):
    return list(_own_record(request).checkins.all()[:RECENT])


@router.post(
    "/checkins",
    response={200: CheckInOut, 201: CheckInOut, 400: ErrorOut, 409: ErrorOut},
    summary="签到（照片+位置；同一 Idempotency-Key 的重试返回已登记的签到，照片或位置不同的答409）",
)
@decorate_view(never_cache)
def checkin_create(
    request: HttpRequest,
    photo: File[UploadedFile],
    latitude: Form[str],
    longitude: Form[str],
    accuracy: Form[str] = "",
    photo_taken_at: Form[str] = "",
    idempotency_key: str = Header(..., alias="Idempotency-Key"),
):
    _supervisee_only(request)  # the service reads the few columns of the record it needs
    try:
        checkin, created = checkins.checkin_record(
            user=request.user,
            idempotency_key=idempotency_key,
            latitude=latitude,
            longitude=longitude,
            accuracy=accuracy or None,
            photo=photo.read(MAX_PHOTO_BYTES + 1),
            device_id=request.session.get(DEVICE_SESSION_KEY),
            photo_taken_at=photo_taken_at or None,
        )
    except checkins.IdempotencyConflict as error:
        return Status(409, {"detail": error.message, "field": error.field})
    except ServiceError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201 if created else 200, checkin)


class ReminderOut(Schema):
    kind: str
    title: str
    body: str
    due_by: datetime
    shown: bool  # the phone already showed it (it need not show it again)


@router.get("/reminders", response=list[ReminderOut], summary="本人当前待办的签到提醒（何事、何时之前）")
@decorate_view(never_cache)
def reminder_list(request: HttpRequest, response: HttpResponse):
    # The service worker cannot read the CSRF cookie: the token it sends with /reminders/shown comes from here.
    response["X-CSRFToken"] = get_token(request)
    return checkin_selectors.reminders_due(_own_record(request), timezone.now())


@router.post(
    "/reminders/shown",
    response={201: ReminderOut, 400: ErrorOut},
    summary="手机已显示提醒（同一提醒只登记一次）",
)
@decorate_view(never_cache)
def reminder_shown(request: HttpRequest, kind: Form[str], due_by: Form[datetime]):
    _supervisee_only(request)
    try:
        reminder = checkins.reminder_shown(user=request.user, kind=kind, due_by=due_by)
    except ServiceError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(
        201,
        {
            "kind": reminder.kind,
            "title": reminder.get_kind_display(),
            "body": "",
            "due_by": reminder.due_by,
            "shown": True,
        },
    )
