"""Phone-app check-ins (手机APP签到), their follow-up and spot checks."""

from django.conf import settings
from django.db import models


class AppEnrolment(models.Model):
    """The person was given an account for the phone app (手机APP签到, like Yunnan's 在矫通). From the day after,
    they check in as their supervision level requires (CHECKIN_MISSED)."""

    supervisee = models.OneToOneField("supervisees.Supervisee", on_delete=models.CASCADE, related_name="app_enrolment")
    enrolled_on = models.DateField("开通日期")
    enrolled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "手机签到开通"
        verbose_name_plural = "手机签到开通"

    def __str__(self) -> str:
        return f"手机签到开通 {self.enrolled_on}"


class FaceResult(models.TextChoices):
    PENDING = "pending", "待比对"
    MATCH = "match", "与报到照片一致"
    MISMATCH = "mismatch", "与报到照片不一致"
    NO_FACE = "no_face", "未检出人脸"
    SEVERAL = "several", "检出多张人脸"
    NO_REFERENCE = "no_reference", "报到照片无可比对人脸"
    NOT_COMPARED = "not_compared", "未比对"


class Review(models.TextChoices):
    CONFIRMED = "confirmed", "核实为本人签到"
    REJECTED = "rejected", "核实非本人签到（不计为签到）"


class FaceReference(models.Model):
    """The face of the person's report-in photo (报到照片) that check-ins are compared with: computed once per photo
    and model (the photo's SHA-256 and the model's name say which), so that each check-in costs one photo's
    analysis, not two."""

    supervisee = models.OneToOneField("supervisees.Supervisee", on_delete=models.CASCADE, related_name="face_reference")
    photo_sha256 = models.CharField(max_length=64)
    model = models.CharField(max_length=60)
    faces = models.PositiveSmallIntegerField("检出人脸数")
    descriptor = models.BinaryField(null=True)  # the largest face's, when there is one
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "报到照片人脸特征"
        verbose_name_plural = "报到照片人脸特征"

    def __str__(self) -> str:
        return f"报到照片人脸特征 {self.supervisee_id}"


class CheckIn(models.Model):
    """打卡: the person checked in from the phone with a photo of themselves and the phone's position. The time is
    the server's when the check-in arrived; a retried upload with the same key is the same check-in.

    The photo is checked and re-encoded by a task after the check-in is recorded (decision 0024): PENDING while the
    upload waits in quarantine (no photo to show), then STORED (`photo` and `photo_sha256` set) or REJECTED (the
    pixels could not be decoded: the check-in stays, but without its evidence it counts as no check-in)."""

    class PhotoState(models.TextChoices):
        PENDING = "pending", "照片处理中"
        STORED = "stored", "已存照片"
        REJECTED = "rejected", "照片无法识别"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="checkins")
    checked_at = models.DateTimeField("签到时间")
    checked_on = models.DateField("签到日期")
    latitude = models.DecimalField("纬度", max_digits=9, decimal_places=6)
    longitude = models.DecimalField("经度", max_digits=9, decimal_places=6)
    accuracy = models.PositiveIntegerField("定位精度（米）", null=True, blank=True)
    photo = models.CharField("签到照片", max_length=200, editable=False)
    photo_sha256 = models.CharField(max_length=64, editable=False)
    photo_state = models.CharField(
        "照片状态", max_length=10, choices=PhotoState.choices, default=PhotoState.STORED, editable=False
    )
    # Face matching (issue 13), by the same task after the photo is stored: the check-in photo's face against the
    # report-in photo's (FaceReference). Check-ins recorded before it, and the demo's bulk ones, were NOT_COMPARED.
    face_result = models.CharField(
        "人脸比对", max_length=12, choices=FaceResult.choices, default=FaceResult.NOT_COMPARED, editable=False
    )
    face_distance = models.FloatField("人脸特征距离", null=True, blank=True, editable=False)
    face_model = models.CharField("比对模型", max_length=60, blank=True, editable=False)
    # What makes the check-in doubtful, in words the officer reads (the face, the position's accuracy, a speed no
    # one travels), set by the photo's task; a check-in with any concern waits for the officer's review.
    concerns = models.JSONField("存疑情形", default=list, blank=True, editable=False)
    doubtful = models.BooleanField("存疑", default=False, editable=False)  # concerns is not empty (for an index)
    # The officer's review of a doubtful check-in: CONFIRMED it was the person, or REJECTED (a stand-in or no
    # evidence: the check-in no longer counts).
    review = models.CharField("人工核实", max_length=10, choices=Review.choices, blank=True, editable=False)
    review_note = models.TextField("核实情况", blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    reviewed_at = models.DateTimeField("核实时间", null=True, blank=True, editable=False)
    # The evidence of where the photo and the request came from: the bound phone (decision 0022) the person was
    # signed in with (None: signed in with the password on a phone not bound), and when the phone says the photo file
    # was made (the file's time, sent by the check-in page before the photo is made smaller; None when not sent).
    device = models.ForeignKey(
        "accounts.DeviceCredential",
        verbose_name="签到手机",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    photo_taken_at = models.DateTimeField("照片拍摄时间", null=True, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=64, editable=False)
    # SHA-256 of what the request carried (checkin_fingerprint): a key reused with another photo or position is
    # refused, not answered with this check-in. Empty for check-ins recorded before it was kept.
    request_hash = models.CharField(max_length=64, editable=False, blank=True, default="")

    class Meta:
        verbose_name = "签到"
        verbose_name_plural = "签到"
        ordering = ["-checked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["supervisee", "idempotency_key"], name="one_checkin_per_idempotency_key")
        ]
        indexes = [
            models.Index(fields=["supervisee", "checked_on"]),
            models.Index(fields=["checked_on"]),
            # The few waiting for an officer's review, among a city's years of check-ins (the daily job asks).
            models.Index(
                fields=["supervisee"], condition=models.Q(doubtful=True, review=""), name="checkin_review_open"
            ),
        ]

    def __str__(self) -> str:
        return f"签到 {self.checked_at:%Y-%m-%d %H:%M}"

    @property
    def needs_review(self) -> bool:
        """Whether an officer must still review the check-in (selectors.reviews_open, for one)."""
        return self.doubtful and not self.review and self.photo_state == self.PhotoState.STORED


class CheckInFollowUp(models.Model):
    """核实: the officer found out why check-ins were missed (社区矫正法第二十六条 通信联络、信息化核查、实地查访).
    A follow-up that reached the person settles every period missed before the day it was made; one that did
    not leaves them open, and the person may have lost contact (社区矫正法第三十条)."""

    class Method(models.TextChoices):
        PHONE = "phone", "电话联系"
        VIDEO = "video", "视频通话"
        VISIT = "visit", "实地查访"
        DATA = "data", "信息化核查"

    supervisee = models.ForeignKey(
        "supervisees.Supervisee", on_delete=models.CASCADE, related_name="checkin_follow_ups"
    )
    followed_up_on = models.DateField("核实日期")
    method = models.CharField("核实方式", max_length=10, choices=Method.choices)
    reached = models.BooleanField("已联系上本人", default=False, help_text="未能联系上的，应立即组织查找")
    finding = models.TextField("核实情况", help_text="未签到的原因、本人所在位置和现状")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "未签到核实"
        verbose_name_plural = "未签到核实"
        ordering = ["-followed_up_on", "-id"]

    def __str__(self) -> str:
        return f"未签到核实 {self.followed_up_on}"


class SpotCheck(models.Model):
    """随机抽查: the office asks the person to check in now (信息化核查, 社区矫正法第二十六条). A check-in before
    `answer_by` answers it (SPOT_CHECK_ANSWER_DUE); one not answered in time is a missed check-in (CHECKIN_MISSED)."""

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="spot_checks")
    requested_at = models.DateTimeField("抽查时间")
    answer_by = models.DateTimeField("应答时限")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.OneToOneField(
        CheckIn, verbose_name="应答签到", null=True, blank=True, on_delete=models.SET_NULL, related_name="spot_check"
    )

    class Meta:
        verbose_name = "随机抽查"
        verbose_name_plural = "随机抽查"
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["supervisee", "answer_by"])]

    def __str__(self) -> str:
        return f"随机抽查 {self.requested_at:%Y-%m-%d %H:%M}"


class CheckInReminder(models.Model):
    """A reminder the person's phone showed (a web notification from the phone pages' service worker, no third-party
    push service): what was due and by when, and when the phone reported showing it. The office reads them beside
    missed check-ins: a reminder shown and still no check-in is not a phone that stayed silent."""

    class Kind(models.TextChoices):
        CHECKIN = "checkin", "签到提醒"
        SPOT_CHECK = "spot_check", "抽查应答提醒"

    supervisee = models.ForeignKey("supervisees.Supervisee", on_delete=models.CASCADE, related_name="checkin_reminders")
    kind = models.CharField("提醒类型", max_length=12, choices=Kind.choices)
    due_by = models.DateTimeField("应于此前完成")
    shown_at = models.DateTimeField("手机显示提醒时间")

    class Meta:
        verbose_name = "签到提醒"
        verbose_name_plural = "签到提醒"
        ordering = ["-due_by", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["supervisee", "kind", "due_by"], name="one_reminder_per_due_item")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.due_by:%Y-%m-%d %H:%M}"
