"""Forms of social work: help given, a purchased-service contract with its milestones, an evaluation, a payment."""

from decimal import Decimal

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.socialwork.models import ContractEvaluation, HelpKind, HelpRecord, PaymentMilestone, ServiceContract
from sqjz.supervisees.models import Supervisee

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}
MONEY_ERRORS = {
    "required": "请填写金额。",
    "invalid": "金额应为数字，如 30000 或 30000.50。",
    "max_decimal_places": "金额最多保留两位小数。",
    "max_digits": "金额过大，请核对。",
    "min_value": "金额应大于0。",
    "max_value": "金额过大，请核对。",
}


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, s) -> str:
        return s.name


class HelpForm(StyledFormMixin, forms.ModelForm):
    """Help given to one of the helper's people (the choice: those under correction assigned to the helper)."""

    id_prefix = "help"
    supervisee = PersonChoiceField(
        label="服务对象",
        queryset=Supervisee.objects.none(),
        error_messages={"required": "请选择服务对象。", "invalid_choice": "请选择分派给您联系的在矫人员。"},
    )

    class Meta:
        model = HelpRecord
        fields = ["day", "kind", "hours", "content"]
        widgets = {"day": DateInput(), "content": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "day": DATE_ERRORS,
            "kind": {"required": "请选择帮扶方式。", "invalid_choice": "请选择帮扶方式。"},
            "hours": {
                "required": "请填写时长（小时）。",
                "invalid": "时长应为数字，如 1.5。",
                "min_value": "时长不能少于0.5小时。",
                "max_value": "时长不能超过8小时。",
                "max_decimal_places": "时长按半小时计，如 1.5。",
                "max_digits": "时长不能超过8小时。",
            },
            "content": {"required": "请填写帮扶内容。"},
        }

    def __init__(self, *args, people=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisee"].queryset = people if people is not None else Supervisee.objects.none()
        self.order_fields(["supervisee"])

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and (hours * 2) % 1:
            raise forms.ValidationError("时长按半小时计，如 1 或 1.5。")
        return hours


class WorkerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user) -> str:
        return f"{user.full_name}（{user.unit.name}）" if user.unit_id else user.full_name


def _quantity_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=f"{label}（次）",
        min_value=0,
        max_value=100000,
        required=False,
        error_messages={
            "invalid": f"{label}的约定次数应为整数。",
            "min_value": f"{label}的约定次数不能小于0。",
            "max_value": f"{label}的约定次数过大，请核对。",
        },
    )


class ContractForm(StyledFormMixin, forms.ModelForm):
    """A contract; the quantities per kind of help are fields `q_<kind>` (left empty: none contracted)."""

    id_prefix = "contract"
    workers = WorkerChoiceField(
        label="承接机构的社会工作者",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="他们记录的帮扶计入本合同的服务量",
        error_messages={
            "required": "请选择承接机构的社会工作者。",
            "invalid_choice": "请选择本县（市、区）的社会工作者。",
        },
    )

    class Meta:
        model = ServiceContract
        fields = [
            "title",
            "provider",
            "selection",
            "selected_on",
            "selection_reference",
            "starts_on",
            "ends_on",
            "hours",
            "budget",
            "quality_standards",
        ]
        widgets = {
            "selected_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "quality_standards": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "请填写项目名称。"},
            "provider": {"required": "请填写承接机构。"},
            "selection": {"required": "请选择采购方式。", "invalid_choice": "请选择采购方式。"},
            "selected_on": DATE_ERRORS,
            "selection_reference": {"required": "请填写采购文件编号。"},
            "starts_on": DATE_ERRORS,
            "ends_on": DATE_ERRORS,
            "hours": {
                "required": "请填写约定服务总时长。",
                "invalid": "约定服务总时长应为数字。",
                "min_value": "约定服务总时长至少1小时。",
                "max_value": "约定服务总时长过大，请核对。",
                "max_decimal_places": "约定服务总时长最多保留一位小数。",
                "max_digits": "约定服务总时长过大，请核对。",
            },
            "budget": MONEY_ERRORS | {"required": "请填写合同金额。"},
            "quality_standards": {"required": "请填写服务质量要求。"},
        }

    def __init__(self, *args, workers=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = workers
        for kind, label in HelpKind.choices:
            self.fields[f"q_{kind}"] = _quantity_field(label)

    def quantity_fields(self):
        return [self[f"q_{kind}"] for kind in HelpKind.values]

    def quantities(self) -> dict[str, int]:
        return {kind: self.cleaned_data.get(f"q_{kind}") or 0 for kind in HelpKind.values}


class MilestoneForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PaymentMilestone
        fields = ["due_on", "amount", "condition", "needs_evaluation"]
        widgets = {"due_on": DateInput()}
        error_messages = {
            "due_on": DATE_ERRORS | {"required": "请填写计划支付日。"},
            "amount": MONEY_ERRORS,
            "condition": {"required": "请填写支付条件。"},
        }

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise forms.ValidationError("金额应大于0。")
        return amount


MilestoneFormSet = forms.modelformset_factory(
    PaymentMilestone, form=MilestoneForm, extra=4, max_num=4, validate_max=True
)


def milestone_formset(data=None):
    return MilestoneFormSet(data, queryset=PaymentMilestone.objects.none(), prefix="milestones")


class EvaluationForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "evaluation"

    class Meta:
        model = ContractEvaluation
        fields = ["period_start", "period_end", "quality_score", "quality_notes", "conclusion", "milestone"]
        widgets = {
            "period_start": DateInput(),
            "period_end": DateInput(),
            "quality_notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "period_start": DATE_ERRORS,
            "period_end": DATE_ERRORS,
            "quality_score": {
                "required": "请填写质量评分。",
                "invalid": "质量评分应为0至100的整数。",
                "min_value": "质量评分应为0至100的整数。",
                "max_value": "质量评分应为0至100的整数。",
            },
            "quality_notes": {"required": "请填写质量抽查情况。"},
            "conclusion": {"required": "请选择考核结论。", "invalid_choice": "请选择考核结论。"},
            "milestone": {"invalid_choice": "请选择本合同须考核合格的付款节点。"},
        }

    def __init__(self, *args, contract=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["milestone"]
        field.queryset = (
            contract.milestones.filter(needs_evaluation=True)
            if contract is not None
            else PaymentMilestone.objects.none()
        )
        field.required = False
        field.help_text = "须考核合格后支付的付款节点，以本次考核为依据"


class PaymentForm(StyledFormMixin, forms.Form):
    id_prefix = "pay"
    paid_on = forms.DateField(label="支付日期", widget=DateInput(), error_messages=DATE_ERRORS)
    paid_amount = forms.DecimalField(
        label="实付金额（元）",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages=MONEY_ERRORS | {"required": "请填写实付金额。"},
    )
