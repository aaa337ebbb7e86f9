from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "sqjz.inbox"
    verbose_name = "待办事项"
