"""Indicator definitions and the values computed from them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from soteria.core.choices import QuickChoiceLabels
from soteria.core.fields import TranslatedField
from soteria.core.i18n import localise
from soteria.organisations.models import CODE_VALIDATOR, UnitKind


class Unit(models.TextChoices):
    COUNT = "count", _("count")
    PERCENT = "percent", _("%")
    DAYS = "days", _("days")
    HOURS = "hours", _("hours")
    MINUTES = "minutes", _("minutes")
    PER_1000_BED_DAYS = "per_1000_bed_days", _("per 1,000 bed-days")
    SCORE = "score", _("score")
    RATIO = "ratio", _("ratio")
    CURRENCY = "currency", _("currency")


class Direction(models.TextChoices):
    HIGHER = "higher", _("higher is better")
    LOWER = "lower", _("lower is better")
    NONE = "none", _("neither")


class Source(models.TextChoices):
    COMPUTED = "computed", _("computed from hospital data")
    MANUAL = "manual", _("entered by hand")


def validate_unit_kinds(value: Any) -> None:
    """A list of unit kinds (``department``, ``ward``…), each known."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValidationError(_("Give a list of unit kinds."))
    unknown = sorted(set(value) - set(UnitKind.values))
    if unknown:
        raise ValidationError(_("Unknown unit kind(s): %(kinds)s.") % {"kinds": ", ".join(unknown)})


class IndicatorDefinition(QuickChoiceLabels, models.Model):
    """What an indicator measures, declared rather than coded.

    ``owner`` is empty for the standard set (shipped in ``standard/*.toml``, shared by every
    organisation, changed only by platform administrators); otherwise the organisation whose
    administrators defined it and whose subtree it is computed for.
    """

    code = models.CharField(_("code"), max_length=40, unique=True, validators=[CODE_VALIDATOR])
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(_("description"), multiline=True, blank=True, max_length=4000)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimals"), default=1)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.COMPUTED
    )
    numerator = models.JSONField(_("numerator"), null=True, blank=True)
    denominator = models.JSONField(_("denominator"), null=True, blank=True)
    multiplier = models.FloatField(_("multiplier"), default=1.0)
    spc_chart = models.CharField(
        _("SPC chart"),
        max_length=3,
        choices=[("xmr", _("XmR chart")), ("p", _("p-chart")), ("u", _("u-chart"))],
        default="xmr",
        editable=False,
        help_text=_("Chosen from the formula when the definition is saved."),
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    owner = models.ForeignKey(
        "organisations.OrgUnit",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicator_definitions",
    )
    standard = models.BooleanField(_("standard set"), default=False, editable=False)
    active = models.BooleanField(_("active"), default=True)
    entry_period = models.CharField(
        _("entered per"),
        max_length=10,
        default="month",
        choices=[
            ("month", _("month")),
            ("quarter", _("quarter")),
            ("half_year", _("half-year")),
            ("year", _("year")),
        ],
        help_text=_("For hand-entered indicators: the period each value covers."),
    )
    entered_at = models.JSONField(
        _("entered at"),
        default=list,
        blank=True,
        validators=[validate_unit_kinds],
        help_text=_(
            "For hand-entered indicators: the kinds of unit that enter values (e.g. "
            "departments); values sum up to the units above. None chosen: every unit."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    FORMULA_FIELDS = ("numerator", "denominator", "multiplier", "source")
    """Changing any of these makes a new version (values record the version they used)."""

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.code} · {self.display_name}"

    @property
    def display_name(self) -> str:
        return localise(self.name)

    @property
    def is_ratio(self) -> bool:
        return self.denominator is not None

    @property
    def is_total(self) -> bool:
        """A count or sum that grows with the length of the period (not a ratio, mean or
        percentile): part of a period cannot be judged against the whole period's target."""
        aggregate = (self.numerator or {}).get("aggregate")
        return not self.is_ratio and aggregate in {"count", "count_distinct", "sum"}

    def formula(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.FORMULA_FIELDS}


class NoValueReason(models.TextChoices):
    ZERO_DENOMINATOR = "zero_denominator", _("the denominator is zero")
    NO_DENOMINATOR = "no_denominator", _("no data for the denominator")
    NO_ROWS = "no_rows", _("no data for this unit and period")
    TOO_FEW = "too_few", _("too few answers to show (small numbers are suppressed)")

    @classmethod
    def label_of(cls, code: str) -> str:
        """The label of a stored reason ("" for none or an unknown code) — what
        ``get_no_value_reason_display()`` gives, without hashing every lazy label."""
        try:
            return str(cls(code).label) if code else ""
        except ValueError:
            return code


class IndicatorValue(QuickChoiceLabels, models.Model):
    """A computed value of one indicator for one org unit (and its subtree) and period."""

    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.CASCADE, related_name="values"
    )
    unit = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.CASCADE, related_name="indicator_values"
    )
    period = models.CharField(_("period"), max_length=7)
    period_type = models.CharField(max_length=10)
    period_start = models.DateField()
    numerator = models.FloatField(_("numerator"), null=True)
    denominator = models.FloatField(_("denominator"), null=True)
    value = models.FloatField(_("value"), null=True)
    no_value_reason = models.CharField(
        _("why no value"), max_length=20, choices=NoValueReason.choices, blank=True
    )
    definition_version = models.PositiveIntegerField()
    computed_at = models.DateTimeField(default=timezone.now)
    partial = models.BooleanField(
        _("period not over"),
        default=False,
        help_text=_("Computed before the period ended: it counts only up to that day."),
    )
    row_facts = models.TextField(null=True, blank=True, editable=False)  # noqa: DJ001 - None: not worked out
    """What a scorecard row shows of the unit's series up to this period — its sparkline and
    its latest SPC judgement — worked out when the values were stored
    (``soteria.scorecards.row_facts``); None until then, and the pages chart the series."""

    class Meta:
        ordering = ["definition", "unit", "period_start", "period_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "unit", "period"], name="indicator_value_unique"
            )
        ]
        indexes = [
            # A unit's series of one kind of period in a window of periods — what every
            # scorecard row, dashboard and chart reads. Every column a series point needs is
            # in the index, so the read never visits the table: a unit's rows lie scattered
            # over it (values are written indicator by indicator), and those lookups were
            # three quarters of a dashboard's query (SQLite has no INCLUDE columns, so they
            # are key columns here, on PostgreSQL as well).
            models.Index(
                fields=[
                    "unit",
                    "period_type",
                    "period_start",
                    "definition",
                    "period",
                    "value",
                    "numerator",
                    "denominator",
                    "partial",
                    "no_value_reason",
                ],
                name="indicator_value_series",
            )
        ]

    def __str__(self) -> str:
        return f"{self.definition.code} {self.unit_id} {self.period} = {self.value}"


values_stored = Signal()
"""Sent by code that writes ``IndicatorValue`` rows in bulk (``bulk_create``, a deletion),
inside its transaction, with ``definition_ids`` and ``unit_ids`` (None: every unit) and
``count``, how many values were written (None: not known): what is kept with the values of
those series (``soteria.scorecards.row_facts``) is worked out again, and after a large
write the planner's statistics too. A single ``save()`` needs no signal (its ``post_save``
is listened to)."""


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("succeeded")
    FAILED = "failed", _("failed")


class ComputeRun(models.Model):
    """One computation of indicator values: full, or the part an import affected."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    backend = models.CharField(max_length=10, default="duckdb")
    scope = models.JSONField(
        default=dict, blank=True, help_text="{} for everything, else roots and years."
    )
    progress = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    values_written = models.PositiveIntegerField(default=0)
    duration_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"compute #{self.pk} {self.status}"


class Target(models.Model):
    """What a unit aims for on an indicator in a period, with the amber band around it.

    A target set on a unit applies to the units below it unless they set their own; a target
    for a period applies to the shorter periods inside it (pro rata by days for counts and
    sums, as it is for shares and averages) unless they have their own.
    """

    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.CASCADE, related_name="targets"
    )
    unit = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.CASCADE, related_name="indicator_targets"
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(editable=False)
    value = models.FloatField(_("target"))
    tolerance = models.FloatField(
        _("amber tolerance"),
        default=0.0,
        help_text=_("How far on the wrong side of the target still counts as amber."),
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["definition", "unit__path", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "unit", "period"], name="indicator_target_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(tolerance__gte=0), name="indicator_target_tolerance_gte_0"
            ),
        ]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.definition.code} {self.period}: {self.value:g}"

    def governing_unit(self) -> Any:
        return self.unit


class EntryStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted for approval")
    APPROVED = "approved", _("approved")
    RETURNED = "returned", _("returned for correction")


class ManualValue(models.Model):
    """A hand-entered value (numerator, and denominator for shares) of a unit for a period.

    Entered by a contributor, approved by the unit lead; only approved values are used.
    """

    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.CASCADE, related_name="manual_values"
    )
    unit = models.ForeignKey(
        "organisations.OrgUnit", on_delete=models.CASCADE, related_name="manual_values"
    )
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(editable=False)
    numerator = models.FloatField(_("value"))
    denominator = models.FloatField(_("out of"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.DRAFT
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["definition", "unit__path", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["definition", "unit", "period"], name="manual_value_unique"
            )
        ]
        verbose_name = _("hand-entered value")
        verbose_name_plural = _("hand-entered values")

    def __str__(self) -> str:
        return f"{self.definition.code} {self.unit_id} {self.period} = {self.numerator:g}"

    def governing_unit(self) -> Any:
        return self.unit


class PeriodLock(models.Model):
    """No hand-entered value or target of the unit's subtree may change in a locked period
    (or a period inside it); signing a review locks its period."""

    unit = models.ForeignKey("organisations.OrgUnit", on_delete=models.CASCADE, related_name="+")
    period = models.CharField(_("period"), max_length=7)
    period_start = models.DateField(editable=False)
    period_end = models.DateField(editable=False)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    locked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["unit__path", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="period_lock_unique")
        ]
        verbose_name = _("period lock")
        verbose_name_plural = _("period locks")

    def __str__(self) -> str:
        return f"{self.unit_id} {self.period} locked"

    def governing_unit(self) -> Any:
        return self.unit
