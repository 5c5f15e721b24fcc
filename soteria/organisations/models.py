"""The org-unit tree and who holds which role where."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from soteria.core.fields import TranslatedField
from soteria.core.i18n import localise

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9._-]*$"
CODE_VALIDATOR = RegexValidator(
    CODE_PATTERN,
    _("Use capital letters, digits, '.', '_' and '-' only, starting with a letter or digit."),
)


@cache
def time_zone_names() -> tuple[str, ...]:
    """IANA time zone names, sorted (``Europe/Warsaw``, ``Asia/Ho_Chi_Minh``, …)."""
    return tuple(sorted(available_timezones()))


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError(
            _("'%(value)s' is not a time zone; use a name such as Europe/Warsaw."),
            params={"value": value},
            code="time_zone",
        )


def path_ids(path: str) -> list[int]:
    """The primary keys in a materialised path (``/1/7/12/`` → ``[1, 7, 12]``), root first."""
    return [int(part) for part in path.strip("/").split("/") if part]


class UnitKind(models.TextChoices):
    REGION = "region", _("Region")
    COUNTY = "county", _("Wellbeing county")
    HOSPITAL = "hospital", _("Hospital")
    DEPARTMENT = "department", _("Department")
    WARD = "ward", _("Ward")
    CLINIC = "clinic", _("Clinic")
    HEALTH_CENTRE = "health_centre", _("Health centre")
    RESCUE_SERVICE = "rescue_service", _("Rescue service")
    SERVICE = "service", _("Service")
    OFFICE = "office", _("Office")


class Role(models.IntegerChoices):
    """Roles rank: each includes what the ones below it may do."""

    VIEWER = 10, _("Viewer")
    CONTRIBUTOR = 20, _("Contributor")
    UNIT_LEAD = 30, _("Unit lead")
    QUALITY_MANAGER = 40, _("Quality manager")
    ADMINISTRATOR = 50, _("Administrator")


class OrgUnit(models.Model):
    """A node of the tree: region → hospital → department → ward, and so on.

    ``path`` is the chain of primary keys from the root (``/1/7/12/``), kept by the
    services, so that "this unit and everything below it" is one indexed prefix match.
    """

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[CODE_VALIDATOR])
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    name = TranslatedField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    language = models.CharField(
        _("language"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("The language the unit works in; its reports are written in it."),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_(
            "Where the unit is: indicators count days, months and midnight bed "
            "occupancy in its local time."
        ),
    )
    logo = models.TextField(_("logo"), blank=True, default="", editable=False)
    """A PNG as a ``data:`` URI (re-encoded on upload, see :mod:`soteria.organisations.logo`);
    shown on review reports of the unit and the units below it."""
    path = models.CharField(max_length=400, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")

    def __str__(self) -> str:
        return f"{self.code} · {self.display_name}"

    @property
    def display_name(self) -> str:
        return localise(self.name)

    @property
    def ancestor_ids(self) -> list[int]:
        """Primary keys from the root down to this unit, itself included."""
        return path_ids(self.path)

    @property
    def root_id(self) -> int:
        return self.ancestor_ids[0] if self.path else self.pk

    def is_descendant_of(self, other: OrgUnit) -> bool:
        return bool(other.path) and self.path.startswith(other.path)

    def governing_unit(self) -> OrgUnit:
        return self

    def subtree(self) -> models.QuerySet[OrgUnit]:
        return OrgUnit.objects.filter(path__startswith=self.path)

    def ancestors(self) -> models.QuerySet[OrgUnit]:
        return OrgUnit.objects.filter(pk__in=self.ancestor_ids).order_by("depth")


class Membership(models.Model):
    """A user's role on a unit; it applies to the unit and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.PositiveSmallIntegerField(_("role"), choices=Role.choices)

    class Meta:
        ordering = ["unit__path", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="one_role_per_user_and_unit")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit.code}"

    def governing_unit(self) -> OrgUnit:
        return self.unit
