from django import forms
from django.contrib import admin
from django.utils import timezone

from sqjz.accounts.permissions import Capability
from sqjz.core.forms import LengthCapMixin, PleaseChooseAdminMixin
from sqjz.rulebook.models import HolidayDate, ParameterVersion
from sqjz.statute.parameters import LAW_IN_FORCE, PARAMETERS, PARAMETERS_BY_CODE
from sqjz.statute.text import cn_date


@admin.register(HolidayDate)
class HolidayDateAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    capability = Capability.SYSTEM_CONFIGURE
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"


class ParameterVersionForm(LengthCapMixin, forms.ModelForm):
    code = forms.ChoiceField(
        label="参数", choices=[(p.code, f"{p.label}（{p.code}）") for p in PARAMETERS if p.editable]
    )

    class Meta:
        model = ParameterVersion
        fields = ["code", "value", "effective_from", "source"]

    def clean(self):
        data = super().clean()
        parameter = PARAMETERS_BY_CODE.get(data.get("code"))
        value = data.get("value")
        if parameter and value is not None and type(value) is not type(parameter.default):
            self.add_error("value", f"取值类型应与默认值一致（默认值为 {parameter.default!r}）。")
        elif parameter and isinstance(value, int | float) and value <= 0:
            self.add_error("value", "取值应大于0。")
        if data.get("effective_from") and data["effective_from"] < LAW_IN_FORCE:
            self.add_error("effective_from", f"生效日期不能早于社区矫正法施行日（{cn_date(LAW_IN_FORCE)}）。")
        return data


@admin.register(ParameterVersion)
class ParameterVersionAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    capability = Capability.SYSTEM_CONFIGURE
    form = ParameterVersionForm
    list_display = ["code", "value", "effective_from", "source", "created_by", "created_at"]
    list_filter = ["code"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        obj.created_by = obj.created_by or request.user
        super().save_model(request, obj, form, change)

    def has_change_permission(self, request, obj=None) -> bool:
        # A version already in force may have been used by decisions: supersede it with a new one instead.
        return obj is None or obj.effective_from > timezone.localdate()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # decisions recorded the versions they used; a version is superseded, never removed
