"""Hand-over, report-in and intake (交付接收、报到、入矫), ../shared/domain/statute.md §2 and §8.

One `Handover` per supervisee follows the legal documents (which arrived, the receipt, a request to complete
them), the report-in (identity checked, photo) and, when the person does not come, the search and the notices.
Intake then records the first interview, the announcement, the supervision level, the correction plan (each
adjustment a new version) and the correction team; the responsibility letter is issued from the team.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField
from sqjz.statute.rules.intake import TEAM_MEMBER_KINDS
from sqjz.supervisees.models import Gender


class Handover(models.Model):
    supervisee = models.OneToOneField("supervisees.Supervisee", on_delete=models.CASCADE, related_name="handover")
    notified_on = models.DateField("收到决定机关通知日期", null=True, blank=True)
    documents_received_on = models.DateField("收到法律文书日期", null=True, blank=True)
    received_documents = models.JSONField("已收到的法律文书", default=list, blank=True)
    other_documents = models.CharField("其他文书", max_length=200, blank=True)
    receipt_issued_on = models.DateField("送达回执日期", null=True, blank=True)
    completion_requested_on = models.DateField("通知补齐日期", null=True, blank=True)
    # Report-in (报到)
    reported_on = models.DateField("报到日期", null=True, blank=True)
    identity_verified = models.BooleanField("已核实身份", default=False)
    photo = models.CharField("报到照片", max_length=200, blank=True, editable=False)
    report_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A person who did not report in time: the search and the notices (实施办法 未按时报到)
    search_started_on = models.DateField("组织查找日期", null=True, blank=True)
    search_note = models.TextField("查找情况", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["version", "updated_at"], verbose_name="交付接收变更记录")

    class Meta:
        verbose_name = "交付接收"
        verbose_name_plural = "交付接收"

    def __str__(self) -> str:
        return f"交付接收 {self.supervisee_id}"


class FirstInterview(models.Model):
    supervisee = models.OneToOneField(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="first_interview"
    )
    held_on = models.DateField("谈话日期")
    place = models.CharField("谈话地点", max_length=100)
    interviewer = models.CharField("谈话人", max_length=50)
    recorder = models.CharField("记录人", max_length=50)
    content = models.TextField("谈话内容", help_text="告知的事项、了解的情况、对象的思想状况")
    supervisee_statement = models.TextField("矫正对象陈述", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "首次谈话"
        verbose_name_plural = "首次谈话"

    def __str__(self) -> str:
        return f"首次谈话 {self.held_on}"


class IntakeAnnouncement(models.Model):
    supervisee = models.OneToOneField(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="intake_announcement"
    )
    held_on = models.DateField("宣告日期")
    place = models.CharField("宣告地点", max_length=100)
    host = models.CharField("宣告人", max_length=50, help_text="县级社区矫正机构或司法所工作人员")
    participants = models.TextField("参加人员", help_text="矫正小组成员等，每行一人：姓名、身份")
    items = models.JSONField("宣告内容", default=list)
    is_public = models.BooleanField("公开宣告", default=False)
    guardian_present = models.BooleanField("监护人到场", default=False)
    signed = models.BooleanField("矫正对象已签字确认", default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "入矫宣告"
        verbose_name_plural = "入矫宣告"

    def __str__(self) -> str:
        return f"入矫宣告 {self.held_on}"


class SupervisionLevel(models.TextChoices):
    STRICT = "strict", "严管"
    ORDINARY = "ordinary", "普管"
    LENIENT = "lenient", "宽管"


class LevelDecision(models.Model):
    """A supervision level in force from a day, with the rule's reasons; the latest one is current."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="levels")
    level = models.CharField("管理等级", max_length=10, choices=SupervisionLevel.choices)
    effective_from = models.DateField("起始日期")
    rule = models.CharField("规则", max_length=60)
    articles = models.CharField("依据", max_length=300)
    reasons = models.TextField("理由")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "管理等级"
        verbose_name_plural = "管理等级"
        ordering = ["-effective_from", "-id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.effective_from}"


class CorrectionPlan(models.Model):
    """One version of the individual correction plan (矫正方案, 社区矫正法第二十四条); an adjustment adds a
    version with its reason, so the history of the plan is the list of versions."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="plans")
    number = models.PositiveSmallIntegerField("版本")
    situation = models.TextField("基本情况分析", help_text="犯罪原因、类型和情节，家庭、健康、心理、就业等情况")
    risks = models.TextField("风险评估", help_text="再犯罪风险和需重点关注的问题")
    needs = models.TextField("矫正需求")
    goals = models.TextField("矫正目标")
    supervision_measures = models.TextField("监督管理措施")
    education_measures = models.TextField("教育矫正措施")
    assistance_measures = models.TextField("帮扶措施", blank=True)
    review_on = models.DateField("下次评估调整日期")
    change_reason = models.TextField("调整理由", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("制定时间", auto_now_add=True)

    class Meta:
        verbose_name = "矫正方案"
        verbose_name_plural = "矫正方案"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["supervisee", "number"], name="one_plan_per_version")]

    def __str__(self) -> str:
        return f"矫正方案第{self.number}版"


class TeamMember(models.Model):
    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="team")
    kind = models.CharField("身份", max_length=20, choices=list(TEAM_MEMBER_KINDS.items()))
    name = models.CharField("姓名", max_length=50)
    gender = models.CharField("性别", max_length=6, choices=Gender.choices)
    organisation = models.CharField(
        "单位或与对象关系", max_length=100, help_text="如：玉兴街道司法所、父亲、荷花社区居委会"
    )
    phone = EncryptedCharField("联系电话", context="team_member.phone", blank=True)
    understands_minors = models.BooleanField("熟悉青少年成长特点", default=False)
    duties = models.CharField("职责", max_length=200)
    is_active = models.BooleanField("在组", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(verbose_name="矫正小组变更记录")

    class Meta:
        verbose_name = "矫正小组成员"
        verbose_name_plural = "矫正小组成员"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"
