"""What the warehouse keeps in the main database: import records and unit mappings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from soteria.organisations.models import OrgUnit


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Imported")
    PARTIAL = "partial", _("Imported without rejected records")
    FAILED = "failed", _("Rejected, nothing written")


class ImportRecord(models.Model):
    """One import: who, when, which files, what happened."""

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("imported by"),
    )
    unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="imports",
        verbose_name=_("unit"),
        help_text=_("Records must belong to this unit or units below it."),
    )
    source_system = models.CharField(_("source system"), max_length=100)
    files = models.JSONField(_("files"), default=list)
    allow_partial = models.BooleanField(
        _("import valid records, quarantine the rest"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    progress = models.PositiveBigIntegerField(_("records read so far"), default=0)
    counts = models.JSONField(_("counts"), default=dict)
    errors = models.JSONField(_("errors"), default=list)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    quarantine_file = models.CharField(max_length=500, blank=True)
    replaced_periods = models.JSONField(
        _("periods of replaced records"),
        default=list,
        blank=True,
        help_text=_("Unit and year that records corrected by this import counted in before."),
    )
    duration_seconds = models.FloatField(_("duration (s)"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        names = ", ".join(f["name"] for f in self.files) or "—"
        return f"#{self.pk} {self.source_system}: {names}"

    def governing_unit(self) -> OrgUnit:
        return self.unit


class MappingKind(models.TextChoices):
    ORGANIZATION = "organization", _("FHIR Organization identifier")
    LOCATION = "location", _("FHIR Location identifier")
    CODE = "code", _("Code in CSV exports")


class UnitMapping(models.Model):
    """Which Soteria unit a source system's organisation, location or code stands for.

    Identifiers are written ``system|value`` (as in FHIR search). Identifiers with the
    system ``urn:soteria:org-unit`` need no mapping: their value is the unit's code.
    """

    source_system = models.CharField(_("source system"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=MappingKind.choices)
    identifier = models.CharField(_("identifier or code"), max_length=300)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.CASCADE, related_name="mappings", verbose_name=_("unit")
    )

    class Meta:
        ordering = ["source_system", "kind", "identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "kind", "identifier"], name="one_mapping_per_identifier"
            )
        ]
        verbose_name = _("unit mapping")
        verbose_name_plural = _("unit mappings")

    def __str__(self) -> str:
        return f"{self.source_system} {self.kind} {self.identifier} → {self.unit.code}"

    def governing_unit(self) -> OrgUnit:
        return self.unit
