"""Stored figures: one row per registered figure and judicial office, and one per county agency summing its county's
offices, with the time it was computed."""

from django.db import models


class OfficeFigure(models.Model):
    name = models.CharField("统计项", max_length=40)
    office = models.ForeignKey("organisation.Unit", verbose_name="司法所", on_delete=models.CASCADE, related_name="+")
    values = models.JSONField("数字", default=dict)
    rank = models.BigIntegerField("排序值", default=0)  # the figure's urgency: summaries list the highest first
    computed_at = models.DateTimeField("统计时间")

    class Meta:
        verbose_name = verbose_name_plural = "司法所统计数字"
        constraints = [models.UniqueConstraint(fields=["name", "office"], name="one_figure_per_office")]
        indexes = [models.Index(fields=["name", "-rank", "office"], name="figure_by_rank")]

    def __str__(self) -> str:
        return f"{self.name} {self.office_id}"
