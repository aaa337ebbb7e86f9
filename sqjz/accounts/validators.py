"""Password rules beyond Django's: at least three of the four character classes, and a minimum length
whose message is in Chinese."""

import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError


class CharacterClassValidator:
    min_classes = 3

    def validate(self, password: str, user=None) -> None:
        classes = [
            any(c in string.ascii_lowercase for c in password),
            any(c in string.ascii_uppercase for c in password),
            any(c in string.digits for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(classes) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return "密码须包含小写字母、大写字母、数字、符号中的至少三类。"


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django 5.2's "too short" message (msgid with %d) has no zh-Hans translation, so users saw it in
    English; this one says it in Chinese. Use it in AUTH_PASSWORD_VALIDATORS instead of Django's."""

    def get_error_message(self) -> str:
        return f"密码长度太短，至少需要{self.min_length}个字符。"
