"""The register of supervisees (社区矫正对象) and what hangs off each record.

Status of a Supervisee:
    PENDING_REPORT (待报到) → UNDER_CORRECTION (在矫) → DISCHARGED (解除矫正) | TERMINATED (终止矫正)
A record is registered as pending report-in or, when the person has already reported, under correction.
Identity and phone numbers are stored SM4-encrypted with a keyed SM3 index beside them for exact search.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from sqjz.core.crypto import EncryptedCharField
from sqjz.supervisees.choices import Education, Ethnicity


class CorrectionType(models.TextChoices):
    CONTROL = "control", "管制"
    PROBATION = "probation", "缓刑"
    PAROLE = "parole", "假释"
    TEMPORARY_RELEASE = "temporary_release", "暂予监外执行"


class TemporaryReleaseGround(models.TextChoices):
    """Why a sentence is served outside prison (刑事诉讼法第二百六十五条); only 保外就医 has medical re-examinations."""

    SERIOUS_ILLNESS = "serious_illness", "有严重疾病需要保外就医"
    PREGNANCY = "pregnancy", "怀孕或者正在哺乳自己婴儿"
    CANNOT_CARE_FOR_SELF = "cannot_care_for_self", "生活不能自理"


class Status(models.TextChoices):
    PENDING_REPORT = "pending_report", "待报到"
    UNDER_CORRECTION = "under_correction", "在矫"
    DISCHARGED = "discharged", "解除矫正"
    TERMINATED = "terminated", "终止矫正"
    TRANSFERRED_OUT = "transferred_out", "迁出本市"  # the place of execution changed to outside the city


ACTIVE_STATUSES = (Status.PENDING_REPORT, Status.UNDER_CORRECTION)


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class IdType(models.TextChoices):
    RESIDENT = "resident", "居民身份证"
    FOREIGN_PERMANENT = "foreign_permanent", "外国人永久居留身份证"
    PASSPORT = "passport", "护照"
    OTHER = "other", "其他证件"


class Supervisee(models.Model):
    # Identity
    name = models.CharField("姓名", max_length=50)
    name_initials = models.CharField("姓名拼音首字母", max_length=50, db_index=True, editable=False)
    former_names = models.CharField("曾用名", max_length=100, blank=True)
    gender = models.CharField("性别", max_length=6, choices=Gender.choices)
    ethnicity = models.CharField("民族", max_length=2, choices=Ethnicity.choices, blank=True)
    nationality = models.CharField("国籍", max_length=50, default="中国")
    id_type = models.CharField("证件类型", max_length=20, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedCharField("证件号码", context="supervisee.id_number")
    id_number_index = models.CharField(max_length=64, db_index=True, editable=False)
    birth_date = models.DateField("出生日期")
    phone = EncryptedCharField("联系电话", context="supervisee.phone", blank=True)
    phone_index = models.CharField(max_length=64, db_index=True, blank=True, editable=False)
    # Residence, schooling and work
    household_address = models.CharField("户籍地址", max_length=200)
    residence_address = models.CharField("居住地址", max_length=200)
    village = models.ForeignKey(
        "organisation.Division",
        verbose_name="居住地村（社区）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "village"},
    )
    education = models.CharField("文化程度", max_length=20, choices=Education.choices)
    occupation = models.CharField("职业", max_length=50, blank=True)
    employer_or_school = models.CharField("工作单位或就读学校", max_length=100, blank=True)
    # The sentence and the correction
    correction_type = models.CharField("矫正类别", max_length=20, choices=CorrectionType.choices)
    temporary_release_ground = models.CharField(
        "暂予监外执行情形",
        max_length=24,
        choices=TemporaryReleaseGround.choices,
        blank=True,
        help_text="仅暂予监外执行填写",
    )
    crime = models.CharField("罪名", max_length=100)
    crime_article = models.CharField("适用法条", max_length=100, help_text="如：刑法第二百六十四条")
    offence_date = models.DateField("犯罪时间")
    original_sentence = models.CharField("原判刑罚", max_length=100, help_text="如：有期徒刑三年，缓刑四年")
    judgment_effective_date = models.DateField("判决（裁定、决定）生效日期")
    term_start = models.DateField("矫正起始日")
    term_end = models.DateField("矫正终止日")
    deciding_authority = models.ForeignKey(
        "organisation.Unit",
        verbose_name="决定机关",
        on_delete=models.PROTECT,
        related_name="decided_supervisees",
        limit_choices_to={"kind__in": ("court", "prison", "public_security")},
        db_index=False,  # the (deciding authority, status) index below leads with it
    )
    judicial_office = models.ForeignKey(
        "organisation.Unit",
        verbose_name="负责司法所",
        on_delete=models.PROTECT,
        related_name="supervisees",
        limit_choices_to={"kind": "judicial_office"},
    )
    # The office's county, kept beside it by supervisee_derive (decision 0023): a county's or a city's lists filter
    # and sort on one index of this table instead of joining every record to its office.
    county = models.ForeignKey(
        "organisation.Division",
        verbose_name="所属县（市、区）",
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        db_index=False,  # the county's indexes below lead with it
        limit_choices_to={"level": "county"},
    )
    status = models.CharField("矫正状态", max_length=20, choices=Status.choices, default=Status.PENDING_REPORT)
    # Flags
    # Under 18 at the offence (MINOR_RULES_APPLY, 周岁 from the day after the birthday): the record is sealed for good
    # (社区矫正法第五十四条、第五十八条). Whether the person is a minor on a given day — a guardian at an announcement —
    # is another question: sqjz.statute.age.is_minor_on.
    is_minor = models.BooleanField("未成年人", default=False, editable=False)
    is_three_no = models.BooleanField("“三无”人员", default=False, help_text="无家可归、无亲可投、无业可就")
    is_disabled = models.BooleanField("残疾人", default=False)
    is_foreign = models.BooleanField("外籍", default=False)
    # Bookkeeping
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["name_initials", "id_number_index", "phone_index", "county", "version", "updated_at"],
        verbose_name="矫正对象变更记录",
    )

    class Meta:
        verbose_name = "矫正对象"
        verbose_name_plural = "矫正对象"
        ordering = ["-term_start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=models.Q(status__in=ACTIVE_STATUSES),
                name="one_active_record_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")), name="term_end_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["judicial_office", "status"]),
            models.Index(fields=["status", "term_end"]),
            # The register's sorts, so that a first page of a city's millions reads 20 rows, not sorts them all; an
            # office's own list (one office among many) by its default sort.
            models.Index(fields=["term_start", "id"], name="supervisee_term_start"),
            models.Index(fields=["judicial_office", "term_start", "id"], name="supervisee_office_term_start"),
            models.Index(fields=["term_end", "id"], name="supervisee_term_end"),
            # The register filtered by status in its default order (a city's discharged records: SQLite read them
            # all by the status index and sorted them, 2.6 s at 800,000).
            models.Index(fields=["status", "term_start", "id"], name="supervisee_status_term_start"),
            # A court's, a prison's or a police station's people by status (their home page's counts): with only
            # the status index to hand SQLite counted a court's discharged among all of a city's (1.7 s at 800,000).
            models.Index(fields=["deciding_authority", "status"], name="supervisee_authority_status"),
            # A county's register by each sort, and its searches by initials and by name.
            models.Index(fields=["county", "term_start", "id"], name="supervisee_county_term_start"),
            models.Index(fields=["county", "term_end", "id"], name="supervisee_county_term_end"),
            models.Index(fields=["county", "name_initials", "id"], name="supervisee_county_initials"),
            models.Index(
                fields=["county", "name"], name="supervisee_county_name", opclasses=["", "varchar_pattern_ops"]
            ),
            # Name search is by prefix (a surname first), which a btree answers; varchar_pattern_ops lets PostgreSQL
            # use it for LIKE whatever the database's collation (other databases ignore the operator class).
            models.Index(fields=["name"], name="supervisee_name_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(
                fields=["former_names"], name="supervisee_former_names_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_female(self) -> bool:
        return self.gender == Gender.FEMALE

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


class FamilyContact(models.Model):
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="family_contacts")
    name = models.CharField("姓名", max_length=50)
    relation = models.CharField("关系", max_length=20, help_text="如：父亲、配偶、子女")
    phone = EncryptedCharField("联系电话", context="family_contact.phone", blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    is_guardian = models.BooleanField("监护人", default=False)

    history = HistoricalRecords(verbose_name="家庭成员变更记录")

    class Meta:
        verbose_name = "家庭成员及主要社会关系"
        verbose_name_plural = "家庭成员及主要社会关系"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.relation} {self.name}"


class ProhibitionOrder(models.Model):
    class Kind(models.TextChoices):
        ACTIVITY = "activity", "禁止从事特定活动"
        PLACE = "place", "禁止进入特定区域、场所"
        CONTACT = "contact", "禁止接触特定的人"

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="prohibition_orders")
    kind = models.CharField("禁止令类型", max_length=10, choices=Kind.choices)
    content = models.CharField("禁止内容", max_length=200)
    start_date = models.DateField("起始日期")
    end_date = models.DateField("截止日期")

    history = HistoricalRecords(verbose_name="禁止令变更记录")

    class Meta:
        verbose_name = "禁止令"
        verbose_name_plural = "禁止令"
        ordering = ["start_date", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.content}"


class CaseAssignment(models.Model):
    """A person assigned to one supervisee's case outside the agency's own line: the procurator who
    oversees it, a social worker, a volunteer, a mentoring officer. Assignments give them access.

    The office or county agency assigns (`assigned_by`, `assigned_at`) and ends an assignment (`ended_by`,
    `ended_at`, `is_active` False); assigning the same person again reopens it."""

    class Kind(models.TextChoices):
        PROCURATOR = "procurator", "承办检察官"
        SOCIAL_WORKER = "social_worker", "社会工作者"
        VOLUNTEER = "volunteer", "志愿者"
        MENTOR = "mentor", "结对干警"

    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments")
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    is_active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="分派人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField("分派时间", null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="解除人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ended_at = models.DateTimeField("解除时间", null=True, blank=True)
    end_reason = models.CharField("解除原因", max_length=200, blank=True)

    class Meta:
        verbose_name = "案件分工"
        verbose_name_plural = "案件分工"
        constraints = [models.UniqueConstraint(fields=["supervisee", "user", "kind"], name="one_assignment_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.user_id} → {self.supervisee_id}"


class RegistrationConflict(models.Model):
    """An identity number refused at registration (or on an edit) because it already has an active record the
    officer may not see. The officer is told only that the matter went to the city agency, never where the record
    is or whose it is (a minor's record is sealed, 社区矫正法第五十四条); the city agency checks the conflict here.

    Status: OPEN (待核查) → RESOLVED (已核查), by `registration_conflict_resolve`.
    """

    class Status(models.TextChoices):
        OPEN = "open", "待核查"
        RESOLVED = "resolved", "已核查"

    existing = models.ForeignKey(
        Supervisee, verbose_name="已有的矫正记录", on_delete=models.PROTECT, related_name="registration_conflicts"
    )
    edited = models.ForeignKey(
        Supervisee,
        verbose_name="修改中的记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="修改已有记录的证件号码时",
    )
    attempted_name = models.CharField("登记的姓名", max_length=50)
    attempted_office = models.ForeignKey(
        "organisation.Unit", verbose_name="拟登记的司法所", on_delete=models.PROTECT, related_name="+"
    )
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.PROTECT, related_name="+"
    )
    attempted_at = models.DateTimeField("登记时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.OPEN)
    resolution = models.TextField("核查结果", blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField("核查时间", null=True, blank=True)

    class Meta:
        verbose_name = "登记冲突"
        verbose_name_plural = "登记冲突"
        ordering = ["status", "-attempted_at", "-id"]
        constraints = [
            # A retried registration refers the same conflict once.
            models.UniqueConstraint(
                fields=["existing", "attempted_office", "attempted_by"],
                condition=models.Q(status="open"),
                name="one_open_conflict_per_attempt",
            )
        ]

    def __str__(self) -> str:
        return f"登记冲突 {self.pk}（{self.get_status_display()}）"
