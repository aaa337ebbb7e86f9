"""Medical re-examinations of people serving a sentence outside prison on medical grounds (保外就医,
实施办法第二十四条)."""

from django.conf import settings
from django.db import models


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


class HealthReport(models.Model):
    """A person serving a sentence outside prison reports their physical condition every month (实施办法第二十四条,
    HEALTH_REPORT_DUE) from the phone; the office reads it."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="health_reports")
    month = models.DateField("报告月份", help_text="该月1日")
    condition = models.TextField("身体情况", help_text="病情、怀孕或哺乳、生活自理等情况")
    treatment = models.TextField("就医治疗情况", blank=True, help_text="本月就诊、住院、用药情况")
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    read_at = models.DateTimeField("阅知时间", null=True, blank=True)

    class Meta:
        verbose_name = "身体情况报告"
        verbose_name_plural = "身体情况报告"
        ordering = ["-month", "-id"]
        constraints = [models.UniqueConstraint(fields=["supervisee", "month"], name="health_report_once_a_month")]

    def __str__(self) -> str:
        return f"身体情况报告 {self.month:%Y-%m}"
