"""Supervision of people under correction (监督管理): leave to travel out of the city or county (外出, 社区矫正法
第二十七条, 实施办法第二十七、二十八条) and the medical re-examinations of people serving a sentence outside prison
on medical grounds (保外就医, 实施办法第二十四条).

TravelLeave status: PENDING (待审批) → APPROVED (已批准) → RETURNED (已销假) | REFUSED (不予批准) | WITHDRAWN (已撤回).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class MedicalExamination(models.Model):
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="medical_examinations"
    )
    examined_on = models.DateField("复查日期")
    hospital = models.CharField("复查医院", max_length=100, help_text="省级人民政府指定的医院")
    findings = models.TextField("病情复查情况")
    conditions_persist = models.BooleanField(
        "仍符合保外就医条件", default=True, help_text="不再符合的，应当依法提出收监执行建议"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "病情复查"
        verbose_name_plural = "病情复查"
        ordering = ["-examined_on", "-id"]

    def __str__(self) -> str:
        return f"病情复查 {self.examined_on}"


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


class ElectronicMonitoring(models.Model):
    """Use of an electronic location device (电子定位装置, 社区矫正法第二十九条): only on one of the five legal
    grounds, approved by the head of the county justice bureau, for at most three months, each extension at
    most three months. Status: PROPOSED (待批准) → ACTIVE (使用中) → ENDED (已解除) | REFUSED (不予批准)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待批准"
        ACTIVE = "active", "使用中"
        ENDED = "ended", "已解除"
        REFUSED = "refused", "不予批准"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="monitorings")
    grounds = models.JSONField("适用情形")
    facts = models.TextField("事实和依据", help_text="违反禁止令、擅自离开等的时间、经过和证据")
    start = models.DateField("起始日期")
    months = models.PositiveSmallIntegerField("期限（月）")
    end = models.DateField("截止日期", editable=False)
    device_number = models.CharField("设备编号", max_length=50, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    ended_on = models.DateField("解除日期", null=True, blank=True)
    end_reason = models.CharField("解除原因", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="电子定位变更记录")

    class Meta:
        verbose_name = "电子定位"
        verbose_name_plural = "电子定位"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"电子定位 {self.start}–{self.end}"


class MonitoringExtension(models.Model):
    monitoring = models.ForeignKey(ElectronicMonitoring, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField("延长（月）")
    previous_end = models.DateField("原截止日期")
    new_end = models.DateField("延长后截止日期")
    reason = models.TextField("延长理由", help_text="评估认为仍有必要继续使用的理由")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "电子定位延长"
        verbose_name_plural = "电子定位延长"
        ordering = ["approved_at", "id"]

    def __str__(self) -> str:
        return f"延长至 {self.new_end}"


class AppEnrolment(models.Model):
    """The person was given an account for the phone app (手机APP签到, like Yunnan's 在矫通). From the day after,
    they check in as their supervision level requires (CHECKIN_MISSED)."""

    supervisee = models.OneToOneField("supervisees.Supervisee", on_delete=models.CASCADE, related_name="app_enrolment")
    enrolled_on = models.DateField("开通日期")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "手机签到开通"
        verbose_name_plural = "手机签到开通"

    def __str__(self) -> str:
        return f"手机签到开通 {self.enrolled_on}"


class CheckIn(models.Model):
    """打卡: the person checked in from the phone with a photo of themselves and the phone's position. The time is
    the server's when the check-in arrived; a retried upload with the same key is the same check-in."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="checkins")
    checked_at = models.DateTimeField("签到时间")
    checked_on = models.DateField("签到日期")
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6)
    accuracy = models.PositiveIntegerField("定位精度（米）", null=True, blank=True)
    photo = models.CharField("签到照片", max_length=200, editable=False)
    photo_sha256 = models.CharField(max_length=64, editable=False)
    idempotency_key = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = "签到"
        verbose_name_plural = "签到"
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["supervisee", "idempotency_key"], name="one_checkin_per_idempotency_key")
        ]
        indexes = [models.Index(fields=["supervisee", "checked_on"]), models.Index(fields=["checked_on"])]

    def __str__(self) -> str:
        return f"签到 {self.checked_at:%Y-%m-%d %H:%M}"


class CheckInFollowUp(models.Model):
    """核实: the officer found out why check-ins were missed (社区矫正法第二十六条 通信联络、信息化核查、实地查访).
    A follow-up that reached the person settles every period missed before the day it was made; one that did
    not leaves them open, and the person may have lost contact (社区矫正法第三十条)."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话联系"
        VIDEO = "video", "视频通话"
        VISIT = "visit", "实地查访"
        DATA = "data", "信息化核查"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="checkin_follow_ups"
    )
    followed_up_on = models.DateField("核实日期")
    method = models.CharField("核实方式", max_length=10, choices=Method.choices)
    reached = models.BooleanField("已联系上本人", default=False, help_text="未能联系上的，应立即组织查找")
    finding = models.TextField("核实情况", help_text="未签到的原因、本人所在位置和现状")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "未签到核实"
        verbose_name_plural = "未签到核实"
        ordering = ["-followed_up_on", "-id"]

    def __str__(self) -> str:
        return f"未签到核实 {self.followed_up_on}"


class SpotCheck(models.Model):
    """随机抽查: the office asks the person to check in now (信息化核查, 社区矫正法第二十六条). A check-in before
    `answer_by` answers it (SPOT_CHECK_ANSWER_DUE); one not answered in time is a missed check-in (CHECKIN_MISSED)."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="spot_checks")
    requested_at = models.DateTimeField("抽查时间")
    answer_by = models.DateTimeField("应答时限")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.OneToOneField(
        CheckIn, verbose_name="应答签到", null=True, blank=True, on_delete=models.SET_NULL, related_name="spot_check"
    )

    class Meta:
        verbose_name = "随机抽查"
        verbose_name_plural = "随机抽查"
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "answer_by"])]

    def __str__(self) -> str:
        return f"随机抽查 {self.requested_at:%Y-%m-%d %H:%M}"
