"""Forms of funding: the period of the overview, a ledger entry, a reversing entry and the ledger's filters."""

from decimal import Decimal

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.funding.models import Direction, Source, Use

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class EntryForm(StyledFormMixin, forms.Form):
    id_prefix = "entry"

    day = forms.DateField(label="日期", widget=DateInput, error_messages=DATE_ERRORS)
    direction = forms.ChoiceField(
        label="收支",
        choices=[("", "请选择…"), *Direction.choices],
        error_messages={"required": "请选择收支。", "invalid_choice": "请选择收支。"},
    )
    source = forms.ChoiceField(
        label="资金来源",
        choices=[("", "请选择…"), *Source.choices],
        error_messages={"required": "请选择资金来源。", "invalid_choice": "请选择资金来源。"},
    )
    use = forms.ChoiceField(
        label="资金用途",
        choices=[("", "（收入可不填）"), *Use.choices],
        required=False,
        help_text="支出须填写；收入尚未安排用途的可不填",
        error_messages={"invalid_choice": "请选择资金用途。"},
    )
    amount = forms.DecimalField(
        label="金额（元）",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "required": "请填写金额（元）。",
            "invalid": "金额（元）应为数字，如 12000.50。",
            "min_value": "金额（元）应大于0。",
            "max_decimal_places": "金额（元）最多保留两位小数（到分）。",
            "max_digits": "金额（元）过大，请核对。",
            "max_whole_digits": "金额（元）过大，请核对。",
        },
    )
    voucher = forms.CharField(
        label="凭证号", max_length=40, error_messages={"required": "请填写凭证号。"}, help_text="记账凭证或拨款文件编号"
    )
    description = forms.CharField(
        label="摘要",
        max_length=200,
        error_messages={"required": "请填写摘要。"},
        help_text="如：2026年第一季度社工工资及五险",
    )


class ReverseForm(StyledFormMixin, forms.Form):
    def __init__(self, *args, pk: int, **kwargs) -> None:
        self.id_prefix = f"reverse{pk}"
        super().__init__(*args, **kwargs)

    day = forms.DateField(label="冲销日期", widget=DateInput, error_messages=DATE_ERRORS)
    voucher = forms.CharField(label="凭证号", max_length=40, error_messages={"required": "请填写凭证号。"})
    reason = forms.CharField(label="冲销原因", max_length=150, error_messages={"required": "请填写冲销原因。"})
