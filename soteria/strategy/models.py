"""The strategy house: roof (mission, vision, values, priorities, success factors) and
rooms (programmes → objectives → initiatives with funding, budget, milestones, deliverables).

A :class:`Strategy` belongs to an org unit and has numbered :class:`StrategyVersion` s.
Every element belongs to exactly one version. Copying a version copies every element and
keeps each element's ``key``, which is how two versions are compared.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from soteria.core.choices import QuickChoiceLabels
from soteria.core.fields import CurrencyField, MoneyField, TranslatedField
from soteria.core.i18n import localise
from soteria.organisations.models import CODE_VALIDATOR, OrgUnit


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONSULTATION = "consultation", _("In consultation")
    APPROVED = "approved", _("Approved")
    ARCHIVED = "archived", _("Archived")


class InitiativeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    ON_HOLD = "on_hold", _("On hold")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    LATE = "late", _("Late")
    CANCELLED = "cancelled", _("Cancelled")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


def _check_dates(start: Any, end: Any, start_field: str, end_field: str) -> None:
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class Strategy(models.Model):
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="strategies"
    )
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)

    class Meta:
        ordering = ["unit__path", "code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="strategy_code_unique_in_unit")
        ]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return f"{self.code} · {localise(self.title)}"

    def governing_unit(self) -> OrgUnit:
        return self.unit

    def current_version(self) -> StrategyVersion | None:
        versions = list(self.versions.all())
        for status in (VersionStatus.APPROVED, VersionStatus.CONSULTATION, VersionStatus.DRAFT):
            matching = [v for v in versions if v.status == status]
            if matching:
                return max(matching, key=lambda v: v.number)
        return max(versions, key=lambda v: v.number, default=None)


class StrategyVersion(QuickChoiceLabels, models.Model):
    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"), editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VersionStatus.choices,
        default=VersionStatus.DRAFT,
        editable=False,
    )
    approving_body = TranslatedField(_("approving body"), blank=True, max_length=300)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    mission = TranslatedField(_("mission"), blank=True, multiline=True, max_length=2000)
    vision = TranslatedField(_("vision"), blank=True, multiline=True, max_length=2000)
    change_note = TranslatedField(_("what changed"), blank=True, multiline=True, max_length=2000)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["strategy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="version_number_unique")
        ]
        verbose_name = _("strategy version")
        verbose_name_plural = _("strategy versions")

    def __str__(self) -> str:
        return f"{self.strategy.code} v{self.number}"

    def governing_unit(self) -> OrgUnit:
        return self.strategy.unit

    @property
    def is_frozen(self) -> bool:
        """Approved and archived versions keep their content; only progress changes."""
        return self.status in {VersionStatus.APPROVED, VersionStatus.ARCHIVED}

    def clean(self) -> None:
        _check_dates(self.valid_from, self.valid_to, "valid_from", "valid_to")


class Element(QuickChoiceLabels, models.Model):
    """Common part of everything inside a strategy version."""

    version = models.ForeignKey(StrategyVersion, on_delete=models.CASCADE, related_name="+")
    objects: ClassVar[models.Manager[Any]] = models.Manager()
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    #: Fields that may still change once the version is approved (progress tracking).
    progress_fields: ClassVar[tuple[str, ...]] = ()
    #: The field naming the parent element, if any.
    parent_field: ClassVar[str | None] = None
    #: Name used in URLs and the API.
    slug: ClassVar[str] = ""

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        code = getattr(self, "code", "")
        return f"{code} · {self.label()}" if code else self.label()

    def governing_unit(self) -> OrgUnit:
        return self.version.strategy.unit

    def owner_units(self) -> list[OrgUnit]:
        """Units whose contributors may edit this element besides the strategy's unit."""
        owner = getattr(self, "owner_unit", None)
        parent = self.parent_element()
        units = [owner] if owner else []
        return units + (parent.owner_units() if parent is not None else [])

    def parent_element(self) -> Element | None:
        if not self.parent_field or getattr(self, f"{self.parent_field}_id") is None:
            return None
        return getattr(self, self.parent_field)

    def label(self) -> str:
        for attr in ("title", "name"):
            if hasattr(self, attr):
                return localise(getattr(self, attr))
        return str(self.pk)

    def clean(self) -> None:
        owner_id = getattr(self, "owner_unit_id", None)
        if owner_id and self.version_id is not None:
            strategy_unit = self.version.strategy.unit
            if not self.owner_unit.path.startswith(strategy_unit.path):  # type: ignore[attr-defined]
                raise ValidationError(
                    {
                        "owner_unit": _("Choose a unit within %(unit)s.")
                        % {"unit": strategy_unit.display_name}
                    }
                )
        parent = self.parent_element()
        if (
            self.parent_field
            and parent is not None
            and self.version_id
            and parent.version_id != self.version_id
        ):
            raise ValidationError(
                {self.parent_field: _("Choose an element of the same strategy version.")}
            )


class Value(Element):
    name = TranslatedField(_("name"), max_length=200)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    slug = "value"

    class Meta(Element.Meta):
        verbose_name = _("value")
        verbose_name_plural = _("values")


class Priority(Element):
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    slug = "priority"

    class Meta(Element.Meta):
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="priority_code_unique")
        ]


class SuccessFactor(Element):
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    slug = "success-factor"

    class Meta(Element.Meta):
        verbose_name = _("critical success factor")
        verbose_name_plural = _("critical success factors")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="success_factor_code_unique")
        ]


class Programme(Element):
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    slug = "programme"

    class Meta(Element.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="programme_code_unique")
        ]


class Objective(Element):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="objectives"
    )
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("serves priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="objectives",
    )
    parent_field = "programme"
    slug = "objective"

    class Meta(Element.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="objective_code_unique")
        ]

    def clean(self) -> None:
        super().clean()
        priority = self.priority if self.priority_id else None
        if priority is not None and self.version_id and priority.version_id != self.version_id:
            raise ValidationError({"priority": _("Choose a priority of the same version.")})


class ObjectiveIndicator(Element):
    """An indicator that tells whether an objective is met, with its weight in the status."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    indicator = models.ForeignKey(
        "indicators.IndicatorDefinition",
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("measured at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Whose values count; empty means the objective's owner unit."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    parent_field = "objective"
    slug = "objective-indicator"

    class Meta(Element.Meta):
        verbose_name = _("objective indicator")
        verbose_name_plural = _("objective indicators")

    def label(self) -> str:
        return self.indicator.display_name if self.indicator_id else str(self.pk)

    def measured_unit(self) -> OrgUnit:
        return self.unit or self.objective.owner_unit

    def clean(self) -> None:
        super().clean()
        if self.unit_id and self.version_id:
            strategy_unit = self.version.strategy.unit
            if not self.unit.path.startswith(strategy_unit.path):  # type: ignore[union-attr]
                raise ValidationError(
                    {
                        "unit": _("Choose a unit within %(unit)s.")
                        % {"unit": strategy_unit.display_name}
                    }
                )
        owner = self.indicator.owner if self.indicator_id else None
        if owner is not None and self.version_id:
            path = self.version.strategy.unit.path
            if not (path.startswith(owner.path) or owner.path.startswith(path)):
                raise ValidationError(
                    {"indicator": _("This indicator belongs to another organisation.")}
                )


class Initiative(Element):
    objective = models.ForeignKey(
        Objective,
        verbose_name=_("objective"),
        on_delete=models.CASCADE,
        related_name="initiatives",
    )
    code = models.CharField(_("code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedField(_("title"), max_length=300)
    description = TranslatedField(_("description"), blank=True, multiline=True, max_length=2000)
    owner_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.PLANNED,
    )
    parent_field = "objective"
    progress_fields = ("status",)
    slug = "initiative"

    class Meta(Element.Meta):
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="initiative_code_unique")
        ]

    def clean(self) -> None:
        super().clean()
        _check_dates(self.start, self.end, "start", "end")


class FundingSource(Element):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="funding"
    )
    programme_name = TranslatedField(_("funding programme"), max_length=300)
    funder = TranslatedField(_("funder"), blank=True, max_length=300)
    amount = MoneyField(_("amount"), validators=[MinValueValidator(0)])
    currency = CurrencyField()
    parent_field = "initiative"
    slug = "funding"

    class Meta(Element.Meta):
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def label(self) -> str:
        return localise(self.programme_name)


class BudgetLine(Element):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="budget"
    )
    category = TranslatedField(_("budget line"), max_length=300)
    planned = MoneyField(_("planned"), validators=[MinValueValidator(0)])
    spent = MoneyField(_("spent"), default=0, validators=[MinValueValidator(0)])
    currency = CurrencyField()
    parent_field = "initiative"
    progress_fields = ("spent",)
    slug = "budget"

    class Meta(Element.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def label(self) -> str:
        return localise(self.category)


class Milestone(Element):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = TranslatedField(_("title"), max_length=300)
    due = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    parent_field = "initiative"
    progress_fields = ("status",)
    slug = "milestone"

    class Meta(Element.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "order", "pk"]


class Deliverable(Element):
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="deliverables",
    )
    title = TranslatedField(_("title"), max_length=300)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DeliverableStatus.choices,
        default=DeliverableStatus.PLANNED,
    )
    parent_field = "initiative"
    progress_fields = ("status",)
    slug = "deliverable"

    class Meta(Element.Meta):
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")


#: Element models in copy order (parents before children).
ELEMENT_MODELS: tuple[type[Element], ...] = (
    Value,
    Priority,
    SuccessFactor,
    Programme,
    Objective,
    ObjectiveIndicator,
    Initiative,
    FundingSource,
    BudgetLine,
    Milestone,
    Deliverable,
)
ELEMENTS_BY_SLUG: dict[str, type[Element]] = {model.slug: model for model in ELEMENT_MODELS}
