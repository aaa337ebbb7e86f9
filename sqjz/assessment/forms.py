from django import forms

from sqjz.assessment.models import CommunityRating, Grade, QuarterlyAssessment
from sqjz.assessment.selectors import Period
from sqjz.core.forms import EMPTY_LABEL, DateInput, StyledFormMixin
from sqjz.statute.text import cn_date


class AssessmentForm(StyledFormMixin, forms.ModelForm):
    """The grade of one period. The period is offered as a choice of the periods that may be assessed now;
    the field itself takes any date, so that the service, not the form, says why another one may not."""

    id_prefix = "assessment"

    class Meta:
        model = QuarterlyAssessment
        fields = [
            "period_end",
            "grade",
            "law_abiding",
            "compliance",
            "education",
            "community_service",
            "outstanding_education",
            "corrected_after_fails",
            "evaluator_views",
            "assessed_on",
        ]
        widgets = {
            "assessed_on": DateInput(),
            "law_abiding": forms.Textarea(attrs={"rows": 2}),
            "compliance": forms.Textarea(attrs={"rows": 2}),
            "education": forms.Textarea(attrs={"rows": 2}),
            "community_service": forms.Textarea(attrs={"rows": 2}),
            "evaluator_views": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "period_end": {"required": "请选择考核周期。", "invalid": "请选择考核周期。"},
            "grade": {"required": "请选择考核等次。", "invalid_choice": "请选择良好、合格或不合格。"},
            "law_abiding": {"required": "请填写遵纪守法情况。"},
            "compliance": {"required": "请填写服从监督管理情况。"},
            "education": {"required": "请填写参加教育学习情况。"},
            "community_service": {"required": "请填写参加公益活动情况。"},
            "assessed_on": {"required": "请填写考核日期。", "invalid": "请按 2026-11-28 的格式填写考核日期。"},
        }

    def __init__(self, *args, periods: list[Period] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period_end"]
        field.label = "考核周期"
        field.widget = forms.Select(
            choices=[
                (
                    p.end.isoformat(),
                    f"第{p.number}期：{cn_date(p.start)} 至 {cn_date(p.end)}（考核日 {cn_date(p.end)}）",
                )
                for p in periods
            ],
            attrs={"class": "form-select"},
        )
        self.fields["grade"].choices = [("", EMPTY_LABEL), *Grade.choices]


class ContestForm(StyledFormMixin, forms.Form):
    """The person's objection to their latest grade, put to the review committee."""

    id_prefix = "contest"

    summary = forms.CharField(
        label="异议事实及提请审议的问题",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "请填写异议事实及提请审议的问题。"},
    )


class RatingForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "rating"

    class Meta:
        model = CommunityRating
        fields = ["law_abiding", "compliance", "education", "community_service", "note"]
        error_messages = {
            name: {"required": f"请选择“{label}”的评议结果。", "invalid_choice": f"请选择“{label}”的评议结果。"}
            for name, label in (
                ("law_abiding", "遵纪守法"),
                ("compliance", "服从监督管理"),
                ("education", "参加教育学习"),
                ("community_service", "参加公益活动"),
            )
        }
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
