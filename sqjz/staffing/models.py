"""Staffing (队伍建设): the village correction specialists (社区矫正工作专干) the county agency registers. The other
figures of the staffing pages are read from elsewhere: the people under correction and their levels, and the accounts
of the offices' staff, social workers and the villages' evaluators."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField


class VillageSpecialist(models.Model):
    """A village's correction specialist (玉溪市实施意见四(二)): usually a part-time post (兼职专干) held by one of the
    village's staff (大岗位人员), who is not a user of the system. In post from `since`; `until` (the last day in post)
    is set when the county agency ends the post, which is then kept for the record."""

    class Kind(models.TextChoices):
        PART_TIME = "part_time", "兼职专干"
        FULL_TIME = "full_time", "专职"

    village = models.ForeignKey(
        "organisation.Division",
        verbose_name="村（社区）",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "village"},
    )
    name = models.CharField("姓名", max_length=50)
    phone = EncryptedCharField("联系电话", context="village_specialist.phone", blank=True)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.PART_TIME)
    since = models.DateField("任职日期")
    until = models.DateField("离任日期", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True, help_text="如：村（居）委会副主任兼任")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField("登记时间", auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords(verbose_name="社区矫正工作专干变更记录")

    class Meta:
        verbose_name = "社区矫正工作专干"
        verbose_name_plural = "社区矫正工作专干"
        ordering = ["village", "since", "id"]
        indexes = [models.Index(fields=["village", "until"], name="specialist_village_until")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"
