"""脱管 / 失联: a lost-contact case and its search (社区矫正法第三十条, 实施办法第三十八条; statute.md §11).

A `LostContact` case is open from the day the facts ground it (LOST_CONTACT_START: missed check-ins the follow-up did
not reach, a person who did not report in; opened by the daily job) or the day an officer opens it, until contact is
restored and the office closes it, or until the person's correction ends (discharged, terminated, revoked, dead) and
the daily job closes it with the outcome ENDED. States: open → closed; nothing else. A closed case is read-only. At
most one open case per person (a database constraint backs the services' check). Contact restored meanwhile (a
check-in, a follow-up that reached the person, the report-in) does not close the case: the page and the inbox ask the
office to close it with its account of the outcome.

`since` is the last day of contact; days out of contact are counted from the next day (LOST_CONTACT_LEVEL). While the
case is open the measure the days ground is computed for today; at closing it is stored for the whole span
(since → restored_on) with its rule, articles and reasons, so a later change of the figures does not rewrite what the
officer was told.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Trigger(models.TextChoices):
    CHECKINS = "checkins", "未按要求签到，核实未联系上本人"
    NO_SHOW = "no_show", "未按时报到"
    MONITORING = "monitoring", "电子定位信号中断"
    OFFICER = "officer", "工作人员发现失联"


class Outcome(models.TextChoices):
    FOUND = "found", "查找到本人"
    RETURNED = "returned", "本人返回或主动联系"
    DETAINED = "detained", "被公安机关抓获或羁押"
    DIED = "died", "死亡"
    ENDED = "ended", "矫正终止（解除、终止矫正）"  # closed by the daily job once the person left correction
    OTHER = "other", "其他"


class LostContact(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "查找中"
        CLOSED = "closed", "已结案"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="lost_contacts"
    )
    since = models.DateField("最后联系日", help_text="最后一次签到、联系上本人或报到期限届满之日；失联天数自次日起算")
    trigger = models.CharField("启动原因", max_length=12, choices=Trigger.choices)
    trigger_rule = models.CharField("规则", max_length=60, blank=True, editable=False)
    trigger_articles = models.CharField("依据", max_length=300, blank=True, editable=False)
    trigger_reasons = models.TextField("启动理由", blank=True)
    opened_on = models.DateField("启动查找日期")
    opened_by = models.ForeignKey(  # None: opened by the daily job from the facts
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField("状态", max_length=6, choices=State.choices, default=State.OPEN, editable=False)
    police_notified_on = models.DateField("通报公安机关日期", null=True, blank=True, editable=False)
    notice = models.ForeignKey(
        "documents.Document",
        verbose_name="失联情况通报",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    # 暂予监外执行: the county agency's finding that the person refuses to report their whereabouts (拒不报告行踪).
    refused_to_report = models.BooleanField("经调查认定拒不报告行踪", default=False, editable=False)
    refused_found_on = models.DateField("认定日期", null=True, blank=True)
    refused_reasons = models.TextField("认定理由", blank=True)
    refused_found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Closing
    outcome = models.CharField("查找结果", max_length=10, choices=Outcome.choices, blank=True)
    restored_on = models.DateField("恢复联系日期", null=True, blank=True)
    outcome_note = models.TextField("情况说明", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    closed_at = models.DateTimeField("结案时间", null=True, blank=True, editable=False)
    measure = models.CharField("应予处理", max_length=12, blank=True, editable=False)
    measure_rule = models.CharField("规则", max_length=60, blank=True, editable=False)
    measure_articles = models.CharField("依据", max_length=300, blank=True, editable=False)
    measure_reasons = models.TextField("理由", blank=True, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="失联查找变更记录")

    class Meta:
        verbose_name = "失联查找"
        verbose_name_plural = "失联查找"
        ordering = ["supervisee", "since", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee"], condition=Q(state="open"), name="one_open_lost_contact_per_person"
            ),
        ]
        indexes = [models.Index(fields=["state", "since"])]

    def __str__(self) -> str:
        return f"失联查找 {self.since}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class SearchAttempt(models.Model):
    """One search attempt, recorded as it was made (实施办法第三十八条: 做好记录并保存证据)."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话联系"
        FAMILY = "family", "走访家属"
        VILLAGE = "village", "村（居）委会"
        EMPLOYER = "employer", "工作单位"
        POLICE = "police", "公安机关协查"
        VISIT = "visit", "实地查访"
        DATA = "data", "信息化核查"

    case = models.ForeignKey(LostContact, verbose_name="失联查找", on_delete=models.PROTECT, related_name="attempts")
    attempted_at = models.DateTimeField("查找时间")
    method = models.CharField("查找方式", max_length=10, choices=Method.choices)
    contacted = models.CharField("联系对象", max_length=100, help_text="联系或走访的人、单位，如“母亲 李某”")
    result = models.TextField("查找情况", help_text="了解到的情况、本人可能的去向")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="查找记录变更记录")

    class Meta:
        verbose_name = "查找记录"
        verbose_name_plural = "查找记录"
        ordering = ["case", "attempted_at", "id"]

    def __str__(self) -> str:
        return f"查找记录 {self.attempted_at:%Y-%m-%d %H:%M}"
