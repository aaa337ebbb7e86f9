from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from sqjz.core.forms import StyledFormMixin


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
    """Django's form (old password, the password validators of settings) with the system's field styling."""
