"""Forms of approvals under a prohibition order."""

from django import forms

from sqjz.core.forms import DateInput, DateTimeInput, StyledFormMixin
from sqjz.supervisees.models import ProhibitionOrder
from sqjz.supervision.places.models import SpecialPlaceEntry

WINDOW_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _window_field(label: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeInput(),
        input_formats=WINDOW_FORMATS,
        error_messages={"required": f"请填写{label}。", "invalid": f"请按 2026-11-28 09:30 的格式填写{label}。"},
    )


class OrderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, order: ProhibitionOrder) -> str:
        return f"{order.get_kind_display()}：{order.content}（{order.start_date}至{order.end_date}）"


class EntryForm(StyledFormMixin, forms.ModelForm):
    """An application; the orders offered are the person's orders on places and contacts."""

    id_prefix = "entry"
    order = OrderChoiceField(
        label="禁止令",
        queryset=ProhibitionOrder.objects.none(),
        error_messages={"required": "请选择禁止令。", "invalid_choice": "请选择该矫正对象的禁止令。"},
    )
    window_from = _window_field("起始时间")
    window_to = _window_field("结束时间")

    class Meta:
        model = SpecialPlaceEntry
        fields = ["order", "kind", "place", "reason", "window_from", "window_to", "applied_on"]
        widgets = {"applied_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "kind": {"required": "请选择申请事项。"},
            "place": {"required": "请填写要进入的场所、区域或要接触的人员。"},
            "reason": {"required": "请填写申请理由。"},
            "applied_on": {"required": "请填写申请日期。", "invalid": "请按 2026-11-28 的格式填写申请日期。"},
        }

    def __init__(self, *args, supervisee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = supervisee.prohibition_orders.exclude(kind=ProhibitionOrder.Kind.ACTIVITY)

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("window_from"), data.get("window_to")
        if start and end and end <= start:  # before the model's constraint, so the field is named
            self.add_error("window_to", "结束时间应当晚于起始时间。")
        return data


class OwnEntryForm(EntryForm):
    """An application from the phone; the date of application is the day it is sent."""

    id_prefix = "own_entry"

    class Meta(EntryForm.Meta):
        fields = ["order", "kind", "place", "reason", "window_from", "window_to"]


class EntryDecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "entry_decision"

    decision = forms.ChoiceField(label="审批意见", choices=[("approve", "批准"), ("refuse", "不予批准")])
    reason = forms.CharField(
        label="意见或理由",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请写明审批意见或不予批准的理由。"},
    )
