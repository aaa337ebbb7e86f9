from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sqjz.core"
    verbose_name = "公共"
