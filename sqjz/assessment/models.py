"""The quarterly assessment (每季度考核评议, requirements SUP-6 and SUP-7; the city's policy 二(一)).

Each supervisee under correction is graded once per assessment period: 良好 / 合格 / 不合格, on the four areas
the community evaluators also judge (遵纪守法、接受监督管理、参加教育学习、社区服务; seed 四(二)). Periods run
from the start of the term in steps of ASSESSMENT_PERIOD_MONTHS (rule ASSESSMENT_DUE); a period's last day is
its assessment day. Assessments are recorded in period order, once per period, after the period has ended.

When an assessment is saved the consequences of all the person's grades so far (QUARTERLY_GRADE_CONSEQUENCES:
优秀 and 应当表扬, 可以表扬, 情节严重 and the revocation or committal proposal it may ground) are computed and
stored with the rule code, articles, reasons and facts, so that a later change of the figures does not
rewrite what the officer was told. An assessment has no states; corrections go through its history.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Grade(models.TextChoices):
    """The three grades; the values are the statute rule's (sqjz.statute.rules.assessment.GRADES)."""

    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class QuarterlyAssessment(models.Model):
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="assessments"
    )
    period_number = models.PositiveSmallIntegerField("考核期次", editable=False)
    period_start = models.DateField("考核周期起始日", editable=False)
    period_end = models.DateField("考核周期", help_text="考核周期届满之日（考核日），届满后才能考核")
    grade = models.CharField("考核等次", max_length=4, choices=Grade.choices)
    law_abiding = models.TextField("遵纪守法", help_text="遵守法律法规、禁止令的情况")
    compliance = models.TextField("服从监督管理", help_text="报到、报告、外出请假、信息化核查等监督管理规定的遵守情况")
    education = models.TextField("参加教育学习", help_text="参加集中教育、个别教育和学习的情况")
    community_service = models.TextField("参加公益活动", help_text="参加公益活动（社区服务）的情况")
    outstanding_education = models.BooleanField(
        "接受教育表现突出", default=False, help_text="本期考核为良好且接受教育表现突出的，认定为优秀，应当给予表扬"
    )
    corrected_after_fails = models.BooleanField(
        "不合格后已改正",
        default=False,
        help_text="两次以上考核不合格，经教育已经改正的勾选；勾选后不认定为情节严重",
    )
    evaluator_views = models.TextField(
        "社区评议员意见", blank=True, help_text="村（社区）社区矫正评议员的评议结果，可以不填"
    )
    assessed_on = models.DateField("考核日期")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="考核人", on_delete=models.PROTECT, related_name="+"
    )
    # The stored decision of QUARTERLY_GRADE_CONSEQUENCES over all grades up to and including this one.
    consequence = models.JSONField("奖惩后果", default=dict, editable=False)
    consequence_facts = models.JSONField("后果依据的事实", default=dict, editable=False)
    consequence_rule = models.CharField("规则", max_length=60, editable=False)
    consequence_articles = models.CharField("依据", max_length=300, editable=False)
    consequence_reasons = models.TextField("认定理由", editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="季度考核变更记录")

    class Meta:
        verbose_name = "季度考核"
        verbose_name_plural = "季度考核"
        ordering = ["supervisee", "period_end"]
        constraints = [
            models.UniqueConstraint(fields=["supervisee", "period_end"], name="one_assessment_per_period"),
        ]

    def __str__(self) -> str:
        return f"第{self.period_number}期考核 {self.get_grade_display()}"


class Rating(models.TextChoices):
    GOOD = "good", "好"
    FAIR = "fair", "较好"
    AVERAGE = "average", "一般"
    POOR = "poor", "差"


class CommunityRating(models.Model):
    """A community evaluator's (社区矫正评议员, three per village, TEAM-4) rating of one person of their village for one
    assessment period, on the four areas the quarterly assessment judges; the office reads the period's ratings on
    the assessment page instead of typing them."""

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="community_ratings"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评议员", on_delete=models.PROTECT, related_name="+"
    )
    period_end = models.DateField("考核周期（考核日）")
    law_abiding = models.CharField("遵纪守法", max_length=8, choices=Rating.choices)
    compliance = models.CharField("服从监督管理", max_length=8, choices=Rating.choices)
    education = models.CharField("参加教育学习", max_length=8, choices=Rating.choices)
    community_service = models.CharField("参加公益活动", max_length=8, choices=Rating.choices)
    note = models.CharField("评议意见", max_length=200, blank=True, help_text="在村（社区）的表现、邻里反映等")
    rated_at = models.DateTimeField("评议时间", auto_now=True)

    history = HistoricalRecords(verbose_name="社区评议变更记录")

    class Meta:
        verbose_name = "社区评议"
        verbose_name_plural = "社区评议"
        constraints = [
            models.UniqueConstraint(fields=["supervisee", "evaluator", "period_end"], name="one_rating_per_period"),
        ]

    def __str__(self) -> str:
        return f"社区评议 {self.period_end}"

    def summary(self) -> str:
        return (
            f"遵纪守法{self.get_law_abiding_display()}、服从监督管理{self.get_compliance_display()}、"
            f"参加教育学习{self.get_education_display()}、参加公益活动{self.get_community_service_display()}"
        )
