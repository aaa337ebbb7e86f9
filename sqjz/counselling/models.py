"""Psychological counselling and crisis intervention (心理辅导、心理危机干预, 玉溪市实施意见三(一), 社区矫正法第四十条).

These records are restricted (decision 0038): only the person's judicial office and the counsellor (an office officer,
or a social worker assigned to the person) see them, every page that shows them is logged, and nothing of them goes
on the timeline or to the county's and city's work lists."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Assessment(models.Model):
    """A psychological assessment (心理评估): the instrument, the result, a summary."""

    class Result(models.TextChoices):  # the statute's codes (RESULTS)
        NO_PROBLEM = "no_problem", "未见明显心理问题"
        MILD = "mild", "轻度心理问题"
        MARKED = "marked", "中度心理问题"
        SEVERE = "severe", "严重心理问题"
        CRISIS = "crisis", "心理危机"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="psych_assessments")
    assessed_on = models.DateField("评估日期")
    instrument = models.CharField("评估方式", max_length=50, help_text="如：SCL-90症状自评量表、心理访谈")
    result = models.CharField("评估结果", max_length=12, choices=Result.choices)
    summary = models.TextField("评估意见", help_text="主要问题、风险因素和建议")
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name="心理评估变更记录")

    class Meta:
        verbose_name = "心理评估"
        verbose_name_plural = "心理评估"
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"心理评估（{self.assessed_on:%Y-%m-%d}）"


class CrisisCase(models.Model):
    """A crisis case (心理危机干预个案) opened from warning signs, with a responsible counsellor; followed up by
    counselling sessions at the interval its risk calls for (CRISIS_FOLLOW_UP_DUE) until closed."""

    class Source(models.TextChoices):
        OBSERVATION = "observation", "工作人员观察"
        SCREENING = "screening", "排查发现"
        MENTORING = "mentoring", "结对干警走访（五必访）"
        ASSESSMENT = "assessment", "心理评估"
        FAMILY = "family", "家属或村（居）委会反映"

    class Risk(models.TextChoices):  # the statute's codes (RISKS)
        HIGH = "high", "高风险"
        MEDIUM = "medium", "中风险"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="crisis_cases")
    opened_on = models.DateField("立案日期")
    source = models.CharField("发现途径", max_length=12, choices=Source.choices)
    signs = models.TextField("危机表现", help_text="言行异常、情绪、诱因等")
    risk = models.CharField("风险等级", max_length=8, choices=Risk.choices)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="责任心理辅导人员", on_delete=models.PROTECT, related_name="crisis_cases"
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_on = models.DateField("结案日期", null=True, blank=True)
    outcome = models.TextField("结案情况", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(verbose_name="心理危机个案变更记录")

    class Meta:
        verbose_name = "心理危机干预个案"
        verbose_name_plural = "心理危机干预个案"
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "closed_on"], name="crisis_person_open")]

    def __str__(self) -> str:
        return f"心理危机干预（{self.opened_on:%Y-%m-%d}）"


class Session(models.Model):
    """A counselling session (心理辅导), on its own or a follow-up of a crisis case."""

    class Manner(models.TextChoices):
        FACE = "face", "面对面个别辅导"
        GROUP = "group", "团体辅导"
        PHONE = "phone", "电话或视频"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.PROTECT, related_name="counselling_sessions"
    )
    crisis = models.ForeignKey(
        CrisisCase,
        verbose_name="心理危机个案",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    held_on = models.DateField("日期")
    manner = models.CharField("方式", max_length=8, choices=Manner.choices)
    hours = models.DecimalField(
        "时长（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("8"))],
        help_text="0.5至8小时，按半小时计",
    )
    notes = models.TextField("辅导情况", help_text="主要问题、干预措施、对象状态")
    counsellor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name="心理辅导变更记录")

    class Meta:
        verbose_name = "心理辅导"
        verbose_name_plural = "心理辅导"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "held_on"], name="counselling_person_day")]

    def __str__(self) -> str:
        return f"{self.get_manner_display()}（{self.held_on:%Y-%m-%d}）"
