"""Idle sessions end after SESSION_COOKIE_AGE; activity keeps them alive, writing the session back at most once in
SESSION_TOUCH_SECONDS; logging out ends them."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sqjz.accounts.tests.helpers import sign_in, signed_in_pk, text

HOME = reverse("workbench:home")
LOGIN = reverse("accounts:login")
IDLE_LIMIT = timedelta(seconds=settings.SESSION_COOKIE_AGE)


def test_idle_session_expires_and_pages_go_to_the_login(client, world, clock):
    sign_in(client, "office_officer")
    assert client.get(HOME).status_code == 200
    clock.shift(IDLE_LIMIT + timedelta(minutes=1))
    response = client.get(reverse("accounts:security"))
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={reverse('accounts:security')}"


def test_session_survives_idling_just_under_the_limit(client, world, clock):
    sign_in(client, "office_officer")
    clock.shift(IDLE_LIMIT - timedelta(minutes=1))
    assert client.get(HOME).status_code == 200


def test_activity_slides_the_expiry_forward(client, world, clock):
    sign_in(client, "office_officer")
    for _ in range(3):  # 3 × (limit − 1 min): far beyond one session age in total
        clock.shift(IDLE_LIMIT - timedelta(minutes=1))
        assert client.get(HOME).status_code == 200
    clock.shift(IDLE_LIMIT + timedelta(minutes=1))
    assert client.get(HOME).status_code == 302


def test_requests_within_the_touch_interval_write_no_session(client, world, clock):
    sign_in(client, "office_officer")
    client.get(HOME)  # writes the session back (touched)

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(HOME).status_code == 200
        return sum(1 for q in queries if "django_session" in q["sql"] and not q["sql"].startswith("SELECT"))

    clock.shift(timedelta(seconds=settings.SESSION_TOUCH_SECONDS - 10))
    assert session_writes() == 0
    clock.shift(timedelta(seconds=20))
    assert session_writes() == 1


def test_logout_by_get_is_not_allowed(client, world):
    sign_in(client, "office_officer")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(HOME).status_code == 200  # still signed in


def test_logout_ends_the_session(client, world):
    sign_in(client, "office_officer")
    response = client.post(reverse("accounts:logout"), follow=True)
    assert response.redirect_chain == [(LOGIN, 302)]
    assert "您已安全退出。" in text(response)
    assert signed_in_pk(client) is None
    assert client.get(HOME).status_code == 302


def test_the_old_session_cookie_is_useless_after_logout(client, world):
    sign_in(client, "office_officer")
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("accounts:logout"))
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key  # as if someone had kept a copy
    assert client.get(HOME).status_code == 302


def test_an_active_staff_session_still_ends_after_the_absolute_lifetime(client, world, clock):
    """Activity slides the idle timeout, not the absolute lifetime (12 hours for staff by default, decision 0012)."""
    sign_in(client, "office_officer")
    lifetime = timedelta(hours=settings.SESSION_ABSOLUTE_HOURS)
    step = IDLE_LIMIT - timedelta(minutes=1)
    elapsed = timedelta()
    while elapsed + step < lifetime:
        clock.shift(step)
        elapsed += step
        assert client.get(HOME).status_code == 200, f"signed out after {elapsed}"
    clock.shift(lifetime - elapsed + timedelta(minutes=1))
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(LOGIN)
    assert f"登录已超过{settings.SESSION_ABSOLUTE_HOURS}小时" in text(response)
    assert signed_in_pk(client) is None


def test_a_supervisees_phone_session_ends_sooner(client, world, clock):
    phone = world.users["supervisee"]
    sign_in(client, phone.username)
    lifetime = timedelta(hours=settings.PHONE_SESSION_ABSOLUTE_HOURS)
    assert lifetime < timedelta(hours=settings.SESSION_ABSOLUTE_HOURS)
    step = IDLE_LIMIT - timedelta(minutes=1)
    elapsed = timedelta()
    while elapsed + step < lifetime:
        clock.shift(step)
        elapsed += step
        assert client.get(reverse("mobile:home")).status_code == 200
    clock.shift(lifetime - elapsed + timedelta(minutes=1))
    assert client.get(reverse("mobile:home")).status_code == 302
    assert signed_in_pk(client) is None
