from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "sqjz.education"
    label = "education"
    verbose_name = "教育学习"
