"""Update rounds: the quality office asks every owner in a subtree for the period's updates.

An :class:`UpdateRound` names a unit (its subtree takes part), a period and a due date.
What each owner must do in it is *computed* (see :mod:`soteria.rounds.services`): the
hand-entered indicator values of the period, and a status-and-commentary update
(:class:`InitiativeUpdate`) for each initiative of a current approved strategy version.
Closing a round locks its period for its subtree through the period locks of
:mod:`soteria.indicators.manual`; the lock it took is kept on the round, so reopening
removes exactly that lock.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from soteria.indicators import periods
from soteria.indicators.models import PeriodLock
from soteria.organisations.models import OrgUnit
from soteria.strategy.models import Initiative, InitiativeStatus

COMMENTARY_MAX = 4000


class UpdateRound(models.Model):
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit and every unit below it take part."),
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)  # the first day after the period
    due = models.DateField(_("due date"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    lock = models.ForeignKey(
        PeriodLock,
        verbose_name=_("period lock"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text=_("The lock closing the round took; reopening removes it."),
    )

    class Meta:
        ordering = ["-period_start", "unit__path", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"],
                condition=models.Q(closed_at__isnull=True),
                name="round_one_open_per_unit_period",
            )
        ]
        indexes = [models.Index(fields=["closed_at", "due"])]
        verbose_name = _("update round")
        verbose_name_plural = _("update rounds")

    def __str__(self) -> str:
        return f"{self.period} · {self.unit.display_name}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def period_obj(self) -> periods.Period:
        return periods.parse(self.period)

    def is_overdue(self, today: Any = None) -> bool:
        """Open and past its due date."""
        return self.is_open and (today or timezone.localdate()) > self.due

    def governing_unit(self) -> OrgUnit:
        return self.unit


class InitiativeUpdate(models.Model):
    """An owner's status and commentary for an initiative in one round (one per round)."""

    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="round_updates",
    )
    round = models.ForeignKey(
        UpdateRound,
        verbose_name=_("update round"),
        on_delete=models.CASCADE,
        related_name="initiative_updates",
    )
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices)
    commentary = models.TextField(_("commentary"), max_length=COMMENTARY_MAX)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering = ["round", "initiative__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "round"], name="initiative_update_once_per_round"
            )
        ]
        verbose_name = _("initiative update")
        verbose_name_plural = _("initiative updates")

    def __str__(self) -> str:
        return f"{self.initiative.code} · {self.round.period}"

    def governing_unit(self) -> OrgUnit:
        return self.initiative.owner_unit
