from django.apps import AppConfig


class InvestigationConfig(AppConfig):
    name = "sqjz.investigation"
    verbose_name = "调查评估"
