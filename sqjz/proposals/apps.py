from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "sqjz.proposals"
    verbose_name = "提请建议"
