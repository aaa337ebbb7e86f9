"""Signing in: password attempts counted per username and address and per address, the account's own lockout
(wrong codes, or a password re-entered wrongly while signed in), and TOTP two-factor codes. Decision 0012."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sqjz.accounts.models import ADMINISTRATIVE_ROLES, AccountUnlock, Role, SignInFailure, User

TOTP_ISSUER = "玉溪市社区矫正"


def user_apply_role_flags(user: User) -> None:
    """Django's admin flags follow the role: the system and security administrators reach the admin site, where each
    model is checked by capability (accounts.admin_site)."""
    user.is_staff = user.is_superuser = user.role in (Role.ADMIN, Role.SECURITY_ADMIN)


@transaction.atomic
def user_create(*, username: str, full_name: str, role: str, password: str, unit=None, supervisee=None) -> User:
    user = User(username=username, full_name=full_name, role=role, unit=unit, supervisee=supervisee)
    user_apply_role_flags(user)
    user.set_password(password)
    user.save()
    return user


@dataclass(frozen=True)
class SignInRefusal:
    """Sign-in is refused until `until`: for the username from this address, or (`address_wide`) for every username
    from this address."""

    until: datetime
    address_wide: bool = False


def _recent_failures(**match) -> list[datetime]:
    since = timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)
    return list(SignInFailure.objects.filter(at__gt=since, **match).order_by("-at").values_list("at", flat=True))


def sign_in_refusal(username: str, address: str | None) -> SignInRefusal | None:
    """Whether the password step is refused before the password is looked at. The same for a username that names no
    account: the answer tells nothing about which accounts exist."""
    lockout = timedelta(minutes=settings.LOCKOUT_MINUTES)
    for limit, match, address_wide in (
        (settings.LOGIN_FAILURE_LIMIT, {"username": username, "address": address}, False),
        (settings.ADDRESS_FAILURE_LIMIT, {"address": address}, True),
    ):
        recent = _recent_failures(**match)
        if limit and len(recent) >= limit:
            # Refused until the limit-th most recent failure is older than the lockout.
            return SignInRefusal(recent[limit - 1] + lockout, address_wide)
    return None


@transaction.atomic
def sign_in_failed(username: str, address: str | None) -> SignInRefusal | None:
    """Record a wrong password (or unknown username) from an address; returns the refusal it brings, if any."""
    SignInFailure.objects.filter(at__lte=timezone.now() - timedelta(minutes=settings.LOCKOUT_MINUTES)).delete()
    SignInFailure.objects.create(username=username[:150], address=address)
    return sign_in_refusal(username, address)


def sign_in_succeeded(user: User, address: str | None) -> None:
    """The password was right from this address: its count for the username starts again (the address's own count
    does not: one valid account must not let an address go on guessing others)."""
    SignInFailure.objects.filter(username=user.username, address=address).delete()


def login_failed(user: User) -> None:
    """Count a wrong code, or a wrong password re-entered by a signed-in user; at the limit the account locks for
    LOCKOUT_MINUTES. Only someone past the password step or signed in gets here: strangers cannot lock anyone out."""
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


@transaction.atomic
def user_unlock(user: User, *, actor: User | None) -> None:
    """The account's lock and every address's refusal of its username end now; who did it is recorded. Callers check
    that the actor may (the security administrator for staff, the office for its supervisees' phone accounts)."""
    user.failed_logins, user.locked_until = 0, None
    user.save(update_fields=["failed_logins", "locked_until"])
    SignInFailure.objects.filter(username=user.username).delete()
    AccountUnlock.objects.create(user=user, unlocked_by=actor)


def totp_required(user: User) -> bool:
    """The administrative roles must use two-factor login; other staff may choose to."""
    return user.role in ADMINISTRATIVE_ROLES


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
