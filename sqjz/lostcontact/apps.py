from django.apps import AppConfig


class LostContactConfig(AppConfig):
    name = "sqjz.lostcontact"
    label = "lostcontact"
    verbose_name = "失联查找"
