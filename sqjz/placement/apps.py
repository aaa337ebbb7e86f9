from django.apps import AppConfig


class PlacementConfig(AppConfig):
    name = "sqjz.placement"
    label = "placement"
    verbose_name = "安置基地和企业帮扶"
