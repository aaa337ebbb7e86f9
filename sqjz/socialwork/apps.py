from django.apps import AppConfig


class SocialworkConfig(AppConfig):
    name = "sqjz.socialwork"
    label = "socialwork"
    verbose_name = "社会工作"
