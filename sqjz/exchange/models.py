"""Records received from partner agencies (decision 0041): the agencies' credentials for the partner API and every
message they sent, accepted or refused, kept for inspection.

A court, prison, public-security bureau, police station or procuratorate sends investigation commissions, judgments
(rulings, decisions) placing a person under community correction, and notices that a supervisee was detained or
placed under compulsory measures (社区矫正法第三十二条). The same service takes them from the API (a bearer token per
credential) and from the partner users' pages (EXCHANGE_SUBMIT), so an agency without an integration is not left out.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField

PARTNER_KINDS = ("court", "prison", "public_security", "police_station", "procuratorate")


class PartnerCredential(models.Model):
    """A partner agency's key to the partner API. Only the token's SHA-256 is kept; the token is shown once, when the
    credential is created. An agency may hold several (one per system that sends)."""

    name = models.CharField("凭据名称", max_length=100, help_text="如：法院审判系统对接")
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name="政法机关",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": PARTNER_KINDS},
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField("令牌前缀", max_length=8, editable=False)
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    deactivated_at = models.DateTimeField("停用时间", null=True, blank=True)
    last_message_at = models.DateTimeField("最近接收时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="对接凭据变更记录", excluded_fields=["last_message_at"])

    class Meta:
        verbose_name = "政法机关对接凭据"
        verbose_name_plural = "政法机关对接凭据"
        ordering = ["agency__name", "name", "id"]

    def __str__(self) -> str:
        return f"{self.agency.name}：{self.name}"


class InboundMessage(models.Model):
    """One message an agency sent, by the agency's own message id (the idempotency key). `body` is the whole
    envelope as received, encrypted (it names people); `digest` tells a retry from another message under a used id;
    `answer` is what the sender was told, returned again on a retry."""

    class State(models.TextChoices):
        ACCEPTED = "accepted", "已接收"
        REFUSED = "refused", "已拒收"

    class Channel(models.TextChoices):
        API = "api", "系统对接"
        PAGE = "page", "网页填报"

    agency = models.ForeignKey("organisation.Unit", verbose_name="发送机关", on_delete=models.PROTECT, related_name="+")
    credential = models.ForeignKey(
        PartnerCredential, verbose_name="对接凭据", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField("渠道", max_length=8, choices=Channel.choices)
    message_id = models.CharField("报文编号", max_length=100)
    type = models.CharField("报文类型", max_length=40)
    version = models.PositiveSmallIntegerField("版本", null=True, blank=True)
    body = EncryptedCharField("报文内容", context="exchange.body")
    digest = models.CharField(max_length=64)
    state = models.CharField("状态", max_length=10, choices=State.choices)
    error = models.CharField("拒收原因", max_length=500, blank=True)
    error_path = models.CharField("出错位置", max_length=200, blank=True)
    status_code = models.PositiveSmallIntegerField(default=200)
    answer = models.JSONField("答复", default=dict)
    record_kind = models.CharField("生成记录类型", max_length=20, blank=True)
    record_id = models.PositiveBigIntegerField("生成记录编号", null=True, blank=True)
    # The judicial office the message concerns, when known: whose area's officers see it (EXCHANGE_VIEW).
    office = models.ForeignKey(
        "organisation.Unit",
        verbose_name="涉及司法所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_minor = models.BooleanField("未成年人", default=False)
    received_at = models.DateTimeField("接收时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "政法机关来文"
        verbose_name_plural = "政法机关来文"
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "message_id"], condition=models.Q(state="accepted"), name="exchange_accepted_once"
            )
        ]
        indexes = [models.Index(fields=["agency", "message_id"])]

    def __str__(self) -> str:
        return f"{self.agency_id}:{self.message_id}"


class DetentionNotice(models.Model):
    """A partner's notice that a supervisee was detained, placed in compulsory drug rehabilitation or under criminal
    compulsory measures (社区矫正法第三十二条): a fact on the person's record, shown on the timeline."""

    class Measure(models.TextChoices):
        ADMINISTRATIVE_DETENTION = "administrative_detention", "行政拘留"
        DRUG_REHABILITATION = "drug_rehabilitation", "强制隔离戒毒"
        CRIMINAL_DETENTION = "criminal_detention", "刑事拘留"
        ARREST = "arrest", "逮捕"
        RESIDENTIAL_SURVEILLANCE = "residential_surveillance", "指定居所监视居住"
        BAIL = "bail", "取保候审"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="社区矫正对象", on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey("organisation.Unit", verbose_name="通报机关", on_delete=models.PROTECT, related_name="+")
    message = models.OneToOneField(InboundMessage, on_delete=models.PROTECT, related_name="+")
    measure = models.CharField("措施", max_length=30, choices=Measure.choices)
    decided_on = models.DateField("决定（执行）日期")
    until = models.DateField("期限届满日", null=True, blank=True)
    place = models.CharField("羁押（执行）场所", max_length=100, blank=True)
    document_number = models.CharField("决定书文号", max_length=60)
    reason = models.CharField("事由", max_length=200)
    created_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        verbose_name = "拘留、强制措施通知"
        verbose_name_plural = "拘留、强制措施通知"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}（{self.document_number}）"
