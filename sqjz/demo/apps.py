from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sqjz.demo"
    verbose_name = "演示数据"
