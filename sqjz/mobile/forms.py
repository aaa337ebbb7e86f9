from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.models import TravelLeave


class OwnTravelForm(StyledFormMixin, forms.ModelForm):
    """A leave application from the phone; the date of application is the day it is sent."""

    id_prefix = "own_travel"

    evidence_photo = forms.FileField(
        label="证明材料照片", help_text="拍摄住院通知、诊断证明、法院传票等，JPG或PNG，不超过5MB"
    )

    class Meta:
        model = TravelLeave
        fields = ["purpose", "destination", "start", "days", "reason", "evidence"]
        widgets = {"start": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}
