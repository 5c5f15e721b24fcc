from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExperienceConfig(AppConfig):
    name = "soteria.experience"
    verbose_name = _("Patient experience")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from soteria.experience.comment_jobs import on_comments_stored
        from soteria.experience.submission import comments_stored

        comments_stored.connect(on_comments_stored, dispatch_uid="experience-comment-analysis")
