"""Forms of counselling: an assessment, a crisis case and its closing, a session."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.counselling.models import Assessment, CrisisCase, Session

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class AssessmentForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "assessment"

    class Meta:
        model = Assessment
        fields = ["assessed_on", "instrument", "result", "summary"]
        widgets = {"assessed_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "assessed_on": DATE_ERRORS,
            "instrument": {"required": "请填写评估方式。"},
            "result": {"required": "请选择评估结果。", "invalid_choice": "请选择评估结果。"},
            "summary": {"required": "请填写评估意见。"},
        }


class CounsellorChoice(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name}（{user.get_role_display()}）"


class CrisisForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "crisis"
    counsellor = CounsellorChoice(
        label="责任心理辅导人员",
        queryset=None,
        error_messages={
            "required": "请选择责任心理辅导人员。",
            "invalid_choice": "请选择本所工作人员或分派的社会工作者。",
        },
    )

    class Meta:
        model = CrisisCase
        fields = ["opened_on", "source", "risk", "signs", "counsellor"]
        widgets = {"opened_on": DateInput(), "signs": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "opened_on": DATE_ERRORS,
            "source": {"required": "请选择发现途径。", "invalid_choice": "请选择发现途径。"},
            "risk": {"required": "请选择风险等级。", "invalid_choice": "请选择风险等级。"},
            "signs": {"required": "请填写危机表现。"},
        }

    def __init__(self, *args, counsellors=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors


class SessionForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "session"

    class Meta:
        model = Session
        fields = ["held_on", "manner", "hours", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "held_on": DATE_ERRORS,
            "manner": {"required": "请选择辅导方式。", "invalid_choice": "请选择辅导方式。"},
            "hours": {
                "required": "请填写时长（小时）。",
                "invalid": "时长应为数字，如 1.5。",
                "min_value": "时长不能少于0.5小时。",
                "max_value": "时长不能超过8小时。",
                "max_decimal_places": "时长按半小时计，如 1.5。",
                "max_digits": "时长不能超过8小时。",
            },
            "notes": {"required": "请填写辅导情况。"},
        }

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and (hours * 2) % 1:
            raise forms.ValidationError("时长按半小时计，如 1 或 1.5。")
        return hours


class CloseForm(StyledFormMixin, forms.Form):
    id_prefix = "close"
    closed_on = forms.DateField(label="结案日期", widget=DateInput(), error_messages=DATE_ERRORS)
    outcome = forms.CharField(
        label="结案情况",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="危机解除的情况和后续关注措施",
        error_messages={"required": "请填写结案情况。", "max_length": "结案情况不能超过2000个字。"},
    )
