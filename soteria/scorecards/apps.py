from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "soteria.scorecards"
    verbose_name = _("Scorecards")

    def ready(self) -> None:
        from soteria.scorecards import freshness

        freshness.connect()
