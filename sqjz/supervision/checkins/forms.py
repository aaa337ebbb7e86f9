"""Forms of the follow-up of missed check-ins and of the review of a check-in's face."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.supervision.checkins.models import CheckInFollowUp, Review


class CheckInFollowUpForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "followup"

    class Meta:
        model = CheckInFollowUp
        fields = ["followed_up_on", "method", "reached", "finding"]
        widgets = {"followed_up_on": DateInput(), "finding": forms.Textarea(attrs={"rows": 2})}


class CheckInReviewForm(StyledFormMixin, forms.Form):
    """The officer's review of a check-in whose face did not match the report-in photo (one per check-in waiting on
    the page: the view gives each its own `auto_id`)."""

    review = forms.ChoiceField(label="核实结果", choices=Review.choices, widget=forms.RadioSelect)
    review_note = forms.CharField(
        label="核实情况",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="如何确认是否本人签到（电话、视频通话、实地查访）及所见",
    )
