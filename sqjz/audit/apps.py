from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sqjz.audit"
    verbose_name = "访问审计"
