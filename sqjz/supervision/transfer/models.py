"""Change of the place of execution (执行地变更, 社区矫正法第二十七条, 实施办法第三十条、第三十一条).

ResidenceTransfer status:
    APPLIED (待征求意见) → CONSULTING (待新执行地回复) → REPLIED (待决定) → APPROVED (待报到) → COMPLETED (已报到)
    | REFUSED (不同意变更) | WITHDRAWN (已撤回)
Within Yuxi the receiving county agency replies in the system and, on approval, the whole record passes to the
receiving judicial office (supervisees.services.supervisee_move); the person's report-in there closes the transfer.
Outside the city (`to_office` empty, `to_place` the free text) the letters are on paper: the sending county records
the reply it received, its decision and, to close, the receiving agency's receipt (回执)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ResidenceTransfer(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", "待征求意见"
        CONSULTING = "consulting", "待新执行地回复"
        REPLIED = "replied", "待决定"
        APPROVED = "approved", "同意变更，待报到"
        COMPLETED = "completed", "已办结"
        REFUSED = "refused", "不同意变更"
        WITHDRAWN = "withdrawn", "已撤回"

    class Reply(models.TextChoices):
        """The receiving county's reply; the values are TRANSFER_DECISION_OPTIONS' inputs."""

        AGREE = "agree_to_receive", "同意接收"
        REFUSE = "refuse_to_receive", "不同意接收"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="residence_transfers"
    )
    from_office = models.ForeignKey(
        "organisation.Unit", verbose_name="原司法所", on_delete=models.PROTECT, related_name="+"
    )
    from_county = models.ForeignKey(
        "organisation.Division", verbose_name="原执行地", on_delete=models.PROTECT, related_name="+"
    )
    to_office = models.ForeignKey(
        "organisation.Unit",
        verbose_name="新执行地司法所",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="迁往玉溪市内的，选择新居住地的司法所",
    )
    to_county = models.ForeignKey(
        "organisation.Division",
        verbose_name="新执行地",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    to_place = models.CharField(
        "新执行地（市外）",
        max_length=100,
        blank=True,
        help_text="迁往玉溪市以外的，填写省、市、县（区），按纸质程序办理",
    )
    new_address = models.CharField("新居住地址", max_length=200)
    reason = models.TextField("申请理由", help_text="工作、居所变化等原因")
    move_on = models.DateField("拟变更日期")
    applied_on = models.DateField("申请日期")
    proofs = models.JSONField("证明材料照片", default=list, editable=False)
    evidence = models.CharField("证明材料", max_length=200, help_text="如：房屋租赁合同、劳动合同、户籍证明")
    lead_time_note = models.TextField("申请提前期", editable=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.APPLIED)
    office_opinion = models.TextField("司法所意见", blank=True)
    consulted_on = models.DateField("征求意见日期", null=True, blank=True)
    consulted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reply = models.CharField("新执行地意见", max_length=20, choices=Reply.choices, blank=True)
    reply_reasons = models.TextField("回复理由", blank=True)
    replied_on = models.DateField("回复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved = models.BooleanField("同意变更", null=True, blank=True)
    decision_reasons = models.TextField("决定理由", blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notified_on = models.DateField("告知本人日期", null=True, blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    notice = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    completed_on = models.DateField("报到（回执）日期", null=True, blank=True)
    completion_note = models.CharField("报到情况", max_length=200, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="执行地变更记录")

    class Meta:
        verbose_name = "执行地变更"
        verbose_name_plural = "执行地变更"
        ordering = ["-applied_on", "-id"]
        indexes = [
            models.Index(fields=["status", "from_county"], name="transfer_status_from"),
            models.Index(fields=["status", "to_county"], name="transfer_status_to"),
        ]

    def __str__(self) -> str:
        return f"执行地变更 {self.pk}（{self.get_status_display()}）"

    @property
    def within_city(self) -> bool:
        return self.to_office_id is not None

    @property
    def destination(self) -> str:
        return self.to_office.name if self.to_office_id else self.to_place

    @property
    def open(self) -> bool:
        return self.status not in (self.Status.COMPLETED, self.Status.REFUSED, self.Status.WITHDRAWN)
