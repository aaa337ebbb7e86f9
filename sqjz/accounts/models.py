"""Staff and supervisee accounts. A user has one role and, for most roles, one unit; the role and the
unit together decide what the user may do (accounts.permissions) and whom they may see
(supervisees.permissions)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone

from sqjz.core.crypto import EncryptedCharField


class Role(models.TextChoices):
    OFFICE_OFFICER = "office_officer", "司法所工作人员"
    COUNTY_OFFICER = "county_officer", "县级社区矫正机构工作人员"
    COUNTY_HEAD = "county_head", "县级社区矫正机构负责人"
    CITY_OFFICER = "city_officer", "市级社区矫正机构工作人员"
    PROCURATOR = "procurator", "检察官"
    JUDGE = "judge", "法院工作人员"
    POLICE = "police", "公安民警"
    PRISON_OFFICER = "prison_officer", "监狱工作人员"
    SOCIAL_WORKER = "social_worker", "社会工作者"
    VOLUNTEER = "volunteer", "志愿者"
    MENTOR = "mentor", "结对干警"
    EVALUATOR = "evaluator", "社区矫正评议员"
    SUPERVISEE = "supervisee", "社区矫正对象"
    ADMIN = "admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDITOR = "auditor", "安全审计员"


# The administrative roles (三权分立, decision 0012): they keep the system, not cases, and sign in with two factors.
ADMINISTRATIVE_ROLES = frozenset({Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR})


# The unit kinds each role may belong to; roles not listed here have no unit.
ROLE_UNIT_KINDS: dict[str, tuple[str, ...]] = {
    Role.OFFICE_OFFICER: ("judicial_office",),
    Role.COUNTY_OFFICER: ("county_agency",),
    Role.COUNTY_HEAD: ("county_agency",),
    Role.CITY_OFFICER: ("city_agency",),
    Role.PROCURATOR: ("procuratorate",),
    Role.JUDGE: ("court",),
    Role.POLICE: ("public_security", "police_station"),
    Role.PRISON_OFFICER: ("prison",),
    Role.SOCIAL_WORKER: ("judicial_office", "county_agency", "social_organisation"),
    Role.VOLUNTEER: ("judicial_office", "county_agency", "social_organisation"),
    Role.MENTOR: ("court", "procuratorate", "public_security", "police_station", "judicial_office", "county_agency"),
    Role.EVALUATOR: ("village_committee",),
}


class User(AbstractUser):
    """An account. `full_name` is the person's name as Chinese documents show it (no first/last split)."""

    full_name = models.CharField("姓名", max_length=50)
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "organisation.Unit",
        verbose_name="所在单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    supervisee = models.OneToOneField(
        "supervisees.Supervisee",
        verbose_name="本人矫正档案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account",
        help_text="仅社区矫正对象账户填写",
    )
    failed_logins = models.PositiveSmallIntegerField("连续登录失败次数", default=0)
    locked_until = models.DateTimeField("锁定至", null=True, blank=True)
    totp_secret = EncryptedCharField("动态口令密钥", context="user.totp_secret", blank=True, default="")
    totp_enabled_at = models.DateTimeField("启用动态口令时间", null=True, blank=True)
    totp_last_step = models.BigIntegerField("最近使用的动态口令时间步", default=0)

    objects = UserManager()

    REQUIRED_FIELDS = ["full_name", "role"]

    class Meta:
        verbose_name = "用户"
        verbose_name_plural = "用户"

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）"

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name

    @property
    def totp_enabled(self) -> bool:
        return self.totp_enabled_at is not None

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class SignInFailure(models.Model):
    """A wrong password at the sign-in page, for the username as typed (whether or not such an account exists) and
    the client's address. Sign-in is refused for a username from an address, or for an address, while too many of
    these are recent (accounts.services.sign_in_refusal; decision 0012). Rows older than the lockout are removed."""

    username = models.CharField("用户名", max_length=150)
    address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "登录失败记录"
        verbose_name_plural = "登录失败记录"
        indexes = [
            models.Index(fields=["username", "address", "at"], name="signin_failure_name_addr"),
            models.Index(fields=["address", "at"], name="signin_failure_addr"),
            models.Index(fields=["at"], name="signin_failure_at"),
        ]

    def __str__(self) -> str:
        return f"{self.username}@{self.address}"


class AccountUnlock(models.Model):
    """An account's sign-in lock ended by hand: by the security administrator (staff) or by the judicial office (its
    supervisees' phone accounts). Shown on the person's timeline for phone accounts."""

    user = models.ForeignKey(User, verbose_name="账户", on_delete=models.CASCADE, related_name="unlocks")
    unlocked_by = models.ForeignKey(
        User, verbose_name="解锁人", on_delete=models.PROTECT, related_name="unlocks_done", null=True, blank=True
    )
    at = models.DateTimeField("解锁时间", default=timezone.now)

    class Meta:
        verbose_name = "账户解锁记录"
        verbose_name_plural = "账户解锁记录"

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class DeviceCredential(models.Model):
    """A supervisee's phone that stays signed in (decision 0022). The phone keeps "<id>.<secret>" in a cookie; only
    the SHA-256 of the 256-bit secret is stored here. In force until revoked (by the person, by the office, by signing
    out on that phone, or by a password change or reset) or until SQJZ_DEVICE_DAYS after it was made; it signs in
    only an active supervisee account whose record is still active (checked at every use)."""

    user = models.ForeignKey(User, verbose_name="账户", on_delete=models.CASCADE, related_name="devices")
    label = models.CharField("设备", max_length=60)
    secret_hash = models.CharField("密钥摘要", max_length=64)
    created_at = models.DateTimeField("绑定时间", default=timezone.now)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)
    revoked_at = models.DateTimeField("解除时间", null=True, blank=True)
    revoked_by = models.ForeignKey(
        User, verbose_name="解除人", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    revoke_reason = models.CharField("解除原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "已绑定手机"
        verbose_name_plural = "已绑定手机"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.label}"

    @property
    def expires_at(self) -> datetime:
        return self.created_at + timedelta(days=settings.DEVICE_DAYS)

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "已解除"
        return "有效" if self.in_force else "已过期"
