"""Review reports: a unit's half-year or annual review, written in the app and signed.

A :class:`ReviewReport` is one version of the review of one unit for one period. Its
figures come live from the indicator values, targets and strategies while it is a draft
or under review; **signing freezes it**: the figures are stored with it as a snapshot (a
JSON document, see :mod:`soteria.reviews.snapshot`) together with the PDF rendered from
that snapshot, and nothing computed later changes them. A new version can be drafted from
a signed one (its narrative is copied, its figures are live again).

The narrative sections are rich text written by the unit, sanitised on save
(:mod:`soteria.reviews.richtext`).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from soteria.organisations.models import OrgUnit

NARRATIVE_MAX = 50_000
"""Characters of sanitised HTML per narrative section."""

NARRATIVE_FIELDS = ("introduction", "achievements", "difficulties", "directions")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    SIGNED = "signed", _("Signed")


def default_k() -> int:
    return int(getattr(settings, "SOTERIA_SUPPRESSION_K", 5))


class ReviewReport(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(
        _("period"),
        max_length=7,
        help_text=_("The period reviewed: a year (2026), a half-year (2026S1) or a quarter."),
    )
    version = models.PositiveIntegerField(_("version"), editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    for_publication = models.BooleanField(
        _("for publication"),
        default=False,
        help_text=_(
            "Small numbers are suppressed: counts below the threshold, and rates built on "
            "them, are shown as “<k”."
        ),
    )
    suppression_k = models.PositiveSmallIntegerField(
        _("suppression threshold"),
        default=default_k,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
    )
    introduction = models.TextField(_("introduction"), blank=True, max_length=NARRATIVE_MAX)
    achievements = models.TextField(_("achievements"), blank=True, max_length=NARRATIVE_MAX)
    difficulties = models.TextField(_("difficulties"), blank=True, max_length=NARRATIVE_MAX)
    directions = models.TextField(
        _("directions for the next period"), blank=True, max_length=NARRATIVE_MAX
    )
    review_note = models.TextField(
        _("reviewer's note"),
        blank=True,
        max_length=4000,
        help_text=_("Why the report went back to draft."),
    )
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    """The figures, frozen at signing (None before)."""
    signed_pdf = models.BinaryField(null=True, blank=True, editable=False)
    signed_pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("review report")
        verbose_name_plural = _("review reports")
        ordering = ["unit__path", "-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "version"], name="review_report_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period} v{self.version}"

    def governing_unit(self) -> OrgUnit:
        return self.unit

    @property
    def signed(self) -> bool:
        return self.status == ReportStatus.SIGNED

    @property
    def editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class BulkStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BulkReportRun(models.Model):
    """Draft reports (and their PDFs, in one zip file) for every unit below a unit, made
    in the task queue."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=7)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    for_publication = models.BooleanField(_("for publication"), default=False)
    depth = models.PositiveSmallIntegerField(
        _("levels below"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("1: the units directly below; 2: and theirs; and so on."),
    )
    status = models.CharField(max_length=10, choices=BulkStatus.choices, default=BulkStatus.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    archive = models.CharField(max_length=300, blank=True, editable=False)
    """File name of the zip of PDFs under ``REVIEW_DIR``."""
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"{self.unit.code} {self.period} ({self.get_status_display()})"

    def governing_unit(self) -> OrgUnit:
        return self.unit

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
