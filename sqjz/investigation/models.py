"""Pre-sentence investigation and assessment (调查评估), 实施办法第十三、十四条.

A deciding authority (court, procuratorate, public security, prison) commissions the correction agency
of the place where the person lives; the judicial office there investigates, the county agency approves
the opinion, which is delivered to the commissioning body and copied to the procuratorate; the court's
judgment later says whether it adopted it.

Status: INVESTIGATING (调查中) → PENDING_APPROVAL (待审批) → APPROVED (待送达) → DELIVERED (待反馈采纳情况)
→ CLOSED (已办结). The county may return an opinion (PENDING_APPROVAL → INVESTIGATING) with its reasons.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField
from sqjz.supervisees.models import CorrectionType, Gender


class Investigation(models.Model):
    class Status(models.TextChoices):
        INVESTIGATING = "investigating", "调查中"
        PENDING_APPROVAL = "pending_approval", "待审批"
        APPROVED = "approved", "已审批待送达"
        DELIVERED = "delivered", "已送达待反馈"
        CLOSED = "closed", "已办结"

    class Opinion(models.TextChoices):
        SUITABLE = "suitable", "适宜社区矫正"
        UNSUITABLE = "unsuitable", "不适宜社区矫正"

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", "采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"

    OPEN_STATUSES = (Status.INVESTIGATING, Status.PENDING_APPROVAL, Status.APPROVED)

    # The commission (委托)
    commissioning_body = models.ForeignKey(
        "organisation.Unit",
        verbose_name="委托机关",
        on_delete=models.PROTECT,
        related_name="commissioned_investigations",
        limit_choices_to={"kind__in": ("court", "procuratorate", "public_security", "prison")},
    )
    commission_number = models.CharField("委托函文号", max_length=60, help_text="如：（2026）云0402刑初123号")
    received_on = models.DateField("收到委托函和材料日期", help_text="期限自次日起按工作日计算")
    fast_track = models.BooleanField(
        "适用刑事案件速裁程序", default=False, help_text="速裁案件适用较短的期限（见法律规则“调查评估期限”）"
    )
    judicial_office = models.ForeignKey(
        "organisation.Unit",
        verbose_name="承办司法所",
        on_delete=models.PROTECT,
        related_name="investigations",
        limit_choices_to={"kind": "judicial_office"},
        help_text="被调查人居住地的司法所",
    )
    procuratorate_notified_on = models.DateField(
        "通报人民检察院日期", help_text="收到委托后应通报执行地县级人民检察院（实施办法第十三条）"
    )
    # The person investigated (被告人、犯罪嫌疑人或罪犯)
    name = models.CharField("被调查人姓名", max_length=50)
    gender = models.CharField("性别", max_length=6, choices=Gender.choices)
    id_number = EncryptedCharField("身份证号码", context="investigation.id_number")
    id_number_index = models.CharField(max_length=64, db_index=True, editable=False)
    birth_date = models.DateField("出生日期")
    residence_address = models.CharField("居住地址", max_length=200)
    village = models.ForeignKey(
        "organisation.Division",
        verbose_name="居住地村（社区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "village"},
    )
    crime = models.CharField("涉嫌罪名", max_length=100)
    offence_date = models.DateField("犯罪时间")
    proposed_correction_type = models.CharField("拟适用矫正类别", max_length=20, choices=CorrectionType.choices)
    is_minor = models.BooleanField("未成年人", default=False, editable=False)
    # Findings: the content list of 实施办法第十四条
    residence_findings = models.TextField("居所情况", blank=True)
    family_and_social_ties = models.TextField("家庭和社会关系", blank=True)
    crime_consequences = models.TextField("犯罪行为的后果和影响", blank=True)
    committee_views = models.TextField("居民委员会、村民委员会意见", blank=True)
    victim_views = models.TextField("被害人意见", blank=True, help_text="无被害人的，写明“本案无被害人”")
    social_danger = models.TextField("社会危险性", blank=True)
    community_impact = models.TextField("对所居住社区的影响", blank=True)
    # The opinion (评估意见)
    opinion = models.CharField("评估意见", max_length=12, choices=Opinion.choices, blank=True)
    opinion_reasons = models.TextField("意见理由", blank=True)
    proposed_prohibitions = models.TextField("拟禁止的事项", blank=True, help_text="建议人民法院宣告禁止令的，写明内容")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提交审批时间", null=True, blank=True)
    # County approval (县级社区矫正机构审批)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    return_reason = models.TextField("退回理由", blank=True)
    # Delivery and the court's use of it
    delivered_on = models.DateField("送达委托机关日期", null=True, blank=True)
    copied_to_procuratorate_on = models.DateField("抄送人民检察院日期", null=True, blank=True)
    adoption = models.CharField("委托机关采纳情况", max_length=12, choices=Adoption.choices, blank=True)
    adoption_note = models.CharField("采纳情况说明", max_length=200, blank=True, help_text="如判决书文号")
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.INVESTIGATING)
    # Bookkeeping
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=["id_number_index", "updated_at", "version"], verbose_name="调查评估变更记录"
    )

    class Meta:
        verbose_name = "调查评估"
        verbose_name_plural = "调查评估"
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["judicial_office", "status"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.commission_number}）"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class Interview(models.Model):
    """One interview of the investigation: family, committee, victim, employer, neighbours."""

    class Kind(models.TextChoices):
        FAMILY = "family", "家庭成员"
        COMMITTEE = "committee", "村（居）民委员会"
        VICTIM = "victim", "被害人"
        EMPLOYER = "employer", "工作单位或学校"
        NEIGHBOUR = "neighbour", "邻居"
        OTHER = "other", "其他"

    investigation = models.ForeignKey(Investigation, on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField("走访对象类别", max_length=12, choices=Kind.choices)
    interviewee = models.CharField("被走访人", max_length=50, help_text="姓名及与被调查人的关系或职务")
    interviewed_on = models.DateField("走访日期")
    place = models.CharField("地点", max_length=100)
    summary = models.TextField("走访内容摘要")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "走访记录"
        verbose_name_plural = "走访记录"
        ordering = ["interviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.interviewee}"
