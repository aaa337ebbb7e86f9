from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "sqjz.proposals"
    verbose_name = "提请建议"

    def ready(self) -> None:
        from sqjz.enforcement.registry import register_police_penalties
        from sqjz.proposals.selectors import police_penalties

        register_police_penalties(lambda supervisee_id: police_penalties(supervisee_id)[1])
