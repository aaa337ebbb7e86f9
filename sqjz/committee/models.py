"""The review committee (社区矫正审核委员会, requirements SUP-5): collective deliberation of the matters the law or
the city's policy puts to it (revocation, committal and commutation proposals, contested grades, difficult cases).

- `Committee`: one per county agency and one for the city agency, with its members (`CommitteeMember`, dated) and
  its quorum figure.
- `DeliberationSetting`: which kinds of matter need deliberation now, and at which level (administrator's
  configuration; the kinds themselves are registered in code, `registry`).
- `Matter`: a question put to the committee about one supervisee. Status: PENDING (待审议) → ON_AGENDA (已列入议程,
  when a meeting is scheduled with it) → RESOLVED (已作出决议); PENDING or ON_AGENDA → WITHDRAWN (已撤回).
- `Meeting`: SCHEDULED (已安排) → HELD (已召开, once attendance is recorded). Its agenda is the matters on it.
- `Attendance`, `Vote`: who was present, and each present voting member's vote and opinion on each matter.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Level(models.TextChoices):
    COUNTY = "county", "县级"
    CITY = "city", "市级"


class Committee(models.Model):
    unit = models.OneToOneField(
        "organisation.Unit", verbose_name="社区矫正机构", on_delete=models.PROTECT, related_name="review_committee"
    )
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    quorum_percent = models.PositiveSmallIntegerField(
        "法定出席比例（%）",
        default=50,
        help_text="出席会议的表决委员人数须超过表决委员总数的该百分比，会议方为有效（默认50，即过半数）",
    )
    created_at = models.DateTimeField("设立时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核委员会"
        verbose_name_plural = "审核委员会"

    def __str__(self) -> str:
        return f"{self.unit.name}社区矫正审核委员会"


class CommitteeMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", "主任委员"
        MEMBER = "member", "委员"
        SECRETARY = "secretary", "秘书"
        OBSERVER = "observer", "列席人员"

    committee = models.ForeignKey(
        Committee, verbose_name="审核委员会", on_delete=models.PROTECT, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="本单位工作人员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committee_memberships",
    )
    name = models.CharField("姓名", max_length=50)
    organisation = models.CharField("单位及职务", max_length=100, blank=True)
    role = models.CharField("身份", max_length=10, choices=Role.choices)
    voting = models.BooleanField("有表决权", default=True)
    from_date = models.DateField("任职起始日")
    to_date = models.DateField("任职截止日", null=True, blank=True)

    history = HistoricalRecords(verbose_name="委员变更记录")

    class Meta:
        verbose_name = "审核委员会委员"
        verbose_name_plural = "审核委员会委员"
        ordering = ["committee", "role", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_role_display()}）"

    def serves_on(self, day) -> bool:
        return self.from_date <= day and (self.to_date is None or day <= self.to_date)


class DeliberationSetting(models.Model):
    """Whether a kind of matter needs the committee's deliberation, and at which level."""

    code = models.CharField("事项代码", max_length=40, unique=True)
    label = models.CharField("事项", max_length=60)
    level = models.CharField(
        "审议层级",
        max_length=10,
        choices=Level.choices,
        blank=True,
        help_text="留空表示该类事项目前无需提交审核委员会评议",
    )

    class Meta:
        verbose_name = "须经审核委员会评议的事项"
        verbose_name_plural = "须经审核委员会评议的事项"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Meeting(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "已安排"
        HELD = "held", "已召开"

    committee = models.ForeignKey(
        Committee, verbose_name="审核委员会", on_delete=models.PROTECT, related_name="meetings"
    )
    year = models.PositiveSmallIntegerField("年度", editable=False)
    serial = models.PositiveSmallIntegerField("次序", editable=False)
    held_at = models.DateTimeField("会议时间")
    place = models.CharField("会议地点", max_length=100)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "审核委员会会议"
        verbose_name_plural = "审核委员会会议"
        ordering = ["-held_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "year", "serial"], name="one_meeting_number_per_committee")
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def number(self) -> str:
        return f"{self.year}年第{self.serial}次会议"


class Matter(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待审议"
        ON_AGENDA = "on_agenda", "已列入议程"
        RESOLVED = "resolved", "已作出决议"
        WITHDRAWN = "withdrawn", "已撤回"

    class Outcome(models.TextChoices):
        PASSED = "passed", "通过"
        REJECTED = "rejected", "不通过"
        DEFERRED = "deferred", "暂缓"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="committee_matters"
    )
    kind = models.CharField("事项类别", max_length=40)
    title = models.CharField("事项名称", max_length=100)
    summary = models.TextField("基本事实及提请审议的问题")
    committee = models.ForeignKey(
        Committee, verbose_name="审核委员会", on_delete=models.PROTECT, related_name="matters"
    )
    submitting_unit = models.ForeignKey(
        "organisation.Unit", verbose_name="提请单位", on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="提请人", on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("提请时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    meeting = models.ForeignKey(
        Meeting, verbose_name="审议会议", null=True, blank=True, on_delete=models.PROTECT, related_name="matters"
    )
    outcome = models.CharField("决议结果", max_length=10, choices=Outcome.choices, blank=True)
    resolution_text = models.TextField("决议内容", blank=True)
    resolved_on = models.DateField("决议日期", null=True, blank=True)
    resolution_document = models.ForeignKey(
        "documents.Document",
        verbose_name="评议意见书",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_reason = models.CharField("撤回理由", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="审议事项变更记录")

    class Meta:
        verbose_name = "审议事项"
        verbose_name_plural = "审议事项"
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["committee", "status"])]

    def __str__(self) -> str:
        return self.title


class Material(models.Model):
    """A material for the members to read: a label and a link to a page within the system."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="materials")
    label = models.CharField("材料名称", max_length=100)
    link = models.CharField("系统内链接", max_length=200)

    class Meta:
        verbose_name = "审议材料"
        verbose_name_plural = "审议材料"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CommitteeMember, verbose_name="委员", on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("出席")
    absence_reason = models.CharField("缺席原因", max_length=100, blank=True)

    class Meta:
        verbose_name = "出席情况"
        verbose_name_plural = "出席情况"
        ordering = ["member__role", "member_id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_member")]

    def __str__(self) -> str:
        return f"{self.member.name} {'出席' if self.present else '缺席'}"


class Vote(models.Model):
    class Choice(models.TextChoices):
        AGREE = "agree", "同意"
        DISAGREE = "disagree", "不同意"
        ABSTAIN = "abstain", "弃权"

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(CommitteeMember, verbose_name="委员", on_delete=models.PROTECT, related_name="+")
    choice = models.CharField("表决意见", max_length=10, choices=Choice.choices)
    opinion = models.TextField("发表意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "表决"
        verbose_name_plural = "表决"
        ordering = ["member__role", "member_id"]
        constraints = [models.UniqueConstraint(fields=["matter", "member"], name="one_vote_per_member")]

    def __str__(self) -> str:
        return f"{self.member.name} {self.get_choice_display()}"
