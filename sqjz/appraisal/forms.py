"""Forms of the appraisal: weights and follow-up periods, the provincial figure, a re-offence."""

from decimal import Decimal

from django import forms

from sqjz.appraisal.indicators import INDICATORS
from sqjz.appraisal.models import ProvincialFigure, ReOffence
from sqjz.core.forms import DateInput, StyledFormMixin

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class SettingsForm(StyledFormMixin, forms.Form):
    """One weight and direction per indicator, and the follow-up periods after discharge ("1,2,3")."""

    id_prefix = "settings"
    follow_up = forms.CharField(
        label="解矫后跟踪期（年）",
        max_length=30,
        help_text="用逗号分隔的整数年，如：1,2,3",
        error_messages={"required": "请填写解矫后跟踪期，如：1,2,3。"},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for i in INDICATORS:
            self.fields[f"weight_{i.code}"] = forms.DecimalField(
                label=f"{i.label}权重",
                min_value=Decimal(0),
                max_value=Decimal(100),
                max_digits=5,
                decimal_places=2,
                error_messages={
                    "required": f"请填写“{i.label}”的权重。",
                    "invalid": f"“{i.label}”的权重须为数字。",
                    "min_value": f"“{i.label}”的权重不能为负数。",
                    "max_value": f"“{i.label}”的权重不能超过100。",
                    "max_decimal_places": f"“{i.label}”的权重最多两位小数。",
                    "max_digits": f"“{i.label}”的权重不能超过100。",
                },
                widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100"}),
            )
            self.fields[f"better_{i.code}"] = forms.BooleanField(label="数值越高越好", required=False)
        for name, field in self.fields.items():
            if name.startswith(("weight_", "better_")):
                field.widget.attrs.setdefault("class", "form-control form-control-sm")
        for i in INDICATORS:
            self.fields[f"better_{i.code}"].widget.attrs["class"] = "form-check-input"

    def clean_follow_up(self) -> list[int]:
        raw = self.cleaned_data["follow_up"].replace("，", ",").replace("、", ",")
        try:
            years = [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError("解矫后跟踪期须为用逗号分隔的整数年，如：1,2,3。") from None
        if not years:
            raise forms.ValidationError("请填写解矫后跟踪期，如：1,2,3。")
        return years

    def clean(self):
        data = super().clean()
        weights = [data.get(f"weight_{i.code}") for i in INDICATORS]
        if all(w is not None for w in weights) and sum(weights) <= 0:
            raise forms.ValidationError("权重之和须大于0：请至少为一项指标设置大于0的权重。")
        return data

    def rows(self) -> list[tuple]:
        return [(i, self[f"weight_{i.code}"], self[f"better_{i.code}"]) for i in INDICATORS]


class FigureForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "figure"

    class Meta:
        model = ProvincialFigure
        fields = ["year", "rate", "source"]
        error_messages = {
            "year": {"required": "请填写年度。", "invalid": "年度须为整数，如：2026。"},
            "rate": {"required": "请填写全省重新犯罪率。", "invalid": "全省重新犯罪率须为数字，如：0.2。"},
        }

    def validate_unique(self) -> None:
        """A year entered again replaces its figure (the service updates it)."""


class ReOffenceForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "reoffence"

    class Meta:
        model = ReOffence
        fields = ["offence_date", "judged_on", "source", "crime", "note"]
        widgets = {"offence_date": DateInput(), "judged_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "offence_date": DATE_ERRORS,
            "judged_on": {"invalid": DATE_ERRORS["invalid"]},
            "source": {"required": "请选择信息来源。"},
            "crime": {"required": "请填写涉嫌罪名。"},
        }
