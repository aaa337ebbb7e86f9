from django import forms

from sqjz.core.forms import DateInput, StyledFormMixin
from sqjz.oversight.models import CorrectionOpinion
from sqjz.oversight.services import addressable_units


class OpinionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = CorrectionOpinion
        fields = ["kind", "addressed_to", "matter", "facts", "opinion", "issued_on", "reply_by"]
        widgets = {
            "issued_on": DateInput(),
            "reply_by": DateInput(),
            "facts": forms.Textarea(attrs={"rows": 3}),
            "opinion": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["addressed_to"].queryset = addressable_units(user)


class ReplyForm(StyledFormMixin, forms.Form):
    id_prefix = "reply"

    adopted = forms.TypedChoiceField(
        label="是否采纳", choices=[("yes", "采纳并整改"), ("no", "不采纳")], coerce=lambda v: v == "yes"
    )
    reply = forms.CharField(
        label="回复内容", widget=forms.Textarea(attrs={"rows": 3}), help_text="整改措施和结果；不采纳的说明理由"
    )
    replied_on = forms.DateField(label="回复日期", widget=DateInput())
