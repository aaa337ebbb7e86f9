from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "sqjz.learning"
    label = "learning"
    verbose_name = "网上学习"
