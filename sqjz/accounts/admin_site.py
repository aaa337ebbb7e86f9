"""The admin site of the administrative roles (decision 0012). The site lets in the roles with ADMIN_SITE; each model
there belongs to one capability (its ModelAdmin's `capability`, SYSTEM_CONFIGURE when it names none, as the
background jobs' admin of django-tasks does), and a role without that capability neither sees nor changes it.
`view_capabilities` lets other roles look without changing (the security administrator chooses a unit for an
account from the organisation tree the system administrator keeps)."""

from django.contrib import admin

from sqjz.accounts.permissions import Capability, has_capability


class CapabilityAdminMixin:
    """Put before the model admin's own class (SqjzAdminSite.register does), which may set `capability` and
    `view_capabilities`."""

    def _capable(self, request) -> bool:
        return has_capability(request.user, getattr(self, "capability", Capability.SYSTEM_CONFIGURE))

    def _may_view(self, request) -> bool:
        return any(has_capability(request.user, c) for c in getattr(self, "view_capabilities", ()))

    def has_module_permission(self, request) -> bool:
        return (self._capable(request) or self._may_view(request)) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return (self._capable(request) or self._may_view(request)) and super().has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return self._capable(request) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._capable(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._capable(request) and super().has_delete_permission(request, obj)


class SqjzAdminSite(admin.AdminSite):
    site_header = "玉溪市社区矫正信息管理系统 · 后台管理"
    site_title = "后台管理"
    index_title = "系统管理"

    def has_permission(self, request) -> bool:
        return has_capability(request.user, Capability.ADMIN_SITE)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, the project's and the packages', is checked by capability."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CapabilityAdminMixin):
            admin_class = type(admin_class.__name__, (CapabilityAdminMixin, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)
