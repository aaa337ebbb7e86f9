from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "sqjz.enforcement"
    verbose_name = "考核奖惩"
