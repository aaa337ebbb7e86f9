from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "sqjz.assessment"
    verbose_name = "考核奖惩"
