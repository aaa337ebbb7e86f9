"""The JSON API (OpenAPI 3 at /api/docs, shown to signed-in staff only). Staff use their browser session; every
endpoint applies the same capability and jurisdiction checks as the pages."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.security import django_auth

from sqjz.accounts.permissions import staff_required
from sqjz.exchange.api import router as partner_router
from sqjz.mobile.api import router as mobile_router
from sqjz.supervisees.api import router as supervisees_router
from sqjz.supervision.monitoring.api import router as monitoring_router

# Answers any operation may give besides its own, written into the schema so that clients (and the fuzz test,
# tests/test_api_fuzz.py) know them: a request refused at the boundary, no session, a role or CSRF token that does
# not allow the request, a body too large, a parameter or body that does not fit the schema, and the database
# unavailable (sqjz/core/outage.py).
_DETAIL = {"application/json": {"schema": {"type": "object", "properties": {"detail": {"type": "string"}}}}}
COMMON_RESPONSES = {
    "400": {"description": "请求无效（如含有控制字符）", "content": _DETAIL},
    "401": {"description": "未登录或会话已过期", "content": _DETAIL},
    "403": {"description": "无权访问（角色不符或 CSRF 校验失败）", "content": _DETAIL},
    "413": {"description": "提交的内容过大", "content": _DETAIL},
    "422": {
        "description": "请求参数不符合接口定义（detail 逐项列出）",
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"detail": {"type": "array", "items": {"type": "object"}}}}
            }
        },
    },
    "503": {"description": "数据库暂时无法访问，请按 Retry-After 稍后重试", "content": _DETAIL},
}


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in COMMON_RESPONSES.items():
                    operation["responses"].setdefault(status, response)
        return schema


api = Api(
    title="玉溪市社区矫正信息管理系统 API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=staff_required,  # the documentation is for staff, not supervisees' phones
)
api.add_router("/supervisees", supervisees_router)
api.add_router("/app", mobile_router)
api.add_router("/monitoring", monitoring_router)  # device gateways: a bearer token each, no session
api.add_router("/partner", partner_router)  # partner agencies (decision 0041): a credential's bearer token, no session


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到"}, status=404)
