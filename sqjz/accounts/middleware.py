from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts.models import Role
from sqjz.accounts.services import DEVICE_SESSION_KEY, totp_required

SIGNED_IN_AT = "signed_in_at"  # the session's sign-in time (epoch seconds), set at login
TOUCHED_AT = "touched_at"  # when the session was last written back (epoch seconds): the idle timeout slides from it


class TwoFactorRequiredMiddleware:
    """Users whose role requires two-factor login can do nothing else until they have set it up."""

    ALLOWED = ("accounts:totp_setup", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.totp_enabled and totp_required(user):
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith(("/static/", "/healthz")):
                return redirect("accounts:totp_setup")
        return self.get_response(request)


def absolute_lifetime_hours(user) -> int:
    """Staff work a shift (12 hours by default); a supervisee's phone needs minutes to check in or apply for leave,
    and a cheap phone is easily lost or shared, so its session lasts 2 hours (decision 0012)."""
    if user.role == Role.SUPERVISEE:
        return settings.PHONE_SESSION_ABSOLUTE_HOURS
    return settings.SESSION_ABSOLUTE_HOURS


class SessionLifetimeMiddleware:
    """A session ends a fixed time after signing in, however active. The idle timeout (SESSION_COOKIE_AGE) slides
    with activity: the session is written back, renewing its expiry, when it was last written more than
    SESSION_TOUCH_SECONDS ago, so most requests write nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(timezone.now().timestamp())
            started = request.session.get(SIGNED_IN_AT)
            touched = request.session.get(TOUCHED_AT) or request.session.get(SIGNED_IN_AT, 0)  # signing in writes it
            if now - touched >= settings.SESSION_TOUCH_SECONDS:
                request.session[TOUCHED_AT] = now  # modified: saved at the response with a renewed expiry
            if started is None:  # signed in some other way (e.g. a session older than this check): count from now
                request.session[SIGNED_IN_AT] = now
            elif now - started > absolute_lifetime_hours(user) * 3600:
                hours = absolute_lifetime_hours(user)
                by_device = request.session.get(DEVICE_SESSION_KEY) is not None
                logout(request)
                if not by_device:  # a bound phone signs in again by itself (sqjz.mobile.middleware, decision 0022)
                    messages.info(request, f"登录已超过{hours}小时，为保护账户安全，请重新登录。")
        return self.get_response(request)
