"""The device credential's cookie (decision 0022): HttpOnly, Secure where the session cookie is, SameSite=Lax, the
whole site, kept SQJZ_DEVICE_DAYS."""

from django.conf import settings
from django.http import HttpResponse

from sqjz.accounts.services import DEVICE_COOKIE


def device_cookie_set(response: HttpResponse, value: str) -> None:
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=settings.DEVICE_DAYS * 24 * 3600,
        path="/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def device_cookie_delete(response: HttpResponse) -> None:
    response.delete_cookie(DEVICE_COOKIE, path="/", samesite="Lax")
