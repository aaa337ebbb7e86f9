from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sqjz.documents"
    verbose_name = "文书"
