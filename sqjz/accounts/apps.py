from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sqjz.accounts"
    verbose_name = "账户与权限"
