from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "soteria.reviews"
    verbose_name = _("Review reports")
    default_auto_field = "django.db.models.BigAutoField"
