from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class FiguresConfig(AppConfig):
    name = "sqjz.figures"
    verbose_name = "统计数字"

    def ready(self) -> None:
        # Each area registers the figures it keeps per office in its own `figures.py` (see figures.registry).
        autodiscover_modules("figures")
