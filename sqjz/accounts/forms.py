from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm

from sqjz.accounts import services
from sqjz.core.forms import StyledFormMixin

LOCKED = "账户已锁定，请重新登录。"


class LoginForm(StyledFormMixin, forms.Form):
    username = forms.CharField(
        label="用户名", max_length=150, widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )


class CodeForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label="动态口令",
        max_length=8,
        help_text="打开手机上的身份验证器应用，输入显示的6位数字。",
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    """Django's form (old password, the password validators of settings) with the system's field styling. A wrong old
    password counts toward the account's lockout (a session left open must not allow guessing it); the view signs a
    locked account out."""

    def clean_old_password(self) -> str:
        if self.user.is_locked():
            raise forms.ValidationError(LOCKED, code="locked")
        try:
            return super().clean_old_password()
        except forms.ValidationError:
            services.login_failed(self.user)
            raise


class TotpDisableForm(StyledFormMixin, forms.Form):
    """Switching two-factor login off asks for the password and a current code; wrong answers count toward the
    account's lockout."""

    password = forms.CharField(
        label="登录密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    code = forms.CharField(
        label="动态口令",
        max_length=8,
        help_text="验证器上当前显示的6位数字。",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, user, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        data = super().clean()
        if self.user.is_locked():
            raise forms.ValidationError(LOCKED, code="locked")
        if self.errors:
            return data
        if not self.user.check_password(data["password"]):
            services.login_failed(self.user)
            self.add_error("password", f"登录密码不正确。连续输错{settings.LOGIN_FAILURE_LIMIT}次将锁定账户。")
        elif not services.totp_verify(self.user, data["code"]):
            services.login_failed(self.user)
            self.add_error("code", "动态口令不正确或已使用，请输入验证器上当前显示的6位数字。")
        return data
