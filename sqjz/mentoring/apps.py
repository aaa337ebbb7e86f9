from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "sqjz.mentoring"
    label = "mentoring"
    verbose_name = "511帮教"
