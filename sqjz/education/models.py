"""Education (教育学习, 社区矫正法第三十六条): group sessions (集中教育) a judicial office organises for the people it
supervises, with enrolment and a roll call, and individual education (个别教育) of one person. The hours of a
person's group sessions and the number of individual sessions count against the level's monthly requirement
(statute EDUCATION_MONTH_PROGRESS). Minors are educated apart from adults (EDUCATION_APART_FROM_ADULTS)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class Theme(models.TextChoices):
    """The four kinds of education the city's policy names (思想疏导、法治警示、德治教化、亲情感化)."""

    THOUGHT = "thought", "思想疏导"
    LEGAL = "legal", "法治警示"
    MORAL = "moral", "德治教化"
    FAMILY = "family", "亲情感化"


class EducationSession(models.Model):
    class Kind(models.TextChoices):
        GROUP = "group", "集中教育"
        INDIVIDUAL = "individual", "个别教育"

    kind = models.CharField("教育形式", max_length=12, choices=Kind.choices)
    theme = models.CharField("教育主题", max_length=12, choices=Theme.choices)
    topic = models.CharField("内容", max_length=100, help_text="如：《社区矫正法》解读、禁毒警示教育")
    held_on = models.DateField("日期")
    hours = models.DecimalField(
        "时长（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("8"))],
        help_text="0.5至8小时，按半小时计",
    )
    place = models.CharField("地点", max_length=100)
    teacher = models.CharField("授课人", max_length=50, help_text="授课人或谈话人姓名、单位")
    for_minors = models.BooleanField(
        "未成年人专场", default=False, help_text="未成年社区矫正对象与成年人分别教育（社区矫正法第五十二条）"
    )
    summary = models.TextField("教育情况", blank=True, help_text="主要内容、对象表现")
    # Where the session is held, for attendance by the people's phone check-ins there (EDUCATION_VENUE_CHECKIN);
    # empty: the roll call only.
    venue_latitude = models.DecimalField("会场纬度", max_digits=9, decimal_places=6, null=True, blank=True)
    venue_longitude = models.DecimalField("会场经度", max_digits=9, decimal_places=6, null=True, blank=True)
    office = models.ForeignKey("organisation.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="教育记录变更记录")

    class Meta:
        verbose_name = "教育学习"
        verbose_name_plural = "教育学习"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["office", "held_on"], name="education_office_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.topic}（{self.held_on:%Y-%m-%d}）"

    @property
    def has_venue(self) -> bool:
        return self.venue_latitude is not None and self.venue_longitude is not None


class Attendance(models.Model):
    """A person enrolled in a session; the roll call records whether they attended. An individual session has one
    attendance, present."""

    session = models.ForeignKey(EducationSession, on_delete=models.CASCADE, related_name="attendances")
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.PROTECT, related_name="education_attendances"
    )
    present = models.BooleanField("到场", null=True, help_text="未点名时为空")
    note = models.CharField("说明", max_length=100, blank=True, help_text="如：请假（就医）")

    history = HistoricalRecords(verbose_name="参加教育变更记录")

    class Meta:
        verbose_name = "参加教育"
        verbose_name_plural = "参加教育"
        constraints = [models.UniqueConstraint(fields=["session", "supervisee"], name="attendance_once")]
        indexes = [models.Index(fields=["supervisee", "present"], name="attendance_person")]

    def __str__(self) -> str:
        return f"{self.session}：{self.supervisee_id}"


class Demand(models.TextChoices):
    """How heavy an activity's work is (statute COMMUNITY_SERVICE_FIT)."""

    LIGHT = "light", "轻体力"
    MODERATE = "moderate", "中等体力"
    HEAVY = "heavy", "重体力"


class CommunityService(models.Model):
    """A public-benefit activity (公益活动, 社区矫正法第四十二条) a judicial office organises: people sign up within its
    capacity, if their age and health fit its physical demand; the roll call credits its hours."""

    title = models.CharField("活动名称", max_length=100, help_text="如：社区环境整治、敬老院志愿服务")
    content = models.TextField("活动内容", blank=True)
    held_on = models.DateField("日期")
    hours = models.DecimalField(
        "时长（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("8"))],
        help_text="0.5至8小时，按半小时计；不得超时间安排",
    )
    place = models.CharField("地点", max_length=100)
    demand = models.CharField("体力强度", max_length=10, choices=Demand.choices, default=Demand.LIGHT)
    capacity = models.PositiveSmallIntegerField(
        "人数上限", validators=[MinValueValidator(1), MaxValueValidator(200)], help_text="1至200人"
    )
    for_minors = models.BooleanField("未成年人专场", default=False, help_text="未成年人与成年人分别进行")
    office = models.ForeignKey("organisation.Unit", verbose_name="组织单位", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="公益活动变更记录")

    class Meta:
        verbose_name = "公益活动"
        verbose_name_plural = "公益活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["office", "held_on"], name="service_office_day")]

    def __str__(self) -> str:
        return f"公益活动：{self.title}（{self.held_on:%Y-%m-%d}）"


class ServiceHelper(models.Model):
    """A volunteer or social worker of the office who helps run a public-benefit activity (组织、带领、安全提示); the
    activity is on their home page until it is held."""

    activity = models.ForeignKey(CommunityService, on_delete=models.CASCADE, related_name="helpers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="service_helps")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "公益活动协助人员"
        verbose_name_plural = "公益活动协助人员"
        constraints = [models.UniqueConstraint(fields=["activity", "user"], name="service_helper_once")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.activity_id}"


class ServiceAttendance(models.Model):
    activity = models.ForeignKey(CommunityService, on_delete=models.CASCADE, related_name="attendances")
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.PROTECT, related_name="service_attendances"
    )
    present = models.BooleanField("到场", null=True, help_text="未点名时为空")
    note = models.CharField("说明", max_length=100, blank=True)

    history = HistoricalRecords(verbose_name="参加公益活动变更记录")

    class Meta:
        verbose_name = "参加公益活动"
        verbose_name_plural = "参加公益活动"
        constraints = [models.UniqueConstraint(fields=["activity", "supervisee"], name="service_attendance_once")]
        indexes = [models.Index(fields=["supervisee", "present"], name="service_attendance_person")]

    def __str__(self) -> str:
        return f"{self.activity}：{self.supervisee_id}"


class PersonalReport(models.Model):
    """A written personal report (思想汇报) the person sends from the phone, as often as the level requires
    (SUPERVISION_LEVEL_REQUIREMENTS, written reports a quarter); the office reads it and may reply."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="personal_reports")
    content = models.TextField("汇报内容", help_text="近期思想、工作、学习和生活情况，遵纪守法和接受监督管理的情况")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField("阅示时间", null=True, blank=True)
    reply = models.CharField("阅示意见", max_length=300, blank=True)

    history = HistoricalRecords(verbose_name="思想汇报变更记录")

    class Meta:
        verbose_name = "思想汇报"
        verbose_name_plural = "思想汇报"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "submitted_at"], name="report_person_time")]

    def __str__(self) -> str:
        return f"思想汇报 {self.submitted_at:%Y-%m-%d}"
