from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "sqjz.publicity"
    label = "publicity"
    verbose_name = "宣传"
