from django import forms
from django.conf import settings
from django.utils import timezone

from sqjz.accounts.forms import StyledPasswordChangeForm
from sqjz.core.forms import StyledFormMixin


class OwnPasswordChangeForm(StyledPasswordChangeForm):
    """The person changes their own password on the phone: the same form and password rules as the staff page, but
    a wrong old password counts toward the sign-in lockout (as when an officer re-enters a password to confirm a
    decision), so that a phone left signed in cannot be used to guess it; a locked account cannot change it. The
    password rules are checked against 新密码, where the person typed it."""

    id_prefix = "own_password"

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "原密码"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields[
            "new_password1"
        ].help_text = (
            "至少10位，包含大写字母、小写字母、数字、符号中的至少三类；不要用常见密码，不要与姓名或账户名相近。"
        )
        self.fields["new_password2"].label = "再次输入新密码"
        self.fields["new_password2"].help_text = ""

    def _locked(self) -> forms.ValidationError:
        until = timezone.localtime(self.user.locked_until)
        office = self.user.supervisee.judicial_office.name if self.user.supervisee_id else "司法所"
        return forms.ValidationError(
            f"原密码连续输错{settings.LOGIN_FAILURE_LIMIT}次，账户已锁定，请于{until:%H:%M}后再试，或联系{office}。",
            code="locked",
        )

    def clean_old_password(self) -> str:
        if self.user.is_locked():
            raise self._locked()
        try:
            return super().clean_old_password()
        except forms.ValidationError:  # counted toward the lockout by StyledPasswordChangeForm
            if self.user.is_locked():
                raise self._locked() from None
            raise forms.ValidationError("原密码不正确，请输入您现在登录用的密码。", code="password_incorrect") from None

    def clean(self):
        self.validate_passwords("new_password1", "new_password2")
        self.validate_password_for_user(self.user, "new_password1")
        return forms.Form.clean(self)


class HealthForm(StyledFormMixin, forms.Form):
    """The monthly report of a person serving a sentence outside prison; the service checks the month and length."""

    month = forms.ChoiceField(
        label="报告月份", error_messages={"required": "请选择报告月份。", "invalid_choice": "请选择报告月份。"}
    )
    condition = forms.CharField(
        label="身体情况",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="病情变化、怀孕或哺乳、生活自理等情况（10至1000字）",
        error_messages={"required": "请填写身体情况。", "max_length": "身体情况不能超过1000个字。"},
    )
    treatment = forms.CharField(
        label="就医治疗情况",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="本月就诊、住院、用药情况，可以不填",
        error_messages={"max_length": "就医治疗情况不能超过1000个字。"},
    )

    def __init__(self, *args, months=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = list(months)
