from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "sqjz.oversight"
    verbose_name = "检察监督"
