"""Forms of electronic monitoring."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.statute.rules.monitoring import MONITORING_GROUNDS
from sqjz.supervision.monitoring.models import ElectronicMonitoring


class MonitoringForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "monitoring"

    grounds = forms.MultipleChoiceField(
        label="适用情形（社区矫正法第二十九条）",
        choices=list(MONITORING_GROUNDS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ElectronicMonitoring
        fields = ["grounds", "facts", "start", "months", "device_number"]
        widgets = {"start": DateInput(), "facts": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].widget.attrs["class"] = ""


class MonitoringDecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "mdecision"

    decision = forms.ChoiceField(label="审批意见", choices=[("approve", "批准使用"), ("refuse", "不予批准")])
    reason = forms.CharField(label="意见或理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MonitoringExtendForm(StyledFormMixin, forms.Form):
    id_prefix = "extend"

    months = forms.IntegerField(label="延长（月）", min_value=1, initial=1)
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))


class MonitoringEndForm(StyledFormMixin, forms.Form):
    id_prefix = "mend"

    ended_on = forms.DateField(label="解除日期", widget=DateInput())
    reason = forms.CharField(label="解除原因", max_length=200)
