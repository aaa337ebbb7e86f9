from django.apps import AppConfig


class RulebookConfig(AppConfig):
    name = "sqjz.rulebook"
    verbose_name = "法规规则"
