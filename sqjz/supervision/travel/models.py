"""Leave to travel out of the city or county (外出, 社区矫正法第二十七条, 实施办法第二十七、二十八条).

TravelLeave status: PENDING (待审批) → APPROVED (已批准) → RETURNED (已销假)
| REFUSED (不予批准) | WITHDRAWN (已撤回)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class TravelLeave(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"
        RETURNED = "returned", "已销假"
        WITHDRAWN = "withdrawn", "已撤回"

    class Purpose(models.TextChoices):
        MEDICAL = "medical", "就医"
        STUDY = "study", "就学"
        LITIGATION = "litigation", "参与诉讼"
        FAMILY = "family", "处理家庭重要事务"
        WORK = "work", "处理工作重要事务"
        OTHER = "other", "其他正当理由"

    class Level(models.TextChoices):
        """Who decides (TRAVEL_LEAVE_APPROVER); the values are the rule's outcomes."""

        JUDICIAL_OFFICE = "judicial_office", "司法所（受委托）"
        COUNTY_AGENCY = "county_agency", "县级社区矫正机构"
        CITY_AGENCY = "city_agency", "上一级（市级）社区矫正机构"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="travel_leaves")
    purpose = models.CharField("外出事由", max_length=12, choices=Purpose.choices)
    reason = models.TextField("具体理由")
    destination = models.CharField("外出目的地", max_length=100)
    start = models.DateField("外出起始日")
    days = models.PositiveSmallIntegerField("外出天数", help_text="含出发当日")
    applied_on = models.DateField("申请日期")
    evidence = models.CharField("证明材料", max_length=200, help_text="如：医院诊断证明、法院传票")
    evidence_photo = models.CharField("证明材料照片", max_length=200, blank=True, editable=False)
    level = models.CharField("审批机关", max_length=20, choices=Level.choices, editable=False)
    level_reasons = models.TextField("审批权限依据", editable=False)
    lead_time_note = models.TextField("申请提前期", editable=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    returned_on = models.DateField("销假日期", null=True, blank=True)
    return_note = models.CharField("销假情况", max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="外出审批变更记录")

    class Meta:
        verbose_name = "外出"
        verbose_name_plural = "外出"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["status", "start"])]

    def __str__(self) -> str:
        return f"外出{self.destination} {self.start} {self.days}日"


class FrequentTravelPermit(models.Model):
    """Permission for frequent travel across cities or counties needed for work or life (经常性跨市、县活动,
    实施办法第二十九条): the destinations, the county agency's approval, valid until FREQUENT_TRAVEL_PERMIT_EXPIRY's
    day; trips under it are reported (FrequentTravelTrip), not approved one by one. It ends by itself.

    Status: PENDING (待审批) → APPROVED (已批准) | REFUSED (不予批准) | WITHDRAWN (已撤回); an approved permit whose
    `valid_until` has passed is expired (已届满), which is read from the date, not stored."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "不予批准"
        WITHDRAWN = "withdrawn", "已撤回"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="frequent_travel_permits"
    )
    destinations = models.JSONField("目的地", default=list, help_text="市、县名称")
    reason = models.TextField("工作、生活需要的理由")
    frequency = models.CharField("外出时间和频次", max_length=100, help_text="如：每周一至周五往返昆明")
    evidence = models.CharField("证明材料", max_length=200, help_text="如：劳动合同、单位证明")
    applied_on = models.DateField("申请日期")
    starts_on = models.DateField("拟开始日期", help_text="审批应在此日前作出")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    expiry_reasons = models.TextField("有效期依据", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="经常性跨市县活动审批变更记录")

    class Meta:
        verbose_name = "经常性跨市县活动"
        verbose_name_plural = "经常性跨市县活动"
        ordering = ["-applied_on", "-id"]
        indexes = [models.Index(fields=["status", "valid_until"])]

    def __str__(self) -> str:
        return f"经常性跨市县活动：{'、'.join(self.destinations)}"

    @property
    def destination_text(self) -> str:
        return "、".join(self.destinations)


class FrequentTravelTrip(models.Model):
    """A trip reported under a frequent-travel permit (FREQUENT_TRAVEL_TRIP): to one of its destinations, within its
    validity. It counts as approved absence for its days (travel.selectors.away_on_leave)."""

    class Channel(models.TextChoices):
        OFFICE = "office", "工作人员登记"
        PHONE = "phone", "本人手机报告"

    permit = models.ForeignKey(FrequentTravelPermit, on_delete=models.PROTECT, related_name="trips")
    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="frequent_trips")
    destination = models.CharField("目的地", max_length=50)
    start = models.DateField("外出起始日")
    days = models.PositiveSmallIntegerField("外出天数", help_text="含出发当日")
    note = models.CharField("说明", max_length=200, blank=True)
    channel = models.CharField("报告方式", max_length=10, choices=Channel.choices, default=Channel.OFFICE)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField("报告时间", auto_now_add=True)

    class Meta:
        verbose_name = "经常性外出报告"
        verbose_name_plural = "经常性外出报告"
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["supervisee", "start"])]

    def __str__(self) -> str:
        return f"外出{self.destination} {self.start} {self.days}日"
