from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "soteria.core"
    label = "core"
