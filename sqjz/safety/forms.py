from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.safety.models import Screening, ScreeningCampaign


class CampaignForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ScreeningCampaign
        fields = ["name", "kind", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class ScreeningForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Screening
        fields = ["screened_on", "method", "outcome", "note"]
        widgets = {"screened_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
