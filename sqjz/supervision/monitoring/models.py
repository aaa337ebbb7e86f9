"""Electronic monitoring (电子定位, 社区矫正法第二十九条)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ElectronicMonitoring(models.Model):
    """Use of an electronic location device (电子定位装置, 社区矫正法第二十九条): only on one of the five legal
    grounds, approved by the head of the county justice bureau, for at most three months, each extension at
    most three months. Status: PROPOSED (待批准) → ACTIVE (使用中) → ENDED (已解除) | REFUSED (不予批准)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待批准"
        ACTIVE = "active", "使用中"
        ENDED = "ended", "已解除"
        REFUSED = "refused", "不予批准"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="monitorings")
    grounds = models.JSONField("适用情形")
    facts = models.TextField("事实和依据", help_text="违反禁止令、擅自离开等的时间、经过和证据")
    start = models.DateField("起始日期")
    months = models.PositiveSmallIntegerField("期限（月）")
    end = models.DateField("截止日期", editable=False)
    device_number = models.CharField("设备编号", max_length=50, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    ended_on = models.DateField("解除日期", null=True, blank=True)
    end_reason = models.CharField("解除原因", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="电子定位变更记录")

    class Meta:
        verbose_name = "电子定位"
        verbose_name_plural = "电子定位"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"电子定位 {self.start}–{self.end}"


class MonitoringExtension(models.Model):
    monitoring = models.ForeignKey(ElectronicMonitoring, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField("延长（月）")
    previous_end = models.DateField("原截止日期")
    new_end = models.DateField("延长后截止日期")
    reason = models.TextField("延长理由", help_text="评估认为仍有必要继续使用的理由")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "电子定位延长"
        verbose_name_plural = "电子定位延长"
        ordering = ["approved_at", "id"]

    def __str__(self) -> str:
        return f"延长至 {self.new_end}"
