from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "soteria.demo"
    label = "demo"
