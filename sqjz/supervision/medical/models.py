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
