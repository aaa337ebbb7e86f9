"""Forms of leave to travel."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.travel.models import TravelLeave

# The phone shrinks photos before upload (sqjz/mobile.js): a document must stay legible, a selfie need not.
EVIDENCE_PHOTO_SIDE = 1600


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


class OwnTravelForm(StyledFormMixin, forms.ModelForm):
    """A leave application from the phone; the date of application is the day it is sent."""

    id_prefix = "own_travel"

    evidence_photo = forms.FileField(
        label="证明材料照片",
        help_text="拍摄住院通知、诊断证明、法院传票等，JPG或PNG，不超过5MB",
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "data-shrink": EVIDENCE_PHOTO_SIDE}),
    )

    class Meta:
        model = TravelLeave
        fields = ["purpose", "destination", "start", "days", "reason", "evidence"]
        widgets = {"start": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}
