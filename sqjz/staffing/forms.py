"""Forms of staffing: registering a village's correction specialist, and ending the post."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.core.identity import validate_phone
from sqjz.core.validators import validate_person_name
from sqjz.organisation.models import Division
from sqjz.staffing.models import VillageSpecialist

DATE_ERRORS = {"required": "请填写日期。", "invalid": "请按 2026-11-28 的格式填写日期。"}


class SpecialistForm(StyledFormMixin, forms.ModelForm):
    """The village is one of the office's township's (`villages`; none offered without them)."""

    id_prefix = "specialist"

    class Meta:
        model = VillageSpecialist
        fields = ["village", "name", "phone", "kind", "since", "note"]
        widgets = {
            "since": DateInput(),
            "phone": forms.TextInput(attrs={"data-no-draft": "", "inputmode": "tel"}),
        }
        error_messages = {
            "village": {"required": "请选择村（社区）。", "invalid_choice": "请选择本司法所辖区的村（社区）。"},
            "name": {"required": "请填写专干姓名。"},
            "kind": {"required": "请选择类别。", "invalid_choice": "请选择类别。"},
            "since": {**DATE_ERRORS, "required": "请填写任职日期。"},
        }

    def __init__(self, *args, villages=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages if villages is not None else Division.objects.none()

    def clean_name(self) -> str:
        validate_person_name(self.cleaned_data["name"])
        return self.cleaned_data["name"].strip()

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""


class EndForm(StyledFormMixin, forms.Form):
    id_prefix = "end"
    until = forms.DateField(
        label="离任日期", widget=DateInput(), error_messages={**DATE_ERRORS, "required": "请填写离任日期。"}
    )
