"""考核奖惩: facts with evidence, the agency's own measures (表扬 / 训诫 / 警告), meritorious acts and the quarterly
supervision-level review (社区矫正法第二十八条, 实施办法第三十三条至第三十五条, statute.md §8 and §9.1).

- A `Fact` (违规或表现事实) is what the judicial office found: a breach graded by its severity, a lost-contact span,
  outstanding conduct, a meritorious act (which the county agency confirms before it counts), or a quarterly
  grade. It carries its source and attachments (photos, re-encoded; statements as photos of the paper).
- A `Measure` (Commendation / Admonition / Warning, one model with a kind) is proposed by the office on chosen facts
  with the statute's grounds, and decided by the county agency (MEASURE_DECIDER):
  PROPOSED → APPROVED (the decision document is issued) or PROPOSED → REFUSED (with a reason). An approved
  admonition or warning may later be marked corrected (已改正); the counts of those not corrected ground the next
  step of the ladder (WARNING_GROUNDS, REVOCATION_PROPOSAL).
- A `LevelReview` is the SUPERVISION_LEVEL proposal after a quarterly grade: PROPOSED → APPROVED (intake records
  the new level from the next day) or REFUSED.
Transitions are made in services.py only.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Severity(models.TextChoices):
    MINOR = "minor", "情节轻微"
    MORE_SERIOUS = "more_serious", "情节较重"
    SERIOUS = "serious", "情节严重"


class Fact(models.Model):
    class Kind(models.TextChoices):
        SUPERVISION_BREACH = "supervision_breach", "违反报告、会客、外出、迁居等规定"
        PROHIBITION_BREACH = "prohibition_breach", "违反人民法院禁止令"
        REFUSED_EDUCATION = "refused_education", "不按规定参加教育学习，经教育仍不改正"
        REEXAMINATION_MISSED = "reexamination_missed", "不按时提交病情复查情况，经教育仍不改正"
        LOST_CONTACT = "lost_contact", "未按规定时间报到或脱离监管"
        OUTSTANDING = "outstanding", "表现突出"
        MERITORIOUS = "meritorious", "立功等突出表现"
        ASSESSMENT = "assessment", "季度考核结果"
        OTHER = "other", "其他"

    class Source(models.TextChoices):
        OBSERVATION = "observation", "工作人员发现"
        CHECKIN = "checkin", "签到记录"
        TRAVEL = "travel", "外出记录"
        MONITORING = "monitoring", "电子定位报警"
        REPORT = "report", "他人举报或反映"
        ASSESSMENT = "assessment", "季度考核"
        LOST_CONTACT = "lost_contact", "失联查找"  # a lost-contact case's span, taken as a fact when proposing

    class Merit(models.TextChoices):
        BRAVE = "brave", "见义勇为"
        RESCUE = "rescue", "抢险救灾"
        MAJOR_MERIT = "major_merit", "重大立功"
        MERIT = "merit", "立功"
        OTHER = "other", "其他突出表现"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="enforcement_facts"
    )
    occurred_on = models.DateField("发生日期")
    kind = models.CharField("事实类别", max_length=24, choices=Kind.choices)
    severity = models.CharField("情节", max_length=12, choices=Severity.choices, blank=True)
    merit = models.CharField("突出表现类别", max_length=12, choices=Merit.choices, blank=True)
    out_of_contact_until = models.DateField(
        "恢复联系日期",
        null=True,
        blank=True,
        help_text="未按时报到或脱离监管的，填写报到或恢复联系之日；仍未联系上的不填",
    )
    source = models.CharField("来源", max_length=12, choices=Source.choices)
    description = models.TextField("事实经过", help_text="时间、地点、经过和核实情况")
    record_ref = models.CharField("关联记录", max_length=40, blank=True, editable=False)
    assessment = models.ForeignKey(
        "assessment.QuarterlyAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    attachments = models.JSONField("证据材料", default=list, editable=False)  # [{"path": ..., "sha256": ...}]
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    # A meritorious act counts only once the county agency has confirmed it.
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="奖惩事实变更记录")

    class Meta:
        verbose_name = "违规或表现事实"
        verbose_name_plural = "违规或表现事实"
        ordering = ["-occurred_on", "-id"]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()}"


class Measure(models.Model):
    """表扬 / 训诫 / 警告 (Commendation / Admonition / Warning)."""

    class Kind(models.TextChoices):
        COMMENDATION = "commendation", "表扬"
        ADMONITION = "admonition", "训诫"
        WARNING = "warning", "警告"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待县级机构决定"
        APPROVED = "approved", "已决定"
        REFUSED = "refused", "不予决定"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="measures"
    )
    kind = models.CharField("措施", max_length=12, choices=Kind.choices)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED, editable=False)
    facts = models.ManyToManyField(Fact, verbose_name="依据的事实", related_name="measures")
    proposal = models.TextField("提请理由", help_text="司法所调查核实的情况和提请意见")
    grounds = models.JSONField("情形", default=list, editable=False)
    grounds_rule = models.CharField("规则", max_length=60, editable=False)
    grounds_articles = models.CharField("依据", max_length=300, editable=False)
    grounds_reasons = models.TextField("认定理由", editable=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_reason = models.TextField("决定意见", blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    served_on = models.DateField("送达日期", null=True, blank=True)
    corrected_on = models.DateField("改正日期", null=True, blank=True)
    correction_finding = models.TextField("改正情况", blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(verbose_name="奖惩措施变更记录")

    class Meta:
        verbose_name = "奖惩措施"
        verbose_name_plural = "奖惩措施"
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_status_display()}）"


class LevelReview(models.Model):
    """The quarterly supervision-level review (SUP-7): SUPERVISION_LEVEL's proposal, decided by the county."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待县级机构决定"
        APPROVED = "approved", "已决定"
        REFUSED = "refused", "不予调整"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="level_reviews"
    )
    assessment = models.ForeignKey(
        "assessment.QuarterlyAssessment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    current_level = models.CharField("原管理等级", max_length=10)
    proposed_level = models.CharField("建议管理等级", max_length=10)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED, editable=False)
    rule = models.CharField("规则", max_length=60, editable=False)
    articles = models.CharField("依据", max_length=300, editable=False)
    reasons = models.TextField("理由", editable=False)
    facts = models.JSONField("依据的事实", default=dict, editable=False)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decision_reason = models.TextField("决定意见", blank=True)
    effective_from = models.DateField("起始日期", null=True, blank=True)

    history = HistoricalRecords(verbose_name="管理等级复核变更记录")

    class Meta:
        verbose_name = "管理等级复核"
        verbose_name_plural = "管理等级复核"
        ordering = ["-proposed_at", "-id"]

    def __str__(self) -> str:
        return f"管理等级复核 {self.current_level}→{self.proposed_level}"
