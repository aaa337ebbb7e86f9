"""The device gateways' JSON API: POST /api/monitoring/fixes with a batch of positions (decision 0028). A gateway
signs in with `Authorization: Bearer <token>` (the token shown once when the gateway was created; a session does
not count). The answer names each fix that was not stored by its index in the batch, with the reason; a retry of a
batch id answers as the first time and stores nothing."""

import json

from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja import Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.security import HttpBearer

from sqjz.core.crypto import secret_digest
from sqjz.core.errors import ServiceError
from sqjz.supervision.monitoring import ingest
from sqjz.supervision.monitoring.models import MonitoringGateway


class GatewayToken(HttpBearer):
    """The gateway whose token this is (active only); None answers 401."""

    def authenticate(self, request: HttpRequest, token: str) -> MonitoringGateway | None:
        if not token or len(token) > 200:
            return None
        active = MonitoringGateway.objects.select_related("agency").filter(active=True)
        return active.filter(token_hash=secret_digest(token)).first()


router = Router(tags=["定位网关"], auth=GatewayToken())


class RejectedFix(Schema):
    index: int
    field: str
    reason: str


class BatchOut(Schema):
    batch_id: str
    received: int
    stored: int
    rejected_count: int
    rejected: list[RejectedFix]
    replay: bool


class ErrorOut(Schema):
    detail: str
    field: str | None = None


NO_NUL = "^[^\\u0000]*$"  # a NUL anywhere in a body is refused whole (400, decision 0016)
FIX_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["serial", "recorded_at", "latitude", "longitude", "accuracy_m"],
    "properties": {
        "serial": {"type": "string", "pattern": NO_NUL, "description": "设备序列号"},
        "recorded_at": {
            "type": "string",
            "format": "date-time",
            "pattern": NO_NUL,
            "description": "定位时间（ISO 8601，带时区）",
        },
        "latitude": {"type": "number", "minimum": -90, "maximum": 90},
        "longitude": {"type": "number", "minimum": -180, "maximum": 180},
        "accuracy_m": {"type": "number", "minimum": 0, "description": "定位精度（米）"},
        "battery": {"type": "integer", "minimum": 0, "maximum": 100},
        "tamper": {"type": "boolean", "description": "防拆报警"},
    },
}
BATCH_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["batch_id", "fixes"],
    "properties": {
        "batch_id": {"type": "string", "minLength": 1, "maxLength": ingest.MAX_BATCH_ID, "pattern": NO_NUL},
        "fixes": {"type": "array", "minItems": 1, "maxItems": ingest.MAX_FIXES, "items": FIX_SCHEMA},
    },
}


@router.post(
    "/fixes",
    response={200: BatchOut, 400: ErrorOut, 409: ErrorOut},
    summary="网关批量上报定位（同一批次号的重试返回首次的结果，不重复保存；批次号已用于其他数据的答409）",
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {"schema": BATCH_SCHEMA}}}},
)
@decorate_view(never_cache)
def fixes_post(request: HttpRequest):
    # The body is parsed here, not by a schema: a bad fix is reported by its index while the others are stored.
    try:
        batch = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return Status(400, {"detail": "请求体不是有效的 JSON。", "field": None})
    if not isinstance(batch, dict):
        return Status(400, {"detail": "请求体应为含 batch_id 和 fixes 的对象。", "field": None})
    try:
        result = ingest.fixes_ingest(
            request.auth,
            batch.get("batch_id"),
            batch.get("fixes"),
            digest=ingest.batch_digest_of_body(request.body),
        )
    except ingest.BatchConflict as error:
        return Status(409, {"detail": error.message, "field": error.field})
    except ServiceError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(200, result.as_json())
