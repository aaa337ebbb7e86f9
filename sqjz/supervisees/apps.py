from django.apps import AppConfig


class SuperviseesConfig(AppConfig):
    name = "sqjz.supervisees"
    verbose_name = "矫正对象"
