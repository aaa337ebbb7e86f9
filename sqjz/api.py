"""The JSON API (OpenAPI 3 at /api/docs, shown to signed-in staff only). Staff use their browser session; every
endpoint applies the same capability and jurisdiction checks as the pages."""

from django.http import Http404
from ninja import NinjaAPI
from ninja.security import django_auth

from sqjz.accounts.permissions import staff_required
from sqjz.mobile.api import router as mobile_router
from sqjz.supervisees.api import router as supervisees_router

api = NinjaAPI(
    title="玉溪市社区矫正信息管理系统 API",
    version="1",
    urls_namespace="api",
    auth=django_auth,
    docs_decorator=staff_required,  # the documentation is for staff, not supervisees' phones
)
api.add_router("/supervisees", supervisees_router)
api.add_router("/app", mobile_router)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": "未找到"}, status=404)
