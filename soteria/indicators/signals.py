"""Load the standard indicator set after migrations (idempotent)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def load_standard_set(sender: Any, app_config: Any = None, **kwargs: Any) -> None:
    if app_config is None or app_config.label != "indicators":
        return
    from soteria.indicators.services import standard_set_load

    standard_set_load()
