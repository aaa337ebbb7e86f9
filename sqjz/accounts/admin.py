"""Staff accounts, kept by the security administrator (decision 0012). Supervisees' phone accounts are opened, reset
and unlocked by their judicial office (supervision.checkins): the admin site neither lists, shows nor creates them,
so that no administrative role reads a supervisee's name there."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.contrib.auth.models import Group

from sqjz.accounts.models import ROLE_UNIT_KINDS, Role, User
from sqjz.accounts.permissions import Capability
from sqjz.accounts.services import user_apply_role_flags, user_unlock
from sqjz.core.forms import LengthCapMixin, PleaseChooseAdminMixin
from sqjz.core.validators import validate_person_name

# Roles are the system's own (accounts.permissions); Django's groups and permissions are not used.
admin.site.unregister(Group)
STAFF_ROLES = [(value, label) for value, label in Role.choices if value != Role.SUPERVISEE]


class RoleUnitFormMixin(LengthCapMixin):
    """A role belongs to units of certain kinds (an office officer to a judicial office, ...); the name is a
    person's name (core.validators)."""

    def clean_full_name(self) -> str:
        validate_person_name(self.cleaned_data["full_name"])
        return self.cleaned_data["full_name"]

    def clean(self):
        data = super().clean()
        role, unit = data.get("role"), data.get("unit")
        if not role:  # missing or not a role: the role field already says so
            return data
        kinds = ROLE_UNIT_KINDS.get(role, ())
        if kinds and unit is None:
            self.add_error("unit", "该角色须选择所在单位。")
        elif kinds and unit.kind not in kinds:
            self.add_error("unit", f"“{Role(role).label}”不能属于{unit.get_kind_display()}，请选择正确的单位。")
        elif not kinds and unit is not None:
            self.add_error("unit", f"“{Role(role).label}”不隶属于具体单位，请留空。")
        return data


class StaffRoleMixin:
    """Only staff roles are offered: a supervisee's account belongs to the judicial office's "开通手机签到"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        role = self.fields.get("role")  # absent when the security administrator edits their own account
        if role is not None:
            role.choices = [choice for choice in role.choices if choice[0] == ""] + STAFF_ROLES


class UserCreateForm(StaffRoleMixin, RoleUnitFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "role", "unit")


class UserEditForm(StaffRoleMixin, RoleUnitFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        exclude = ("supervisee", "totp_secret", "groups", "user_permissions", "is_staff", "is_superuser")


@admin.register(User)
class UserAdmin(PleaseChooseAdminMixin, BaseUserAdmin):
    capability = Capability.ACCOUNTS_MANAGE
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ["username", "full_name", "role", "unit", "is_active", "locked_until", "last_login"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["username", "full_name", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    ordering = ["username"]
    actions = ["unlock"]
    readonly_fields = ["last_login", "date_joined", "failed_logins", "totp_enabled_at"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("身份与单位", {"fields": ("full_name", "role", "unit", "email")}),
        (
            "状态",
            {"fields": ("is_active", "failed_logins", "locked_until", "totp_enabled_at", "last_login", "date_joined")},
        ),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "full_name", "role", "unit", "password1", "password2"),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(role=Role.SUPERVISEE).filter(supervisee__isnull=True)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:  # no one gives themself another role, or unlocks themself
            fields += ["role", "unit", "is_active", "locked_until"]
        return fields

    def has_delete_permission(self, request, obj=None) -> bool:
        # Records name the staff who made them (and a deletion's confirmation page would list those records): an
        # account that is no longer used is made inactive instead.
        return False

    def save_model(self, request, obj, form, change):
        user_apply_role_flags(obj)
        super().save_model(request, obj, form, change)

    @admin.action(description="解除所选账户的登录锁定")
    def unlock(self, request, queryset):
        for user in queryset:
            user_unlock(user, actor=request.user)
        self.message_user(request, f"已解除 {queryset.count()} 个账户的锁定。", messages.SUCCESS)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "totp_secret":
            return None
        return super().formfield_for_dbfield(db_field, request, **kwargs)
