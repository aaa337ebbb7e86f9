"""Forms of placement: a base, a placement and its end, an enterprise, an offer, a match and its answer."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.core.identity import validate_phone
from sqjz.core.validators import validate_person_name
from sqjz.placement.models import Enterprise, Offer, OfferMatch, PlacementBase

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}
PHONE_WIDGET = forms.TextInput(attrs={"data-no-draft": "", "inputmode": "tel"})


class _ContactMixin:
    def clean_contact(self) -> str:
        validate_person_name(self.cleaned_data["contact"])
        return self.cleaned_data["contact"].strip()

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""


class BaseForm(_ContactMixin, StyledFormMixin, forms.ModelForm):
    id_prefix = "base"

    class Meta:
        model = PlacementBase
        fields = [
            "name",
            "kind",
            "operator",
            "capacity",
            "address",
            "contact",
            "phone",
            "founded_by_supervisee",
            "active",
            "note",
        ]
        widgets = {"phone": PHONE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": "请填写基地名称。"},
            "kind": {"required": "请选择安置类型。", "invalid_choice": "请选择安置类型。"},
            "operator": {"required": "请填写运营单位。"},
            "capacity": {
                "required": "请填写容量（人）。",
                "invalid": "容量应为整数。",
                "min_value": "容量至少为1人。",
                "max_value": "容量不能超过500人。",
            },
            "address": {"required": "请填写地址。"},
            "contact": {"required": "请填写联系人。"},
        }


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, s) -> str:
        return f"{s.name}（{s.judicial_office.name}）"


class PlacementForm(StyledFormMixin, forms.Form):
    """The person is one of `queryset` (on the page: the candidates; when posted: anyone the user may place, so that the
    service says why a person may not be placed)."""

    id_prefix = "place"
    person = PersonChoiceField(
        label="安置人员",
        queryset=None,
        help_text="本辖区在矫、帮扶需求评估为无固定住所且未在基地安置的人员",
        error_messages={"required": "请选择安置人员。", "invalid_choice": "请选择本辖区在矫的社区矫正对象。"},
    )
    family_to_turn_to = forms.TypedChoiceField(
        label="亲属情况",
        choices=[("", "请选择…"), ("no", "经核实无亲可投"), ("yes", "有亲属可以投靠")],
        coerce=lambda value: value == "yes",
        help_text="“三无”人员须无家可归、无业可就、无亲可投",
        error_messages={"required": "请选择亲属情况。", "invalid_choice": "请选择亲属情况。"},
    )
    started_on = forms.DateField(
        label="入住日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写入住日期。"}
    )
    planned_end = forms.DateField(
        label="计划离开日期",
        widget=DateInput(),
        help_text="过渡性安置，写明预计安置到哪一天",
        error_messages={**DATE_ERRORS, "required": "请填写计划离开日期。"},
    )
    reason = forms.CharField(
        label="安置情况",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="安置的原因、安排的工作或培训",
        error_messages={"required": "请填写安置情况。"},
    )

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = queryset


class EndForm(StyledFormMixin, forms.Form):
    ended_on = forms.DateField(
        label="离开日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写离开日期。"}
    )
    end_note = forms.CharField(
        label="离开情况",
        max_length=300,
        help_text="如：找到工作自行租房、投靠亲属",
        error_messages={"required": "请填写离开情况。"},
    )

    def __init__(self, *args, pk: int = 0, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"end{pk}_%s")  # one form a person staying: ids unique on the page
        super().__init__(*args, **kwargs)


class EnterpriseForm(_ContactMixin, StyledFormMixin, forms.ModelForm):
    id_prefix = "enterprise"

    class Meta:
        model = Enterprise
        fields = ["name", "contact", "phone", "note"]
        widgets = {"phone": PHONE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "请填写单位名称。"}, "contact": {"required": "请填写联系人。"}}


class OfferForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "offer"

    class Meta:
        model = Offer
        fields = ["kind", "title", "places", "amount", "valid_from", "valid_to", "note"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "kind": {"required": "请选择帮扶方式。", "invalid_choice": "请选择帮扶方式。"},
            "title": {"required": "请填写内容。"},
            "places": {
                "invalid": "名额应为整数。",
                "min_value": "名额至少为1人。",
                "max_value": "名额不能超过500人。",
            },
            "amount": {
                "invalid": "金额应为数字，如 5000 或 5000.50。",
                "min_value": "金额至少为1元。",
                "max_digits": "金额不能超过99999999.99元。",
                "max_whole_digits": "金额不能超过99999999.99元。",
                "max_decimal_places": "金额最多保留两位小数。",
            },
            "valid_from": {**DATE_ERRORS, "required": "请填写有效期自。"},
            "valid_to": {**DATE_ERRORS, "required": "请填写有效期至。"},
        }


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, case) -> str:
        s = case.supervisee
        return f"{s.name}（{s.judicial_office.name}）：{case.get_kind_display()}，{case.get_status_display()}"


class MatchForm(StyledFormMixin, forms.Form):
    id_prefix = "match"
    case = CaseChoiceField(
        label="帮扶个案",
        queryset=None,
        error_messages={"required": "请选择帮扶个案。", "invalid_choice": "请选择与该项目相符的帮扶个案。"},
    )
    day = forms.DateField(
        label="推荐日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写推荐日期。"}
    )
    note = forms.CharField(label="情况", max_length=300, required=False, help_text="如：已与企业联系，约定面试时间")

    def __init__(self, *args, queryset, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = queryset


class DecideForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="结果",
        choices=[("", "请选择…"), (OfferMatch.Status.ACCEPTED, "本人接受"), (OfferMatch.Status.DECLINED, "本人未接受")],
        error_messages={"required": "请选择结果。", "invalid_choice": "请选择结果。"},
    )
    day = forms.DateField(
        label="结果日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写结果日期。"}
    )
    note = forms.CharField(label="情况", max_length=300, required=False, help_text="如：已到岗、未通过面试")

    def __init__(self, *args, pk: int = 0, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"decide{pk}_%s")  # one form a proposal: ids unique on the page
        super().__init__(*args, **kwargs)
