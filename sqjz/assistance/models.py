"""Assistance (帮扶, 社区矫正法第三十七条、第四十三条、第五十五条; 玉溪市实施意见三(二)): a needs assessment at intake
and whenever the person's circumstances change, the assistance cases it opens, each referred to the body responsible
and tracked to an outcome, and the dated steps of each case.

The latest assessment stands (`current`); what it made the person eligible for (statute ASSISTANCE_ELIGIBILITY) is
stored with it, one row a kind (`Need`), so that the coverage report (应保尽保) counts from the rows.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.statute.rules.assistance import BODIES, KINDS, WORK

Kind = models.TextChoices("Kind", [(code.upper(), (code, kind.label)) for code, kind in KINDS.items()])
Body = models.TextChoices("Body", [(code.upper(), (code, label)) for code, label in BODIES.items()])
Work = models.TextChoices("Work", [(code.upper(), (code, label)) for code, label in WORK.items()])


class NeedsAssessment(models.Model):
    class Occasion(models.TextChoices):
        INTAKE = "intake", "入矫评估"
        CHANGE = "change", "情况变化"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="needs_assessments")
    assessed_on = models.DateField("评估日期")
    occasion = models.CharField("评估原因", max_length=10, choices=Occasion.choices, default=Occasion.INTAKE)
    # Work and schooling
    work = models.CharField("就业状况", max_length=12, choices=Work.choices)
    employer_in_difficulty = models.BooleanField(
        "困难企业职工", default=False, help_text="所在企业经营困难、欠薪或停产"
    )
    wants_training = models.BooleanField("有职业技能培训意愿", default=False)
    wants_startup = models.BooleanField("有创业意愿", default=False)
    compulsory_education_completed = models.BooleanField("已完成义务教育", default=True)
    wants_further_study = models.BooleanField("有继续就学意愿", default=False, help_text="非义务教育阶段")
    # Housing, income, health, family
    stable_housing = models.BooleanField("有固定住所", default=True)
    income_below_minimum = models.BooleanField(
        "家庭收入低于当地低保标准", default=False, help_text="家庭生活困难，人均收入低于当地最低生活保障标准"
    )
    severe_hardship = models.BooleanField(
        "基本生活暂时出现严重困难", default=False, help_text="如遭遇火灾、重病、家庭变故，确需临时救助"
    )
    health_problem = models.BooleanField("患病影响工作或生活", default=False)
    family_difficulty = models.BooleanField("家庭有困难", default=False, help_text="如家中有病人、老人或子女无人照料")
    # Insurance and legal aid
    insured = models.BooleanField("已参加社会保险", default=False, help_text="养老、医疗等基本社会保险")
    unemployment_benefit_qualified = models.BooleanField(
        "符合申领失业保险金条件", default=False, help_text="失业前参加失业保险满一年、非本人意愿中断就业等"
    )
    needs_legal_aid = models.BooleanField("有需要法律援助的事项", default=False, help_text="如被拖欠工资、婚姻家庭纠纷")
    note = models.TextField("评估情况", blank=True, help_text="了解到的情况和本人意愿")
    current = models.BooleanField("现行评估", default=True, editable=False)  # the latest of the person's stands
    rule = models.CharField("规则", max_length=60, editable=False)
    articles = models.CharField("依据", max_length=300, editable=False)
    reasons = models.TextField("认定理由", editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶需求评估变更记录")

    class Meta:
        verbose_name = "帮扶需求评估"
        verbose_name_plural = "帮扶需求评估"
        ordering = ["-assessed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["supervisee"], condition=models.Q(current=True), name="one_current_needs")
        ]
        indexes = [models.Index(fields=["supervisee", "current"], name="needs_person_current")]

    def __str__(self) -> str:
        return f"帮扶需求评估 {self.assessed_on:%Y-%m-%d}"


class Need(models.Model):
    """A kind of assistance an assessment made the person eligible for, with the bodies responsible (the first) and
    helping (ASSISTANCE_ELIGIBILITY's outcome)."""

    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.CASCADE, related_name="needs")
    kind = models.CharField("帮扶事项", max_length=30, choices=Kind.choices)
    bodies = models.JSONField("负责部门", default=list)

    class Meta:
        verbose_name = "帮扶需求"
        verbose_name_plural = "帮扶需求"
        constraints = [models.UniqueConstraint(fields=["assessment", "kind"], name="need_once")]
        indexes = [models.Index(fields=["kind", "assessment"], name="need_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class AssistanceCase(models.Model):
    """One kind of assistance for one person, referred to the body responsible and tracked to an outcome.

    States, forward only: OPEN (待转介) → REFERRED (已转介) → IN_PROGRESS (帮扶中) → COMPLETED (已完成); from any
    unfinished state the person may decline (DECLINED, 本人放弃); a referred case may be refused by the body
    (NOT_GRANTED, 未获批准), or completed at once (e.g. 低保 granted). One unfinished case a person and kind. Each
    change is a dated step (AssistanceStep)."""

    class Status(models.TextChoices):
        OPEN = "open", "待转介"
        REFERRED = "referred", "已转介"
        IN_PROGRESS = "in_progress", "帮扶中"
        COMPLETED = "completed", "已完成"
        DECLINED = "declined", "本人放弃"
        NOT_GRANTED = "not_granted", "未获批准"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="assistance_cases")
    assessment = models.ForeignKey(NeedsAssessment, on_delete=models.PROTECT, related_name="cases")
    kind = models.CharField("帮扶事项", max_length=30, choices=Kind.choices)
    body = models.CharField("负责部门", max_length=30, choices=Body.choices)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.OPEN)
    opened_on = models.DateField("立案日期")
    referred_on = models.DateField("转介日期", null=True, blank=True)
    started_on = models.DateField("开始帮扶日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=300, blank=True)
    outcome_on = models.DateField("结果日期", null=True, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="承办人", on_delete=models.PROTECT, related_name="assistance_cases"
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶个案变更记录")

    class Meta:
        verbose_name = "帮扶个案"
        verbose_name_plural = "帮扶个案"
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee", "kind"],
                condition=models.Q(status__in=["open", "referred", "in_progress"]),
                name="one_unfinished_case_per_kind",
            )
        ]
        indexes = [
            models.Index(fields=["supervisee", "kind", "status"], name="assistance_person_kind"),
            models.Index(fields=["status", "referred_on"], name="assistance_status_referred"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_status_display()}）"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def covers(self) -> bool:
        """Whether the case covers the person's need (应保尽保): help under way or given."""
        return self.status in COVERING


FINISHED = (AssistanceCase.Status.COMPLETED, AssistanceCase.Status.DECLINED, AssistanceCase.Status.NOT_GRANTED)
UNFINISHED = (AssistanceCase.Status.OPEN, AssistanceCase.Status.REFERRED, AssistanceCase.Status.IN_PROGRESS)
COVERING = (AssistanceCase.Status.IN_PROGRESS, AssistanceCase.Status.COMPLETED)


class AssistanceStep(models.Model):
    """A dated note on a case: its opening, the referral, contact with the body, a course started, the outcome. A step
    that moved the case records the state it moved it to."""

    case = models.ForeignKey(AssistanceCase, on_delete=models.CASCADE, related_name="steps")
    day = models.DateField("日期")
    status = models.CharField("状态变为", max_length=12, choices=AssistanceCase.Status.choices, blank=True)
    note = models.CharField("情况", max_length=300)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶进展变更记录")

    class Meta:
        verbose_name = "帮扶进展"
        verbose_name_plural = "帮扶进展"
        ordering = ["day", "id"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.note}"

    @property
    def label(self) -> str:
        """What the step did, in the officer's words."""
        return {"": "进展", "open": "立案"}.get(self.status) or self.get_status_display()
