"""The "511" mentoring scheme (“511”帮教, 玉溪市实施意见三(三)2): a mentor of the political-legal departments is paired
with one person (a CaseAssignment of kind mentor, kept by the supervisees area), and visits the person on each of the
five occasions (五必访). An occasion is recorded by the office from what it learns anywhere (a check-in, a screening,
an assistance case, a written report, its own observation) or comes from the person's own report of a change on the
phone (ChangeReport, 实施办法: report changes promptly). The mentor records the visit that answers it
(statute MENTORING_VISIT_DUE; unvisited occasions escalate to the office, MENTORING_VISIT_ESCALATION)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Occasion(models.TextChoices):
    """The five occasions on which the mentor must visit (五必访); the codes are the statute's (OCCASIONS)."""

    THOUGHT = "thought", "思想波动"
    HARDSHIP = "hardship", "生活困难"
    CONTACTS = "contacts", "社会交往变化"
    JOB_CHANGE = "job_change", "工作变动"
    FAMILY_EVENT = "family_event", "重大变故"


class ChangeReport(models.Model):
    """A change the person reports from the phone (实施办法, reporting); the office reads it. The changes that are
    occasions for a visit (MENTORING_OCCASION_OF_CHANGE) open one at once."""

    class Change(models.TextChoices):
        JOB_CHANGE = "job_change", "工作变动"
        FAMILY_EVENT = "family_event", "家庭重大变故"
        CONTACTS = "contacts", "社会交往变化"
        HARDSHIP = "hardship", "生活困难"
        RESIDENCE = "residence", "居住地变化"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="change_reports")
    change = models.CharField("变动事项", max_length=16, choices=Change.choices)
    happened_on = models.DateField("发生日期")
    content = models.TextField("具体情况", help_text="如：新工作单位、岗位和上班时间；家庭变故的经过")
    submitted_at = models.DateTimeField("报告时间", auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField("阅知时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="变动报告变更记录")

    class Meta:
        verbose_name = "变动情况报告"
        verbose_name_plural = "变动情况报告"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "submitted_at"], name="change_report_person_time")]

    def __str__(self) -> str:
        return f"{self.get_change_display()}（{self.happened_on:%Y-%m-%d}）"


class Trigger(models.Model):
    """One occasion for a mandatory visit (五必访情形), known on `known_on`; open until a visit answers it. The visit is
    due from whoever is the person's mentor (an active CaseAssignment of kind mentor) while it is open; with none, the
    office arranges it."""

    class Source(models.TextChoices):
        OFFICE = "office", "司法所掌握"
        CHECKIN = "checkin", "签到、走访发现"
        SCREENING = "screening", "排查发现"
        ASSISTANCE = "assistance", "帮扶中发现"
        REPORT = "report", "思想汇报反映"
        PHONE = "phone", "本人报告变动"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="visit_triggers")
    occasion = models.CharField("五必访情形", max_length=16, choices=Occasion.choices)
    source = models.CharField("情况来源", max_length=12, choices=Source.choices, default=Source.OFFICE)
    detail = models.CharField("具体情况", max_length=300)
    known_on = models.DateField("知悉日期")
    change_report = models.OneToOneField(
        ChangeReport, null=True, blank=True, on_delete=models.PROTECT, related_name="trigger"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="五必访情形变更记录")

    class Meta:
        verbose_name = "五必访情形"
        verbose_name_plural = "五必访情形"
        ordering = ["-known_on", "-id"]
        indexes = [models.Index(fields=["supervisee", "known_on"], name="trigger_person_day")]

    def __str__(self) -> str:
        return f"{self.get_occasion_display()}（{self.known_on:%Y-%m-%d}）"


class Visit(models.Model):
    """A mentor's visit to a paired person: answering an occasion (`trigger`) or of the mentor's own accord."""

    class Manner(models.TextChoices):
        HOME_VISIT = "home_visit", "上门走访"
        TALK = "talk", "面对面谈话"
        PHONE_CALL = "phone_call", "电话或视频联系"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="mentor_visits")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentor_visits")
    trigger = models.OneToOneField(
        Trigger, verbose_name="对应的五必访情形", null=True, blank=True, on_delete=models.PROTECT, related_name="visit"
    )
    visited_on = models.DateField("走访日期")
    manner = models.CharField("走访方式", max_length=12, choices=Manner.choices)
    place = models.CharField("地点", max_length=100, blank=True)
    findings = models.TextField("了解到的情况", help_text="思想、工作、家庭和生活情况")
    help_given = models.TextField("开展的帮教", blank=True, help_text="谈心疏导、协调解决的困难等")
    follow_up = models.CharField(
        "需司法所跟进的事项", max_length=300, blank=True, help_text="如：需要申请临时救助、需要调整监管措施"
    )
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮教走访变更记录")

    class Meta:
        verbose_name = "帮教走访"
        verbose_name_plural = "帮教走访"
        ordering = ["-visited_on", "-id"]
        indexes = [
            models.Index(fields=["supervisee", "visited_on"], name="visit_person_day"),
            models.Index(fields=["mentor", "visited_on"], name="visit_mentor_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_manner_display()}（{self.visited_on:%Y-%m-%d}）"
