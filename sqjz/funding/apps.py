from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "sqjz.funding"
    label = "funding"
    verbose_name = "经费保障"
