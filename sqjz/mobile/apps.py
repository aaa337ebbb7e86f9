from django.apps import AppConfig


class MobileConfig(AppConfig):
    name = "sqjz.mobile"
    verbose_name = "矫正对象手机端"
