"""Account maintenance for administrators. The admin site is open to the administrator role only."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm

from sqjz.accounts.models import ROLE_UNIT_KINDS, Role, User
from sqjz.accounts.permissions import Capability, has_capability
from sqjz.accounts.services import user_apply_role_flags, user_unlock
from sqjz.core.forms import LengthCapMixin, PleaseChooseAdminMixin
from sqjz.core.validators import validate_person_name

admin.site.has_permission = lambda request: has_capability(request.user, Capability.ADMIN_SITE)


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
        if role == Role.SUPERVISEE and not data.get("supervisee"):
            self.add_error("supervisee", "社区矫正对象账户须关联本人矫正档案。")
        return data


class UserCreateForm(RoleUnitFormMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "role", "unit", "supervisee")


class UserEditForm(RoleUnitFormMixin, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(PleaseChooseAdminMixin, BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ["username", "full_name", "role", "unit", "is_active", "locked_until", "last_login"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["username", "full_name", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]
    raw_id_fields = ["supervisee"]
    ordering = ["username"]
    actions = ["unlock"]
    readonly_fields = ["last_login", "date_joined", "failed_logins", "totp_enabled_at"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("身份与单位", {"fields": ("full_name", "role", "unit", "supervisee", "email")}),
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
                "fields": ("username", "full_name", "role", "unit", "supervisee", "password1", "password2"),
            },
        ),
    )

    def save_model(self, request, obj, form, change):
        user_apply_role_flags(obj)
        super().save_model(request, obj, form, change)

    @admin.action(description="解除所选账户的锁定")
    def unlock(self, request, queryset):
        for user in queryset:
            user_unlock(user)
        self.message_user(request, f"已解除 {queryset.count()} 个账户的锁定。", messages.SUCCESS)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "totp_secret":
            return None
        return super().formfield_for_dbfield(db_field, request, **kwargs)
