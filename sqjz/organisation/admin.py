from django.contrib import admin

from sqjz.core.forms import PleaseChooseAdminMixin
from sqjz.organisation.models import Division, Unit


@admin.register(Division)
class DivisionAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Unit)
class UnitAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "division", "county", "parent", "is_active"]
    list_filter = ["kind", "county", "is_active"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division", "county", "parent"]
    list_select_related = ["division", "county", "parent"]
