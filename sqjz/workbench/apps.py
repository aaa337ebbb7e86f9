from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class WorkbenchConfig(AppConfig):
    name = "sqjz.workbench"
    verbose_name = "工作台"

    def ready(self) -> None:
        # Each area adds its entries to the left navigation in its own `menu.py` (see workbench.navigation).
        autodiscover_modules("menu")
