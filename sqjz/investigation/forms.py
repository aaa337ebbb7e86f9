"""Forms of the investigation workflow; each step has its own, and errors name the field in Chinese."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.core.identity import parse_resident_id
from sqjz.core.validators import validate_person_name
from sqjz.investigation.models import Interview, Investigation
from sqjz.organisation.models import Division, Unit
from sqjz.statute.text import cn_date
from sqjz.supervisees.forms import VillageChoiceField
from sqjz.supervisees.models import Gender
from sqjz.supervisees.selectors import register_offices

COMMISSIONING_KINDS = (Unit.Kind.COURT, Unit.Kind.PROCURATORATE, Unit.Kind.PUBLIC_SECURITY, Unit.Kind.PRISON)


class CommissionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Investigation
        fields = [
            "commissioning_body",
            "commission_number",
            "received_on",
            "fast_track",
            "judicial_office",
            "procuratorate_notified_on",
            "name",
            "gender",
            "id_number",
            "birth_date",
            "residence_address",
            "village",
            "crime",
            "offence_date",
            "proposed_correction_type",
        ]
        widgets = {
            name: DateInput() for name in ("received_on", "procuratorate_notified_on", "birth_date", "offence_date")
        }
        widgets["id_number"] = forms.TextInput(attrs={"data-no-draft": "", "autocomplete": "off"})
        help_texts = {"birth_date": "可不填，系统按身份证号自动填写。"}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offices = register_offices(user)
        self.fields["judicial_office"].queryset = offices
        if len(offices) == 1:
            self.fields["judicial_office"].empty_label = None
            self.initial.setdefault("judicial_office", offices[0].pk)
        self.fields["commissioning_body"].queryset = Unit.objects.filter(
            kind__in=COMMISSIONING_KINDS, is_active=True
        ).order_by("kind", "division__code")
        self.fields["village"] = VillageChoiceField(
            label="居住地村（社区）",
            queryset=Division.objects.filter(
                level=Division.Level.VILLAGE, parent__parent_id__in={o.county_id for o in offices}
            )
            .select_related("parent")
            .order_by("code"),
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["birth_date"].required = False

    def clean_name(self) -> str:
        validate_person_name(self.cleaned_data["name"])
        return self.cleaned_data["name"]

    def clean(self) -> dict:
        data = super().clean()
        number = (data.get("id_number") or "").strip().upper()
        if number:
            try:
                parsed = parse_resident_id(number)
            except ValidationError as error:
                self.add_error("id_number", error)
            else:
                data["id_number"] = number
                if data.get("birth_date") and data["birth_date"] != parsed.birth_date:
                    self.add_error(
                        "birth_date", f"出生日期与身份证号不一致：身份证号显示为{cn_date(parsed.birth_date)}。"
                    )
                data["birth_date"] = data.get("birth_date") or parsed.birth_date
                if data.get("gender") and (data["gender"] == Gender.MALE) != parsed.is_male:
                    shown = "男" if parsed.is_male else "女"
                    self.add_error("gender", f"性别与身份证号不一致：身份证号第17位表示{shown}性，请核对。")
        birth, offence, received = data.get("birth_date"), data.get("offence_date"), data.get("received_on")
        if offence and offence > timezone.localdate():
            self.add_error("offence_date", "犯罪时间不能晚于今天，请核对。")
            offence = None
        if birth and offence and offence <= birth:
            self.add_error("offence_date", "犯罪时间应晚于出生日期。")
        if offence and received and received < offence:
            self.add_error("received_on", "收到委托日期不能早于犯罪时间。")
        return data


class InterviewForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "interview"

    class Meta:
        model = Interview
        fields = ["kind", "interviewee", "interviewed_on", "place", "summary"]
        widgets = {"interviewed_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}


class FindingsForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "findings"

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Investigation
        fields = [
            "residence_findings",
            "family_and_social_ties",
            "crime_consequences",
            "committee_views",
            "victim_views",
            "social_danger",
            "community_impact",
            "opinion",
            "opinion_reasons",
            "proposed_prohibitions",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "opinion"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class DecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "decision"

    decision = forms.ChoiceField(
        label="审批意见", choices=[("approve", "同意，出具调查评估意见书"), ("return", "退回重新调查")]
    )
    reason = forms.CharField(label="退回理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("decision") == "return" and not data.get("reason", "").strip():
            self.add_error("reason", "退回时请写明理由，承办司法所将据此补充调查。")
        return data


class DeliveryForm(StyledFormMixin, forms.Form):
    id_prefix = "delivery"

    delivered_on = forms.DateField(label="送达委托机关日期", widget=DateInput())
    copied_on = forms.DateField(label="抄送人民检察院日期", widget=DateInput())


class AdoptionForm(StyledFormMixin, forms.Form):
    id_prefix = "adoption"

    adoption = forms.ChoiceField(label="委托机关采纳情况", choices=Investigation.Adoption.choices)
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如判决书文号、未采纳的理由")
