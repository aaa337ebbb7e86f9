"""Forms of hand-over, report-in and intake; errors name the field in Chinese."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.core.identity import validate_phone
from sqjz.core.validators import validate_person_name
from sqjz.intake.models import CorrectionPlan, FirstInterview, IntakeAnnouncement, TeamMember
from sqjz.statute.rules.intake import ANNOUNCEMENT_ITEMS, required_documents
from sqjz.supervisees.models import Supervisee


class DocumentsForm(StyledFormMixin, forms.Form):
    id_prefix = "documents"

    notified_on = forms.DateField(label="收到决定机关通知日期", required=False, widget=DateInput())
    documents_received_on = forms.DateField(label="收到法律文书日期", required=False, widget=DateInput())
    received_documents = forms.MultipleChoiceField(
        label="已收到的法律文书", required=False, widget=forms.CheckboxSelectMultiple
    )
    other_documents = forms.CharField(label="其他文书", required=False, max_length=200, help_text="清单以外收到的文书")

    def __init__(self, *args, supervisee: Supervisee, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        names = required_documents(supervisee.correction_type, supervisee.is_minor)
        self.fields["received_documents"].choices = [(n, n) for n in names]
        self.fields["received_documents"].widget.attrs["class"] = ""


class ReportInForm(StyledFormMixin, forms.Form):
    id_prefix = "report"

    reported_on = forms.DateField(label="报到日期", widget=DateInput())
    identity_verified = forms.BooleanField(
        label="已当面核对身份证件与本人一致", required=False, help_text="未核实身份不能登记报到"
    )
    photo = forms.FileField(label="报到照片", help_text="现场拍摄的正面免冠照片，JPG或PNG，不超过5MB")


class NoShowForm(StyledFormMixin, forms.Form):
    id_prefix = "noshow"

    note = forms.CharField(
        label="查找情况", widget=forms.Textarea(attrs={"rows": 2}), help_text="电话、走访等查找措施和结果"
    )


class FirstInterviewForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "interview"

    class Meta:
        model = FirstInterview
        fields = ["held_on", "place", "interviewer", "recorder", "content", "supervisee_statement"]
        widgets = {
            "held_on": DateInput(),
            "content": forms.Textarea(attrs={"rows": 5}),
            "supervisee_statement": forms.Textarea(attrs={"rows": 3}),
        }


class AnnouncementForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "announcement"

    items = forms.MultipleChoiceField(
        label="宣告内容（逐项宣告后勾选）",
        choices=[(item, item) for item in ANNOUNCEMENT_ITEMS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = IntakeAnnouncement
        fields = ["held_on", "place", "host", "participants", "items", "is_public", "guardian_present", "signed"]
        widgets = {"held_on": DateInput(), "participants": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].widget.attrs["class"] = ""


class PlanForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "plan"

    class Meta:
        model = CorrectionPlan
        fields = [
            "situation",
            "risks",
            "needs",
            "goals",
            "supervision_measures",
            "education_measures",
            "assistance_measures",
            "review_on",
            "change_reason",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields if name != "review_on"}
        widgets["review_on"] = DateInput()


class TeamMemberForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "team"

    class Meta:
        model = TeamMember
        fields = ["kind", "name", "gender", "organisation", "phone", "understands_minors", "duties"]
        widgets = {"phone": forms.TextInput(attrs={"data-no-draft": "", "inputmode": "tel"})}

    def clean_name(self) -> str:
        validate_person_name(self.cleaned_data["name"])
        return self.cleaned_data["name"]

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone", "")
        return validate_phone(phone) if phone else ""
