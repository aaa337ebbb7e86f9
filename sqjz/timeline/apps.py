from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class TimelineConfig(AppConfig):
    name = "sqjz.timeline"
    verbose_name = "时间线"

    def ready(self) -> None:
        # Each area contributes the events of its records in its own `events.py` (see timeline.registry).
        autodiscover_modules("events")
