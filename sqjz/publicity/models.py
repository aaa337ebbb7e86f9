"""Publicity (宣传, requirement PUB-1; decision 0046): the bureau's notices, typical cases and legal publicity posted
by the city agency or a county agency to the staff of its area (the officers' home pages) and, where the agency
chooses, to the phones of the people under correction in its area. A post is plain text; once its day has come it is
never deleted, only withdrawn with a reason."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

TITLE_MAX = 100
BODY_MAX = 5000
REASON_MAX = 200


class Post(models.Model):
    class Kind(models.TextChoices):
        NOTICE = "notice", "通知公告"
        CASE = "case", "典型案例"
        LAW = "law", "法治宣传"

    kind = models.CharField("类别", max_length=10, choices=Kind.choices)
    title = models.CharField("标题", max_length=TITLE_MAX)
    body = models.TextField("正文", help_text="纯文本，空一行分段；不支持网页格式")
    unit = models.ForeignKey("organisation.Unit", verbose_name="发布单位", on_delete=models.PROTECT, related_name="+")
    # The area the post is for: the publishing agency's county, or empty for the city's own posts (the whole city).
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="范围",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "county"},
    )
    to_supervisees = models.BooleanField(
        "同时发送到社区矫正对象手机端", default=False, help_text="辖区内在矫的社区矫正对象在手机上也能看到"
    )
    publish_on = models.DateField("发布日期", help_text="当天起在首页显示；发布日期前可以修改")
    until = models.DateField(
        "显示至", null=True, blank=True, help_text="过了这一天不再在首页和手机上显示；留空为一直显示"
    )
    pinned = models.BooleanField("置顶", default=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    withdrawn_on = models.DateField("撤回日期", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdraw_reason = models.CharField("撤回原因", max_length=REASON_MAX, blank=True)

    history = HistoricalRecords(verbose_name="通知公告变更记录")

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"
        ordering = ["-pinned", "-publish_on", "-id"]
        indexes = [models.Index(fields=["county", "publish_on"], name="publicity_post_area_day")]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]
