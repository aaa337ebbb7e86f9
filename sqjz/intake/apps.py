from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "sqjz.intake"
    verbose_name = "交付接收与入矫"
