from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "sqjz.assistance"
    label = "assistance"
    verbose_name = "帮扶"
