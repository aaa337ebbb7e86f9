from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "sqjz.exchange"
    label = "exchange"
    verbose_name = "政法机关信息交换"
