"""Forms of a change of the place of execution."""

from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.organisation.models import Unit
from sqjz.supervision.transfer.models import ResidenceTransfer

# The phone shrinks photos before upload (sqjz/mobile.js): a document must stay legible.
PROOF_PHOTO_SIDE = 1600
PROOF_HELP = "拍摄房屋租赁合同、购房合同、劳动合同或就学证明等，JPG或PNG，每张不超过5MB"


def _proof_widget():
    return forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "data-shrink": PROOF_PHOTO_SIDE})


class _OfficeChoice:
    """The receiving office: the judicial offices of the person's city outside the person's county."""

    def __init__(self, *args, city_id: int | None = None, exclude_county: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        offices = Unit.objects.filter(kind=Unit.Kind.JUDICIAL_OFFICE, is_active=True).select_related("county")
        if city_id:
            offices = offices.filter(county__parent_id=city_id)
        if exclude_county:
            offices = offices.exclude(county_id=exclude_county)
        field = self.fields["to_office"]
        field.queryset = offices.order_by("county__code", "name")
        field.label_from_instance = lambda u: f"{u.county.name} · {u.name}"
        field.required = False
        field.empty_label = "（迁往市外，在下一栏填写）"


class TransferForm(_OfficeChoice, StyledFormMixin, forms.ModelForm):
    """An application registered by the office from the person's written one."""

    id_prefix = "transfer"

    proof_1 = forms.FileField(label="证明材料照片", required=False, help_text=PROOF_HELP, widget=_proof_widget())
    proof_2 = forms.FileField(label="证明材料照片（第二张）", required=False, widget=_proof_widget())

    class Meta:
        model = ResidenceTransfer
        fields = ["to_office", "to_place", "new_address", "move_on", "reason", "evidence", "applied_on"]
        widgets = {"move_on": DateInput(), "applied_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}


class OwnTransferForm(_OfficeChoice, StyledFormMixin, forms.ModelForm):
    """An application from the phone; the date of application is the day it is sent."""

    id_prefix = "own_transfer"

    proof_1 = forms.FileField(label="证明材料照片", help_text=PROOF_HELP, widget=_proof_widget())
    proof_2 = forms.FileField(label="证明材料照片（第二张，可不填）", required=False, widget=_proof_widget())

    class Meta:
        model = ResidenceTransfer
        fields = ["to_office", "to_place", "new_address", "move_on", "reason", "evidence"]
        widgets = {"move_on": DateInput(), "reason": forms.Textarea(attrs={"rows": 2})}


class ConsultForm(StyledFormMixin, forms.Form):
    id_prefix = "consult"

    opinion = forms.CharField(
        label="司法所及本机构意见", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReplyForm(StyledFormMixin, forms.Form):
    id_prefix = "reply"

    reply = forms.ChoiceField(label="是否同意接收", choices=ResidenceTransfer.Reply.choices)
    reasons = forms.CharField(
        label="核实情况及理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不同意接收的必须写明理由",
    )


class DecisionForm(StyledFormMixin, forms.Form):
    id_prefix = "decision"

    decision = forms.ChoiceField(label="决定", choices=[("approve", "同意变更执行地"), ("refuse", "不同意变更")])
    reasons = forms.CharField(
        label="理由",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="不同意的必须写明理由，理由将告知社区矫正对象",
    )


class DateNoteForm(StyledFormMixin, forms.Form):
    id_prefix = "step"

    on = forms.DateField(label="日期", widget=DateInput())
    note = forms.CharField(label="情况", max_length=200, required=False)
