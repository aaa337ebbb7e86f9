"""提请: the county agency's proposals to other bodies (statute.md §9.1, §9.2, §11).

One record per proposal, with its kind:
- 提请治安管理处罚 (PolicePenaltyProposal) to the county public-security bureau (实施办法第三十六条);
- 提请撤销缓刑 / 提请撤销假释 (RevocationProposal, kind probation / parole) to the original trial court or the
  court of the place of execution, with an arrest request (提请逮捕) when the agency asks for one
  (社区矫正法第四十六、四十七条);
- 提请收监执行 (RevocationProposal, kind committal) to the deciding authority or that of the place of execution
  (社区矫正法第四十九条);
- 提请减刑 (CommutationProposal) to the intermediate court (社区矫正法第三十三条).

The life of a proposal (services.py makes every transition):
    DRAFT → DELIBERATING (put to the review committee) → READY (resolution passed) | STOPPED (not passed)
    DRAFT → READY (no deliberation needed)
    READY → SENT (signed and sent: documents issued, the receiving body's clock starts)
    SENT → GRANTED | REFUSED (the receiving body's decision, or the agency's entry of its paper reply)
    DELIBERATING → DRAFT (the committee deferred it, 暂缓: a resolution, not a return to its pending list; the
        drafting unit supplements the draft and the county agency submits it again as a new matter)
    DRAFT | READY → WITHDRAWN (撤回, with a reason; kept, never deleted)
A draft is edited only by the unit that drafted it, and the statute rule is applied again as when drafting.
"""

from datetime import date

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Proposal(models.Model):
    class Kind(models.TextChoices):
        POLICE_PENALTY = "police_penalty", "提请治安管理处罚"
        PROBATION_REVOCATION = "probation_revocation", "提请撤销缓刑"
        PAROLE_REVOCATION = "parole_revocation", "提请撤销假释"
        COMMITTAL = "committal", "提请收监执行"
        COMMUTATION = "commutation", "提请减刑"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        DELIBERATING = "deliberating", "审核委员会审议中"
        READY = "ready", "待签发"
        STOPPED = "stopped", "审议未通过"
        SENT = "sent", "已提请，待决定"
        GRANTED = "granted", "已决定（采纳）"
        REFUSED = "refused", "已决定（不予采纳）"
        WITHDRAWN = "withdrawn", "已撤回"

    class Addressee(models.TextChoices):
        ORIGINAL = "original", "原审人民法院（原决定机关）"
        EXECUTION = "execution", "执行地人民法院（执行地决定机关）"

    class Arrest(models.TextChoices):
        ARRESTED = "arrested", "决定逮捕"
        NOT_ARRESTED = "not_arrested", "不予逮捕"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField("提请事项", max_length=24, choices=Kind.choices)
    status = models.CharField("状态", max_length=14, choices=Status.choices, default=Status.DRAFT, editable=False)
    addressee = models.ForeignKey(
        "organisation.Unit", verbose_name="提请对象", on_delete=models.PROTECT, related_name="+", editable=False
    )
    addressee_choice = models.CharField(
        "提请对象选择", max_length=10, choices=Addressee.choices, default=Addressee.ORIGINAL, editable=False
    )
    arrest_requested = models.BooleanField("同时提请逮捕", default=False)
    findings = models.JSONField("认定的事实", default=dict, editable=False)  # the officer's findings for the rule
    statement = models.TextField("提请理由", help_text="调查核实的事实和提请的理由")
    chosen_evidence = models.TextField("其他证据材料", blank=True, help_text="每行一项：日期、来源和内容")
    grounds = models.JSONField("情形", default=list, editable=False)
    grounds_rule = models.CharField("规则", max_length=60, editable=False)
    grounds_title = models.CharField("规则名称", max_length=100, editable=False)
    grounds_articles = models.CharField("依据", max_length=400, editable=False)
    grounds_reasons = models.TextField("认定理由", editable=False)
    evidence = models.JSONField("证据材料", default=list, editable=False)  # frozen when sent
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    drafted_at = models.DateTimeField("起草时间", auto_now_add=True)
    matter_id = models.IntegerField("审议事项", null=True, blank=True, editable=False)
    resolution = models.TextField("审议结果", blank=True, editable=False)
    withdrawn_reason = models.CharField("撤回理由", max_length=200, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField("提请时间", null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    arrest_document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # The receiving body's clock (the statute's deadline rule, recomputed when the person is taken into custody).
    deadline = models.DateField("决定期限", null=True, blank=True, editable=False)
    deadline_rule = models.CharField("期限规则", max_length=60, blank=True, editable=False)
    deadline_reasons = models.TextField("期限计算", blank=True, editable=False)
    arrest_due = models.DateTimeField("逮捕决定期限", null=True, blank=True, editable=False)
    arrest_decision = models.CharField("逮捕决定", max_length=14, choices=Arrest.choices, blank=True)
    arrest_decided_on = models.DateField("逮捕决定日期", null=True, blank=True)
    custody_until = models.DateField("羁押期限", null=True, blank=True, editable=False)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    ruling_number = models.CharField("裁定（决定）书文号", max_length=60, blank=True)
    imposed = models.CharField("决定内容", max_length=200, blank=True, help_text="如处罚种类和幅度、减刑后的刑期")
    decision_note = models.TextField("说明", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    entered_by_agency = models.BooleanField("由社区矫正机构根据书面回复录入", default=False, editable=False)
    corrected_on = models.DateField("改正日期", null=True, blank=True)  # a police penalty, later corrected
    # A commutation granted: the term end the ruling gives (the person's term_end is moved to it; the old one is in
    # the register's history and the decision note).
    commuted_term_end = models.DateField("减刑后的矫正期满日", null=True, blank=True, editable=False)

    history = HistoricalRecords(verbose_name="提请建议变更记录")

    class Meta:
        verbose_name = "提请建议"
        verbose_name_plural = "提请建议"
        ordering = ["-drafted_at", "-id"]
        indexes = [models.Index(fields=["addressee", "status"]), models.Index(fields=["supervisee", "kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.get_status_display()}）"

    @property
    def is_revocation(self) -> bool:
        return self.kind in (self.Kind.PROBATION_REVOCATION, self.Kind.PAROLE_REVOCATION)

    @property
    def grounds_reasons_list(self) -> list[str]:
        return [r for r in self.grounds_reasons.split("；") if r]

    @property
    def evidence_rows(self) -> list[tuple[date, str, str]]:
        return [(date.fromisoformat(e["date"]), e["source"], e["text"]) for e in self.evidence]

    @property
    def in_custody(self) -> bool:
        return self.arrest_decision == self.Arrest.ARRESTED

    @property
    def deferred(self) -> bool:
        """A draft the review committee deferred (暂缓): back with the committee's text, to be supplemented."""
        return self.status == self.Status.DRAFT and bool(self.matter_id and self.resolution)
