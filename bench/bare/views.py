"""The one view: what a phone check-in must do at the least, written plainly."""

import re
import uuid
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bare.models import CheckIn

KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def _metres(value) -> int | None:
    try:
        metres = float(value)
    except (TypeError, ValueError):
        return None
    return round(min(metres, 100_000)) if metres >= 0 else None


def _refused(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def _answer(checkin: CheckIn, status: int) -> JsonResponse:
    return JsonResponse(
        {"id": checkin.pk, "checked_at": checkin.checked_at, "latitude": float(checkin.latitude)}, status=status
    )


@require_POST
def checkin(request):
    if not request.user.is_authenticated:
        return _refused(401, "未登录")
    key = request.headers.get("Idempotency-Key", "")
    if not KEY.fullmatch(key):
        return _refused(400, "请求标识无效")
    try:
        latitude, longitude = Decimal(request.POST["latitude"]), Decimal(request.POST["longitude"])
    except (KeyError, InvalidOperation):
        return _refused(400, "位置无效")
    if not (latitude.is_finite() and longitude.is_finite() and -90 <= latitude <= 90 and -180 <= longitude <= 180):
        return _refused(400, "位置无效")
    upload = request.FILES.get("photo")
    photo = upload.read(MAX_PHOTO_BYTES + 1) if upload else b""
    if not photo or len(photo) > MAX_PHOTO_BYTES:
        return _refused(400, "照片无效")
    now = timezone.now()
    relative = f"photos/{request.user.pk}/{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}.jpg"
    path = settings.DATA_DIR / relative
    try:
        with transaction.atomic():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(photo)
            checkin = CheckIn.objects.create(
                user=request.user,
                checked_at=now,
                checked_on=timezone.localdate(now),
                latitude=latitude.quantize(Decimal("0.000001")),
                longitude=longitude.quantize(Decimal("0.000001")),
                accuracy=_metres(request.POST.get("accuracy")),
                photo=relative,
                idempotency_key=key,
            )
    except IntegrityError:
        path.unlink(missing_ok=True)
        return _answer(CheckIn.objects.get(user=request.user, idempotency_key=key), 200)
    return _answer(checkin, 201)
