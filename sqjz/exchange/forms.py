"""Forms of the exchange pages: a credential for a partner agency; a judgment entered by a partner's clerk."""

import base64

from django import forms

from sqjz.core.forms import StyledFormMixin
from sqjz.exchange import registry
from sqjz.exchange.models import PARTNER_KINDS, DetentionNotice
from sqjz.exchange.services import pdf_complete
from sqjz.organisation.models import Division, Unit
from sqjz.supervisees.models import CorrectionType, Supervisee, TemporaryReleaseGround


class CredentialForm(StyledFormMixin, forms.Form):
    agency = forms.ModelChoiceField(
        label="政法机关",
        queryset=Unit.objects.filter(kind__in=PARTNER_KINDS, is_active=True).order_by("kind", "division__code"),
        error_messages={"required": "请选择政法机关。", "invalid_choice": "请从列表中选择政法机关。"},
    )
    name = forms.CharField(label="凭据名称", max_length=100, error_messages={"required": "请填写凭据名称。"})


def _choices(field: str) -> list[tuple[str, str]]:
    return list(Supervisee._meta.get_field(field).choices)


class PartnerForm(StyledFormMixin, forms.Form):
    """What a partner's clerk enters on a page for a message of `TYPE`: the same message the partner API takes
    (services.message_receive), so that an agency without an integration is not left out. The person and their
    residence (which decides the office), and the document as a PDF."""

    TYPE = ""

    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.RegexField(
        label="居民身份证号码",
        regex=r"^[0-9]{17}[0-9Xx]$",
        error_messages={"invalid": "请填写18位居民身份证号码。"},
    )
    gender = forms.ChoiceField(label="性别", choices=[("male", "男"), ("female", "女")])
    village = forms.ModelChoiceField(
        label="居住地村（社区）",
        queryset=Division.objects.none(),
        help_text="负责的司法所按居住地确定",
        error_messages={"invalid_choice": "请从列表中选择居住地村（社区）。"},
    )
    residence_address = forms.CharField(label="居住地址", max_length=200)
    document = forms.FileField(label="法律文书（PDF）", required=False)
    # Made when the form is opened: sending the same form twice answers as the first time (the API's replay).
    message_id = forms.RegexField(regex=r"^page-[0-9a-f]{32}$", widget=forms.HiddenInput)

    def __init__(self, *args, agency: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        villages = Division.objects.filter(level=Division.Level.VILLAGE).select_related("parent")
        if agency.county_id:  # a county's court or police sends its county's people; the city's bodies any
            villages = villages.filter(parent__parent_id=agency.county_id)
        self.fields["village"].queryset = villages.order_by("code")
        self.fields["village"].label_from_instance = lambda v: f"{v.parent.name} {v.name}"

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document is None:
            return None
        if document.size > registry.MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(f"文书不能超过{registry.MAX_DOCUMENT_BYTES // (1024 * 1024)}MB。")
        data = document.read()
        if not pdf_complete(data):
            raise forms.ValidationError("请上传完整的PDF文件。")
        return {"name": document.name[:100], "data": data}

    def person(self) -> dict:
        d = self.cleaned_data
        return {
            "name": d["name"],
            "gender": d["gender"],
            "id_number": d["id_number"].upper(),
            "residence": {"village_code": d["village"].code, "address": d["residence_address"]},
        }

    def body(self) -> dict:
        raise NotImplementedError

    def envelope(self) -> dict:
        d = self.cleaned_data
        envelope = {"message_id": d["message_id"], "type": self.TYPE, "version": 1, "body": self.body()}
        if d.get("document"):
            envelope["documents"] = [
                {
                    "name": d["document"]["name"],
                    "content_type": "application/pdf",
                    "content_base64": base64.b64encode(d["document"]["data"]).decode(),
                }
            ]
        return envelope

    def field_of(self, path: str) -> str | None:
        """The form's field for a refusal's place in the message (body.person.residence.village_code → village)."""
        last = path.rsplit(".", 1)[-1]
        return {"village_code": "village", "address": "residence_address"}.get(last, last) if path else None


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


class JudgmentForm(PartnerForm):
    """A court's (prison's, police's) judgment, ruling or decision placing a person under community correction."""

    TYPE = "judgment"

    document_number = forms.CharField(
        label="判决（裁定、决定）书文号", max_length=60, help_text="如：（2026）云0402刑初275号"
    )
    correction_type = forms.ChoiceField(label="矫正类别")
    temporary_release_ground = forms.ChoiceField(
        label="暂予监外执行情形", required=False, choices=[("", "请选择…"), *TemporaryReleaseGround.choices]
    )
    effective_date = forms.DateField(label="判决（裁定、决定）生效日期")
    term_start = forms.DateField(label="矫正起始日")
    term_end = forms.DateField(label="矫正终止日")
    original_sentence = forms.CharField(label="原判刑罚", max_length=100, help_text="如：有期徒刑一年，缓刑二年")
    crime = forms.CharField(label="罪名", max_length=100)
    crime_article = forms.CharField(label="适用法条", max_length=100, help_text="如：刑法第二百六十四条")
    offence_date = forms.DateField(label="犯罪时间")
    ethnicity = forms.ChoiceField(label="民族", required=False)
    education = forms.ChoiceField(label="文化程度")
    phone = forms.RegexField(
        label="联系电话", regex=r"^1[0-9]{10}$", required=False, error_messages={"invalid": "请填写11位手机号码。"}
    )
    household_address = forms.CharField(label="户籍地址", max_length=200)

    def __init__(self, *args, agency: Unit, **kwargs) -> None:
        super().__init__(*args, agency=agency, **kwargs)
        kinds = registry.JUDGMENT_SCOPE.get(agency.kind, ())
        self.fields["correction_type"].choices = [("", "请选择…")] + [
            (value, label) for value, label in CorrectionType.choices if value in kinds
        ]
        self.fields["ethnicity"].choices = [("", "请选择…"), *_choices("ethnicity")]
        self.fields["education"].choices = [("", "请选择…"), *_choices("education")]

    def body(self) -> dict:
        d = self.cleaned_data
        person = self.person() | {"education": d["education"], "household_address": d["household_address"]}
        person |= {key: d[key] for key in ("ethnicity", "phone") if d.get(key)}
        keys = ("document_number", "correction_type", "effective_date", "term_start", "term_end")
        keys += ("original_sentence", "crime", "crime_article", "offence_date")
        body = {key: _iso(d[key]) for key in keys} | {"person": person}
        if d.get("temporary_release_ground"):
            body["temporary_release_ground"] = d["temporary_release_ground"]
        return body


class CommissionForm(PartnerForm):
    """A commission of a pre-sentence investigation (调查评估委托) by a court, procuratorate, police or prison."""

    TYPE = "investigation_commission"

    commission_number = forms.CharField(label="委托函文号", max_length=60, help_text="如：（2026）云0402刑初88号")
    fast_track = forms.BooleanField(label="适用刑事案件速裁程序", required=False)
    crime = forms.CharField(label="涉嫌罪名", max_length=100)
    offence_date = forms.DateField(label="犯罪时间")
    proposed_correction_type = forms.ChoiceField(
        label="拟适用矫正类别", choices=[("", "请选择…"), *CorrectionType.choices]
    )

    def body(self) -> dict:
        d = self.cleaned_data
        return {
            "commission_number": d["commission_number"],
            "fast_track": d["fast_track"],
            "person": self.person(),
            "crime": d["crime"],
            "offence_date": d["offence_date"].isoformat(),
            "proposed_correction_type": d["proposed_correction_type"],
        }


class DetentionForm(StyledFormMixin, forms.Form):
    """The police's notice that a person under community correction was detained or put under a compulsory measure
    (社区矫正法第三十二条): a fact on the person's record."""

    TYPE = "detention_notice"

    name = forms.CharField(label="姓名", max_length=50)
    id_number = forms.RegexField(
        label="居民身份证号码",
        regex=r"^[0-9]{17}[0-9Xx]$",
        error_messages={"invalid": "请填写18位居民身份证号码。"},
    )
    measure = forms.ChoiceField(label="措施", choices=[("", "请选择…"), *DetentionNotice.Measure.choices])
    decided_on = forms.DateField(label="决定（执行）日期")
    until = forms.DateField(label="期限届满日", required=False, help_text="有期限的填写")
    place = forms.CharField(label="羁押（执行）场所", max_length=100, required=False)
    document_number = forms.CharField(label="决定书文号", max_length=60)
    reason = forms.CharField(label="事由", max_length=200)
    message_id = forms.RegexField(regex=r"^page-[0-9a-f]{32}$", widget=forms.HiddenInput)

    def __init__(self, *args, agency: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def envelope(self) -> dict:
        d = self.cleaned_data
        body = {
            "person": {"name": d["name"], "id_number": d["id_number"].upper()},
            "measure": d["measure"],
            "decided_on": d["decided_on"].isoformat(),
            "document_number": d["document_number"],
            "reason": d["reason"],
        }
        if d.get("until"):
            body["until"] = d["until"].isoformat()
        if d.get("place"):
            body["place"] = d["place"]
        return {"message_id": d["message_id"], "type": self.TYPE, "version": 1, "body": body}

    def field_of(self, path: str) -> str | None:
        return path.rsplit(".", 1)[-1] if path else None
