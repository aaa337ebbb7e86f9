"""Signing in on the phone by a device credential (decision 0022): on the phone pages and the phone API only."""

from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from sqjz.accounts import services
from sqjz.accounts.cookies import device_cookie_delete
from sqjz.accounts.middleware import SIGNED_IN_AT
from sqjz.accounts.models import DeviceCredential, Role, User
from sqjz.supervisees.models import ACTIVE_STATUSES, Supervisee

PHONE_PATHS = ("/app/", "/api/app/")
BACKEND = "django.contrib.auth.backends.ModelBackend"


def device_may_sign_in(user: User, record: Supervisee | None = None) -> bool:
    """An active supervisee account whose record (`record`, when the caller has read it) is still active (under
    correction, or waiting to report in): staff never, nor anyone whose correction has ended."""
    if not (user.is_active and user.role == Role.SUPERVISEE and user.supervisee_id is not None):
        return False
    return (record or user.supervisee).status in ACTIVE_STATUSES


class DeviceSignInMiddleware:
    """A phone request without a signed-in session but with a device credential in force signs its person in: a
    normal session (CSRF, roles, the session's lifetime all work as after a password), which remembers the credential.
    A session that came from a credential ends as soon as the credential no longer signs in (revoked, expired, the
    account deactivated or the correction ended). A cookie that signs nobody in is deleted from the browser; the
    person then meets the sign-in page as before."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PHONE_PATHS):
            return self.get_response(request)
        forget = False
        if request.user.is_authenticated:
            credential_id = request.session.get(services.DEVICE_SESSION_KEY)
            if credential_id is not None:
                credential = services.device_for_session(credential_id)
                if (
                    credential is None
                    or credential.user_id != request.user.pk
                    or not device_may_sign_in(credential.user)
                ):
                    logout(request)
                    forget = True
                else:
                    services.device_used(credential)
        elif cookie := request.COOKIES.get(services.DEVICE_COOKIE):
            credential = services.device_from_cookie(cookie)
            if credential is None or not device_may_sign_in(credential.user):
                forget = True
            elif not credential.user.is_locked():  # locked: the sign-in page says so and for how long
                self._sign_in(request, credential)
        response = self.get_response(request)
        if forget:
            device_cookie_delete(response)
        return response

    @staticmethod
    def _sign_in(request: HttpRequest, credential: DeviceCredential) -> None:
        """As a password sign-in does (accounts.views._sign_in): Django's login records it (last_login)."""
        login(request, credential.user, backend=BACKEND)
        request.session[SIGNED_IN_AT] = int(timezone.now().timestamp())
        request.session[services.DEVICE_SESSION_KEY] = credential.pk
        services.device_used(credential)
