from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "soteria.api"
    label = "api"
