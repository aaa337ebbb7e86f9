from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "sqjz.appraisal"
    label = "appraisal"
    verbose_name = "考核评价"
