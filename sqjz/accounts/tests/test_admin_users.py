"""Creating accounts: each role belongs to units of the right kind (or to none), only the roles that use the admin
site get Django's admin flags, and the admin site makes no supervisee's account (the judicial office does)."""

import pytest
from django.urls import reverse

from sqjz.accounts.admin import UserCreateForm, UserEditForm
from sqjz.accounts.models import Role, User
from sqjz.accounts.services import user_create
from sqjz.accounts.tests.helpers import text

NEW_PASSWORD = "Yuxi#Corr2026x"


def create_form(world, role, unit_key=None, **extra):
    data = {
        "username": "new_user",
        "full_name": "新用户",
        "role": role,
        "unit": world.units[unit_key].pk if unit_key else "",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **extra,
    }
    return UserCreateForm(data=data)


def test_office_officer_of_a_judicial_office_is_accepted(world):
    form = create_form(world, Role.OFFICE_OFFICER, "yuxing")
    assert form.is_valid(), form.errors
    user = form.save()
    assert user.unit == world.units["yuxing"]
    assert user.check_password(NEW_PASSWORD)


def test_office_officer_of_a_court_is_refused(world):
    form = create_form(world, Role.OFFICE_OFFICER, "hongta_court")
    assert not form.is_valid()
    assert form.errors["unit"] == ["“司法所工作人员”不能属于人民法院，请选择正确的单位。"]


def test_office_officer_without_a_unit_is_refused(world):
    form = create_form(world, Role.OFFICE_OFFICER)
    assert not form.is_valid()
    assert form.errors["unit"] == ["该角色须选择所在单位。"]


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.ADMIN, Role.SECURITY_ADMIN])
def test_roles_without_a_unit_must_leave_it_empty(world, role):
    form = create_form(world, role, "yuxing")
    assert not form.is_valid()
    assert form.errors["unit"] == [f"“{role.label}”不隶属于具体单位，请留空。"]


def test_auditor_without_a_unit_is_accepted(world):
    assert create_form(world, Role.AUDITOR).is_valid()


def test_the_admin_forms_offer_no_supervisee_account(world):
    """A supervisee's phone account is opened by the judicial office ("开通手机签到"), never in the admin site."""
    form = create_form(world, Role.SUPERVISEE, supervisee=world.people["B"].pk)
    assert not form.is_valid()
    assert "role" in form.errors
    assert "supervisee" not in form.fields
    assert Role.SUPERVISEE not in dict(form.fields["role"].choices)
    assert "supervisee" not in UserEditForm(instance=world.users["judge"]).fields


@pytest.mark.parametrize(
    ("role", "unit_key"),
    [
        (Role.POLICE, "yuxing_station"),
        (Role.POLICE, "hongta_police"),
        (Role.COUNTY_HEAD, "hongta_agency"),
        (Role.EVALUATOR, "hehua_committee"),
        (Role.MENTOR, "hongta_court"),
    ],
)
def test_roles_with_their_kind_of_unit_are_accepted(world, role, unit_key):
    assert create_form(world, role, unit_key).is_valid()


@pytest.mark.parametrize(
    ("role", "unit_key"),
    [(Role.JUDGE, "yuxing"), (Role.CITY_OFFICER, "hongta_agency"), (Role.EVALUATOR, "yuxing")],
)
def test_roles_with_another_kind_of_unit_are_refused(world, role, unit_key):
    form = create_form(world, role, unit_key)
    assert not form.is_valid()
    assert "不能属于" in form.errors["unit"][0]


def test_missing_role_is_reported_on_the_role_field_not_a_crash(world):
    form = create_form(world, "", "yuxing")
    assert not form.is_valid()
    assert "role" in form.errors
    assert "unit" not in form.errors


def test_edit_form_checks_role_and_unit_too(world):
    user = world.users["office_officer"]
    form = UserEditForm(
        instance=user,
        data={
            "username": user.username,
            "full_name": user.full_name,
            "role": Role.OFFICE_OFFICER,
            "unit": world.units["hongta_court"].pk,
            "date_joined": "2026-01-05 08:00:00",
            "failed_logins": 0,
            "totp_last_step": 0,
        },
    )
    assert not form.is_valid()
    assert "不能属于" in form.errors["unit"][0]


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.ADMIN, Role.SECURITY_ADMIN)])
def test_user_create_gives_no_admin_flags_to_other_roles(world, role):
    user = user_create(username=f"u_{role}", full_name="新用户", role=role, password=NEW_PASSWORD)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (False, False)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.SECURITY_ADMIN])
def test_user_create_gives_the_admin_site_roles_the_admin_flags(db, role):
    user = user_create(username="new_admin", full_name="新管理员", role=role, password=NEW_PASSWORD)
    user.refresh_from_db()
    assert (user.is_staff, user.is_superuser) == (True, True)
    assert user.check_password(NEW_PASSWORD)


def test_admin_site_creates_an_account_with_flags_from_the_role(client, login, world):
    login(world.users["security_admin"])
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "new_officer",
            "full_name": "新司法所干部",
            "role": Role.OFFICE_OFFICER,
            "unit": world.units["yuxing"].pk,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "_save": "保存",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="new_officer")
    assert (user.role, user.unit, user.is_staff, user.is_superuser) == (
        Role.OFFICE_OFFICER,
        world.units["yuxing"],
        False,
        False,
    )


def test_admin_site_shows_the_unit_error_in_chinese(client, login, world):
    login(world.users["security_admin"])
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "new_officer",
            "full_name": "新司法所干部",
            "role": Role.OFFICE_OFFICER,
            "unit": world.units["hongta_court"].pk,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "“司法所工作人员”不能属于人民法院，请选择正确的单位。" in text(response)
    assert not User.objects.filter(username="new_officer").exists()


def test_the_security_administrator_cannot_change_their_own_role(client, login, world):
    """Separation of duties holds only if the keeper of the accounts cannot make themself the system administrator."""
    me = world.users["security_admin"]
    login(me)
    url = reverse("admin:accounts_user_change", args=[me.pk])
    response = client.post(
        url,
        {
            "username": me.username,
            "full_name": me.full_name,
            "role": Role.ADMIN,
            "unit": "",
            "email": "",
            "is_active": "on",
            "date_joined_0": "2026-01-05",
            "date_joined_1": "08:00:00",
            "_save": "保存",
        },
    )
    assert response.status_code in (200, 302)
    me.refresh_from_db()
    assert me.role == Role.SECURITY_ADMIN
    assert 'name="role"' not in text(client.get(url))
