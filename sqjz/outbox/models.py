"""The outbox (BASE-2, issue 15 §3, decision 0042): notices the system sends to partner agencies (courts, prisons,
public security, police stations, procuratorates) over their HTTP interface, with retries.

A PartnerEndpoint is an agency's receiving URL and bearer token (encrypted at rest). A Delivery is one notice to one
agency: its kind and schema version, a message id the receiver uses to drop duplicates, the payload (personal data,
encrypted at rest) and its state; each try is a DeliveryAttempt. Without an active endpoint a notice is recorded as
NO_ENDPOINT and stays a printed document delivered by hand, as before."""

import json
import uuid

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField

PARTNER_KINDS = ("court", "prison", "public_security", "police_station", "procuratorate")


class PartnerEndpoint(models.Model):
    """The receiving interface of a partner agency: one an agency."""

    agency = models.OneToOneField(
        "organisation.Unit",
        verbose_name="接收单位",
        on_delete=models.PROTECT,
        related_name="outbox_endpoint",
        limit_choices_to={"kind__in": PARTNER_KINDS},
    )
    url = models.URLField("接口地址", max_length=300, help_text="对方接收推送的地址，以 https:// 或 http:// 开头")
    token = EncryptedCharField("访问令牌", context="outbox_endpoint.token", blank=True)
    active = models.BooleanField("启用", default=True, help_text="停用后新的通知不再推送，按纸质送达")
    note = models.CharField("说明", max_length=200, blank=True, help_text="对接联系人、接口文档版本等")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(verbose_name="对接接口变更记录", excluded_fields=["token"])

    class Meta:
        verbose_name = "对接接口"
        verbose_name_plural = "对接接口"
        ordering = ["agency__name"]

    def __str__(self) -> str:
        return f"{self.agency}：{self.url}"


class Delivery(models.Model):
    """One notice to one agency. PENDING until delivered (DELIVERED), given up (FAILED: after the last retry, or at
    once when the receiver refuses it for good) or recorded without an interface (NO_ENDPOINT)."""

    class State(models.TextChoices):
        PENDING = "pending", "待推送"
        DELIVERED = "delivered", "已送达"
        FAILED = "failed", "推送失败"
        NO_ENDPOINT = "no_endpoint", "无对接接口（纸质送达）"

    class Kind(models.TextChoices):
        INVESTIGATION_OPINION = "investigation_opinion", "调查评估意见"
        PROPOSAL = "proposal", "提请建议"
        LOST_CONTACT_NOTICE = "lost_contact_notice", "失联通报"
        RECEIPT = "receipt", "法律文书送达回执"

    message_id = models.UUIDField("消息编号", default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey(
        "organisation.Unit", verbose_name="接收单位", on_delete=models.PROTECT, related_name="outbox_deliveries"
    )
    kind = models.CharField("通知种类", max_length=30, choices=Kind.choices)
    schema_version = models.PositiveSmallIntegerField("格式版本", default=1)
    payload_text = EncryptedCharField("内容", context="outbox_delivery.payload")
    document = models.ForeignKey(
        "documents.Document", verbose_name="文书", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The county of the matter (the person's, or the investigating office's) and whether it concerns a minor: who
    # sees the delivery, and whether a name is shown.
    county = models.ForeignKey(
        "organisation.Division", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_minor = models.BooleanField(default=False)
    subject = EncryptedCharField("当事人", context="outbox_delivery.subject", blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField("本轮推送次数", default=0)
    next_attempt_at = models.DateTimeField("下次推送时间", null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)  # a worker's lease while it sends
    last_error = models.CharField("最近一次错误", max_length=500, blank=True)
    delivered_at = models.DateTimeField("送达时间", null=True, blank=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    requeued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requeued_at = models.DateTimeField("重新推送时间", null=True, blank=True)

    class Meta:
        verbose_name = "对外推送"
        verbose_name_plural = "对外推送"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["county", "created_at"], name="outbox_county"),
            models.Index(fields=["agency", "created_at"], name="outbox_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.agency_id}（{self.get_state_display()}）"

    @property
    def payload(self) -> dict:
        return json.loads(self.payload_text)

    @property
    def schema(self) -> str:
        return f"{self.kind}.v{self.schema_version}"


class DeliveryAttempt(models.Model):
    """One try: when, the HTTP status (or the error when there was no answer), how long it took, and the start of
    the answer when it was refused."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    at = models.DateTimeField("推送时间")
    url = models.CharField("接口地址", max_length=300)
    status = models.PositiveSmallIntegerField("HTTP状态", null=True, blank=True)
    error = models.CharField("错误", max_length=500, blank=True)
    answer = models.CharField("对方答复", max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField("用时（毫秒）")

    class Meta:
        verbose_name = "推送记录"
        verbose_name_plural = "推送记录"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status or self.error}"
