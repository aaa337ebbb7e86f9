"""Forms of electronic monitoring."""

from datetime import timedelta

from django import forms
from django.utils import timezone

from sqjz.core.forms import DateInput, DateTimeInput, StyledFormMixin
from sqjz.statute.rules.monitoring import DEVICE_KINDS, DEVICE_PROPERTIES, MONITORING_GROUNDS
from sqjz.supervision.monitoring.models import ElectronicMonitoring, Geofence, MonitoringAlert, MonitoringDevice
from sqjz.supervision.monitoring.services import monitoring_period

TRACK_MAX_DAYS = 7


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


class GeofenceForm(StyledFormMixin, forms.ModelForm):
    """An exclusion zone: a polygon typed as one "经度,纬度" pair per line, or a centre and a radius."""

    id_prefix = "zone"

    points = forms.CharField(
        label="边界坐标（多边形）",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "102.5401,24.3512\n102.5432,24.3512\n102.5432,24.3490"}),
        help_text="每行一个顶点，先经度后纬度，用英文逗号分隔，按边界顺序填写，至少3个顶点",
    )

    class Meta:
        model = Geofence
        fields = ["order", "name", "shape", "latitude", "longitude", "radius_m"]
        error_messages = {
            "order": {"required": "请选择依据的禁止令。", "invalid_choice": "请选择该矫正对象的禁止令。"},
            "name": {"required": "请填写区域名称，如“某某小学”。"},
            "shape": {"required": "请选择区域形状。"},
            "latitude": {"invalid": "中心纬度应为数字，如 24.3512。"},
            "longitude": {"invalid": "中心经度应为数字，如 102.5401。"},
            "radius_m": {"invalid": "半径应为整数（米）。"},
        }

    def __init__(self, *args, orders=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = orders if orders is not None else self.fields["order"].queryset.none()
        self.fields["order"].label_from_instance = lambda o: (
            f"{o.content}（{o.start_date:%Y-%m-%d}至{o.end_date:%Y-%m-%d}）"
        )

    def clean_points(self) -> list[list[float]]:
        text = self.cleaned_data.get("points", "")
        points = []
        for n, line in enumerate((x.strip() for x in text.replace("；", "\n").splitlines()), start=1):
            if not line:
                continue
            parts = [p.strip() for p in line.replace("，", ",").split(",")]
            try:
                lon, lat = (float(p) for p in parts)
            except ValueError:
                raise forms.ValidationError(f"第{n}行应为“经度,纬度”两个数字，如 102.5401,24.3512。") from None
            if not (-180 <= lon <= 180 and -90 <= lat <= 90) or lon != lon or lat != lat:
                raise forms.ValidationError(f"第{n}行的经度应在-180至180之间、纬度应在-90至90之间。")
            points.append([lon, lat])
        return points

    def clean(self):
        data = super().clean()
        if data.get("shape") == Geofence.Shape.POLYGON:
            self.instance.coordinates = data.get("points") or []
        return data


class TrackWindowForm(StyledFormMixin, forms.Form):
    """The time window of the track on the map: at most TRACK_MAX_DAYS, not in the future."""

    id_prefix = "track"
    since = forms.DateTimeField(
        label="自", widget=DateTimeInput(), error_messages={"invalid": "请按 2026-11-28 09:30 的格式填写起始时间。"}
    )
    until = forms.DateTimeField(
        label="至", widget=DateTimeInput(), error_messages={"invalid": "请按 2026-11-28 18:00 的格式填写截止时间。"}
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until:
            if until <= since:
                self.add_error("until", "截止时间应晚于起始时间。")
            elif until - since > timedelta(days=TRACK_MAX_DAYS):
                self.add_error("until", f"一次最多查看{TRACK_MAX_DAYS}天的轨迹，请缩短时间段。")
            if since > timezone.now():
                self.add_error("since", "起始时间不能晚于现在。")
        return data


class AlertVerifyForm(StyledFormMixin, forms.Form):
    id_prefix = "averify"
    finding = forms.CharField(
        label="核实情况",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明核实情况：如何核实、本人说明和实际去向。"},
    )


class AlertCloseForm(StyledFormMixin, forms.Form):
    id_prefix = "aclose"
    outcome = forms.ChoiceField(
        label="处理结果",
        choices=MonitoringAlert.Outcome.choices,
        error_messages={
            "required": "请选择处理结果：确认违规、误报或设备故障。",
            "invalid_choice": "请选择处理结果：确认违规、误报或设备故障。",
        },
    )
    reason = forms.CharField(
        label="结果说明",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="认定误报的，应当写明理由",
    )
