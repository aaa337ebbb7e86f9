"""The to-do inbox: what is due for a supervisee, with its legal deadline and the rule behind it.

Items are computed from the records and the statute module by `services.inbox_refresh` (run by the daily
job and after each change to a record); they open when due work appears and close themselves when the
records no longer call for them. States: OPEN (待办) → CLOSED (已办结).
"""

from django.db import models
from django.urls import reverse


class InboxItem(models.Model):
    class Kind(models.TextChoices):
        INVESTIGATION = "investigation", "调查评估"
        REPORT_IN = "report_in", "报到"
        RECEIPT = "receipt", "送达回执"
        DOCUMENT_COMPLETION = "document_completion", "补齐法律文书"
        CHECKIN = "checkin", "未签到核实"
        TRAVEL_DECISION = "travel_decision", "外出审批"
        TRAVEL_RETURN = "travel_return", "外出销假"
        MONITORING_EXPIRY = "monitoring_expiry", "电子定位期满"
        SCREENING = "screening", "排查"
        ASSESSMENT = "assessment", "季度考核"
        MEDICAL_REEXAMINATION = "medical_reexamination", "病情复查"
        DISCHARGE_EVALUATION = "discharge_evaluation", "期满前书面鉴定"
        OPINION_REPLY = "opinion_reply", "回复检察监督意见"

    class State(models.TextChoices):
        OPEN = "open", "待办"
        CLOSED = "closed", "已办结"

    kind = models.CharField("事项", max_length=30, choices=Kind.choices)
    # What the item is about: a supervisee's record, an investigation (whose subject is not yet one), or a
    # procuratorate's correction opinion (which may concern no single person).
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_items"
    )
    investigation = models.ForeignKey(
        "investigation.Investigation", null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_items"
    )
    opinion = models.ForeignKey(
        "oversight.CorrectionOpinion", null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_items"
    )
    office = models.ForeignKey("organisation.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    due = models.DateField("法定期限")
    rule = models.CharField("规则", max_length=60)
    articles = models.CharField("依据", max_length=300)
    reasons = models.TextField("计算过程")
    approximate = models.BooleanField("期限待核对", default=False)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField("生成时间", auto_now_add=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)

    class Meta:
        verbose_name = "待办事项"
        verbose_name_plural = "待办事项"
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "supervisee"],
                condition=models.Q(state="open", supervisee__isnull=False),
                name="one_open_item_per_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "investigation"],
                condition=models.Q(state="open", investigation__isnull=False),
                name="one_open_item_per_investigation",
            ),
            models.UniqueConstraint(
                fields=["kind", "opinion"],
                condition=models.Q(state="open", opinion__isnull=False),
                name="one_open_item_per_opinion",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(supervisee__isnull=False, investigation__isnull=True, opinion__isnull=True)
                    | models.Q(supervisee__isnull=True, investigation__isnull=False, opinion__isnull=True)
                    | models.Q(supervisee__isnull=True, investigation__isnull=True, opinion__isnull=False)
                ),
                name="inbox_item_about_one_record",
            ),
        ]
        indexes = [models.Index(fields=["state", "due"]), models.Index(fields=["office", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        """The page where the work is done."""
        if self.investigation_id:
            return reverse("investigation:detail", args=[self.investigation_id])
        if self.opinion_id:
            return reverse("oversight:detail", args=[self.opinion_id])
        if self.kind in INTAKE_KINDS:
            return reverse("intake:page", args=[self.supervisee_id])
        if self.kind in (InboxItem.Kind.TRAVEL_DECISION, InboxItem.Kind.TRAVEL_RETURN):
            return reverse("supervision:travel", args=[self.supervisee_id])
        if self.kind == InboxItem.Kind.ASSESSMENT:
            return reverse("assessment:case", args=[self.supervisee_id])
        if self.kind == InboxItem.Kind.SCREENING:
            return reverse("safety:list")
        if self.kind == InboxItem.Kind.CHECKIN:
            return reverse("supervision:checkins", args=[self.supervisee_id])
        if self.kind == InboxItem.Kind.MONITORING_EXPIRY:
            return reverse("supervision:monitoring", args=[self.supervisee_id])
        if self.kind == InboxItem.Kind.MEDICAL_REEXAMINATION:
            return reverse("supervision:medical", args=[self.supervisee_id])
        if self.kind == InboxItem.Kind.DISCHARGE_EVALUATION:
            return reverse("discharge:case", args=[self.supervisee_id])
        return reverse("supervisees:detail", args=[self.supervisee_id])

    @property
    def subject_name(self) -> str:
        if self.opinion_id:
            return self.opinion.get_kind_display()
        return (self.investigation if self.investigation_id else self.supervisee).name


INTAKE_KINDS = (InboxItem.Kind.REPORT_IN, InboxItem.Kind.RECEIPT, InboxItem.Kind.DOCUMENT_COMPLETION)
