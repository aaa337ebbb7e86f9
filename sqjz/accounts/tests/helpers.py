"""The login steps as a user performs them, and TOTP codes for the frozen clock."""

from datetime import UTC, datetime

import pyotp
from django.urls import reverse

from tests.factories import PASSWORD

# 17:00 in Yuxi, on a 30-second TOTP step boundary.
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def sign_in(client, username, password=PASSWORD, *, next_url=None):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def enter_code(client, code):
    return client.post(reverse("accounts:login_code"), {"code": code})


def current_code(secret):
    return pyotp.TOTP(secret).now()


def wrong_code(secret):
    """A six-digit code the server will not accept now (not valid in any step of the drift window)."""
    totp = pyotp.TOTP(secret)
    step = totp.timecode(datetime.now(UTC))
    valid = {totp.generate_otp(s) for s in (step - 1, step, step + 1)}
    return next(c for c in (f"{n:06d}" for n in range(123456, 999999, 111111)) if c not in valid)


def signed_in_pk(client):
    return client.session.get("_auth_user_id")


def text(response):
    return response.content.decode()


def sign_in_from(client, address, username, password=PASSWORD):
    """Sign in from another client address (REMOTE_ADDR)."""
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=address)
