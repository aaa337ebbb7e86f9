from django.apps import AppConfig


class DischargeConfig(AppConfig):
    name = "sqjz.discharge"
    verbose_name = "解除终止"
