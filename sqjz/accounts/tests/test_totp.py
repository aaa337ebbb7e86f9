"""Two-factor login with TOTP codes: enabling and disabling it, the code step, replay and lockout, and
administrators who must use it before anything else."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse

from sqjz.accounts.tests.helpers import current_code, enter_code, sign_in, signed_in_pk, text, wrong_code
from sqjz.accounts.views import SETUP_SECRET
from tests.factories import PASSWORD
from tests.test_jurisdiction import VISIBLE

HOME = reverse("workbench:home")
LOGIN = reverse("accounts:login")
LOGIN_CODE = reverse("accounts:login_code")
SECURITY = reverse("accounts:security")
SETUP = reverse("accounts:totp_setup")
# tests.factories gives administrators an 80-bit secret, which pyotp >= 2.10 refuses (112 bits at least);
# the tests that sign an administrator in with a code give it a full-length secret first.
ADMIN_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def setup_secret(response) -> str:
    match = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', text(response))
    assert match, "the setup page shows the secret for manual entry"
    return match.group(1)


def enable_totp(client, clock) -> str:
    """Enable TOTP for the signed-in client's user, then move past the step used to enable it."""
    secret = setup_secret(client.get(SETUP))
    response = client.post(SETUP, {"code": current_code(secret)})
    assert response.status_code == 302
    clock.shift(timedelta(seconds=30))
    return secret


@pytest.fixture
def officer_with_totp(client, login, world, clock):
    """The office officer with TOTP enabled, signed out again; returns the secret."""
    login(world.users["office_officer"])
    secret = enable_totp(client, clock)
    client.logout()
    return secret


def test_setup_page_shows_the_secret_that_the_session_holds(client, login, world):
    login(world.users["office_officer"])
    response = client.get(SETUP)
    assert response.status_code == 200
    page = text(response)
    assert "启用动态口令" in page
    assert "<svg" in page  # the QR code
    assert setup_secret(response) == client.session[SETUP_SECRET]
    assert setup_secret(client.get(SETUP)) == setup_secret(response)  # a reload keeps the same secret


def test_correct_code_enables_totp(client, login, world, clock):
    user = world.users["office_officer"]
    login(user)
    secret = setup_secret(client.get(SETUP))
    response = client.post(SETUP, {"code": current_code(secret)}, follow=True)
    assert response.redirect_chain == [(SECURITY, 302)]
    assert "已启用动态口令" in text(response)
    user.refresh_from_db()
    assert user.totp_enabled
    assert user.totp_secret == secret
    assert SETUP_SECRET not in client.session


def test_wrong_code_does_not_enable_totp(client, login, world, clock):
    user = world.users["office_officer"]
    login(user)
    secret = setup_secret(client.get(SETUP))
    response = client.post(SETUP, {"code": wrong_code(secret)})
    assert response.status_code == 200
    assert "动态口令不正确" in text(response)
    user.refresh_from_db()
    assert not user.totp_enabled
    assert setup_secret(response) == secret  # the user can try again with the same authenticator entry


def test_setup_page_sends_a_user_who_has_totp_to_the_security_page(client, login, world, officer_with_totp):
    login(world.users["office_officer"])
    assert client.get(SETUP).url == SECURITY


def test_with_totp_the_password_alone_does_not_sign_in(client, world, officer_with_totp):
    response = sign_in(client, "office_officer")
    assert response.url == LOGIN_CODE
    assert signed_in_pk(client) is None
    assert client.get(HOME).status_code == 302
    page = client.get(LOGIN_CODE)
    assert page.status_code == 200
    assert "输入动态口令" in text(page)


def test_correct_code_completes_the_login(client, world, officer_with_totp):
    sign_in(client, "office_officer", next_url=SECURITY)
    response = enter_code(client, current_code(officer_with_totp))
    assert response.status_code == 302
    assert response.url == SECURITY
    assert signed_in_pk(client) == str(world.users["office_officer"].pk)


def test_code_step_ignores_an_off_site_next(client, world, officer_with_totp):
    sign_in(client, "office_officer", next_url="http://evil.example/")
    assert enter_code(client, current_code(officer_with_totp)).url == HOME


def test_code_page_without_a_password_step_goes_back_to_login(client, db):
    assert client.get(LOGIN_CODE).url == LOGIN
    assert client.post(LOGIN_CODE, {"code": "123456"}).url == LOGIN


def test_a_code_cannot_be_used_twice(client, world, officer_with_totp):
    code = current_code(officer_with_totp)
    sign_in(client, "office_officer")
    assert enter_code(client, code).url == HOME
    client.post(reverse("accounts:logout"))
    sign_in(client, "office_officer")
    response = enter_code(client, code)
    assert response.status_code == 200
    assert "动态口令不正确或已使用" in text(response)
    assert signed_in_pk(client) is None


def test_the_code_used_to_enable_totp_cannot_sign_in(client, login, world, clock):
    login(world.users["office_officer"])
    secret = setup_secret(client.get(SETUP))
    code = current_code(secret)
    client.post(SETUP, {"code": code})
    client.logout()
    sign_in(client, "office_officer")
    assert "动态口令不正确或已使用" in text(enter_code(client, code))


def test_code_from_the_previous_step_is_accepted_for_clock_drift(client, world, officer_with_totp, clock):
    sign_in(client, "office_officer")
    code = current_code(officer_with_totp)
    clock.shift(timedelta(seconds=30))
    assert enter_code(client, code).url == HOME


def test_code_two_steps_old_is_refused(client, world, officer_with_totp, clock):
    sign_in(client, "office_officer")
    code = current_code(officer_with_totp)
    clock.shift(timedelta(seconds=60))
    assert "动态口令不正确" in text(enter_code(client, code))


def test_wrong_code_is_refused_and_counted(client, world, officer_with_totp):
    sign_in(client, "office_officer")
    response = enter_code(client, wrong_code(officer_with_totp))
    assert response.status_code == 200
    assert "动态口令不正确" in text(response)
    assert signed_in_pk(client) is None
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert user.failed_logins == 1


def test_five_wrong_codes_lock_the_account(client, world, officer_with_totp):
    sign_in(client, "office_officer")
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert "已锁定" not in text(enter_code(client, wrong_code(officer_with_totp)))
    response = enter_code(client, wrong_code(officer_with_totp))
    assert response.status_code == 302
    assert response.url == LOGIN
    assert "已锁定" in text(client.get(LOGIN))
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert user.is_locked()
    # Neither the code step nor the password step lets the user in while locked.
    assert enter_code(client, current_code(officer_with_totp)).url == LOGIN
    assert "已锁定" in text(sign_in(client, "office_officer"))
    assert signed_in_pk(client) is None


def test_entering_the_password_again_does_not_reset_the_count_of_wrong_codes(client, world, officer_with_totp):
    """Otherwise someone who knows the password could guess codes without end, four at a time."""
    for _ in range(settings.LOGIN_FAILURE_LIMIT - 1):
        sign_in(client, "office_officer")
        enter_code(client, wrong_code(officer_with_totp))
    sign_in(client, "office_officer")
    enter_code(client, wrong_code(officer_with_totp))
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert user.is_locked()


def test_a_completed_two_factor_login_resets_the_failure_counter(client, world, officer_with_totp):
    sign_in(client, "office_officer", "Wrong#pass2026")
    sign_in(client, "office_officer")
    enter_code(client, wrong_code(officer_with_totp))
    assert enter_code(client, current_code(officer_with_totp)).url == HOME
    user = world.users["office_officer"]
    user.refresh_from_db()
    assert user.failed_logins == 0


def test_non_admin_can_disable_totp(client, login, world, officer_with_totp):
    user = world.users["office_officer"]
    login(user)
    response = client.post(
        reverse("accounts:totp_disable"),
        {"password": PASSWORD, "code": current_code(officer_with_totp)},
        follow=True,
    )
    assert response.redirect_chain == [(SECURITY, 302)]
    assert "已停用动态口令。" in text(response)
    user.refresh_from_db()
    assert not user.totp_enabled
    assert user.totp_secret == ""
    client.logout()
    assert sign_in(client, "office_officer").url == HOME  # no code step any more


def test_administrator_cannot_disable_totp(client, login, world):
    admin = world.users["admin"]
    secret = admin.totp_secret
    login(admin)
    response = client.post(reverse("accounts:totp_disable"), follow=True)
    assert "系统管理员、安全管理员和安全审计员必须使用动态口令，不能停用。" in text(response)
    admin.refresh_from_db()
    assert admin.totp_enabled
    assert admin.totp_secret == secret


def test_disable_is_post_only(client, login, world, officer_with_totp):
    user = world.users["office_officer"]
    login(user)
    assert client.get(reverse("accounts:totp_disable")).status_code == 405
    user.refresh_from_db()
    assert user.totp_enabled


def test_security_page_shows_totp_off(client, login, world):
    login(world.users["office_officer"])
    page = text(client.get(SECURITY))
    assert "未启用" in page
    assert SETUP in page
    assert "停用动态口令" not in page


def test_security_page_shows_totp_on_with_a_disable_button(client, login, world, officer_with_totp):
    login(world.users["office_officer"])
    page = text(client.get(SECURITY))
    assert "已启用（2026年3月2日 17:00）" in page  # enabled at 17:00 Yuxi time
    assert "停用动态口令" in page


def test_security_page_tells_an_administrator_totp_is_mandatory(client, login, world):
    login(world.users["admin"])
    page = text(client.get(SECURITY))
    assert "已启用" in page
    assert "系统管理员、安全管理员和安全审计员必须使用动态口令。" in page
    assert "停用动态口令" not in page


# --- administrators ---------------------------------------------------------------------------------


@pytest.fixture
def new_admin(world):
    """An administrator at first login: no two-factor login yet."""
    admin = world.users["admin"]
    admin.totp_enabled_at, admin.totp_secret = None, ""
    admin.save()
    return admin


def test_administrator_without_totp_is_sent_to_set_it_up_from_every_page(client, new_admin):
    assert sign_in(client, "admin").url == HOME
    for path in (HOME, "/admin/", reverse("admin:accounts_user_changelist"), SECURITY, reverse("organisation:mine")):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == SETUP, path
    page = client.get(SETUP)
    assert page.status_code == 200
    assert "您的角色须使用动态口令登录" in text(page)


def test_administrator_without_totp_may_still_log_out(client, new_admin):
    sign_in(client, "admin")
    response = client.post(reverse("accounts:logout"))
    assert response.url == LOGIN
    assert signed_in_pk(client) is None


def test_administrator_reaches_the_admin_site_after_enabling_totp(client, new_admin, clock):
    sign_in(client, "admin")
    secret = enable_totp(client, clock)
    assert client.get("/admin/").status_code == 200
    # and from now on signs in with a code
    client.post(reverse("accounts:logout"))
    assert sign_in(client, "admin", next_url="/admin/").url == LOGIN_CODE
    assert enter_code(client, current_code(secret)).url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_administrator_with_totp_signs_in_with_password_and_code(client, world, clock):
    world.users["admin"].totp_secret = ADMIN_SECRET
    world.users["admin"].save()
    assert sign_in(client, "admin").url == LOGIN_CODE
    assert enter_code(client, current_code(ADMIN_SECRET)).url == HOME
    assert client.get("/admin/").status_code == 200


# Every persona of the test world but the two whose work is in the admin site (tests/test_access_matrix.py gives
# each of them only their own models there).
NON_ADMINS = sorted(set(VISIBLE) - {"admin", "security_admin"})


def test_the_list_of_non_admins_covers_every_persona_but_the_administrators(world):
    assert set(NON_ADMINS) == set(world.users) - {"admin", "security_admin"}


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_admin_site_is_closed_to_every_other_role(client, login, world, persona):
    login(world.users[persona])
    for path in ("/admin/", reverse("admin:accounts_user_changelist"), reverse("admin:organisation_unit_changelist")):
        response = client.get(path)
        assert response.status_code in (302, 403), path
        if response.status_code == 302:
            followed = client.get(path, follow=True)
            assert followed.status_code == 403, path  # signed in but not an administrator: refused
            assert "无权访问" in text(followed)


def test_admin_site_sends_anonymous_visitors_to_the_login_page(client, db):
    response = client.get("/admin/", follow=True)
    assert response.request["PATH_INFO"] == LOGIN
    assert "用户登录" in text(response)


def test_admin_login_url_redirects_to_the_system_login(client, db):
    response = client.get("/admin/login/", {"next": "/admin/"})
    assert response.status_code == 302
    url = urlsplit(response.url)
    assert url.path == LOGIN
    assert parse_qs(url.query) == {"next": ["/admin/"]}
    assert 'name="next" value="/admin/"' in text(client.get(response.url))
