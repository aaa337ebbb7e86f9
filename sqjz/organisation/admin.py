"""The organisation tree, kept by the system administrator (decision 0012). Divisions and units are never deleted
here: records refer to them (a unit that closes is marked inactive), and the confirmation page of a deletion would
list those records, supervisees' names included, to a role that must see no case data."""

from django.contrib import admin

from sqjz.accounts.permissions import Capability
from sqjz.core.forms import PleaseChooseAdminMixin
from sqjz.organisation.models import Division, Unit


class NeverDeletedMixin:
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Division)
class DivisionAdmin(NeverDeletedMixin, PleaseChooseAdminMixin, admin.ModelAdmin):
    capability = Capability.SYSTEM_CONFIGURE
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Unit)
class UnitAdmin(NeverDeletedMixin, PleaseChooseAdminMixin, admin.ModelAdmin):
    capability = Capability.SYSTEM_CONFIGURE
    # The security administrator chooses an account's unit (the autocomplete asks this admin) but changes nothing.
    view_capabilities = frozenset({Capability.ACCOUNTS_MANAGE})
    list_display = ["name", "kind", "division", "county", "parent", "is_active"]
    list_filter = ["kind", "county", "is_active"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division", "county", "parent"]
    list_select_related = ["division", "county", "parent"]
