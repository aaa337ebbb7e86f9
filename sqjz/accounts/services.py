"""Signing in: password attempts counted per username and address and per address, the account's own lockout
(wrong codes, or a password re-entered wrongly while signed in), and TOTP two-factor codes. Decision 0012."""

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from sqjz.accounts.models import ADMINISTRATIVE_ROLES, AccountUnlock, DeviceCredential, Role, SignInFailure, User
from sqjz.core.crypto import secret_digest
from sqjz.core.errors import ServiceError

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


# --------------------------------------------------------------------------------------------- device credentials
# A supervisee's phone that stays signed in (decision 0022): the cookie carries "<id>.<secret>", the database only the
# secret's SHA-256 (a 256-bit random secret needs no slow hash: it cannot be guessed from its digest).

DEVICE_COOKIE = "sqjz_device"
DEVICE_SESSION_KEY = "device_credential"  # the credential a session was signed in by
DEVICE_USE_WRITE_INTERVAL = timedelta(hours=1)  # last_used_at is written at most this often
_DEVICE_COOKIE_VALUE = re.compile(r"([1-9][0-9]{0,17})\.([A-Za-z0-9_-]{43})")

# What the person recognises: the phone's system and the browser, read from the User-Agent (first match wins).
_SYSTEMS = (
    ("HarmonyOS", "鸿蒙手机"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android 手机"),
    ("Windows", "Windows 电脑"),
    ("Macintosh", "Mac 电脑"),
    ("Linux", "Linux 设备"),
)
_BROWSERS = (
    ("MicroMessenger", "微信"),
    ("UCBrowser", "UC 浏览器"),
    ("QQBrowser", "QQ 浏览器"),
    ("HuaweiBrowser", "华为浏览器"),
    ("MiuiBrowser", "小米浏览器"),
    ("EdgA/", "Edge"),
    ("Edg/", "Edge"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("CriOS", "Chrome"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)


def device_label(user_agent: str) -> str:
    """E.g. "Android 手机 · Chrome"."""
    system = next((name for key, name in _SYSTEMS if key in user_agent), "未知设备")
    browser = next((name for key, name in _BROWSERS if key in user_agent), "浏览器")
    return f"{system} · {browser}"


@transaction.atomic
def device_enrol(*, user: User, user_agent: str) -> tuple[DeviceCredential, str]:
    """Bind this phone: a new credential and the cookie value that carries it (shown to nobody, stored nowhere). Only
    supervisees' accounts; whether the person's record allows it is the phone pages' question (accounts knows no
    records)."""
    if user.role != Role.SUPERVISEE or user.supervisee_id is None or not user.is_active:
        raise ServiceError("仅社区矫正对象本人可在手机上保持登录。")
    secret = secrets.token_urlsafe(32)
    credential = DeviceCredential.objects.create(
        user=user, label=device_label(user_agent or ""), secret_hash=secret_digest(secret)
    )
    return credential, f"{credential.pk}.{secret}"


def device_from_cookie(value: str) -> DeviceCredential | None:
    """The credential a cookie carries, with its user and the user's record, if the secret matches (compared in
    constant time) and it is in force; None for anything malformed, unknown, revoked or expired."""
    match = _DEVICE_COOKIE_VALUE.fullmatch(value or "")
    if match is None:
        return None
    credential = DeviceCredential.objects.select_related("user__supervisee").filter(pk=int(match[1])).first()
    stored = credential.secret_hash if credential is not None else "0" * 64
    if not hmac.compare_digest(stored, secret_digest(match[2])) or credential is None or not credential.in_force:
        return None
    return credential


def device_for_session(credential_id) -> DeviceCredential | None:
    """The credential a session was signed in by (one primary-key lookup), if still in force."""
    credential = DeviceCredential.objects.select_related("user__supervisee").filter(pk=credential_id).first()
    return credential if credential is not None and credential.in_force else None


def device_used(credential: DeviceCredential) -> None:
    """Note the use, at most once an hour: not a write on every request."""
    now = timezone.now()
    if credential.last_used_at is None or now - credential.last_used_at >= DEVICE_USE_WRITE_INTERVAL:
        DeviceCredential.objects.filter(pk=credential.pk).update(last_used_at=now)
        credential.last_used_at = now


@transaction.atomic
def device_revoke(*, user: User, credential_id, actor: User | None, reason: str) -> DeviceCredential | None:
    """Revoke one of the user's credentials (locked while it changes). Returns it, or None if the user has no such
    credential in force. Callers check that the actor may (the person, or the office that can edit the person)."""
    credential = DeviceCredential.objects.select_for_update().filter(pk=credential_id, user=user).first()
    if credential is None or credential.revoked_at is not None:
        return None
    credential.revoked_at, credential.revoked_by, credential.revoke_reason = timezone.now(), actor, reason[:200]
    credential.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    return credential


@transaction.atomic
def device_revoke_all(*, user: User, actor: User | None, reason: str) -> int:
    """Every credential of the user stops working (a password changed or reset)."""
    return DeviceCredential.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor, revoke_reason=reason[:200]
    )


def device_sign_out(*, user: User, session_credential_id, cookie: str | None) -> None:
    """Signing out on a phone unbinds it: the credential the session came from and the one its cookie carries."""
    ids = {session_credential_id} - {None}
    if cookie and (match := _DEVICE_COOKIE_VALUE.fullmatch(cookie)):
        found = device_from_cookie(cookie)
        if found is not None and found.user_id == user.pk:
            ids.add(int(match[1]))
    for credential_id in ids:
        device_revoke(user=user, credential_id=credential_id, actor=user, reason="本人退出登录")


def devices_of(user: User) -> list[DeviceCredential]:
    return list(DeviceCredential.objects.filter(user=user).select_related("revoked_by"))
