"""What a user keeps on their own dashboard."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Pin(models.Model):
    """An indicator a user pinned to a unit's dashboard (shown first there)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="indicator_pins"
    )
    definition = models.ForeignKey(
        "indicators.IndicatorDefinition", on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("pinned indicator")
        verbose_name_plural = _("pinned indicators")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "definition", "unit"], name="pin_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.definition_id} at {self.unit_id}"


class DataGeneration(models.Model):
    """One row: a token that changes whenever anything a scorecard page shows changes.

    Every cache key of the scorecard pages contains the token (``scorecards.freshness``), so
    a change anywhere — a computation run, a hand-entered value, a target, a strategy edit,
    a period lock, the org-unit tree, a membership, a pin — makes every cached page of every
    server process unreachable at once, without any process having to be told.
    """

    token = models.CharField(max_length=32)
    """Random, new at every change (never reused, even when a transaction is rolled back)."""
    changes = models.BigIntegerField(default=0)
    """How many changes so far (for people; the token is what the keys use)."""
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("scorecard data generation")
        verbose_name_plural = _("scorecard data generations")

    def __str__(self) -> str:
        return f"{self.changes}: {self.token}"
