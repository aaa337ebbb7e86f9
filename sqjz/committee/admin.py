from django.contrib import admin

from sqjz.accounts.permissions import Capability
from sqjz.committee.models import Committee, DeliberationSetting
from sqjz.core.forms import PleaseChooseAdminMixin


@admin.register(DeliberationSetting)
class DeliberationSettingAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    """Which kinds of matter need the review committee's deliberation, and at which level."""

    capability = Capability.SYSTEM_CONFIGURE
    list_display = ["label", "code", "level"]
    list_editable = ["level"]


@admin.register(Committee)
class CommitteeAdmin(PleaseChooseAdminMixin, admin.ModelAdmin):
    """The quorum figure of each committee (committees are set up by the system on first use)."""

    capability = Capability.SYSTEM_CONFIGURE
    list_display = ["unit", "level", "quorum_percent"]
    fields = ["unit", "level", "quorum_percent"]
    readonly_fields = ["unit", "level"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
