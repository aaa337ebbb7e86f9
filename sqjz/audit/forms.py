from django import forms

from sqjz.audit.models import AccessLog
from sqjz.core.forms import DateInput, StyledFormMixin


class AccessLogFilterForm(StyledFormMixin, forms.Form):
    actor = forms.CharField(label="操作人（用户名或姓名）", required=False, max_length=50)
    supervisee = forms.CharField(label="矫正对象姓名", required=False, max_length=50)
    action = forms.ChoiceField(label="操作", required=False, choices=[("", "全部"), *AccessLog.Action.choices])
    # An address field, not free text: PostgreSQL stores addresses as inet and fails on "10.1".
    ip_address = forms.GenericIPAddressField(label="来源地址", required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput())
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput())

    def clean(self) -> dict:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "截止日期不能早于起始日期。")
        return data
