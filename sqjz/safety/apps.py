from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "sqjz.safety"
    verbose_name = "安全稳定"
