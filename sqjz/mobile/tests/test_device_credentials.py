"""A supervisee's phone signed in once (decision 0022): binding it after a password sign-in, signing in by its
credential on the phone pages and API, refusing (and deleting) a credential that signs nobody in, and every way it
ends: unbinding, signing out, a password change or reset, the office's revocation, the end of the correction."""

import hashlib
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sqjz.accounts import services as accounts
from sqjz.accounts.models import DeviceCredential
from sqjz.supervisees.models import Status, Supervisee
from sqjz.supervision.checkins import services as checkins
from sqjz.supervision.tests.test_checkins import enrol

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 13; M2102J2SC) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
NEW_PASSWORD = "Nxw@pass2027!"


def bind(client) -> tuple[DeviceCredential, str]:
    """The signed-in supervisee presses 在本手机上保持登录; the credential and the cookie's value."""
    response = client.post(reverse("mobile:device_bind"), headers={"user-agent": ANDROID_CHROME})
    assert response.status_code == 302
    return DeviceCredential.objects.latest("pk"), response.cookies[accounts.DEVICE_COOKIE].value


def phone_with(value: str) -> Client:
    """The same phone the next morning: the session is gone, the device cookie is not."""
    phone = Client()
    phone.cookies[accounts.DEVICE_COOKIE] = value
    return phone


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def deleted(response) -> bool:
    cookie = response.cookies.get(accounts.DEVICE_COOKIE)
    return cookie is not None and cookie.value == "" and cookie["max-age"] == 0


@pytest.fixture
def bound(world, login):
    """陈刚 enrolled for check-ins, signed in with the password, his phone bound."""
    _, world.app_password = enrol(world)
    client = login(world.users["supervisee"])
    return bind(client)


# ----------------------------------------------------------------------------------------------- binding


def test_the_home_page_offers_binding_after_a_password_sign_in(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    home = client.get(reverse("mobile:home")).content.decode()
    assert 'data-testid="bind-device"' in home and "在本手机上保持登录" in home
    assert "以后签到无需输入密码；手机丢失或换手机请告知司法所解除绑定" in home


def test_binding_stores_a_hash_and_sets_a_long_lived_httponly_cookie(world, login):
    enrol(world)
    client = login(world.users["supervisee"])
    response = client.post(reverse("mobile:device_bind"), headers={"user-agent": ANDROID_CHROME})
    credential = DeviceCredential.objects.get()
    cookie = response.cookies[accounts.DEVICE_COOKIE]
    credential_id, secret = cookie.value.split(".")
    assert int(credential_id) == credential.pk and len(secret) == 43  # 256 bits, base64url
    assert credential.secret_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in str(vars(credential))
    assert credential.user == world.users["supervisee"] and credential.label == "Android 手机 · Chrome"
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert cookie["max-age"] == 180 * 24 * 3600
    assert not cookie["secure"]  # as the session cookie in the tests (plain http); production: Secure
    assert client.session[accounts.DEVICE_SESSION_KEY] == credential.pk
    assert 'data-testid="bind-device"' not in client.get(reverse("mobile:home")).content.decode()  # done


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (ANDROID_CHROME, "Android 手机 · Chrome"),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1",
            "iPhone · Safari",
        ),
        ("Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 Chrome/86 MicroMessenger/8.0.40", "Android 手机 · 微信"),
        ("", "未知设备 · 浏览器"),
    ],
)
def test_the_label_names_the_phone_and_browser(agent, label):
    assert accounts.device_label(agent) == label


def test_staff_cannot_bind(world, login):
    client = login(world.users["office_officer"])
    assert client.post(reverse("mobile:device_bind")).status_code == 403
    with pytest.raises(accounts.ServiceError):
        accounts.device_enrol(user=world.users["office_officer"], user_agent=ANDROID_CHROME)
    assert not DeviceCredential.objects.exists()


def test_a_discharged_person_cannot_bind(world, login):
    enrol(world)
    Supervisee.objects.filter(pk=world.people["A"].pk).update(status=Status.DISCHARGED)
    client = login(world.users["supervisee"])
    assert 'data-testid="bind-device"' not in client.get(reverse("mobile:home")).content.decode()
    response = client.post(reverse("mobile:device_bind"), follow=True)
    assert "社区矫正已结束" in response.content.decode() and not DeviceCredential.objects.exists()


# ------------------------------------------------------------------------------------------- signing in


def test_the_credential_signs_in_on_the_phone_pages_without_a_password(world, bound):
    credential, value = bound
    phone = phone_with(value)
    response = phone.get(reverse("mobile:home"))
    assert response.status_code == 200 and "今日尚未签到" in response.content.decode()
    assert signed_in_user_id(phone) == str(world.users["supervisee"].pk)
    assert phone.session[accounts.DEVICE_SESSION_KEY] == credential.pk
    world.users["supervisee"].refresh_from_db()
    assert world.users["supervisee"].last_login is not None  # recorded like a password sign-in
    assert 'data-testid="bind-device"' not in response.content.decode()


def test_the_credential_signs_in_on_the_phone_api(world, bound):
    _, value = bound
    phone = phone_with(value)
    assert phone.get(reverse("api:checkin_list")).status_code == 200


def test_the_credential_signs_in_only_on_the_phone_paths(world, bound):
    _, value = bound
    phone = phone_with(value)
    assert phone.get(reverse("accounts:security")).status_code == 302  # an officer's page: not signed in
    assert signed_in_user_id(phone) is None


@pytest.mark.parametrize(
    "spoil",
    [
        lambda value: value.split(".")[0] + "." + "A" * 43,  # a wrong secret
        lambda value: "999999." + value.split(".")[1],  # an unknown credential
        lambda value: "not-a-credential",  # malformed
        lambda value: value + "x",  # malformed
    ],
    ids=["wrong-secret", "unknown", "malformed", "too-long"],
)
def test_a_credential_that_does_not_match_is_refused_and_deleted(world, bound, spoil):
    _, value = bound
    phone = phone_with(spoil(value))
    response = phone.get(reverse("mobile:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert deleted(response) and signed_in_user_id(phone) is None


def test_a_revoked_credential_is_refused_and_deleted(world, bound):
    credential, value = bound
    accounts.device_revoke(user=credential.user, credential_id=credential.pk, actor=None, reason="测试")
    phone = phone_with(value)
    response = phone.get(reverse("mobile:home"))
    assert response.status_code == 302 and deleted(response)
    assert phone.get(reverse("api:checkin_list")).status_code == 401


def test_an_expired_credential_is_refused(world, bound):
    _, value = bound
    with time_machine.travel(timezone.now() + timedelta(days=181)):
        response = phone_with(value).get(reverse("mobile:home"))
    assert response.status_code == 302 and deleted(response)


def test_a_staff_credential_signs_nobody_in(world):
    secret = "B" * 43
    credential = DeviceCredential.objects.create(
        user=world.users["office_officer"], label="x", secret_hash=hashlib.sha256(secret.encode()).hexdigest()
    )
    response = phone_with(f"{credential.pk}.{secret}").get(reverse("mobile:home"))
    assert response.status_code == 302 and deleted(response)


@pytest.mark.parametrize("status", [Status.DISCHARGED, Status.TERMINATED])
def test_the_end_of_the_correction_ends_the_credential(world, bound, status):
    _, value = bound
    Supervisee.objects.filter(pk=world.people["A"].pk).update(status=status)
    response = phone_with(value).get(reverse("mobile:home"))
    assert response.status_code == 302 and deleted(response)


def test_a_deactivated_account_ends_the_credential(world, bound):
    _, value = bound
    type(world.users["supervisee"]).objects.filter(pk=world.users["supervisee"].pk).update(is_active=False)
    response = phone_with(value).get(reverse("mobile:home"))
    assert response.status_code == 302 and deleted(response)


def test_a_session_from_a_credential_ends_when_the_office_revokes_it(world, bound):
    credential, value = bound
    phone = phone_with(value)
    assert phone.get(reverse("mobile:home")).status_code == 200
    checkins.app_device_revoke(
        actor=world.users["office_officer"], supervisee=world.people["A"], device_id=credential.pk, reason="手机丢失"
    )
    response = phone.get(reverse("mobile:checkin"))
    assert response.status_code == 302 and deleted(response) and signed_in_user_id(phone) is None


def test_a_device_session_past_its_two_hours_is_signed_in_again_quietly(world, bound):
    _, value = bound
    phone = phone_with(value)
    phone.get(reverse("mobile:home"))
    later = timezone.now() + timedelta(hours=2, minutes=5)
    with time_machine.travel(later):
        phone.get(reverse("mobile:travel"))  # within the idle timeout: 30 minutes
    with time_machine.travel(later + timedelta(minutes=20)):
        response = phone.get(reverse("mobile:home"))
    assert response.status_code == 200 and "请重新登录" not in response.content.decode()


def test_last_used_is_written_at_most_once_an_hour(world, bound):
    credential, value = bound
    phone = phone_with(value)
    start = timezone.now()

    def writes_on_home() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert phone.get(reverse("mobile:home")).status_code == 200
        return sum('UPDATE "accounts_devicecredential"' in q["sql"] for q in queries.captured_queries)

    with time_machine.travel(start):
        assert writes_on_home() == 1  # signed in by the credential: its first use
    for minutes in (1, 20, 59):
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert writes_on_home() == 0
    with time_machine.travel(start + timedelta(minutes=61)):
        assert writes_on_home() == 1
    credential.refresh_from_db()
    assert credential.last_used_at >= start + timedelta(minutes=61)


# --------------------------------------------------------------------------------------------------- ending


def test_the_person_unbinds_a_phone_on_the_account_page(world, bound, client):
    credential, value = bound
    page = client.get(reverse("mobile:account")).content.decode()
    assert "Android 手机 · Chrome" in page and "本手机" in page
    response = client.post(reverse("mobile:device_unbind", args=[credential.pk]))
    assert deleted(response)
    credential.refresh_from_db()
    assert credential.revoked_by == world.users["supervisee"] and credential.revoke_reason == "本人解除绑定"
    assert client.get(reverse("mobile:home")).status_code == 200  # this session goes on until it ends as usual
    assert phone_with(value).get(reverse("mobile:home")).status_code == 302


def test_nobody_unbinds_anothers_phone(world, bound, login):
    credential, _ = bound
    officer = login(world.users["office_officer"])
    assert officer.post(reverse("mobile:device_unbind", args=[credential.pk])).status_code == 403
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_signing_out_on_the_phone_unbinds_it(world, bound):
    credential, value = bound
    phone = phone_with(value)
    phone.get(reverse("mobile:home"))
    response = phone.post(reverse("accounts:logout"))
    assert deleted(response)
    credential.refresh_from_db()
    assert credential.revoke_reason == "本人退出登录"
    assert phone_with(value).get(reverse("mobile:home")).status_code == 302


def test_signing_out_in_the_session_that_bound_the_phone_unbinds_it(world, bound, client):
    credential, _ = bound
    client.post(reverse("accounts:logout"))
    credential.refresh_from_db()
    assert credential.revoked_at is not None


def test_a_password_change_on_the_phone_unbinds_every_phone(world, bound, client):
    credential, value = bound
    other, _ = accounts.device_enrol(user=world.users["supervisee"], user_agent="iPhone")
    data = {"old_password": world.app_password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    response = client.post(reverse("mobile:password_change"), data)
    assert response.status_code == 302 and deleted(response)
    assert not DeviceCredential.objects.filter(revoked_at__isnull=True).exists()
    assert set(DeviceCredential.objects.values_list("revoke_reason", flat=True)) == {"本人修改密码"}
    assert client.get(reverse("mobile:home")).status_code == 200  # still signed in, and offered binding again
    assert 'data-testid="bind-device"' in client.get(reverse("mobile:home")).content.decode()
    assert phone_with(value).get(reverse("mobile:home")).status_code == 302
    assert other.pk != credential.pk


def test_a_password_reset_by_the_office_unbinds_every_phone(world, bound):
    credential, value = bound
    checkins.app_password_reset(actor=world.users["office_officer"], supervisee=world.people["A"])
    credential.refresh_from_db()
    assert credential.revoked_by == world.users["office_officer"] and credential.revoke_reason == "司法所重置密码"
    assert phone_with(value).get(reverse("mobile:home")).status_code == 302


# ------------------------------------------------------------------------------------------------ the office


def test_the_office_sees_the_phones_and_revokes_one_with_a_reason(world, bound, login):
    credential, value = bound
    pk = world.people["A"].pk
    officer = login(world.users["office_officer"])
    page = officer.get(reverse("supervision:checkins", args=[pk])).content.decode()
    assert 'data-testid="devices"' in page and "Android 手机 · Chrome" in page and "有效" in page
    url = reverse("supervision:checkin_device_revoke", args=[pk, credential.pk])
    refused = officer.post(url, {"reason": "  "}, follow=True).content.decode()
    assert "请填写解除原因" in refused
    credential.refresh_from_db()
    assert credential.revoked_at is None
    done = officer.post(url, {"reason": "手机丢失"}, follow=True).content.decode()
    assert "已解除" in done and "手机丢失" in done
    credential.refresh_from_db()
    assert credential.revoked_by == world.users["office_officer"] and credential.revoke_reason == "手机丢失"
    assert phone_with(value).get(reverse("mobile:home")).status_code == 302


def test_an_officer_of_another_office_cannot_revoke(world, bound, login):
    credential, _ = bound
    officer = login(world.users["other_office_officer"])
    url = reverse("supervision:checkin_device_revoke", args=[world.people["A"].pk, credential.pk])
    assert officer.post(url, {"reason": "手机丢失"}).status_code == 404
    credential.refresh_from_db()
    assert credential.revoked_at is None


def test_a_device_of_another_person_cannot_be_revoked_through_this_one(world, bound, login):
    credential, _ = bound
    officer = login(world.users["office_officer"])
    other = Supervisee.objects.filter(judicial_office=world.people["A"].judicial_office).exclude(
        pk=world.people["A"].pk
    )
    other = other.filter(status=Status.UNDER_CORRECTION).first()
    if other is None:
        pytest.skip("the world has one person under correction in this office")
    url = reverse("supervision:checkin_device_revoke", args=[other.pk, credential.pk])
    officer.post(url, {"reason": "手机丢失"})
    credential.refresh_from_db()
    assert credential.revoked_at is None
