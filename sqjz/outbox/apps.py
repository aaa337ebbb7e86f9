from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "sqjz.outbox"
    label = "outbox"
    verbose_name = "对外推送"
