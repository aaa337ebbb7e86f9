from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class InboxConfig(AppConfig):
    name = "sqjz.inbox"
    verbose_name = "待办事项"

    def ready(self) -> None:
        # Each area registers its duties in its own `duties.py` (see inbox.registry).
        autodiscover_modules("duties")
        # Each area registers the work its daily job does in its own `daily.py` (see inbox.daily).
        autodiscover_modules("daily")
