"""Form of the medical re-examination."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.medical.models import MedicalExamination


class MedicalExaminationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = MedicalExamination
        fields = ["examined_on", "hospital", "findings", "conditions_persist"]
        widgets = {"examined_on": DateInput(), "findings": forms.Textarea(attrs={"rows": 3})}
