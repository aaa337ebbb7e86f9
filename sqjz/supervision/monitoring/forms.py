"""Forms of electronic monitoring."""

from django import forms
from django.utils import timezone

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.statute.rules.monitoring import DEVICE_KINDS, DEVICE_PROPERTIES, MONITORING_GROUNDS
from sqjz.supervision.monitoring.models import ElectronicMonitoring, MonitoringDevice
from sqjz.supervision.monitoring.services import monitoring_period


def _lawful_months(months: int, start, *, extension: bool) -> int:
    """The statute's ELECTRONIC_MONITORING_PERIOD decides which periods are lawful; its reason is the message."""
    period = monitoring_period(start or timezone.localdate(), months, extension=extension)
    if not period.outcome.allowed:
        raise forms.ValidationError(period.reasons[0] + "。", code="months")
    return months


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
        fields = ["grounds", "facts", "start", "months"]  # the device: assigned from the registry once approved
        widgets = {"start": DateInput(), "facts": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["grounds"].widget.attrs["class"] = ""

    def clean(self):
        data = super().clean()
        if data.get("months") is not None:
            try:
                _lawful_months(data["months"], data.get("start"), extension=False)
            except forms.ValidationError as error:
                self.add_error("months", error)
        return data


class MonitoringDecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "mdecision"

    decision = forms.ChoiceField(label="审批意见", choices=[("approve", "批准使用"), ("refuse", "不予批准")])
    reason = forms.CharField(label="意见或理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class MonitoringExtendForm(StyledFormMixin, forms.Form):
    id_prefix = "extend"

    months = forms.IntegerField(label="延长（月）", initial=1)
    reason = forms.CharField(label="延长理由", widget=forms.Textarea(attrs={"rows": 2}))

    def clean_months(self) -> int:
        return _lawful_months(self.cleaned_data["months"], None, extension=True)


class MonitoringEndForm(StyledFormMixin, forms.Form):
    id_prefix = "mend"

    ended_on = forms.DateField(label="解除日期", widget=DateInput())
    reason = forms.CharField(label="解除原因", max_length=200)


class DeviceForm(StyledFormMixin, forms.Form):
    id_prefix = "device"

    serial = forms.CharField(label="设备序列号", max_length=50)
    kind = forms.ChoiceField(label="设备类型", choices=list(DEVICE_KINDS.items()))
    model_name = forms.CharField(label="设备型号", max_length=50)
    properties = forms.MultipleChoiceField(
        label="实施办法第三十七条规定的性能（逐项核实后勾选）",
        choices=list(DEVICE_PROPERTIES.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["properties"].widget.attrs["class"] = ""


class DeviceStatusForm(StyledFormMixin, forms.Form):
    id_prefix = "dstatus"

    status = forms.ChoiceField(
        label="状态", choices=[(s.value, s.label) for s in MonitoringDevice.Status if s.value != "assigned"]
    )
    note = forms.CharField(label="原因或说明", max_length=200, required=False)


class DeviceAssignForm(StyledFormMixin, forms.Form):
    id_prefix = "dassign"

    device = forms.ModelChoiceField(label="在库设备", queryset=MonitoringDevice.objects.none())

    def __init__(self, *args, devices=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if devices is not None:
            self.fields["device"].queryset = devices


class DeviceReturnForm(StyledFormMixin, forms.Form):
    id_prefix = "dreturn"

    note = forms.CharField(label="归还说明", max_length=200, required=False)


class GatewayForm(StyledFormMixin, forms.Form):
    id_prefix = "gateway"

    name = forms.CharField(label="网关名称", max_length=100, help_text="如：红塔区电子定位腕带平台")
