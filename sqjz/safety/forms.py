from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.safety.models import Screening, ScreeningCampaign
from sqjz.statute.rules.mentoring import OCCASIONS


class CampaignForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ScreeningCampaign
        fields = ["name", "kind", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}


class ScreeningForm(StyledFormMixin, forms.ModelForm):
    occasion = forms.ChoiceField(
        label="反映五必访情形",
        choices=[("", "无"), *OCCASIONS.items()],
        required=False,
        help_text="发现思想波动、生活困难等情形的，选择后通知结对干警走访",
        error_messages={"invalid_choice": "请选择五必访情形。"},
    )

    class Meta:
        model = Screening
        fields = ["screened_on", "method", "outcome", "note"]
        widgets = {"screened_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}
