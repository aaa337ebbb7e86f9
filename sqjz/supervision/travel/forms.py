"""Forms of leave to travel and of frequent-travel permits."""

import re

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.travel.models import FrequentTravelPermit, FrequentTravelTrip, TravelLeave

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


class DestinationsField(forms.CharField):
    """Destinations entered on one line, separated by 、 , ， ； or spaces."""

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [part for part in re.split(r"[、,，;；\s]+", text) if part]


class FrequentTravelPermitForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "permit"

    destinations = DestinationsField(
        label="目的地（市、县）",
        max_length=300,
        help_text="多个目的地用顿号分隔，如：昆明市、红河州个旧市",
        error_messages={"required": "请填写至少一个目的地（市、县）。"},
    )

    class Meta:
        model = FrequentTravelPermit
        fields = ["destinations", "frequency", "reason", "evidence", "starts_on", "applied_on"]
        widgets = {"starts_on": DateInput(), "applied_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance and self.instance.destinations and not self.is_bound:
            self.initial["destinations"] = "、".join(self.instance.destinations)


class PermitDecisionForm(TravelDecisionForm):
    id_prefix = "permit_decision"


class FrequentTripForm(StyledFormMixin, forms.ModelForm):
    """A trip under a permit: the destination is one of the permit's (a choice, so nothing else can be sent)."""

    id_prefix = "trip"

    destination = forms.ChoiceField(
        label="目的地", error_messages={"invalid_choice": "目的地应为批准的目的地之一；其他目的地请另行申请外出。"}
    )

    class Meta:
        model = FrequentTravelTrip
        fields = ["destination", "start", "days", "note"]
        widgets = {"start": DateInput()}

    def __init__(self, *args, permit: FrequentTravelPermit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["destination"].choices = [("", "请选择")] + [(d, d) for d in permit.destinations]
