"""Leading groups' and liaison meetings (GOV-2; decision 0047): the meetings of the city's and the counties'
community-correction committees or leading groups (社区矫正委员会/领导小组: members from the courts, procuratorates,
police, justice, finance, civil affairs, human resources…) and the liaison meetings (联席会议) with the courts,
procuratorates and police, kept by the city or county agency: who attended, what was decided, and the follow-up
tasks with their departments, due dates and outcomes. Not the review committee of individual cases (sqjz.committee)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Meeting(models.Model):
    class Kind(models.TextChoices):
        COMMITTEE = "committee", "委员会全体会议"
        LEADING_GROUP = "leading_group", "领导小组会议"
        LIAISON = "liaison", "联席会议"
        COORDINATION = "coordination", "专题协调会"

    unit = models.ForeignKey("organisation.Unit", verbose_name="记录单位", on_delete=models.PROTECT, related_name="+")
    # The keeping agency's county, or empty for the city agency's meetings.
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="县（市、区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "county"},
    )
    kind = models.CharField("会议类型", max_length=20, choices=Kind.choices)
    held_on = models.DateField("会议日期")
    place = models.CharField("地点", max_length=100)
    chaired_by = models.CharField("主持人", max_length=100, help_text="姓名和职务，如：李明 副市长")
    topics = models.TextField("会议议题", help_text="每行一项")
    minutes = models.TextField("会议纪要", blank=True, help_text="会议情况摘要")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="会议记录变更记录")

    class Meta:
        verbose_name = "领导小组和联席会议"
        verbose_name_plural = "领导小组和联席会议"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["county", "held_on"], name="leadership_meeting_area_day")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.held_on:%Y-%m-%d}）"

    @property
    def topic_lines(self) -> list[str]:
        return [line.strip() for line in self.topics.splitlines() if line.strip()]


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    name = models.CharField("姓名", max_length=50)
    unit_name = models.CharField("单位或部门", max_length=100)
    post = models.CharField("职务", max_length=50)
    present = models.BooleanField("出席", default=True)
    absence_reason = models.CharField("缺席原因", max_length=100, blank=True)

    class Meta:
        verbose_name = "参会人员"
        verbose_name_plural = "参会人员"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField("序号")
    text = models.CharField("议定事项", max_length=500)

    class Meta:
        verbose_name = "议定事项"
        verbose_name_plural = "议定事项"
        ordering = ["number", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="leadership_decision_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class FollowUpTask(models.Model):
    """A task a decision gives a department, due by a day; done with its outcome (the day it was done)."""

    decision = models.ForeignKey(Decision, verbose_name="议定事项", on_delete=models.PROTECT, related_name="tasks")
    task = models.CharField("任务", max_length=300)
    department = models.CharField("责任单位", max_length=100, help_text="如：市公安局、市财政局")
    due_on = models.DateField("完成时限")
    done_on = models.DateField("完成日期", null=True, blank=True)
    outcome = models.CharField("落实情况", max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="督办任务变更记录")

    class Meta:
        verbose_name = "督办任务"
        verbose_name_plural = "督办任务"
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_on", "due_on"], name="leadership_task_open_due")]

    def __str__(self) -> str:
        return self.task
