"""Appraisal (GOV-1) and recidivism (OUT-1): the weights the city gives each appraisal indicator, the follow-up periods
after discharge it watches, the provincial recidivism figure it enters each year, and the recorded re-offences of
people under correction or discharged. The indicators themselves are computed from the areas' records
(`selectors`), never stored."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

MAX_FOLLOW_UP_YEARS = 10


class IndicatorWeight(models.Model):
    """The weight of one indicator (`code`, see indicators.INDICATORS) in a unit's score; a missing row means the
    indicator's default."""

    code = models.CharField("指标", max_length=30, unique=True)
    weight = models.DecimalField(
        "权重", max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    higher_is_better = models.BooleanField("数值越高越好", default=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField("设置时间", auto_now=True)

    history = HistoricalRecords(verbose_name="考核指标权重变更记录")

    class Meta:
        verbose_name = "考核指标权重"
        verbose_name_plural = "考核指标权重"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.weight}"


class FollowUpPeriod(models.Model):
    """A period after discharge (in whole years) for which the recidivism page shows the rate."""

    years = models.PositiveSmallIntegerField(
        "解矫后年数", unique=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_FOLLOW_UP_YEARS)]
    )
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "解矫后跟踪期"
        verbose_name_plural = "解矫后跟踪期"
        ordering = ["years"]

    def __str__(self) -> str:
        return f"{self.years}年"


class ProvincialFigure(models.Model):
    """The province's recidivism rate of people under correction for a year (全省社区矫正对象重新犯罪率), as the city
    officer enters it from the provincial bulletin."""

    year = models.PositiveSmallIntegerField("年度", unique=True, validators=[MinValueValidator(2000)])
    rate = models.DecimalField(
        "全省重新犯罪率（%）",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    source = models.CharField("来源", max_length=100, blank=True, help_text="如：省司法厅2026年通报")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    history = HistoricalRecords(verbose_name="全省重新犯罪率变更记录")

    class Meta:
        verbose_name = "全省重新犯罪率"
        verbose_name_plural = "全省重新犯罪率"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.rate}%"


class ReOffence(models.Model):
    """A new offence by a person under correction or discharged (重新犯罪), recorded by their office or county agency.
    `during_correction` is derived from the dates when it is recorded: the offence fell within the correction (from
    its start to the day it ended, or its planned end while it lasts)."""

    class Source(models.TextChoices):
        POLICE = "police", "公安机关通报"
        COURT = "court", "人民法院判决"
        OFFICER = "officer", "工作人员核实"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="re_offences"
    )
    offence_date = models.DateField("重新犯罪日期")
    judged_on = models.DateField("判决（决定）日期", null=True, blank=True, help_text="已判决或作出决定的填写")
    during_correction = models.BooleanField("矫正期间", editable=False)
    source = models.CharField("信息来源", max_length=10, choices=Source.choices)
    crime = models.CharField("涉嫌罪名", max_length=100, help_text="如：盗窃罪")
    note = models.TextField("情况说明", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="重新犯罪记录变更记录")

    class Meta:
        verbose_name = "重新犯罪记录"
        verbose_name_plural = "重新犯罪记录"
        ordering = ["-offence_date", "-id"]
        indexes = [models.Index(fields=["offence_date"], name="reoffence_date")]

    def __str__(self) -> str:
        return f"{self.supervisee_id} {self.offence_date:%Y-%m-%d}"
