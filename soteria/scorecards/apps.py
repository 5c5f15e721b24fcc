from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    name = "soteria.scorecards"
    verbose_name = _("Scorecards")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from soteria.indicators.models import IndicatorValue, values_stored
        from soteria.scorecards import freshness, row_facts

        freshness.connect()
        post_save.connect(
            row_facts.on_value_saved, sender=IndicatorValue, dispatch_uid="scorecards-row-facts"
        )
        values_stored.connect(row_facts.on_values_stored, dispatch_uid="scorecards-row-facts")
