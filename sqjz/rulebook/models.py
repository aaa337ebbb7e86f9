"""What administrators maintain of the law: holidays of years the shipped calendar lacks, and new versions
of the parameters a province may set (each with its effective date and the document that set it).
The rules themselves live in sqjz/statute; `selectors.statute_context` hands them these entries."""

from django.conf import settings
from django.db import models


class HolidayDate(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "放假"
        WORKDAY = "workday", "调休上班"

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日", max_length=50, help_text="如：春节、国庆节")
    source = models.CharField("依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")

    class Meta:
        verbose_name = "节假日安排"
        verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}（{self.name}）"


class ParameterVersion(models.Model):
    code = models.CharField("参数", max_length=60)
    value = models.JSONField("取值")
    effective_from = models.DateField("生效日期")
    source = models.CharField("依据文件", max_length=200, help_text="如：云南省贯彻《实施办法》实施细则第X条")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "规则参数版本"
        verbose_name_plural = "规则参数版本"
        ordering = ["code", "effective_from"]
        constraints = [models.UniqueConstraint(fields=["code", "effective_from"], name="one_version_per_day")]

    def __str__(self) -> str:
        return f"{self.code} = {self.value}（{self.effective_from:%Y-%m-%d}起）"
