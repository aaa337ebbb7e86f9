from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.models import MedicalExamination, TravelLeave


class MedicalExaminationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MedicalExamination
        fields = ["examined_on", "hospital", "findings", "conditions_persist"]
        widgets = {"examined_on": DateInput(), "findings": forms.Textarea(attrs={"rows": 3})}


class TravelLeaveForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "travel"

    class Meta:
        model = TravelLeave
        fields = ["purpose", "reason", "destination", "start", "days", "applied_on", "evidence"]
        widgets = {"start": DateInput(), "applied_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}


class TravelDecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "decision"

    decision = forms.ChoiceField(label="审批意见", choices=[("approve", "批准"), ("refuse", "不予批准")])
    reason = forms.CharField(
        label="意见或理由", required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="不予批准的必须写明理由"
    )


class TravelReturnForm(StyledFormMixin, forms.Form):
    id_prefix = "return"

    returned_on = forms.DateField(label="销假日期", widget=DateInput())
    note = forms.CharField(label="销假情况", max_length=200, required=False)
