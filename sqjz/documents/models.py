"""Official documents (文书) in the case file.

Each document is numbered per issuing agency per year without gaps (〔2026〕玉红司矫字第12号): the number
is taken from `DocumentSequence` inside the transaction that stores the document, so a failed issue
leaves no hole. The content is kept as data (`content`, the rendering's input); the DOCX and PDF are rendered
after that transaction commits and written to files whose SHA-256 is recorded when each is first rendered (empty
until then); rendering the same content again gives the same bytes.
"""

from django.conf import settings
from django.db import models


class DocumentSequence(models.Model):
    agency = models.ForeignKey("organisation.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="one_sequence_per_agency_year")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.year}: {self.last}"


class Document(models.Model):
    class Kind(models.TextChoices):
        INVESTIGATION_OPINION = "investigation_opinion", "调查评估意见书"
        RECEIPT = "receipt", "社区矫正法律文书送达回执"
        DOCUMENT_REQUEST = "document_request", "补齐法律文书通知书"
        NO_SHOW_NOTICE = "no_show_notice", "社区矫正对象未按时报到情况通报"
        FIRST_INTERVIEW = "first_interview", "首次谈话笔录"
        INTAKE_ANNOUNCEMENT = "intake_announcement", "社区矫正宣告书"
        RESPONSIBILITY_LETTER = "responsibility_letter", "社区矫正责任书"
        DISCHARGE_ANNOUNCEMENT = "discharge_announcement", "解除社区矫正宣告书"
        DISCHARGE_CERTIFICATE = "discharge_certificate", "解除社区矫正证明书"
        DISCHARGE_NOTICE = "discharge_notice", "解除社区矫正通知书"
        TERMINATION_NOTICE = "termination_notice", "终止社区矫正通知书"
        COMMITTEE_OPINION = "committee_opinion", "社区矫正审核委员会评议意见"
        COMMENDATION_DECISION = "commendation_decision", "表扬决定书"
        ADMONITION_DECISION = "admonition_decision", "训诫决定书"
        WARNING_DECISION = "warning_decision", "警告决定书"
        LOST_CONTACT_NOTICE = "lost_contact_notice", "社区矫正对象失联情况通报"
        POLICE_PENALTY_PROPOSAL = "police_penalty_proposal", "治安管理处罚建议书"
        PROBATION_REVOCATION_PROPOSAL = "probation_revocation_proposal", "撤销缓刑建议书"
        PAROLE_REVOCATION_PROPOSAL = "parole_revocation_proposal", "撤销假释建议书"
        COMMITTAL_PROPOSAL = "committal_proposal", "收监执行建议书"
        ARREST_REQUEST = "arrest_request", "提请逮捕建议书"
        COMMUTATION_PROPOSAL = "commutation_proposal", "减刑建议书"
        SPECIAL_PLACE_ENTRY_NOTICE = "special_place_entry_notice", "进入特定区域、场所审批情况告知函"
        TRANSFER_NOTICE = "transfer_notice", "变更执行地决定通知书"

    kind = models.CharField("文书种类", max_length=30, choices=Kind.choices)
    agency = models.ForeignKey(
        "organisation.Unit", verbose_name="制发机关", on_delete=models.PROTECT, related_name="issued_documents"
    )
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    number = models.CharField("文号", max_length=60)
    title = models.CharField("标题", max_length=100)
    content = models.JSONField("内容", help_text="生成文书所用的数据；据此可重新生成相同的文件")
    docx_sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64)
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    investigation = models.ForeignKey(
        "investigation.Investigation", null=True, blank=True, on_delete=models.PROTECT, related_name="documents"
    )
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("制作时间", auto_now_add=True)

    class Meta:
        verbose_name = "文书"
        verbose_name_plural = "文书"
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="one_document_per_number"),
            models.CheckConstraint(
                condition=models.Q(supervisee__isnull=False) | models.Q(investigation__isnull=False),
                name="document_belongs_to_a_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.number}"
