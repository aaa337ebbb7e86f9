"""Forms of discharge and termination. The three forms share one page, so each has its own id prefix;
the weighty ones (discharge, termination) ask for the officer's password again."""

from django import forms

from sqjz.accounts.services import login_failed
from sqjz.core.forms import DateInput, LengthCapMixin, StyledFormMixin
from sqjz.discharge.models import Discharge, DischargeEvaluation, Termination


class EvaluationForm(StyledFormMixin, forms.ModelForm):
    id_prefix = "evaluation"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = DischargeEvaluation
        fields = ["performance", "assessment_summary", "community_views", "resettlement_advice", "evaluated_on"]
        widgets = {
            "performance": forms.Textarea(attrs={"rows": 4}),
            "assessment_summary": forms.Textarea(attrs={"rows": 3}),
            "community_views": forms.Textarea(attrs={"rows": 3}),
            "resettlement_advice": forms.Textarea(attrs={"rows": 3}),
            "evaluated_on": DateInput(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None


class PasswordConfirmMixin(LengthCapMixin, forms.Form):
    """Re-asks the signed-in officer's password before a decision that closes a record."""

    password = forms.CharField(
        label="登录密码",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "data-no-draft": ""}),
        help_text="此操作将结束矫正并制发文书，请再次输入您的登录密码确认。",
    )

    def clean_password(self) -> str:
        """A wrong password counts toward the same lockout as at sign-in, so that an unattended session cannot
        be used to guess it; a locked account cannot confirm a decision."""
        password = self.cleaned_data["password"]
        if self.user.is_locked():
            raise forms.ValidationError("密码连续输错次数过多，账户已锁定，请稍后再试或联系管理员解锁。")
        if not self.user.check_password(password):
            login_failed(self.user)
            if self.user.is_locked():
                raise forms.ValidationError("密码连续输错次数过多，账户已锁定，请稍后再试或联系管理员解锁。")
            raise forms.ValidationError("密码不正确，请重新输入您的登录密码。")
        return password


class DischargeForm(StyledFormMixin, PasswordConfirmMixin, forms.ModelForm):
    id_prefix = "discharge"

    class Meta:
        model = Discharge
        fields = [
            "cause",
            "discharged_on",
            "amnesty_basis",
            "announcement_held",
            "announced_on",
            "announcement_place",
            "announcement_host",
            "announcement_participants",
            "announcement_public",
            "guardian_present",
            "resettlement_body",
            "handed_over_on",
        ]
        widgets = {
            "discharged_on": DateInput(),
            "announced_on": DateInput(),
            "handed_over_on": DateInput(),
            "announcement_participants": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, early: bool = False, **kwargs) -> None:
        """`early`: before the end of the term, when only an amnesty releases the person."""
        super().__init__(*args, **kwargs)
        self.user = user
        if early:
            self.fields["cause"].choices = [(Discharge.Cause.AMNESTY, Discharge.Cause.AMNESTY.label)]
            self.initial["cause"] = Discharge.Cause.AMNESTY


class TerminationForm(StyledFormMixin, PasswordConfirmMixin, forms.ModelForm):
    id_prefix = "termination"

    class Meta:
        model = Termination
        fields = ["cause", "terminated_on", "basis", "note"]
        widgets = {"terminated_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
