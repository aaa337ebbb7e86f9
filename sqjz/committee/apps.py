from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CommitteeConfig(AppConfig):
    name = "sqjz.committee"
    verbose_name = "社区矫正审核委员会"

    def ready(self) -> None:
        # Each area registers the kinds of matter it submits in its own `committee_kinds.py` (see registry).
        autodiscover_modules("committee_kinds")
