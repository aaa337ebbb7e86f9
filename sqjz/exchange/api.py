"""The partner agencies' JSON API (decision 0041): POST /api/partner/messages with an envelope, GET the state of one
of the agency's own messages, GET a message type's JSON Schema. A partner system signs in with
`Authorization: Bearer <token>` (its credential's token, shown once when the administrator created it); a session
does not count."""

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from ninja import Router
from ninja.decorators import decorate_view
from ninja.security import HttpBearer

from sqjz.exchange import registry, services
from sqjz.exchange.models import InboundMessage, PartnerCredential


class PartnerToken(HttpBearer):
    """The active credential whose token this is; None answers 401."""

    def authenticate(self, request: HttpRequest, token: str) -> PartnerCredential | None:
        return services.credential_for_token(token)


router = Router(tags=["政法机关信息交换"], auth=PartnerToken())

_ANSWER = {
    "application/json": {
        "schema": {
            "type": "object",
            "properties": {
                "message_id": {"type": "string"},
                "state": {"enum": ["accepted", "refused"]},
                "record": {"type": "object", "properties": {"kind": {"type": "string"}, "id": {"type": "integer"}}},
                "office": {"type": "string", "description": "负责（承办）司法所"},
                "report_in_deadline": {
                    "type": "object",
                    "description": "报到期限（判决类报文）：日期、规则名称、法律依据",
                    "properties": {
                        "due": {"type": "string", "format": "date"},
                        "rule": {"type": "string"},
                        "articles": {"type": "array", "items": {"type": "string"}},
                    },
                },
                "detail": {"type": "string", "description": "拒收原因"},
                "path": {"type": "string", "description": "出错位置，如 body.person.id_number"},
            },
        }
    }
}
RESPONSES = {
    "201": {"description": "已接收（重发同一报文返回首次的结果，不重复登记）", "content": _ANSWER},
    "400": {"description": "请求体不是有效的 JSON", "content": _ANSWER},
    "403": {"description": "本机关不能发送该类报文（如派出所发送假释裁定）", "content": _ANSWER},
    "409": {"description": "报文编号已用于内容不同的另一份已接收报文", "content": _ANSWER},
    "422": {"description": "报文不符合接口定义或不能登记；path 指明出错位置，报文仍留存备查", "content": _ANSWER},
}


def _answer(received: services.Received) -> JsonResponse:
    return JsonResponse(received.answer, status=received.status, json_dumps_params={"ensure_ascii": False})


@router.post(
    "/messages",
    url_name="partner_message_post",
    summary="发送报文：调查评估委托、判决（裁定、决定）、拘留和强制措施通知",
    description="报文类型及各版本的 JSON Schema 见 GET /api/partner/schemas/{type}/{version}。",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": registry.ENVELOPE_SCHEMA}}},
        "responses": RESPONSES,
    },
)
@decorate_view(never_cache)
def partner_message_post(request: HttpRequest):
    credential: PartnerCredential = request.auth
    try:
        envelope = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return _answer(services.message_unreadable(agency=credential.agency, credential=credential, raw=request.body))
    return _answer(services.message_receive(agency=credential.agency, envelope=envelope, credential=credential))


@router.get(
    "/messages/{message_id}",
    url_name="partner_message_get",
    summary="查询本机关发送的一份报文的处理结果",
    openapi_extra={"responses": {"200": {"description": "报文的处理结果", "content": _ANSWER}}},
)
@decorate_view(never_cache)
def partner_message_get(request: HttpRequest, message_id: str):
    credential: PartnerCredential = request.auth
    m = (
        InboundMessage.objects.filter(agency=credential.agency, message_id=message_id[: registry.MAX_MESSAGE_ID])
        .exclude(message_id="")
        .order_by("state", "-received_at")  # an accepted one first
        .first()
    )
    if m is None:
        return JsonResponse({"detail": "未找到本机关发送的该报文编号。"}, status=404)
    answer = {**m.answer, "received_at": m.received_at.isoformat()}
    return JsonResponse(answer, json_dumps_params={"ensure_ascii": False})


@router.get(
    "/schemas/{type}/{version}",
    url_name="partner_schema",
    summary="报文类型的 JSON Schema（含示例）",
)
def partner_schema(request: HttpRequest, type: str, version: int):
    found = registry.schema(type, version) if 0 < version < 100 else None
    if found is None:
        return JsonResponse({"detail": "没有该报文类型或版本。"}, status=404)
    return JsonResponse(found, json_dumps_params={"ensure_ascii": False})
