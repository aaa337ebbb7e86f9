"""Sign-in under attack (decision 0012): known and unknown usernames get the same answers after the same work, and
wrong passwords are counted per username and client address and per address, so that someone guessing elsewhere
neither learns which accounts exist nor locks their owners out."""

from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.urls import reverse

from sqjz.accounts.services import user_unlock
from sqjz.accounts.tests.helpers import sign_in_from, signed_in_pk, text

WRONG = "Wrong#pass2026"
HOME = reverse("workbench:home")
ATTACKER = "203.0.113.66"
OFFICE = "10.20.30.40"
LIMIT = settings.LOGIN_FAILURE_LIMIT


def hashing(client, username, password=WRONG, address=ATTACKER):
    """The response and how many times the password hasher ran for it."""
    real = MD5PasswordHasher.encode
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=real) as encode:
        response = sign_in_from(client, address, username, password)
    return response, encode.call_count


def test_known_and_unknown_usernames_get_the_same_answers_after_the_same_work(client, world, clock):
    for attempt in range(LIMIT + 2):
        known, known_work = hashing(client, "office_officer")
        unknown, unknown_work = hashing(client, "no_such_user")
        assert known.status_code == unknown.status_code == 200
        assert known.context["error"] == unknown.context["error"], f"attempt {attempt + 1}"
        assert known_work == unknown_work, (
            f"attempt {attempt + 1}: the hasher ran {known_work} and {unknown_work} times"
        )
    assert "已锁定" in known.context["error"]  # both are refused after the limit, in the same words


def test_the_attackers_address_is_refused_and_the_owner_still_signs_in_from_the_office(client, world, clock):
    for _ in range(LIMIT):
        sign_in_from(client, ATTACKER, "office_officer", WRONG)
    refused = sign_in_from(client, ATTACKER, "office_officer")  # even the right password, from there
    assert "已锁定" in text(refused)
    assert signed_in_pk(client) is None
    assert sign_in_from(client, OFFICE, "office_officer").url == HOME
    assert signed_in_pk(client) == str(world.users["office_officer"].pk)


def test_the_refusal_ends_after_the_lockout_minutes(client, world, clock):
    for _ in range(LIMIT):
        sign_in_from(client, ATTACKER, "office_officer", WRONG)
    clock.shift(timedelta(minutes=settings.LOCKOUT_MINUTES, seconds=1))
    assert sign_in_from(client, ATTACKER, "office_officer").url == HOME


def test_an_address_trying_many_usernames_is_refused_for_every_username(client, world, clock):
    for n in range(settings.ADDRESS_FAILURE_LIMIT):
        sign_in_from(client, ATTACKER, f"jz{n:06d}", WRONG)  # one guess each: no username reaches its own limit
    refused = sign_in_from(client, ATTACKER, "county_officer")
    assert "本机登录失败次数过多" in text(refused)
    assert signed_in_pk(client) is None
    assert sign_in_from(client, OFFICE, "county_officer").url == HOME  # other addresses are not affected


def test_the_owners_own_mistakes_from_the_office_lock_only_the_office_for_that_name(client, world, clock):
    for _ in range(LIMIT):
        sign_in_from(client, OFFICE, "office_officer", WRONG)
    assert "已锁定" in text(sign_in_from(client, OFFICE, "office_officer"))
    assert sign_in_from(client, OFFICE, "county_officer").url == HOME  # a colleague at the same office signs in


def test_unlocking_clears_the_refusals_of_the_username_everywhere(client, world, clock):
    for address in (ATTACKER, OFFICE):
        for _ in range(LIMIT):
            sign_in_from(client, address, "office_officer", WRONG)
    user_unlock(world.users["office_officer"], actor=world.users["security_admin"])
    assert sign_in_from(client, OFFICE, "office_officer").url == HOME


def test_a_sign_in_resets_the_count_for_that_name_and_address(client, world, clock):
    for _ in range(LIMIT - 1):
        sign_in_from(client, OFFICE, "office_officer", WRONG)
    assert sign_in_from(client, OFFICE, "office_officer").url == HOME
    client.post(reverse("accounts:logout"))
    for _ in range(LIMIT - 1):
        sign_in_from(client, OFFICE, "office_officer", WRONG)
    assert sign_in_from(client, OFFICE, "office_officer").url == HOME
