"""Forms of the register. They check the format of what officers type and say in Chinese what is wrong;
what follows from the input (pinyin initials, indexes, the minor flag) is derived in services."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.core.identity import parse_resident_id, validate_phone
from sqjz.core.validators import validate_person_name
from sqjz.organisation.models import Division, Unit
from sqjz.statute.text import cn_date
from sqjz.supervisees import services
from sqjz.supervisees.models import (
    CaseAssignment,
    CorrectionType,
    FamilyContact,
    Gender,
    IdType,
    ProhibitionOrder,
    Status,
    Supervisee,
    TemporaryReleaseGround,
)
from sqjz.supervisees.selectors import register_offices

DATE_FIELDS = ("birth_date", "offence_date", "judgment_effective_date", "term_start", "term_end")


class VillageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Division) -> str:
        return f"{obj.parent.name} · {obj.name}"


class SuperviseeForm(StyledFormMixin, forms.ModelForm):
    status = forms.ChoiceField(
        label="登记时状态",
        choices=[(Status.PENDING_REPORT, "待报到"), (Status.UNDER_CORRECTION, "已报到（在矫）")],
        initial=Status.PENDING_REPORT,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Supervisee
        fields = [
            "name",
            "former_names",
            "gender",
            "ethnicity",
            "nationality",
            "is_foreign",
            "id_type",
            "id_number",
            "birth_date",
            "phone",
            "household_address",
            "residence_address",
            "village",
            "education",
            "occupation",
            "employer_or_school",
            "correction_type",
            "temporary_release_ground",
            "crime",
            "crime_article",
            "offence_date",
            "original_sentence",
            "judgment_effective_date",
            "term_start",
            "term_end",
            "deciding_authority",
            "judicial_office",
            "is_three_no",
            "is_disabled",
        ]
        widgets = {name: DateInput() for name in DATE_FIELDS} | {
            "id_number": forms.TextInput(attrs={"data-no-draft": "", "autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"data-no-draft": "", "autocomplete": "off", "inputmode": "tel"}),
        }
        help_texts = {
            "id_number": "居民身份证号18位，最后一位可为X；出生日期和性别将据此核对。",
            "birth_date": "持居民身份证的，可不填，系统按身份证号自动填写。",
            "phone": "手机号11位，或固定电话如0877-2012345。",
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        editing = self.instance.pk is not None
        if editing:
            del self.fields["status"]
            self.fields["version"].initial = self.instance.version
        else:
            del self.fields["version"]
        offices = register_offices(user)
        self.fields["judicial_office"].queryset = offices
        if len(offices) == 1:  # an office officer registers into their own office only
            self.fields["judicial_office"].empty_label = None
            if not editing:
                self.initial["judicial_office"] = offices[0].pk
        county_ids = {office.county_id for office in offices}
        self.fields["village"] = VillageChoiceField(
            label="居住地村（社区）",
            queryset=Division.objects.filter(level=Division.Level.VILLAGE, parent__parent_id__in=county_ids)
            .select_related("parent")
            .order_by("code"),
            required=False,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.fields["deciding_authority"].queryset = Unit.objects.filter(
            kind__in=Unit.DECIDING_KINDS, is_active=True
        ).order_by("kind", "division__code")
        self.fields["birth_date"].required = False
        self.fields["ethnicity"].required = False
        self.order_fields(["status", *self.Meta.fields])

    def clean_id_number(self) -> str:
        return self.cleaned_data["id_number"].strip().upper()

    def _post_clean(self) -> None:
        """What cannot be true of the record (services.supervisee_problems), beside its field; a field that already
        has an error keeps only that one."""
        super()._post_clean()
        for field, message in services.supervisee_problems(self.instance):
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""

    def clean(self) -> dict:
        data = super().clean()
        self._check_identity(data)
        self._check_dates(data)
        self._check_temporary_release(data)
        return data

    def _check_temporary_release(self, data: dict) -> None:
        kind, ground = data.get("correction_type"), data.get("temporary_release_ground")
        if kind == CorrectionType.TEMPORARY_RELEASE and not ground:
            self.add_error(
                "temporary_release_ground", "暂予监外执行的，请选择情形（保外就医、怀孕或哺乳、生活不能自理）。"
            )
        elif kind and kind != CorrectionType.TEMPORARY_RELEASE and ground:
            self.add_error("temporary_release_ground", "仅暂予监外执行需选择此项，请清空或核对矫正类别。")
        elif ground == TemporaryReleaseGround.PREGNANCY and data.get("gender") == Gender.MALE:
            self.add_error("temporary_release_ground", "“怀孕或者正在哺乳自己婴儿”仅适用于女性，请核对。")

    def _check_identity(self, data: dict) -> None:
        id_type, number = data.get("id_type"), data.get("id_number")
        if data.get("is_foreign"):
            if id_type == IdType.RESIDENT:
                self.add_error("id_type", "外籍人员没有居民身份证，请选择护照或外国人永久居留身份证。")
        elif not data.get("ethnicity"):
            self.add_error("ethnicity", "请选择民族。")
        if not number or id_type not in (IdType.RESIDENT, IdType.FOREIGN_PERMANENT):
            if not data.get("birth_date"):
                self.add_error("birth_date", "请填写出生日期。")
            return
        try:
            parsed = parse_resident_id(number)
        except ValidationError as error:
            self.add_error("id_number", error)
            return
        if id_type == IdType.FOREIGN_PERMANENT and not number.startswith("9"):
            self.add_error("id_number", "外国人永久居留身份证号以9开头，请核对证件类型和号码。")
        if data.get("birth_date") and data["birth_date"] != parsed.birth_date:
            self.add_error(
                "birth_date",
                f"出生日期与身份证号不一致：身份证号显示为{cn_date(parsed.birth_date)}，请核对。",
            )
        data["birth_date"] = data.get("birth_date") or parsed.birth_date
        gender = data.get("gender")
        if gender and (gender == Gender.MALE) != parsed.is_male:
            shown = "男" if parsed.is_male else "女"
            self.add_error("gender", f"性别与身份证号不一致：身份证号第17位表示{shown}性，请核对。")

    def _check_dates(self, data: dict) -> None:
        birth, offence = data.get("birth_date"), data.get("offence_date")
        effective, start, end = data.get("judgment_effective_date"), data.get("term_start"), data.get("term_end")
        if birth and offence and offence <= birth:
            self.add_error("offence_date", "犯罪时间应晚于出生日期。")
        if offence and effective and effective < offence:
            self.add_error("judgment_effective_date", "判决（裁定、决定）生效日期不能早于犯罪时间。")
        if effective and start and start < effective:
            self.add_error("term_start", "矫正起始日不能早于判决（裁定、决定）生效日期。")
        if start and end and end <= start:
            self.add_error("term_end", "矫正终止日应晚于矫正起始日，请核对。")


class FamilyContactForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = FamilyContact
        fields = ["name", "relation", "phone", "address", "is_guardian"]
        widgets = {"phone": forms.TextInput(attrs={"data-no-draft": "", "autocomplete": "off", "inputmode": "tel"})}

    def clean_name(self) -> str:
        validate_person_name(self.cleaned_data["name"])
        return self.cleaned_data["name"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""


class ProhibitionOrderForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ProhibitionOrder
        fields = ["kind", "content", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", "禁止令截止日期不能早于起始日期。")
        return data


FamilyContactFormSet = inlineformset_factory(
    Supervisee, FamilyContact, form=FamilyContactForm, extra=1, can_delete=True, max_num=20
)
ProhibitionOrderFormSet = inlineformset_factory(
    Supervisee, ProhibitionOrder, form=ProhibitionOrderForm, extra=1, can_delete=True, max_num=10
)


def _assignment_choices(s: Supervisee) -> list:
    """Candidates grouped by kind; a minor's case only for the procurator (社区矫正法第五十四条)."""
    kinds = services.MINOR_KINDS if s.is_minor else services.ASSIGNED_ROLES
    groups = []
    for kind in kinds:
        users = [(f"{kind}:{u.pk}", f"{u.full_name}（{u.unit.name}）") for u in services.assignment_candidates(s, kind)]
        if users:
            groups.append((CaseAssignment.Kind(kind).label, users))
    return groups


class AssignmentForm(StyledFormMixin, forms.Form):
    person = forms.ChoiceField(label="分派人员", help_text="本县（市、区）的社会工作者、志愿者、结对干警或承办检察官")

    def __init__(self, *args, supervisee: Supervisee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "请选择…"), *_assignment_choices(supervisee)]


class RegistrationConflictResolveForm(StyledFormMixin, forms.Form):
    """The city agency's result of checking a refused identity number. Several on one page: pass `auto_id`."""

    resolution = forms.CharField(
        label="核查结果",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写核查结果：如何核实、结论及已告知的单位。"},
        help_text="如何核实、结论，以及已告知的司法所或县级社区矫正机构",
    )
