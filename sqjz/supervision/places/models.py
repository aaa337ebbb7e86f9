"""Approvals under a prohibition order (禁止令): to enter a place or area it covers (进入特定区域、场所), to contact a
person it names (e.g. the victim), or to receive visitors where the order requires (会客). The county agency decides
(SPECIAL_PLACE_ENTRY_APPROVER) and an approval is made known to the county procuratorate by a notice (告知函).

SpecialPlaceEntry status: PENDING (待审批) → APPROVED (已批准) | REFUSED (不予批准) | WITHDRAWN (已撤回)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class SpecialPlaceEntry(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"
        WITHDRAWN = "withdrawn", "已撤回"

    class Kind(models.TextChoices):
        """What is applied for; the values are SPECIAL_PLACE_ENTRY_APPROVER's kinds."""

        PLACE = "place", "进入特定区域、场所"
        CONTACT = "contact", "接触特定的人"
        VISITOR = "visitor", "会客"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="place_entries")
    order = models.ForeignKey(
        "supervisees.ProhibitionOrder", verbose_name="禁止令", on_delete=models.PROTECT, related_name="entries"
    )
    kind = models.CharField("申请事项", max_length=10, choices=Kind.choices)
    place = models.CharField("场所、区域或人员", max_length=100, help_text="如：某KTV（医院探视途经）、被害人张某")
    reason = models.TextField("申请理由")
    window_from = models.DateTimeField("起始时间")
    window_to = models.DateTimeField("结束时间")
    applied_on = models.DateField("申请日期")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    notice = models.ForeignKey(
        "documents.Document",
        verbose_name="告知人民检察院的函",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="进入特定场所审批变更记录")

    class Meta:
        verbose_name = "进入特定场所"
        verbose_name_plural = "进入特定场所"
        ordering = ["-window_from", "-id"]
        indexes = [models.Index(fields=["status", "window_from"]), models.Index(fields=["supervisee", "status"])]
        constraints = [
            models.CheckConstraint(condition=models.Q(window_to__gt=models.F("window_from")), name="entry_window_ends")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.place}"
