"""The access log of personal data: who opened or exported whose record, when, and from where.

Entries form a hash chain: each entry's hash covers its own fields and the previous entry's hash, so
an edited, deleted or inserted entry breaks the chain from that point (`manage.py audit_verify`).
ChainHead is a single row that writers lock, so entries get consecutive sequence numbers even when
requests write at the same time.
"""

from django.conf import settings
from django.db import models


class AccessLog(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "查看"
        EXPORT = "export", "导出"
        DOWNLOAD = "download", "下载文书"

    seq = models.PositiveBigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    supervisee = models.ForeignKey(
        "supervisees.Supervisee",
        verbose_name="矫正对象",
        null=True,
        on_delete=models.PROTECT,
        related_name="access_logs",
    )
    investigation = models.ForeignKey(
        "investigation.Investigation",
        verbose_name="调查评估",
        null=True,
        on_delete=models.PROTECT,
        related_name="access_logs",
    )
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    path = models.CharField("访问路径", max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "访问日志"
        verbose_name_plural = "访问日志"
        ordering = ["-seq"]
        indexes = [models.Index(fields=["supervisee", "-at"]), models.Index(fields=["actor", "-at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class ChainHead(models.Model):
    seq = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"head #{self.seq}"
