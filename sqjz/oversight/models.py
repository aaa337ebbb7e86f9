"""Procuratorate oversight (检察监督, 社区矫正法第六十二条): correction opinions and procuratorial recommendations
to a correction agency or judicial office, and their written replies.

Status: AWAITING_REPLY (待回复) → REPLIED (已回复).
"""

from django.conf import settings
from django.db import models


class CorrectionOpinion(models.Model):
    class Kind(models.TextChoices):
        ORAL = "oral", "口头纠正意见"
        WRITTEN = "written", "书面纠正意见"
        RECOMMENDATION = "recommendation", "检察建议"

    class Matter(models.TextChoices):
        """Supervision points of 人民检察院刑事诉讼规则第六百四十二至六百四十四条."""

        HANDOVER = "handover", "交付接收、报到"
        LEAVE = "leave", "外出、执行地变更审批"
        LOST_CONTACT = "lost_contact", "脱管、漏管"
        DISCIPLINE = "discipline", "违规未依法处置（警告、治安处罚建议）"
        PROPOSAL = "proposal", "应提请撤销缓刑、假释、收监执行而未提请"
        RIGHTS = "rights", "侵犯社区矫正对象合法权益"
        RELEASE = "release", "解除、终止矫正"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        AWAITING_REPLY = "awaiting_reply", "待回复"
        REPLIED = "replied", "已回复"

    procuratorate = models.ForeignKey(
        "organisation.Unit", verbose_name="人民检察院", on_delete=models.PROTECT, related_name="issued_opinions"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="检察官", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    addressed_to = models.ForeignKey(
        "organisation.Unit",
        verbose_name="被监督单位",
        on_delete=models.PROTECT,
        related_name="received_opinions",
        limit_choices_to={"kind__in": ("county_agency", "judicial_office")},
    )
    supervisee = models.ForeignKey(
        "supervisees.Supervisee",
        verbose_name="涉及的矫正对象",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    matter = models.CharField("监督事项", max_length=16, choices=Matter.choices)
    facts = models.TextField("发现的问题")
    opinion = models.TextField("纠正意见或建议")
    issued_on = models.DateField("提出日期")
    reply_by = models.DateField(
        "要求回复日期",
        null=True,
        blank=True,
        help_text="书面纠正意见和检察建议填写；口头纠正意见的回复期限按法律规则“纠正意见、检察建议的回复期限”计算",
    )
    reply_due = models.DateField("回复期限", editable=False)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.AWAITING_REPLY)
    adopted = models.BooleanField("采纳", null=True)
    reply = models.TextField("回复内容", blank=True, help_text="整改措施和结果；不采纳的说明理由")
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "纠正意见、检察建议"
        verbose_name_plural = "纠正意见、检察建议"
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["addressed_to", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issued_on}"
