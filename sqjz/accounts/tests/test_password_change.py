"""Password rules as a user meets them on the change-password page."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sqjz.accounts.tests.helpers import sign_in, text
from sqjz.accounts.validators import MinimumLengthValidator
from tests.factories import PASSWORD

CHANGE = reverse("accounts:password_change")
GOOD = "Yuxi#Corr2026x"


def change(client, new, *, old=PASSWORD, repeat=None):
    return client.post(CHANGE, {"old_password": old, "new_password1": new, "new_password2": repeat or new})


def errors_under(response, field) -> list[str]:
    """The error messages the page shows under a field (not its help text, which lists every rule)."""
    match = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', text(response), re.S)
    return re.findall(r"<li>(.*?)</li>", match.group(1)) if match else []


def test_change_password_page_is_in_chinese(client, login, world):
    login(world.users["office_officer"])
    response = client.get(CHANGE)
    assert response.status_code == 200
    page = text(response)
    assert "修改密码" in page
    assert "旧密码" in page
    assert "新密码" in page


def test_change_password_page_needs_a_signed_in_user(client, db):
    response = client.get(CHANGE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("new", "message"),
    [
        pytest.param("Yx#2026ab", "密码长度太短", id="too-short"),
        pytest.param("Password1!", "这个密码太常见了。", id="common"),  # "password1!" is on Django's list
        pytest.param("abcdefghijk1", "密码须包含小写字母、大写字母、数字、符号中的至少三类。", id="two-classes"),
        pytest.param("2026031712345", "密码只包含数字。", id="numeric"),
        pytest.param("office_officer1A", "密码跟 用户名 太相似了。", id="like-username"),
    ],
)
def test_weak_password_is_refused_with_a_chinese_reason(client, login, world, new, message):
    user = world.users["office_officer"]
    login(user)
    response = change(client, new)
    assert response.status_code == 200
    assert any(message in error for error in errors_under(response, "new_password2"))
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not user.check_password(new)


def test_too_short_password_is_refused(client, login, world):
    """Whatever the language of the message: nine characters are not enough."""
    user = world.users["office_officer"]
    login(user)
    response = change(client, "Yx#2026ab")
    assert response.status_code == 200
    assert errors_under(response, "new_password2")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_chinese_minimum_length_validator_names_the_minimum():
    validator = MinimumLengthValidator(min_length=10)
    with pytest.raises(ValidationError) as refused:
        validator.validate("Yx#2026ab")
    assert refused.value.messages == ["密码长度太短，至少需要10个字符。"]
    assert refused.value.error_list[0].code == "password_too_short"
    validator.validate("Yx#2026abc")  # ten characters pass


def test_minimum_length_is_ten(client, login, world):
    login(world.users["office_officer"])
    assert "你的密码必须包含至少 10 个字符。" in text(client.get(CHANGE))  # the rule listed under the field
    assert "密码至少10位" in text(client.get(reverse("accounts:security")))


def test_wrong_old_password_is_refused(client, login, world):
    user = world.users["office_officer"]
    login(user)
    response = change(client, GOOD, old="Not#theold2026")
    assert "你的旧密码不正确" in " ".join(errors_under(response, "old_password"))
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_mismatched_repeat_is_refused(client, login, world):
    login(world.users["office_officer"])
    assert "输入的两个密码不一致" in " ".join(errors_under(change(client, GOOD, repeat=GOOD + "y"), "new_password2"))


def test_good_password_is_accepted_and_works_at_the_next_login(client, login, world):
    user = world.users["office_officer"]
    login(user)
    response = change(client, GOOD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:security")
    assert "密码已修改。" in text(client.get(response.url))  # still signed in after the change
    client.post(reverse("accounts:logout"))
    assert "用户名或密码不正确" in text(sign_in(client, "office_officer", PASSWORD))
    assert sign_in(client, "office_officer", GOOD).url == reverse("workbench:home")
