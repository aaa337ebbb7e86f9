from django.contrib import admin

from sqjz.organisation.models import Division, Unit


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "division", "county", "parent", "is_active"]
    list_filter = ["kind", "county", "is_active"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division", "county", "parent"]
    list_select_related = ["division", "county", "parent"]
