"""Forms of the mentoring scheme: an occasion the office records, the mentor's visit, the person's change report."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.mentoring.models import ChangeReport, Occasion, Trigger, Visit

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class TriggerForm(StyledFormMixin, forms.Form):
    id_prefix = "trigger"
    occasion = forms.ChoiceField(
        label="五必访情形", choices=Occasion.choices, error_messages={"required": "请选择五必访情形。"}
    )
    source = forms.ChoiceField(
        label="情况来源",
        choices=[c for c in Trigger.Source.choices if c[0] != Trigger.Source.PHONE],
        error_messages={"required": "请选择情况来源。"},
    )
    known_on = forms.DateField(label="知悉日期", widget=DateInput(), error_messages=DATE_ERRORS)
    detail = forms.CharField(
        label="具体情况",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="发生了什么、从何得知（10至300字）",
        error_messages={"required": "请填写具体情况。", "max_length": "具体情况不能超过300个字。"},
    )


class VisitForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "visit"

    class Meta:
        model = Visit
        fields = ["visited_on", "manner", "place", "findings", "help_given", "follow_up"]
        widgets = {
            "visited_on": DateInput(),
            "findings": forms.Textarea(attrs={"rows": 3}),
            "help_given": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "visited_on": DATE_ERRORS,
            "manner": {"required": "请选择走访方式。", "invalid_choice": "请选择走访方式。"},
            "findings": {"required": "请填写了解到的情况。"},
        }


class ChangeForm(StyledFormMixin, forms.Form):
    """The person's report on the phone; the service checks the day and the length."""

    id_prefix = "change"
    change = forms.ChoiceField(
        label="变动事项", choices=ChangeReport.Change.choices, error_messages={"required": "请选择变动事项。"}
    )
    happened_on = forms.DateField(label="发生日期", widget=DateInput(), error_messages=DATE_ERRORS)
    content = forms.CharField(
        label="具体情况",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="如：新工作单位、岗位和上班时间；新住址；家庭变故的经过（10至1000字）",
        error_messages={"required": "请填写具体情况。", "max_length": "具体情况不能超过1000个字。"},
    )
