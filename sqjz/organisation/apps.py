from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "sqjz.organisation"
    verbose_name = "组织机构"
