"""Learning on the phone (网上学习): courses a county agency or a judicial office publishes (a text typed on the page,
a PDF or an MP4 video stored under DATA_DIR), assigned to people under correction, opened and finished on the phone.
A finished course counts as study hours in the month only where the person's county says so (CountyLearningRule)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Course(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", "图文"
        PDF = "pdf", "PDF文件"
        VIDEO = "video", "视频（MP4）"

    title = models.CharField("课程名称", max_length=100, help_text="如：《社区矫正法》要点")
    kind = models.CharField("课程形式", max_length=8, choices=Kind.choices)
    body = models.TextField("课程内容", blank=True, help_text="图文课程的正文")
    file_name = models.CharField("文件", max_length=60, blank=True, editable=False)  # a random name under DATA_DIR
    file_size = models.PositiveIntegerField("文件大小（字节）", default=0, editable=False)
    hours = models.DecimalField(
        "学时（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("8"))],
        help_text="0.5至8小时，按半小时计",
    )
    unit = models.ForeignKey(
        "organisation.Unit", verbose_name="发布单位", on_delete=models.PROTECT, related_name="+"
    )  # a county agency (for its county's offices) or a judicial office
    county = models.ForeignKey("organisation.Division", on_delete=models.PROTECT, related_name="+")  # the unit's
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)
    active = models.BooleanField("有效", default=True)

    history = HistoricalRecords(verbose_name="网上学习课程变更记录")

    class Meta:
        verbose_name = "网上学习课程"
        verbose_name_plural = "网上学习课程"
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["county", "published_at"], name="course_county_time")]

    def __str__(self) -> str:
        return f"网上学习：{self.title}"


class Assignment(models.Model):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="assignments")
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.PROTECT, related_name="course_assignments"
    )
    assigned_on = models.DateField("布置日期")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField("开始学习时间", null=True, blank=True)  # first opened on the phone
    completed_at = models.DateTimeField("学完时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="网上学习布置变更记录")

    class Meta:
        verbose_name = "网上学习布置"
        verbose_name_plural = "网上学习布置"
        ordering = ["-assigned_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["course", "supervisee"], name="course_assigned_once")]
        indexes = [models.Index(fields=["supervisee", "completed_at"], name="assignment_person_done")]

    def __str__(self) -> str:
        return f"{self.course}：{self.supervisee_id}"

    @property
    def state(self) -> str:
        if self.completed_at:
            return "已学完"
        return "学习中" if self.started_at else "未开始"


class CountyLearningRule(models.Model):
    """Whether the county counts finished phone courses as study hours (计入教育学习时间); without a rule, they do
    not count."""

    county = models.OneToOneField("organisation.Division", on_delete=models.PROTECT, related_name="+")
    counts_as_hours = models.BooleanField("计入教育学习时间", default=False)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField("设置时间", auto_now=True)

    history = HistoricalRecords(verbose_name="网上学习计时规则变更记录")

    class Meta:
        verbose_name = "网上学习计时规则"
        verbose_name_plural = "网上学习计时规则"

    def __str__(self) -> str:
        return f"{self.county_id}：{'计入' if self.counts_as_hours else '不计入'}"
