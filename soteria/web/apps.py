from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "soteria.web"
    label = "web"
