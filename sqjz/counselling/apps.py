from django.apps import AppConfig


class CounsellingConfig(AppConfig):
    name = "sqjz.counselling"
    label = "counselling"
    verbose_name = "心理辅导"
