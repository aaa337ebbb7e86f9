"""A signed-in session alone is not enough to change the password or switch two-factor login off: both ask for the
password (and a current code to switch two-factor off), and wrong answers count toward the account's lockout, which
signs the session out (decision 0012)."""

from django.conf import settings
from django.urls import reverse

from sqjz.accounts.tests.helpers import current_code, signed_in_pk, text, wrong_code
from tests.factories import PASSWORD

CHANGE = reverse("accounts:password_change")
DISABLE = reverse("accounts:totp_disable")
LOGIN = reverse("accounts:login")
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ"
GOOD = "Yuxi#Corr2026x"
LIMIT = settings.LOGIN_FAILURE_LIMIT


def with_totp(user, clock):
    from django.utils import timezone

    user.totp_secret, user.totp_enabled_at = SECRET, timezone.now()
    user.save()


def test_wrong_old_passwords_count_and_the_last_one_signs_the_session_out(client, login, world, clock):
    user = world.users["office_officer"]
    login(user)
    for n in range(LIMIT - 1):
        response = client.post(
            CHANGE, {"old_password": f"Guess#{n}2026x", "new_password1": GOOD, "new_password2": GOOD}
        )
        assert response.status_code == 200
    user.refresh_from_db()
    assert user.failed_logins == LIMIT - 1
    response = client.post(CHANGE, {"old_password": "Guess#last2026", "new_password1": GOOD, "new_password2": GOOD})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert signed_in_pk(client) is None
    user.refresh_from_db()
    assert user.is_locked()
    assert user.check_password(PASSWORD)
    assert "已锁定" in text(client.get(LOGIN))


def test_switching_two_factor_off_needs_the_password_and_a_current_code(client, login, world, clock):
    user = world.users["office_officer"]
    with_totp(user, clock)
    login(user)
    assert client.post(DISABLE, {}).status_code == 400  # both fields are required
    user.refresh_from_db()
    assert user.totp_enabled  # the session alone does not switch it off
    response = client.post(DISABLE, {"password": PASSWORD, "code": wrong_code(SECRET)})
    user.refresh_from_db()
    assert user.totp_enabled
    assert user.failed_logins == 1
    assert "动态口令不正确" in text(response)
    response = client.post(DISABLE, {"password": "Not#mine2026x", "code": current_code(SECRET)})
    user.refresh_from_db()
    assert user.totp_enabled
    assert user.failed_logins == 2
    assert "密码不正确" in text(response)
    response = client.post(DISABLE, {"password": PASSWORD, "code": current_code(SECRET)}, follow=True)
    assert "已停用动态口令。" in text(response)
    user.refresh_from_db()
    assert not user.totp_enabled
    assert user.failed_logins == 0


def test_wrong_answers_to_switch_two_factor_off_lock_the_account_and_sign_out(client, login, world, clock):
    user = world.users["office_officer"]
    with_totp(user, clock)
    login(user)
    for _ in range(LIMIT):
        response = client.post(DISABLE, {"password": "Not#mine2026x", "code": wrong_code(SECRET)})
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
    assert signed_in_pk(client) is None
    user.refresh_from_db()
    assert user.is_locked()
    assert user.totp_enabled
