from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class AccountsConfig(AppConfig):
    name = "sqjz.accounts"
    verbose_name = "账户与权限"


class SqjzAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the site that checks each model by capability (decision 0012)."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin; AccountsConfig is this app's
    default_site = "sqjz.accounts.admin_site.SqjzAdminSite"
