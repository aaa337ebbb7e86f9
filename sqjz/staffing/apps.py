from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "sqjz.staffing"
    label = "staffing"
    verbose_name = "队伍建设"
