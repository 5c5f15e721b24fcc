"""Mappings between local codes and DHIS2 identifiers, kept per organisation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MappingKind(models.TextChoices):
    INDICATOR = "indicator", _("indicator → data element")
    UNIT = "unit", _("org unit → DHIS2 org unit")


class IdScheme(models.TextChoices):
    CODE = "CODE", _("DHIS2 code")
    UID = "UID", _("DHIS2 UID")


class Dhis2Mapping(models.Model):
    """One local indicator or org-unit code and the DHIS2 id it stands for."""

    owner = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="dhis2_mappings",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MappingKind.choices)
    local_code = models.CharField(_("local code"), max_length=100)
    remote_id = models.CharField(_("DHIS2 id"), max_length=100)
    id_scheme = models.CharField(
        _("id scheme"), max_length=4, choices=IdScheme.choices, default=IdScheme.UID
    )

    class Meta:
        ordering = ["owner", "kind", "local_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "kind", "local_code"], name="dhis2_mapping_local_unique"
            ),
            models.UniqueConstraint(
                fields=["owner", "kind", "remote_id"], name="dhis2_mapping_remote_unique"
            ),
        ]
        verbose_name = _("DHIS2 mapping")
        verbose_name_plural = _("DHIS2 mappings")

    def __str__(self) -> str:
        return f"{self.kind} {self.local_code} → {self.remote_id} ({self.id_scheme})"
