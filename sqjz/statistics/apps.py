from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class StatisticsConfig(AppConfig):
    name = "sqjz.statistics"
    label = "statistics"
    verbose_name = "统计报表"

    def ready(self) -> None:
        # Each area registers its lines of the standard statistics in its own `statistics.py` (statistics.registry).
        autodiscover_modules("statistics")
