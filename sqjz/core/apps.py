from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sqjz.core"
    verbose_name = "公共"

    def ready(self) -> None:
        from sqjz.core import logfilters

        logfilters.install()
