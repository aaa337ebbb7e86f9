"""Response headers every answer carrying personal data needs (decision 0015)."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


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
