"""Middleware of the request boundary and of the response headers.

The request boundary (decision 0016): refusals that hold for every page and endpoint, before any view reads the
request.
- A body larger than `MAX_REQUEST_BYTES` (its Content-Length) is refused with 413 without being read.
- A NUL character (U+0000) in the path, the query string, a form field or a JSON body is refused with 400. No one
  types it; PostgreSQL cannot store it in text and answers an error, which would otherwise be a 500.
Pages get a short Chinese page, /api/ gets `{"detail": ...}` like the API's own errors.

Response headers every answer carrying personal data needs (decision 0015): `Cache-Control: no-store`."""

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

NUL = "\x00"
NUL_MESSAGE = "请求中含有不可见的控制字符（NUL），无法处理。请删除后重新输入。"


def too_large_message() -> str:
    return f"提交的内容过大（超过{settings.MAX_REQUEST_BYTES // (1024 * 1024)}MB），请压缩照片后重新提交。"


def refusal(request: HttpRequest, status: int, title: str, message: str, advice: str = "") -> HttpResponse:
    """A refusal the person can read: JSON under /api/, otherwise a page that needs no session, menu or database
    (`advice`, what to do next, only on the page)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    html = render_to_string("refused.html", {"title": title, "message": message, "advice": advice})
    return HttpResponse(html, status=status)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _json_has_nul(body: bytes) -> bool:
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body.lower():
        return False
    try:
        return _has_nul(json.loads(body))
    except ValueError:  # not JSON after all: the endpoint answers that itself
        return False


class InputBoundaryMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return refusal(request, 413, "提交的内容过大", too_large_message())
        try:
            if self._has_nul(request):
                return refusal(request, 400, "无法处理的输入", NUL_MESSAGE)
        except MultiPartParserError:  # a multipart body without a valid boundary: nothing in it can be read
            return refusal(request, 400, "无法处理的输入", "提交的内容格式不正确，请刷新页面后重新提交。")
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if NUL in request.path or any(NUL in k or _has_nul(v) for k, v in request.GET.lists()):
            return True
        if request.method not in ("POST", "PUT", "PATCH"):
            return False
        if request.content_type == "application/json":
            return _json_has_nul(request.body)
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return any(NUL in k or _has_nul(v) for k, v in request.POST.lists())
        return False


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to a signed-in user and on every API answer: a shared office
    computer's browser cache, its back button after signing out, or a proxy must never keep a person's record,
    photo, document or export. Static files (served before this runs, by WhiteNoise) stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.static = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        if (signed_in or request.path.startswith("/api/")) and not request.path.startswith(self.static):
            add_never_cache_headers(response)
        return response
