"""The to-do inbox: what is due, by when, under which rule, and who must act.

Items are computed by the duties the areas register (`inbox.registry`): `services.inbox_refresh` stores what
they compute, after each write in an area (that area's duties, for the records it touched) and daily (what
time alone changes). An item opens when due work appears and closes itself when the records no longer call
for it. States: OPEN (待办) → CLOSED (已办结).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from sqjz.inbox.registry import duty


class InboxItem(models.Model):
    class State(models.TextChoices):
        OPEN = "open", "待办"
        CLOSED = "closed", "已办结"

    # A registered duty's kind; what the subject id means (a person, an investigation, an opinion) is the duty's.
    kind = models.CharField("事项", max_length=40)
    subject_id = models.PositiveBigIntegerField("所涉记录")
    subject_label = models.CharField("对象", max_length=100)
    # When set, who may see the item follows the person's record (jurisdiction, sealed minors).
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", null=True, blank=True, on_delete=models.CASCADE, related_name="inbox_items"
    )
    office = models.ForeignKey("organisation.Unit", verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    actor_unit = models.ForeignKey(
        "organisation.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    actor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inbox_items",
    )
    due = models.DateField("法定期限")
    rule = models.CharField("规则", max_length=60)
    articles = models.CharField("依据", max_length=300)
    reasons = models.TextField("计算过程")
    approximate = models.BooleanField("期限待核对", default=False)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField("生成时间", auto_now_add=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    # When a refresh last opened, changed or closed the item: the daily job computes a batch before it takes the
    # write lock and, if an item of the batch changed meanwhile, computes that batch again under the lock.
    changed_at = models.DateTimeField("更新时间", default=timezone.now)

    class Meta:
        verbose_name = "待办事项"
        verbose_name_plural = "待办事项"
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id"], condition=models.Q(state="open"), name="one_open_item_per_subject"
            ),
        ]
        indexes = [
            models.Index(fields=["state", "due"]),
            models.Index(fields=["office", "state"]),
            models.Index(fields=["actor_unit", "state"]),
            models.Index(fields=["supervisee", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} {self.due:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        """The page where the work is done."""
        return duty(self.kind).url(self.subject_id)

    @property
    def kind_label(self) -> str:
        return duty(self.kind).label

    @property
    def actor_name(self) -> str:
        """Who must act, in words: the named user, or the unit and (for approvals) who there."""
        if self.actor_user_id:
            return self.actor_user.full_name
        return f"{self.actor_unit.name}{duty(self.kind).actor_label}"
