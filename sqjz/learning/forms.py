"""Forms of phone courses: a new course (a text, or a PDF or MP4 file), assigning it, the county's counting rule."""

from decimal import Decimal

from django import forms

from sqjz.core.forms import StyledFormMixin
from sqjz.learning.files import MAX_PDF_BYTES, MAX_VIDEO_BYTES, MB
from sqjz.learning.models import Course

BODY_MAX_CHARS = 20000


class CourseForm(StyledFormMixin, forms.Form):
    id_prefix = "course"
    title = forms.CharField(
        label="课程名称",
        max_length=100,
        error_messages={"required": "请填写课程名称。"},
        help_text="如：《社区矫正法》要点",
    )
    kind = forms.ChoiceField(
        label="课程形式",
        choices=Course.Kind.choices,
        error_messages={"required": "请选择课程形式。", "invalid_choice": "请选择课程形式。"},
    )
    hours = forms.DecimalField(
        label="学时（小时）",
        min_value=Decimal("0.5"),
        max_value=Decimal("8"),
        max_digits=3,
        decimal_places=1,
        help_text="0.5至8小时，按半小时计；打开课程后至少学习一半时间方可确认学完",
        error_messages={
            "required": "请填写学时（小时）。",
            "invalid": "学时应为数字，如 1.5。",
            "min_value": "学时不能少于0.5小时。",
            "max_value": "学时不能超过8小时。",
            "max_decimal_places": "学时按半小时计，如 1.5。",
            "max_digits": "学时不能超过8小时。",
        },
    )
    body = forms.CharField(
        label="课程内容",
        required=False,
        max_length=BODY_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"图文课程填写正文，不超过{BODY_MAX_CHARS}字",
        error_messages={"max_length": f"课程内容不能超过{BODY_MAX_CHARS}字。"},
    )
    file = forms.FileField(
        label="课程文件",
        required=False,
        help_text=f"PDF文件不超过{MAX_PDF_BYTES // MB}MB；视频须为MP4格式，不超过{MAX_VIDEO_BYTES // MB}MB",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,video/mp4"}),
    )

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and (hours * 2) % 1:
            raise forms.ValidationError("学时按半小时计，如 1 或 1.5。")
        return hours


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class AssignForm(StyledFormMixin, forms.Form):
    id_prefix = "assign"
    people = PersonChoiceField(
        label="布置给",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择要布置课程的矫正对象。", "invalid_choice": "所选人员不能布置本课程。"},
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset


class RuleForm(StyledFormMixin, forms.Form):
    id_prefix = "rule"
    counts_as_hours = forms.BooleanField(
        label="学完的网上课程计入教育学习时间",
        required=False,
        help_text="勾选后，本县（市、区）社区矫正对象学完的课程按学时计入当月教育学习时间",
    )
