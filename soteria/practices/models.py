"""The good-practice case library: what a unit did that worked, and who adopted it.

A :class:`PracticeCase` belongs to the unit where the practice was developed (its *owner
unit*); while a draft or withdrawn it is read only there (and above), once published it is
shared with every signed-in user who holds a role anywhere. A :class:`PracticeAdoption`
belongs to the unit that takes the practice up, and may name an indicator whose stored
monthly values before and after the start show the measured effect (``effect.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AdoptionStatus(models.TextChoices):
    CONSIDERING = "considering", _("Considering")
    IN_PROGRESS = "in_progress", _("In progress")
    ADOPTED = "adopted", _("Adopted")
    ABANDONED = "abandoned", _("Abandoned")


TEXT_FIELDS = ("title", "summary", "problem", "practice", "results", "contact")
"""A case's plain-text fields (rendered escaped, with line breaks)."""

MAX_TEXT = 10_000
"""Longest problem, practice or results text (characters)."""


class PracticeCase(models.Model):
    owner = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("developed at"),
        on_delete=models.PROTECT,
        related_name="practice_cases",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=1000)
    problem = models.TextField(_("the problem"), max_length=MAX_TEXT, blank=True)
    practice = models.TextField(_("what was done"), max_length=MAX_TEXT, blank=True)
    results = models.TextField(_("results"), max_length=MAX_TEXT, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language the case is written in."),
    )
    themes = models.JSONField(_("themes"), default=list, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"])]
        verbose_name = _("good-practice case")
        verbose_name_plural = _("good-practice cases")

    def __str__(self) -> str:
        return self.title

    def governing_unit(self) -> object:
        return self.owner

    @property
    def published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED


class PracticeAdoption(models.Model):
    case = models.ForeignKey(
        PracticeCase, verbose_name=_("case"), on_delete=models.CASCADE, related_name="adoptions"
    )
    unit = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("adopting unit"),
        on_delete=models.PROTECT,
        related_name="practice_adoptions",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AdoptionStatus.choices,
        default=AdoptionStatus.CONSIDERING,
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=4000, blank=True)
    indicator = models.ForeignKey(
        "indicators.IndicatorDefinition",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An indicator of the adopting unit expected to change."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["case", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["case", "unit"], name="practices_adoption_once")
        ]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.case.title} @ {self.unit.code}"

    def governing_unit(self) -> object:
        return self.unit
