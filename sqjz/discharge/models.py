"""The end of a correction: release at the end of the term (解除矫正) and termination (终止矫正).

Before the term ends the judicial office or the county agency writes a written evaluation
(`DischargeEvaluation`, 期满前书面鉴定; one per supervisee, editable until the record closes, with
history). The county agency then either discharges the person (`Discharge`, 社区矫正法第四十四条) on or
after the last day of the term, or earlier on amnesty, or records a termination (`Termination`,
社区矫正法第四十五、五十一条) on death, revocation of probation or parole, or committal.

Each closes the supervisee's record, which moves UNDER_CORRECTION → DISCHARGED, or
PENDING_REPORT | UNDER_CORRECTION → TERMINATED (sqjz.discharge.services); the record is read-only after.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class DischargeEvaluation(models.Model):
    """期满前书面鉴定: performance, assessments, community views and resettlement advice."""

    supervisee = models.OneToOneField(
        "supervisees.Supervisee",
        verbose_name="矫正对象",
        on_delete=models.PROTECT,
        related_name="discharge_evaluation",
    )
    performance = models.TextField("矫正期间表现", help_text="遵守法律法规、监督管理规定，参加教育学习和公益活动等情况")
    assessment_summary = models.TextField("考核奖惩情况", help_text="历次考核结果，受到的表扬、训诫、警告等")
    community_views = models.TextField("社区意见", help_text="村（居）民委员会、矫正小组成员的意见")
    resettlement_advice = models.TextField("安置帮教建议", help_text="对刑满后安置帮教工作的建议")
    evaluated_on = models.DateField("鉴定日期")
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="鉴定人", on_delete=models.PROTECT, related_name="+"
    )
    evaluator_unit = models.ForeignKey(
        "organisation.Unit", verbose_name="鉴定单位", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["updated_at", "version"], verbose_name="书面鉴定变更记录")

    class Meta:
        verbose_name = "期满前书面鉴定"
        verbose_name_plural = "期满前书面鉴定"

    def __str__(self) -> str:
        return f"{self.supervisee_id} 书面鉴定（{self.evaluated_on:%Y-%m-%d}）"


class Discharge(models.Model):
    """解除矫正, with the release announcement (解矫宣告) if one was held and the hand-over to
    post-release assistance (安置帮教)."""

    class Cause(models.TextChoices):
        TERM_EXPIRED = "term_expired", "矫正期满"
        AMNESTY = "amnesty", "赦免"

    supervisee = models.OneToOneField(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="discharge"
    )
    cause = models.CharField("解除原因", max_length=20, choices=Cause.choices, default=Cause.TERM_EXPIRED)
    discharged_on = models.DateField("解除矫正日期")
    amnesty_basis = models.CharField("赦免依据", max_length=200, blank=True, help_text="因赦免解除的，写明特赦令等依据")
    # The release announcement (解矫宣告); for minors not public and with the guardian present.
    announcement_held = models.BooleanField("举行解矫宣告", default=False)
    announced_on = models.DateField("宣告日期", null=True, blank=True)
    announcement_place = models.CharField("宣告地点", max_length=100, blank=True)
    announcement_host = models.CharField("宣告主持人", max_length=50, blank=True)
    announcement_participants = models.TextField(
        "参加人员", blank=True, help_text="矫正小组成员、家庭成员等；未成年人须写明到场的监护人"
    )
    announcement_public = models.BooleanField("公开宣告", default=False)
    guardian_present = models.BooleanField("监护人到场", default=False)
    # Hand-over to post-release assistance (安置帮教)
    resettlement_body = models.CharField("安置帮教接收单位", max_length=100, help_text="如：玉兴街道安置帮教工作站")
    handed_over_on = models.DateField("移交安置帮教日期")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("办理时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="解除矫正变更记录")

    class Meta:
        verbose_name = "解除矫正"
        verbose_name_plural = "解除矫正"

    def __str__(self) -> str:
        return f"{self.supervisee_id} 解除矫正（{self.discharged_on:%Y-%m-%d}）"


class Termination(models.Model):
    """终止矫正: death, revocation of probation or parole, or committal (收监执行)."""

    class Cause(models.TextChoices):
        DEATH = "death", "死亡"
        PROBATION_REVOKED = "probation_revoked", "撤销缓刑"
        PAROLE_REVOKED = "parole_revoked", "撤销假释"
        COMMITTAL = "committal", "收监执行"

    supervisee = models.OneToOneField(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="termination"
    )
    cause = models.CharField("终止原因", max_length=20, choices=Cause.choices)
    terminated_on = models.DateField("终止日期", help_text="死亡日期，或撤销、收监裁定（决定）生效日期")
    basis = models.CharField("依据", max_length=200, help_text="如：（2027）云0402刑更12号裁定书；死亡医学证明书编号")
    note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="办理人", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("办理时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="终止矫正变更记录")

    class Meta:
        verbose_name = "终止矫正"
        verbose_name_plural = "终止矫正"

    def __str__(self) -> str:
        return f"{self.supervisee_id} 终止矫正（{self.terminated_on:%Y-%m-%d}）"
