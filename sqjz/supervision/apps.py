from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "sqjz.supervision"
    verbose_name = "监督管理"
