from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperienceConfig(AppConfig):
    name = "soteria.experience"
    verbose_name = _("Patient experience")
    default_auto_field = "django.db.models.BigAutoField"
