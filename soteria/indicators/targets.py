"""Targets: services that write them and selectors that say which target applies where.

A :class:`~soteria.indicators.models.Target` is set per indicator × org unit × period
(``202603``, ``2026Q1``, ``2026S1``, ``2026``), with a *tolerance*: how far on the wrong
side of the target a value may fall and still count as amber (see :mod:`.status`).

Who may do what (the rules themselves live in :mod:`soteria.organisations.access`):

- **reading** a target needs a role on its unit (``Action.VIEW``) — as everywhere;
- **setting, changing or deleting** a target needs unit lead or above on the target's unit
  (``Action.MANAGE``);
- **approving** a target needs unit lead or above one level up: ``Action.MANAGE`` on the
  parent of the target's unit (on the unit itself for a root organisation). So a head of
  department proposes the department's targets and the hospital's management approves them;
  the hospital's own targets are approved at the region. A user who may see the target but
  not approve it gets a 403. **Four eyes** (as for hand-entered values): nobody approves a
  target whose current value they set themselves.
- Changing a target's value or tolerance clears its approval (it has to be approved again);
  changing only the note keeps it.
- Nothing changes — set, change, approve or delete — while a :class:`PeriodLock` covers
  the target: a lock on the target's unit or an ancestor of it, over a period overlapping
  the target's (the same rule as for hand-entered values,
  :func:`soteria.indicators.manual.lock_covering`): locking 2026Q1 freezes the targets of
  its months, of 2026Q1, and of 2026S1 and 2026, whose pro-rata share for the locked
  months would otherwise move.

Every write is audited; the audit entries are the history of who set and approved each
target and when (:func:`target_history`).

Which target applies to a unit and period (:func:`target_for`, :func:`targets_for`):

1. The unit's own target for exactly that period, else its own target for the nearest
   containing period (quarter, then half-year, then year);
2. else the same search on the parent unit, then the grandparent, and so on.

So a target a unit sets for itself overrides anything inherited from above, and within a
unit the most specific period wins. A target taken from a containing period is *pro rata*
(value and tolerance × days of the period ÷ days of the containing period) for extensive
indicators — counts and sums with no denominator, whose values add up over time — and
applies unchanged for shares, averages, percentiles and distinct counts.

Extensive indicators are not inherited *down the tree*: a hospital's target of 12,000
admissions says nothing about what a ward should reach (:data:`INHERIT_EXTENSIVE_DOWN_TREE`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction, AuditEntry
from soteria.audit.selectors import history_for
from soteria.audit.services import audit_record, diff, snapshot
from soteria.indicators import reference
from soteria.indicators.manual import lock_covering
from soteria.indicators.measures import MeasureError, parse_measure
from soteria.indicators.models import IndicatorDefinition, Target, Unit
from soteria.indicators.periods import Period, PeriodType, parse_period
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

INHERIT_EXTENSIVE_DOWN_TREE = False
"""Whether targets of counts and sums are inherited by the units below (see the module)."""

NOTE_MAX_LENGTH = 2000

#: Longer period types, narrowest first: where a target for a shorter period is looked for.
_LONGER: dict[PeriodType, tuple[PeriodType, ...]] = {
    PeriodType.MONTH: (PeriodType.QUARTER, PeriodType.HALF_YEAR, PeriodType.YEAR),
    PeriodType.QUARTER: (PeriodType.HALF_YEAR, PeriodType.YEAR),
    PeriodType.HALF_YEAR: (PeriodType.YEAR,),
    PeriodType.YEAR: (),
}
_MONTHS = {PeriodType.QUARTER: 3, PeriodType.HALF_YEAR: 6, PeriodType.YEAR: 12}


# --- periods --------------------------------------------------------------------------------


def containing_periods(period: Period) -> list[Period]:
    """The longer periods that contain ``period``, narrowest first (quarter → year)."""
    out = []
    for kind in _LONGER[period.type]:
        months = _MONTHS[kind]
        first = (period.month - 1) // months * months + 1
        out.append(Period(period.year, first, kind))
    return out


# --- what kind of quantity an indicator is -----------------------------------------------


def is_extensive(
    definition: IndicatorDefinition, known: Mapping[str, Mapping[str, Any]] | None = None
) -> bool:
    """True for counts and sums without a denominator: their values add up over periods.

    Hand-entered indicators (no formula) count as extensive when their unit is a count or an
    amount of money. ``known`` maps indicator codes to their measures (to follow references
    without a query each).
    """
    if definition.denominator is not None:
        return False
    if definition.numerator is None:
        return definition.unit in (Unit.COUNT, Unit.CURRENCY)

    def resolve(code: str, part: str) -> Mapping[str, Any] | None:
        if known is not None and code in known:
            return known[code].get(part)
        row = IndicatorDefinition.objects.filter(code=code).values(part).first()
        return row[part] if row else None

    try:
        return parse_measure(definition.numerator, resolve=resolve).additive
    except MeasureError:
        return False


def _extensive_map(definitions: Iterable[IndicatorDefinition]) -> dict[int, bool]:
    """:func:`is_extensive` for many definitions, references followed in one query."""
    definitions = list(definitions)
    refs = {
        str(d.numerator["ref"]).split(".")[0]
        for d in definitions
        if d.denominator is None and isinstance(d.numerator, dict) and "ref" in d.numerator
    }
    known: dict[str, dict[str, Any]] = {}
    if refs:
        for row in IndicatorDefinition.objects.filter(code__in=refs).values(
            "code", "numerator", "denominator"
        ):
            known[row["code"]] = dict(row)
    return {d.pk: is_extensive(d, known) for d in definitions}


# --- which target applies -------------------------------------------------------------------


@dataclass(frozen=True)
class EffectiveTarget:
    """The target that applies to one unit and period, and where it comes from."""

    value: float
    tolerance: float
    source: Target
    unit_id: int
    period: str
    inherited: bool
    """Set on an ancestor unit, not on the unit itself."""
    from_containing_period: bool
    """Set for a longer period containing this one (e.g. the year)."""
    prorated: bool
    """Scaled by days (counts and sums taken from a containing period)."""
    factor: float = 1.0

    @property
    def source_unit(self) -> OrgUnit:
        return self.source.unit

    @property
    def source_period(self) -> str:
        return self.source.period

    @property
    def own(self) -> bool:
        return not self.inherited and not self.from_containing_period

    @property
    def approved(self) -> bool:
        return self.source.approved_at is not None

    def describe(self) -> str:
        """Where the target comes from, for people: "inherited from HOSP, 2026, pro rata"."""
        if self.own:
            return _("set for this unit and period")
        parts = []
        if self.inherited:
            parts.append(_("inherited from %(unit)s") % {"unit": self.source.unit.code})
        if self.from_containing_period:
            period = self.source.period
            parts.append(period if self.inherited else _("from %(period)s") % {"period": period})
        if self.prorated:
            parts.append(_("pro rata"))
        return ", ".join(parts)


@lru_cache(maxsize=4096)
def _periods_in_order(period: Period) -> tuple[Period, ...]:
    """The period, then the longer ones containing it (kept: the same instances each time,
    with their codes worked out once)."""
    return (period, *containing_periods(period))


def _units_in_order(unit: OrgUnit, across_units: bool) -> list[int]:
    """The unit, then its ancestors up to the root when targets are inherited down the tree."""
    if not across_units:
        return [unit.pk]
    return list(reversed(unit.ancestor_ids)) if unit.path else [unit.pk]


def _resolve(
    requests: list[tuple[IndicatorDefinition, OrgUnit, Period]],
) -> list[EffectiveTarget | None]:
    """The target for each (definition, unit, period), in two queries at most.

    Candidates in order of precedence (see the module): each unit up the chain, and for
    each the period itself before the longer ones containing it.
    """
    if not requests:
        return []
    definitions = {d.pk: d for d, _unit, _period in requests}
    extensive = _extensive_map(definitions.values())
    plans = []
    chains: dict[tuple[int, bool], list[int]] = {}
    unit_ids: set[int] = set()
    period_chains: set[tuple[Period, ...]] = set()
    for definition, unit, period in requests:
        across = not extensive[definition.pk] or INHERIT_EXTENSIVE_DOWN_TREE
        chain = chains.get((unit.pk, across))
        if chain is None:
            chain = chains[(unit.pk, across)] = _units_in_order(unit, across)
            unit_ids.update(chain)
        in_order = _periods_in_order(period)
        period_chains.add(in_order)
        plans.append((chain, in_order))
    codes = {p.code for in_order in period_chains for p in in_order}
    rows = reference.targets(definitions, unit_ids, codes)
    found = {(t.definition_id, t.unit_id, t.period): t for t in rows}
    out: list[EffectiveTarget | None] = []
    for (definition, unit, period), (chain, in_order) in zip(requests, plans, strict=True):
        effective = None
        if found:
            effective = _first_found(found, definition, unit, period, chain, in_order, extensive)
        out.append(effective)
    return out


def _first_found(
    found: Mapping[tuple[int, int, str], Target],
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period: Period,
    chain: list[int],
    in_order: tuple[Period, ...],
    extensive: Mapping[int, bool],
) -> EffectiveTarget | None:
    definition_id = definition.pk
    for unit_id in chain:
        for candidate in in_order:
            target = found.get((definition_id, unit_id, candidate.code))
            if target is None:
                continue
            longer = candidate != period
            prorate = longer and extensive[definition_id]
            factor = period.days / candidate.days if prorate else 1.0
            return EffectiveTarget(
                value=target.value * factor,
                tolerance=target.tolerance * factor,
                source=target,
                unit_id=unit.pk,
                period=period.code,
                inherited=unit_id != unit.pk,
                from_containing_period=longer,
                prorated=prorate,
                factor=factor,
            )
    return None


def target_for(
    definition: IndicatorDefinition, unit: OrgUnit, period: str | Period
) -> EffectiveTarget | None:
    """The target that applies to the unit in the period, or None (see the module)."""
    return _resolve([(definition, unit, parse_period(period))])[0]


def targets_for(
    definition: IndicatorDefinition, pairs: Iterable[tuple[OrgUnit, str | Period]]
) -> dict[tuple[int, str], EffectiveTarget | None]:
    """:func:`target_for` for many (unit, period) pairs of one indicator, in ≤ 2 queries.

    Keyed by (unit id, period code).
    """
    requests = [(definition, unit, parse_period(p)) for unit, p in pairs]
    return {
        (unit.pk, period.code): result
        for (_d, unit, period), result in zip(requests, _resolve(requests), strict=True)
    }


def targets_for_many(
    triples: Iterable[tuple[IndicatorDefinition, OrgUnit, str | Period]],
) -> dict[tuple[int, int, str], EffectiveTarget | None]:
    """Like :func:`targets_for` across indicators; keyed by (definition id, unit id, period)."""
    requests = [(d, unit, parse_period(p)) for d, unit, p in triples]
    return {
        (d.pk, unit.pk, period.code): result
        for (d, unit, period), result in zip(requests, _resolve(requests), strict=True)
    }


# --- reading targets ---------------------------------------------------------------------


def targets_visible(user: Any, definition: IndicatorDefinition | None = None) -> QuerySet[Target]:
    """Targets on units the user may see (of one indicator, or of all)."""
    rows = Target.objects.select_related("definition", "unit", "set_by", "approved_by")
    if definition is not None:
        rows = rows.filter(definition=definition)
    return access.filter_by_unit(rows, user).order_by(
        "definition__code", "unit__path", "period_start", "period"
    )


def target_get(user: Any, pk: int, action: Action = Action.VIEW) -> Target:
    """A target by id: 404 when the user may not see its unit, 403 when they may not act."""
    target = get_object_or_404(
        Target.objects.select_related("definition", "unit", "set_by", "approved_by"), pk=pk
    )
    access.require(user, action, target.unit)
    return target


def target_history(user: Any, target: Target) -> QuerySet[AuditEntry]:
    """The audit entries of a target, newest first: who set, changed or approved it, when."""
    access.require(user, Action.VIEW, target.unit)
    return history_for(Target, target.pk)


def approval_unit(unit: OrgUnit) -> OrgUnit:
    """The unit whose leads approve the unit's targets: its parent, or itself for a root.

    Built from the unit's path (no query); only ``pk`` and ``path`` are meaningful, which is
    all the permission checks read.
    """
    ids = unit.ancestor_ids
    if len(ids) < 2:
        return unit
    parent_id = ids[-2]
    path = "/" + "/".join(str(i) for i in ids[:-1]) + "/"
    return OrgUnit(pk=parent_id, path=path, depth=max(unit.depth - 1, 0))


def can_set(user: Any, unit: OrgUnit) -> bool:
    return access.can(user, Action.MANAGE, unit)


def can_approve(user: Any, unit: OrgUnit) -> bool:
    """Whether the user's roles allow approving the unit's targets (see the module)."""
    return access.can(user, Action.MANAGE, approval_unit(unit))


def may_approve(user: Any, target: Target) -> bool:
    """Whether the user may approve this target now: roles, four eyes, not yet approved."""
    return (
        target.approved_at is None
        and target.set_by_id != getattr(user, "pk", None)
        and can_approve(user, target.unit)
    )


def definition_usable_at(definition: IndicatorDefinition, unit: OrgUnit) -> bool:
    """Standard indicators everywhere; an organisation's own ones in its subtree."""
    return definition.owner_id is None or definition.owner_id in unit.ancestor_ids


# --- writing targets -------------------------------------------------------------------------


def _refuse_if_locked(unit: OrgUnit, period: Period) -> None:
    lock = lock_covering(unit, period)
    if lock is not None:
        message = _("%(locked)s is locked for %(unit)s, so targets for %(period)s cannot change.")
        raise ValidationError(
            {
                "period": ValidationError(
                    message
                    % {"locked": lock.period, "unit": lock.unit.code, "period": period.code},
                    code="locked",
                )
            }
        )


def _number(value: Any, field: str, *, minimum: float | None = None) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError(
            {field: _("'%(value)s' is not a number.") % {"value": "" if value is None else value}}
        ) from None
    if not math.isfinite(number):
        raise ValidationError({field: _("Enter a finite number.")})
    if minimum is not None and number < minimum:
        raise ValidationError(
            {field: _("Enter a number of at least %(minimum)s.") % {"minimum": f"{minimum:g}"}}
        )
    return number


def target_check(
    actor: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: Any,
    value: Any,
    tolerance: Any = 0.0,
    note: str | None = "",
) -> tuple[Period, float, float, str]:
    """Every check :func:`target_set` makes, without writing; returns the cleaned values.

    Raises ``Http404``/``PermissionDenied`` for permissions and ``ValidationError`` (by
    field: ``period``, ``value``, ``tolerance``, ``note``, ``definition``) for the rest.
    """
    if actor is not None:
        access.require(actor, Action.MANAGE, unit)
    errors: dict[str, list[str]] = {}
    period: Period | None = None
    number = band = 0.0
    try:
        period = parse_period(period_code)
    except ValidationError as error:
        errors["period"] = error.message_dict["period"]
    try:
        number = _number(value, "value")
    except ValidationError as error:
        errors["value"] = error.message_dict["value"]
    try:
        band = _number(0.0 if tolerance in (None, "") else tolerance, "tolerance", minimum=0.0)
    except ValidationError as error:
        errors["tolerance"] = error.message_dict["tolerance"]
    text = (note or "").strip()
    if len(text) > NOTE_MAX_LENGTH:
        errors["note"] = [_("Keep the note to %(n)d characters or fewer.") % {"n": NOTE_MAX_LENGTH}]
    if not definition_usable_at(definition, unit):
        errors["definition"] = [_("This indicator belongs to another organisation.")]
    elif not definition.active:
        errors["definition"] = [_("This indicator is no longer in use.")]
    if errors or period is None:
        raise ValidationError(errors)
    _refuse_if_locked(unit, period)
    return period, number, band, text


def target_write(
    actor: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: Any,
    value: Any,
    tolerance: Any = 0.0,
    note: str | None = "",
) -> tuple[Target, str]:
    """:func:`target_set`, also saying what happened: "created", "updated" or "unchanged".

    ``tolerance`` or ``note`` of ``None`` keep an existing target's tolerance or note.
    """
    with transaction.atomic():
        if actor is not None:
            access.require(actor, Action.MANAGE, unit)
        try:
            code: str | None = parse_period(period_code).code
        except ValidationError:
            code = None  # target_check reports it
        existing = (
            Target.objects.select_for_update()
            .filter(definition=definition, unit=unit, period=code)
            .first()
            if code is not None
            else None
        )
        if existing is not None:
            if tolerance is None:
                tolerance = existing.tolerance
            if note is None:
                note = existing.note
        period, number, band, text = target_check(
            actor, definition, unit, period_code, value, tolerance, note
        )
        now = timezone.now()
        by = actor if getattr(actor, "is_authenticated", False) else None
        if existing is None:
            target = Target(
                definition=definition,
                unit=unit,
                period=period.code,
                period_start=period.start,
                value=number,
                tolerance=band,
                note=text,
                set_by=by,
                set_at=now,
            )
            target.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                instance=target,
                unit=unit,
                changes=diff({}, snapshot(target)),
            )
            return target, "created"
        target = existing
        before = snapshot(target)
        if target.value != number or target.tolerance != band:
            target.value, target.tolerance = number, band
            target.set_by, target.set_at = by, now
            target.approved_by, target.approved_at = None, None
        target.note = text
        changes = diff(before, snapshot(target))
        if not changes:
            return target, "unchanged"
        target.save()
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=target, unit=unit, changes=changes
        )
        return target, "updated"


def target_set(
    actor: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: Any,
    value: Any,
    tolerance: Any = 0.0,
    note: str | None = "",
) -> Target:
    """Create the unit's target for the period, or change it.

    Needs unit lead or above on the unit. A new value or tolerance records the actor as
    its setter and clears the approval. Setting the same values again writes nothing.
    """
    return target_write(actor, definition, unit, period_code, value, tolerance, note)[0]


@transaction.atomic
def target_approve(actor: Any, target: Target) -> Target:
    """Approve a target: unit lead or above on the parent unit (the unit itself for a root),
    and not the person who set it (four eyes). Approving it again changes nothing.
    """
    target = (
        Target.objects.select_for_update().select_related("unit", "definition").get(pk=target.pk)
    )
    if actor is not None:
        access.require(actor, Action.VIEW, target.unit)
        if not can_approve(actor, target.unit):
            raise PermissionDenied
    _refuse_if_locked(target.unit, parse_period(target.period))
    if target.approved_at is not None:
        return target
    if actor is not None and target.set_by_id is not None and target.set_by_id == actor.pk:
        raise ValidationError(
            _("You set this target yourself: someone else who may approve it must do so."),
            code="four_eyes",
        )
    before = snapshot(target)
    target.approved_by = actor if getattr(actor, "is_authenticated", False) else None
    target.approved_at = timezone.now()
    target.save(update_fields=["approved_by", "approved_at"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        instance=target,
        unit=target.unit,
        changes=diff(before, snapshot(target)),
    )
    return target


@transaction.atomic
def target_delete(actor: Any, target: Target) -> None:
    """Remove a target (unit lead or above on its unit); the history keeps it."""
    target = (
        Target.objects.select_for_update().select_related("unit", "definition").get(pk=target.pk)
    )
    if actor is not None:
        access.require(actor, Action.MANAGE, target.unit)
    _refuse_if_locked(target.unit, parse_period(target.period))
    pk = target.pk
    before = snapshot(target)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=target,
        unit=target.unit,
        changes=diff(before, {}),
        object_id=pk,
    )
    target.delete()
