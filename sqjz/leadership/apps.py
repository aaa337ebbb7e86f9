from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "sqjz.leadership"
    label = "leadership"
    verbose_name = "领导小组和联席会议"
