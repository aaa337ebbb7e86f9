"""Placement bases and enterprises (过渡性安置基地, 企业帮扶; 玉溪市实施意见三(三)3): the county's transitional
placement bases, the "three-no" people placed in them (statute THREE_NO_PERSON, PLACEMENT_CAPACITY), and the
enterprises that offer jobs, training, donations and services, each offer matched to open assistance cases of a kind
it fits."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField
from sqjz.statute.rules.placement import OFFER_KINDS

MAX_CAPACITY = 500


class PlacementBase(models.Model):
    """A transitional placement base of a county (安置实体或基地): it houses, employs or trains "three-no" people, up to
    its capacity. Some are founded by people under correction (鼓励有条件的社区矫正对象创办安置就业基地). A base no
    longer in use is kept, with its past placements, as inactive."""

    class Kind(models.TextChoices):
        HOUSING = "housing", "过渡性住宿"
        WORK = "work", "就业安置"
        TRAINING = "training", "技能培训"

    name = models.CharField("基地名称", max_length=100)
    kind = models.CharField("安置类型", max_length=10, choices=Kind.choices)
    operator = models.CharField("运营单位", max_length=100, help_text="承办基地的企业、社会组织或个人")
    capacity = models.PositiveSmallIntegerField(
        "容量（人）",
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=f"可同时安置的人数，1至{MAX_CAPACITY}人",
    )
    address = models.CharField("地址", max_length=200)
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="所在县（市、区）",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "county"},
    )
    contact = models.CharField("联系人", max_length=50)
    phone = EncryptedCharField("联系电话", context="placement_base.phone", blank=True)
    founded_by_supervisee = models.BooleanField(
        "社区矫正对象创办", default=False, help_text="由有条件的社区矫正对象创办，接纳其他社区矫正对象"
    )
    active = models.BooleanField("在用", default=True, help_text="停用的基地不再安置，原有记录保留")
    note = models.TextField("基地情况", blank=True, help_text="条件、提供的岗位或培训、管理制度等")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="安置基地变更记录")

    class Meta:
        verbose_name = "过渡性安置基地"
        verbose_name_plural = "过渡性安置基地"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["county", "active"], name="placement_base_county")]

    def __str__(self) -> str:
        return self.name


class Placement(models.Model):
    """A person placed in a base, from the day they move in; `ended_on` (the day they leave, not counted as a day in
    the base) is set when the stay is ended, and the placement is then kept for the record. One stay at a time a
    person. The three-no finding it rests on (statute THREE_NO_PERSON) is stored with it."""

    base = models.ForeignKey(
        PlacementBase, verbose_name="安置基地", on_delete=models.PROTECT, related_name="placements"
    )
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", verbose_name="矫正对象", on_delete=models.PROTECT, related_name="placements"
    )
    started_on = models.DateField("入住日期")
    planned_end = models.DateField("计划离开日期", help_text="过渡性安置，写明预计安置到哪一天")
    ended_on = models.DateField("离开日期", null=True, blank=True)
    reason = models.CharField("安置情况", max_length=300, help_text="安置的原因、安排的工作或培训")
    end_note = models.CharField("离开情况", max_length=300, blank=True, help_text="如：找到工作自行租房、投靠亲属")
    rule = models.CharField("规则", max_length=60, editable=False)
    articles = models.CharField("依据", max_length=300, editable=False)
    reasons = models.TextField("认定理由", editable=False)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="安置记录变更记录")

    class Meta:
        verbose_name = "安置记录"
        verbose_name_plural = "安置记录"
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisee"], condition=models.Q(ended_on__isnull=True), name="one_stay_at_a_time"
            )
        ]
        indexes = [
            models.Index(fields=["base", "ended_on"], name="placement_base_end"),
            models.Index(fields=["supervisee", "started_on"], name="placement_person"),
        ]

    def __str__(self) -> str:
        return f"{self.base}（{self.started_on:%Y-%m-%d}起）"


class Enterprise(models.Model):
    """An enterprise, public institution or social organisation of a county that helps people under correction
    (企事业单位参与社区矫正工作)."""

    name = models.CharField("单位名称", max_length=100)
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="所在县（市、区）",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "county"},
    )
    contact = models.CharField("联系人", max_length=50)
    phone = EncryptedCharField("联系电话", context="enterprise.phone", blank=True)
    note = models.TextField("单位情况", blank=True, help_text="行业、规模、参与帮扶的方式")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶企业变更记录")

    class Meta:
        verbose_name = "帮扶企业"
        verbose_name_plural = "帮扶企业"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["county", "name"], name="enterprise_county_name")]

    def __str__(self) -> str:
        return self.name


OfferKind = models.TextChoices("OfferKind", [(code.upper(), (code, label)) for code, label in OFFER_KINDS.items()])


class Offer(models.Model):
    """What an enterprise offers (捐赠物资、提供工作岗位、提供技能培训、提供专业服务), valid for a period: a job or
    training with a number of places, a donation with its value, a service with places or not."""

    enterprise = models.ForeignKey(Enterprise, verbose_name="单位", on_delete=models.PROTECT, related_name="offers")
    kind = models.CharField("帮扶方式", max_length=10, choices=OfferKind.choices)
    title = models.CharField("内容", max_length=100, help_text="如：仓储分拣员、叉车操作培训、冬季衣物")
    places = models.PositiveSmallIntegerField(
        "名额（人）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text="岗位、培训须填写，1至500人",
    )
    amount = models.DecimalField(
        "折合金额（元）",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="捐赠物资须填写",
    )
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    note = models.TextField("说明", blank=True, help_text="待遇、条件、地点等")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="企业帮扶项目变更记录")

    class Meta:
        verbose_name = "企业帮扶项目"
        verbose_name_plural = "企业帮扶项目"
        ordering = ["-valid_to", "-id"]
        indexes = [models.Index(fields=["enterprise", "valid_to"], name="offer_enterprise_valid")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class OfferMatch(models.Model):
    """An offer proposed to the person of an open assistance case of a kind it fits (statute OFFER_FITS). States:
    PROPOSED (已推荐) → ACCEPTED (已接受) or DECLINED (未接受), each with its day; one match an offer and case."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "已推荐"
        ACCEPTED = "accepted", "已接受"
        DECLINED = "declined", "未接受"

    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, related_name="matches")
    case = models.ForeignKey(
        "assistance.AssistanceCase", verbose_name="帮扶个案", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_on = models.DateField("推荐日期")
    decided_on = models.DateField("结果日期", null=True, blank=True)
    note = models.CharField("情况", max_length=300, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    history = HistoricalRecords(verbose_name="帮扶项目推荐变更记录")

    class Meta:
        verbose_name = "帮扶项目推荐"
        verbose_name_plural = "帮扶项目推荐"
        ordering = ["proposed_on", "id"]
        constraints = [models.UniqueConstraint(fields=["offer", "case"], name="offer_case_once")]

    def __str__(self) -> str:
        return f"{self.offer}（{self.get_status_display()}）"
