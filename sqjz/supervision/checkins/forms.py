"""Form of the follow-up of missed check-ins."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.checkins.models import CheckInFollowUp


class CheckInFollowUpForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "followup"

    class Meta:
        model = CheckInFollowUp
        fields = ["followed_up_on", "method", "reached", "finding"]
        widgets = {"followed_up_on": DateInput(), "finding": forms.Textarea(attrs={"rows": 2})}
