"""Social work (社区矫正法第十一条、第十三条、第四十条): the help social workers and volunteers
give the people assigned to them (HelpRecord), and the county agency's purchased social-work services
(购买服务): a contract with a provider, its payment milestones, and the evaluation of each period from
the services its social workers recorded. Helpers do non-enforcement work only (statute
SOCIAL_WORK_NON_ENFORCEMENT): the kinds of help are the only things they record."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords


class HelpKind(models.TextChoices):
    """The kinds of help (the statute's HELP_TASKS): non-enforcement work by construction."""

    VISIT = "visit", "走访"
    COUNSELLING = "counselling", "谈心谈话、心理疏导"
    ASSISTANCE = "assistance", "帮扶"
    EDUCATION = "education", "教育"
    OTHER = "other_help", "其他帮扶"


class HelpRecord(models.Model):
    """Help a social worker or volunteer gave one person assigned to them; under the contract that lists the worker
    on that day in the person's county, if any."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="help_records")
    helper = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="help_records")
    day = models.DateField("日期")
    kind = models.CharField("帮扶方式", max_length=16, choices=HelpKind.choices)
    hours = models.DecimalField(
        "时长（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("8"))],
        help_text="0.5至8小时，按半小时计",
    )
    content = models.TextField("帮扶内容", help_text="了解到的情况、做了什么、对象的反应和下一步打算")
    contract = models.ForeignKey(
        "ServiceContract",
        verbose_name="购买服务合同",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="help_records",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶记录变更记录")

    class Meta:
        verbose_name = "帮扶记录"
        verbose_name_plural = "帮扶记录"
        ordering = ["-day", "-id"]
        indexes = [
            models.Index(fields=["helper", "day"], name="help_helper_day"),
            models.Index(fields=["supervisee", "day"], name="help_person_day"),
            models.Index(fields=["contract", "day"], name="help_contract_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.day:%Y-%m-%d}）"


class ServiceContract(models.Model):
    """A county agency's purchase of social-work services (社区矫正法第四十条: 公开择优购买): how the provider was
    chosen, the term, the services contracted per kind of help and in hours, the quality standards, the budget, and
    the provider's social workers, whose help records count as the services delivered."""

    class Selection(models.TextChoices):
        PUBLIC_TENDER = "public_tender", "公开招标"
        INVITED_TENDER = "invited_tender", "邀请招标"
        COMPETITIVE_CONSULTATION = "competitive_consultation", "竞争性磋商"
        COMPETITIVE_NEGOTIATION = "competitive_negotiation", "竞争性谈判"
        SINGLE_SOURCE = "single_source", "单一来源采购"

    title = models.CharField("项目名称", max_length=100, help_text="如：2026年度红塔区社区矫正社会工作服务项目")
    agency = models.ForeignKey("organisation.Unit", verbose_name="购买单位", on_delete=models.PROTECT, related_name="+")
    provider = models.CharField("承接机构", max_length=100, help_text="中标（成交）的社会组织名称")
    selection = models.CharField("采购方式", max_length=24, choices=Selection.choices)
    selected_on = models.DateField("中标（成交）日期")
    selection_reference = models.CharField("采购文件编号", max_length=60, help_text="采购公告或合同编号")
    starts_on = models.DateField("服务起始日")
    ends_on = models.DateField("服务截止日")
    quantities = models.JSONField("约定服务次数", default=dict, editable=False)  # {HelpKind value: number}
    hours = models.DecimalField(
        "约定服务总时长（小时）",
        max_digits=7,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100000"))],
    )
    quality_standards = models.TextField("服务质量要求", help_text="服务标准、记录要求、满意度等考核指标")
    budget = models.DecimalField(
        "合同金额（元）",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("100000000"))],
    )
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="承接机构的社会工作者", related_name="service_contracts"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="购买服务合同变更记录")

    class Meta:
        verbose_name = "购买服务合同"
        verbose_name_plural = "购买服务合同"
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["agency", "starts_on"], name="contract_agency_start")]

    def __str__(self) -> str:
        return self.title


class PaymentMilestone(models.Model):
    """A payment the contract schedules; one that needs an evaluation is paid only once an evaluation tied to it
    concluded the services passed."""

    contract = models.ForeignKey(ServiceContract, on_delete=models.CASCADE, related_name="milestones")
    due_on = models.DateField("计划支付日")
    amount = models.DecimalField("金额（元）", max_digits=12, decimal_places=2)
    condition = models.CharField("支付条件", max_length=100, help_text="如：合同签订后支付首款")
    needs_evaluation = models.BooleanField("须考核合格", default=False)
    paid_on = models.DateField("支付日期", null=True, blank=True)
    paid_amount = models.DecimalField("实付金额（元）", max_digits=12, decimal_places=2, null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(verbose_name="付款节点变更记录")

    class Meta:
        verbose_name = "付款节点"
        verbose_name_plural = "付款节点"
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.condition}（{self.due_on:%Y-%m-%d}）"


class ContractEvaluation(models.Model):
    """The performance evaluation of one period: the services delivered (the help records of the contract in the
    period, kept as they were when evaluated) against those due for the period (the contract's quantities pro rata),
    the evaluator's quality check and conclusion."""

    class Conclusion(models.TextChoices):
        PASSED = "passed", "合格"
        FAILED = "failed", "不合格"

    contract = models.ForeignKey(ServiceContract, on_delete=models.CASCADE, related_name="evaluations")
    period_start = models.DateField("考核期间起")
    period_end = models.DateField("考核期间止")
    delivered = models.JSONField("完成服务次数", default=dict, editable=False)  # {HelpKind value: number}
    expected = models.JSONField("应完成服务次数", default=dict, editable=False)  # the quantities pro rata
    delivered_hours = models.DecimalField("完成服务时长（小时）", max_digits=8, decimal_places=1, editable=False)
    expected_hours = models.DecimalField("应完成服务时长（小时）", max_digits=8, decimal_places=1, editable=False)
    quality_score = models.PositiveSmallIntegerField(
        "质量评分", validators=[MaxValueValidator(100)], help_text="0至100分，按合同约定的质量要求抽查评定"
    )
    quality_notes = models.TextField("质量抽查情况", help_text="抽查的记录、回访对象的情况、发现的问题")
    conclusion = models.CharField("考核结论", max_length=8, choices=Conclusion.choices)
    milestone = models.ForeignKey(
        PaymentMilestone,
        verbose_name="对应付款节点",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    evaluated_at = models.DateTimeField("考核时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="绩效考核变更记录")

    class Meta:
        verbose_name = "购买服务绩效考核"
        verbose_name_plural = "购买服务绩效考核"
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return f"{self.period_start:%Y-%m-%d}至{self.period_end:%Y-%m-%d}考核"
