"""Electronic monitoring (电子定位, 社区矫正法第二十九条)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class ElectronicMonitoring(models.Model):
    """Use of an electronic location device (电子定位装置, 社区矫正法第二十九条): only on one of the five legal
    grounds, approved by the head of the county justice bureau, for at most three months, each extension at
    most three months. Status: PROPOSED (待批准) → ACTIVE (使用中) → ENDED (已解除) | REFUSED (不予批准)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "待批准"
        ACTIVE = "active", "使用中"
        ENDED = "ended", "已解除"
        REFUSED = "refused", "不予批准"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="monitorings")
    grounds = models.JSONField("适用情形")
    facts = models.TextField("事实和依据", help_text="违反禁止令、擅自离开等的时间、经过和证据")
    start = models.DateField("起始日期")
    months = models.PositiveSmallIntegerField("期限（月）")
    end = models.DateField("截止日期", editable=False)
    device_number = models.CharField("设备编号", max_length=50, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField("提请时间", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_reason = models.TextField("审批意见", blank=True)
    ended_on = models.DateField("解除日期", null=True, blank=True)
    end_reason = models.CharField("解除原因", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="电子定位变更记录")

    class Meta:
        verbose_name = "电子定位"
        verbose_name_plural = "电子定位"
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return f"电子定位 {self.start}–{self.end}"


class MonitoringExtension(models.Model):
    monitoring = models.ForeignKey(ElectronicMonitoring, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField("延长（月）")
    previous_end = models.DateField("原截止日期")
    new_end = models.DateField("延长后截止日期")
    reason = models.TextField("延长理由", help_text="评估认为仍有必要继续使用的理由")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "电子定位延长"
        verbose_name_plural = "电子定位延长"
        ordering = ["approved_at", "id"]

    def __str__(self) -> str:
        return f"延长至 {self.new_end}"


class MonitoringDevice(models.Model):
    """An electronic location device (电子定位装置, 实施办法第三十七条): a wearable with satellite positioning, tamper-,
    blast- and water-resistant, e.g. a wristband — never a mobile phone. Kept in the county agency's registry;
    assigned to one approved monitoring period at a time (`monitoring`), returned when it ends."""

    class Kind(models.TextChoices):
        WRISTBAND = "wristband", "电子定位腕带"
        ANKLET = "anklet", "电子定位脚环"

    class Status(models.TextChoices):
        IN_STOCK = "in_stock", "在库"
        ASSIGNED = "assigned", "使用中"
        REPAIR = "repair", "维修"
        RETIRED = "retired", "报废"

    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name="所属县级社区矫正机构",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "county_agency"},
    )
    serial = models.CharField("设备序列号", max_length=50, unique=True)
    kind = models.CharField("设备类型", max_length=10, choices=Kind.choices)
    model_name = models.CharField("设备型号", max_length=50)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.IN_STOCK)
    monitoring = models.ForeignKey(
        ElectronicMonitoring, null=True, blank=True, on_delete=models.PROTECT, related_name="devices"
    )
    battery = models.PositiveSmallIntegerField("电量（%）", null=True, blank=True)
    last_contact = models.DateTimeField("最近通信时间", null=True, blank=True)
    # The properties of 实施办法第三十七条, confirmed by the person who registered the device (a device lacking one is
    # refused by the statute rule ELECTRONIC_MONITORING_DEVICE, so a registered device has them all).
    satellite_positioning = models.BooleanField("卫星定位", default=False)
    tamper_resistant = models.BooleanField("防拆除", default=False)
    blast_resistant = models.BooleanField("防爆", default=False)
    water_resistant = models.BooleanField("防水", default=False)
    note = models.CharField("备注", max_length=200, blank=True, help_text="维修、报废或归还的说明")
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    registered_at = models.DateTimeField("登记时间", null=True, editable=False)

    history = HistoricalRecords(verbose_name="电子定位装置变更记录")

    class Meta:
        verbose_name = "电子定位装置"
        verbose_name_plural = "电子定位装置"
        ordering = ["serial"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.serial}"


class PositionFix(models.Model):
    """One position a device reported (append-only: never updated, never deleted while the record is kept).

    `supervisee` and `monitoring` are copied from the device's assignment when the fix is stored, so tracks and
    alerts are read by person and time without joins. `accuracy_m` is the radius (metres) within which the true
    position probably lies; `battery` (percent) and `tamper` (the strap was opened or cut) come with the fix."""

    # No index of their own on the three keys (decision 0028): (supervisee, recorded_at) answers by person, and each
    # extra btree costs every write. No constraint in the database either: PostgreSQL checks a deferred foreign key
    # row by row at commit, 30,000 lookups a batch (a sixth of the ingestion's time). The ingestion takes the three
    # ids from the device's assignment it has just read, and none of the three rows is ever deleted while it has
    # fixes (PROTECT, which Django still enforces).
    device = models.ForeignKey(
        MonitoringDevice, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    monitoring = models.ForeignKey(
        ElectronicMonitoring, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    recorded_at = models.DateTimeField("定位时间")
    received_at = models.DateTimeField("接收时间")
    latitude = models.FloatField("纬度")
    longitude = models.FloatField("经度")
    accuracy_m = models.FloatField("定位精度（米）")
    battery = models.PositiveSmallIntegerField("电量（%）", null=True)
    tamper = models.BooleanField("防拆报警", default=False)

    class Meta:
        verbose_name = "定位记录"
        verbose_name_plural = "定位记录"
        # On PostgreSQL a BRIN index on received_at is added by migration 0011 (decision 0028).
        indexes = [models.Index(fields=["supervisee", "recorded_at"], name="positionfix_person_time")]

    def __str__(self) -> str:
        return f"{self.recorded_at:%Y-%m-%d %H:%M:%S} ({self.latitude:.5f}, {self.longitude:.5f})"


class MonitoringGateway(models.Model):
    """A device gateway: the system of the device supplier that forwards the devices' positions to us in batches
    (POST /api/monitoring/fixes). It signs in with a bearer token of its own; only the token's SHA-256 is kept (the
    token is shown once, when the gateway is created). It belongs to a county agency (its county's devices) or to
    the city agency (every device of the city)."""

    name = models.CharField("网关名称", max_length=100)
    agency = models.ForeignKey(
        "organisation.Unit",
        verbose_name="所属社区矫正机构",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": ("county_agency", "city_agency")},
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField("令牌前缀", max_length=8, editable=False, help_text="令牌的前几位，用于核对")
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    deactivated_at = models.DateTimeField("停用时间", null=True, blank=True)
    last_batch_at = models.DateTimeField("最近接收时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="定位网关变更记录", excluded_fields=["last_batch_at"])

    class Meta:
        verbose_name = "定位网关"
        verbose_name_plural = "定位网关"
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class GatewayBatch(models.Model):
    """One batch a gateway delivered, by the gateway's own batch id: a retry of the same batch id answers `result`
    again and stores nothing. `digest` is the SHA-256 of the batch's fixes as received, so that another batch sent
    under a used id is told apart from a retry."""

    gateway = models.ForeignKey(MonitoringGateway, on_delete=models.PROTECT, related_name="batches")
    batch_id = models.CharField("批次号", max_length=100)
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField("接收时间")
    received = models.PositiveIntegerField("收到条数")
    stored = models.PositiveIntegerField("保存条数")
    result = models.JSONField("处理结果")

    class Meta:
        verbose_name = "定位批次"
        verbose_name_plural = "定位批次"
        constraints = [models.UniqueConstraint(fields=["gateway", "batch_id"], name="gatewaybatch_unique_id")]

    def __str__(self) -> str:
        return self.batch_id


class Geofence(models.Model):
    """An exclusion zone (电子围栏：禁止进入区域) drawn from a prohibition order that forbids entering a place or
    area (禁止令, kind PLACE): a polygon (`coordinates`, a ring of [longitude, latitude]) or a point with a radius.
    The office enters it on the person's monitoring page; it applies while the order runs and until removed.

    The allowed area is not stored: it is the person's home area (statute HOME_AREA: the county, or all the districts
    of a districted city) with the county boundaries of organisation.geo."""

    class Shape(models.TextChoices):
        POLYGON = "polygon", "多边形区域"
        CIRCLE = "circle", "以某点为中心的圆形区域"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(
        "supervisees.ProhibitionOrder", verbose_name="依据的禁止令", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("区域名称", max_length=100)
    shape = models.CharField("区域形状", max_length=10, choices=Shape.choices)
    coordinates = models.JSONField("边界坐标", default=list, blank=True)  # [[longitude, latitude], ...], closed
    latitude = models.FloatField("中心纬度", null=True, blank=True)
    longitude = models.FloatField("中心经度", null=True, blank=True)
    radius_m = models.PositiveIntegerField("半径（米）", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("设置时间", auto_now_add=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField("撤销时间", null=True, blank=True)

    history = HistoricalRecords(verbose_name="电子围栏变更记录")

    class Meta:
        verbose_name = "电子围栏"
        verbose_name_plural = "电子围栏"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"禁止进入区域：{self.name}"

    def area(self):
        """The zone as a shapely polygon in [longitude, latitude] degrees."""
        import shapely

        from sqjz.organisation.geo import circle

        if self.shape == self.Shape.CIRCLE:
            return circle(self.latitude, self.longitude, self.radius_m)
        return shapely.Polygon(self.coordinates)


class FenceState(models.Model):
    """Where evaluation stands for one monitoring and one fence, kept between batches so that fixes evaluated in two
    batches raise the same alerts as in one: the confirmed state (`breach`: outside the home area, inside the zone,
    battery low, strap opened) and the run of fixes that would change it (`run_count` fixes since `run_first`, the
    farthest `run_farthest_m` metres outside). `fence`: "home", "zone:<Geofence id>", "battery" or "tamper"."""

    monitoring = models.ForeignKey(ElectronicMonitoring, on_delete=models.CASCADE, related_name="+")
    fence = models.CharField(max_length=30)
    breach = models.BooleanField(default=False)
    run_first = models.ForeignKey(PositionFix, null=True, on_delete=models.SET_NULL, related_name="+")
    run_first_at = models.DateTimeField(null=True)
    run_count = models.PositiveIntegerField(default=0)
    run_farthest_m = models.FloatField(default=0)
    last_recorded_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["monitoring", "fence"], name="fencestate_one_per_fence")]

    def __str__(self) -> str:
        return f"{self.fence}: {'breach' if self.breach else 'normal'}"


class MonitoringAlert(models.Model):
    """An alert of electronic monitoring (电子定位报警) with its evidence, the office's to-do until closed:
    OPEN (待处理) → ACKNOWLEDGED (已接收) → VERIFIED (已核实) → CLOSED (已办结) with an outcome. A confirmed
    breach is offered to enforcement as a fact (supervision.selectors.record_breaches)."""

    class Kind(models.TextChoices):
        LEFT_AREA = "left_area", "离开执行地"
        ENTERED_ZONE = "entered_zone", "进入禁止区域"
        NO_SIGNAL = "no_signal", "信号中断"
        LOW_BATTERY = "low_battery", "电量不足"
        TAMPER = "tamper", "防拆报警"

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        ACKNOWLEDGED = "acknowledged", "已接收"
        VERIFIED = "verified", "已核实"
        CLOSED = "closed", "已办结"

    class Outcome(models.TextChoices):
        BREACH = "breach", "确认违规"
        FALSE_ALARM = "false_alarm", "误报"
        DEVICE_FAULT = "device_fault", "设备故障"

    monitoring = models.ForeignKey(ElectronicMonitoring, on_delete=models.PROTECT, related_name="alerts")
    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("报警类型", max_length=15, choices=Kind.choices)
    geofence = models.ForeignKey(Geofence, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    occurred_at = models.DateTimeField("发生时间")
    raised_at = models.DateTimeField("报警时间")
    first_fix = models.ForeignKey(PositionFix, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_fix = models.ForeignKey(PositionFix, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    evidence = models.TextField("报警依据")
    status = models.CharField("状态", max_length=15, choices=Status.choices, default=Status.OPEN)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField("接收时间", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField("核实时间", null=True, blank=True)
    finding = models.TextField("核实情况", blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    outcome = models.CharField("处理结果", max_length=15, choices=Outcome.choices, blank=True)
    outcome_reason = models.TextField("结果说明", blank=True)

    history = HistoricalRecords(verbose_name="电子定位报警变更记录")

    class Meta:
        verbose_name = "电子定位报警"
        verbose_name_plural = "电子定位报警"
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "status"], name="monitoringalert_person_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d %H:%M}"
