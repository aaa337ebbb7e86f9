"""The earmarked-funds ledger (专项资金台账; 玉溪市实施意见六(二) "确保社区矫正经费专款专用"; FUND-1): each county
agency's (and the city agency's) receipts and spending of community-correction funds, by source and by use.

An entry is never changed or deleted: a mistake is put right by a reversing entry (冲销) that names the entry it
reverses, so that an auditor sees every figure as it was recorded. `signed_amount` is what the entry adds to the
balance: + for income, - for spending, the opposite for a reversal."""

from django.conf import settings
from django.db import models


class Direction(models.TextChoices):
    INCOME = "income", "收入"
    EXPENSE = "expense", "支出"


class Source(models.TextChoices):
    PROVINCIAL = "provincial", "省级补助"
    CITY = "city", "市级财政"
    COUNTY = "county", "县级财政"
    OTHER = "other", "其他"


class Use(models.TextChoices):
    WAGES = "wages", "社会工作者薪酬及五险"
    PURCHASED = "purchased", "购买社会工作服务"
    EDUCATION = "education", "教育帮扶"
    PLACEMENT = "placement", "安置帮扶"
    IT = "it", "信息化建设"
    OFFICE = "office", "办公及装备"
    OTHER = "other", "其他"


class LedgerEntry(models.Model):
    """One line of an agency's earmarked-funds ledger. Income is recorded by source (its use may be left blank: funds
    not yet allotted); spending by the source it is paid from and its use."""

    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name="记账单位",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ("county_agency", "city_agency")},
    )
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="县（市、区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="记账单位所在县；市级机构的账目为空",
    )
    day = models.DateField("日期")
    direction = models.CharField("收支", max_length=8, choices=Direction.choices)
    source = models.CharField("资金来源", max_length=12, choices=Source.choices)
    use = models.CharField("资金用途", max_length=12, choices=Use.choices, blank=True)
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    signed_amount = models.DecimalField(max_digits=14, decimal_places=2, editable=False)
    voucher = models.CharField("凭证号", max_length=40)
    description = models.CharField("摘要", max_length=200)
    reverses = models.OneToOneField(
        "self",
        verbose_name="冲销的账目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
        editable=False,
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "专项资金台账"
        verbose_name_plural = "专项资金台账"
        ordering = ["-day", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive"),
        ]
        indexes = [
            models.Index(fields=["agency", "day"], name="ledger_agency_day"),
            models.Index(fields=["county", "day"], name="ledger_county_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.get_direction_display()} {self.amount}元（{self.voucher}）"
