"""The password step of signing in: redirects, the shared error for wrong credentials, and lockout."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse

from sqjz.accounts.models import SignInFailure
from sqjz.accounts.services import user_unlock
from sqjz.accounts.tests.helpers import sign_in, signed_in_pk, text

WRONG = "Wrong#pass2026"
HOME = reverse("workbench:home")
LOGIN = reverse("accounts:login")


def fail(client, username, times):
    return [sign_in(client, username, WRONG) for _ in range(times)][-1]


def test_login_page_is_in_chinese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = text(response)
    assert '<html lang="zh-CN">' in page
    assert "用户登录" in page
    assert "用户名" in page
    assert "密码" in page
    assert "忘记密码或账户被锁定，工作人员请联系安全管理员。" in page


def test_correct_password_signs_in_and_goes_home(client, world):
    user = world.users["office_officer"]
    response = sign_in(client, "office_officer")
    assert response.status_code == 302
    assert response.url == HOME
    assert signed_in_pk(client) == str(user.pk)
    assert client.get(HOME).status_code == 200


def test_login_goes_to_a_local_next_page(client, world):
    security = reverse("accounts:security")
    response = sign_in(client, "office_officer", next_url=security)
    assert response.url == security


def test_login_page_keeps_next_from_the_query_string(client, db):
    response = client.get(LOGIN, {"next": "/accounts/security/"})
    assert 'name="next" value="/accounts/security/"' in text(response)


def test_off_site_next_is_ignored(client, world):
    for evil in ("http://evil.example/", "//evil.example/", "https://evil.example/accounts/"):
        client.logout()
        response = sign_in(client, "office_officer", next_url=evil)
        assert response.status_code == 302
        assert response.url == HOME


def test_wrong_password_is_refused_with_a_chinese_message(client, world):
    response = sign_in(client, "office_officer", WRONG)
    assert response.status_code == 200
    assert "用户名或密码不正确" in text(response)
    assert signed_in_pk(client) is None
    assert SignInFailure.objects.filter(username="office_officer", address="127.0.0.1").count() == 1


def test_unknown_username_gets_the_same_message_as_a_wrong_password(client, world):
    wrong_password = sign_in(client, "office_officer", WRONG)
    unknown_user = sign_in(client, "nobody_here", WRONG)
    assert unknown_user.status_code == 200
    assert unknown_user.context["error"] == wrong_password.context["error"]
    assert "用户名或密码不正确" in text(unknown_user)


def test_inactive_account_cannot_sign_in(client, world):
    user = world.users["office_officer"]
    user.is_active = False
    user.save()
    response = sign_in(client, "office_officer")
    assert "用户名或密码不正确" in text(response)
    assert signed_in_pk(client) is None


def test_four_wrong_passwords_do_not_lock(client, world):
    response = fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT - 1)
    assert "已锁定" not in text(response)
    assert sign_in(client, "office_officer").url == HOME


def test_fifth_wrong_password_locks_the_username_at_this_address(client, world, clock):
    response = fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    page = text(response)
    assert "已锁定" in page
    assert "17:30" in page  # locked at 17:00 Yuxi time for 30 minutes
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert not user.is_locked()  # not the account everywhere: its owner elsewhere still signs in (decision 0012)


def test_correct_password_is_refused_while_locked(client, world, clock):
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    clock.shift(timedelta(minutes=settings.LOCKOUT_MINUTES - 1))
    response = sign_in(client, "office_officer")
    assert response.status_code == 200
    assert "已锁定" in text(response)
    assert signed_in_pk(client) is None
    assert client.get(HOME).status_code == 302


def test_lock_ends_after_lockout_minutes_and_the_counter_starts_again(client, world, clock):
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    clock.shift(timedelta(minutes=settings.LOCKOUT_MINUTES, seconds=1))
    assert sign_in(client, "office_officer").url == HOME
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert (user.failed_logins, user.locked_until) == (0, None)
    # A fresh count: one wrong password after the lock is not enough to lock again.
    client.logout()
    assert "已锁定" not in text(sign_in(client, "office_officer", WRONG))


def test_successful_login_resets_the_failure_counter(client, world):
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT - 1)
    sign_in(client, "office_officer")
    client.logout()
    response = fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT - 1)
    assert "已锁定" not in text(response)
    assert sign_in(client, "office_officer").url == HOME


def test_failures_of_one_account_do_not_lock_another(client, world):
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    assert sign_in(client, "county_officer").url == HOME


def test_unlock_service_lets_a_locked_user_sign_in_at_once(client, world):
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    user = world.users["office_officer"]
    user.refresh_from_db()
    user_unlock(user, actor=None)
    assert sign_in(client, "office_officer").url == HOME


def test_admin_unlock_action_clears_the_lock(client, login, world):
    locked = world.users["office_officer"]
    fail(client, "office_officer", settings.LOGIN_FAILURE_LIMIT)
    login(world.users["security_admin"])
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock", "_selected_action": [locked.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "已解除 1 个账户的锁定。" in text(response)
    locked.refresh_from_db()
    assert not locked.is_locked()
    client.logout()
    assert sign_in(client, "office_officer").url == HOME
