"""Safety screening campaigns (排查, SAFE-2): quarterly by default and intensified in sensitive periods; every
person under correction in the campaign's area is screened once, and the counts must be exact (底数清、情况明)."""

from django.conf import settings
from django.db import models


class ScreeningCampaign(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", "季度常规排查"
        SENSITIVE = "sensitive", "敏感时期排查"
        HOLIDAY = "holiday", "重大节假日排查"
        EVENT = "event", "重大活动排查"

    name = models.CharField("名称", max_length=100, help_text="如：2026年第四季度常规排查、国庆期间专项排查")
    kind = models.CharField("类别", max_length=12, choices=Kind.choices)
    area = models.ForeignKey(
        "organisation.Unit",
        verbose_name="组织单位",
        on_delete=models.PROTECT,
        related_name="screening_campaigns",
        help_text="市级机构组织的覆盖全市，县级机构组织的覆盖本县（市、区）",
    )
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("完成期限")
    note = models.TextField("工作要求", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "排查"
        verbose_name_plural = "排查"
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after",
                violation_error_message="完成期限不能早于开始日期。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Screening(models.Model):
    class Method(models.TextChoices):
        VISIT = "visit", "实地查访"
        INTERVIEW = "interview", "个别谈话"
        PHONE = "phone", "电话核查"
        VIDEO = "video", "视频点验"
        DATA = "data", "信息化核查"

    class Outcome(models.TextChoices):
        STABLE = "stable", "稳定"
        ATTENTION = "attention", "需要关注"
        KEY = "key", "列为重点对象"

    campaign = models.ForeignKey(ScreeningCampaign, on_delete=models.CASCADE, related_name="screenings")
    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="screenings")
    screened_on = models.DateField("排查日期")
    method = models.CharField("排查方式", max_length=12, choices=Method.choices)
    outcome = models.CharField("排查结果", max_length=12, choices=Outcome.choices)
    note = models.TextField("情况说明", blank=True, help_text="需要关注或列为重点对象的，写明原因和措施")
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "排查记录"
        verbose_name_plural = "排查记录"
        ordering = ["-screened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "supervisee"],
                name="one_screening_per_campaign",
                violation_error_message="本次排查已登记过该矫正对象。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign} {self.supervisee_id}"
