"""Signing in: password attempts with lockout, and TOTP two-factor codes."""

from datetime import timedelta

import pyotp
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sqjz.accounts.models import Role, User

TOTP_ISSUER = "玉溪市社区矫正"


def user_apply_role_flags(user: User) -> None:
    """Django's admin flags follow the role: only administrators reach the admin site."""
    user.is_staff = user.is_superuser = user.role == Role.ADMIN


@transaction.atomic
def user_create(*, username: str, full_name: str, role: str, password: str, unit=None, supervisee=None) -> User:
    user = User(username=username, full_name=full_name, role=role, unit=unit, supervisee=supervisee)
    user_apply_role_flags(user)
    user.set_password(password)
    user.save()
    return user


def login_failed(user: User) -> None:
    """Count a wrong password; at the limit the account locks for LOCKOUT_MINUTES."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins"])
        if user.failed_logins >= settings.LOGIN_FAILURE_LIMIT:
            user.locked_until = timezone.now() + timedelta(minutes=settings.LOCKOUT_MINUTES)
            user.failed_logins = 0
            user.save(update_fields=["locked_until", "failed_logins"])


def login_succeeded(user: User) -> None:
    if user.failed_logins or user.locked_until:
        user.failed_logins, user.locked_until = 0, None
        user.save(update_fields=["failed_logins", "locked_until"])


def user_unlock(user: User) -> None:
    user.failed_logins, user.locked_until = 0, None
    user.save(update_fields=["failed_logins", "locked_until"])


def totp_required(user: User) -> bool:
    """Administrators must use two-factor login; other staff may choose to."""
    return user.role == Role.ADMIN


def totp_new_secret() -> str:
    return pyotp.random_base32()


def totp_provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.username, issuer_name=TOTP_ISSUER)


def _matching_step(secret: str, code: str, after_step: int) -> int | None:
    """The time step (30 s) at which `code` is valid, allowing one step of clock drift, if newer than
    `after_step` (a code is accepted once)."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now_step = int(timezone.now().timestamp()) // totp.interval
    for step in (now_step - 1, now_step, now_step + 1):
        if step > after_step and totp.generate_otp(step) == code:
            return step
    return None


@transaction.atomic
def totp_enable(user: User, secret: str, code: str) -> bool:
    step = _matching_step(secret, code, 0)
    if step is None:
        return False
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, timezone.now(), step
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step"])
    return True


@transaction.atomic
def totp_disable(user: User) -> None:
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = "", None, 0
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step"])


@transaction.atomic
def totp_verify(user: User, code: str) -> bool:
    locked = User.objects.select_for_update().get(pk=user.pk)
    step = _matching_step(locked.totp_secret, code, locked.totp_last_step)
    if step is None:
        return False
    User.objects.filter(pk=user.pk).update(totp_last_step=step)
    return True
