"""Hand-entered indicator values: entry, approval, period locks, and publishing them.

Services (every write is atomic, permission-checked and audited; ``actor=None`` is the
system and skips the permission checks and the four-eyes rule):

- :func:`manual_enter` — a contributor (or above) on the unit enters or corrects the value
  of a hand-entered indicator for a period. The period must be of the indicator's
  ``entry_period`` type. A changed value becomes a *draft* again, whatever it was before
  (a changed approved value is withdrawn from the published values until approved again);
  entering exactly what is stored changes nothing and records nothing.
- :func:`manual_submit` — a contributor (or above) on the unit sends a draft or returned
  value for approval.
- :func:`manual_approve` — a unit lead (or above) on the unit approves a *submitted*
  value. **Four eyes**: nobody approves a value they entered (last changed) themselves;
  another unit lead, or someone above (quality manager, administrator), must. A value the
  system entered may be approved by any unit lead.
- :func:`manual_return` — a unit lead (or above) sends a submitted or approved value back
  with a note; a returned approved value is withdrawn from the published values.
- :func:`period_lock` / :func:`period_unlock` — a quality manager (or administrator) on the
  unit locks or unlocks a period for the unit's subtree.

**Shares.** An indicator needs an "out of" (denominator) when its unit is a rate —
``percent``, ``ratio`` or ``per_1000_bed_days`` (:data:`SHARE_UNITS`); every other unit
(counts, hours, currency…) is a plain amount with no denominator. The value ≥ 0, the
"out of" > 0, and for a percentage the value cannot exceed the "out of".

**Locks.** A :class:`PeriodLock` on a unit covers that unit and every unit below it, for
every period overlapping the locked one (locking 2026Q1 locks 202601–202603, 2026Q1, and
also 2026S1 and 2026, which contain them). ``period_end`` is stored as the first day *after*
the period, as :attr:`soteria.indicators.periods.Period.end`. While a lock covers a value,
nothing about it changes: no entry, submission, approval or return.

**Publishing.** :func:`manual_publish` turns the *approved* values of a definition into
:class:`IndicatorValue` rows: for every unit and each of its ancestors, for the entered
period and each longer period containing it, numerators and denominators are summed
(ratios are never averaged) and value = Σnumerator × multiplier ÷ Σdenominator
(Σnumerator × multiplier for amounts). A unit's figure is its own entries plus everything
entered below it. Only values of the definition's current ``entry_period`` type count, so
a definition switched from months to quarters never counts a period twice. Approving,
returning an approved value and changing an approved value publish at once, in the same
transaction.

Selectors: :func:`entry_cells` (my entries to make for a period), :func:`awaiting_approval`
and :func:`recently_approved` (for unit leads), :func:`locks_for`, :func:`lock_units_for`;
:func:`lock_covering` / :func:`refuse_if_locked` are for anything else a lock freezes
(targets).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.indicators import periods
from soteria.indicators.models import (
    EntryStatus,
    IndicatorDefinition,
    IndicatorValue,
    ManualValue,
    NoValueReason,
    PeriodLock,
    Source,
    Unit,
    values_stored,
)
from soteria.indicators.periods import Period, PeriodType, parse_period
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, Role, UnitKind, path_ids

SHARE_UNITS = frozenset({Unit.PERCENT, Unit.RATIO, Unit.PER_1000_BED_DAYS})
"""Units whose hand-entered values need an "out of" (denominator)."""

LOCK_ROLE = Role.QUALITY_MANAGER
"""The least role that may lock and unlock periods (on the unit or above it)."""

COMMENT_MAX = 2000


# --- rules ------------------------------------------------------------------------------


def needs_denominator(definition: IndicatorDefinition) -> bool:
    return definition.unit in SHARE_UNITS


def value_of(
    definition: IndicatorDefinition, numerator: float, denominator: float | None
) -> float | None:
    """What a numerator and denominator show as: num × multiplier (÷ den for shares)."""
    if not needs_denominator(definition):
        return numerator * definition.multiplier
    if not denominator:
        return None
    return numerator * definition.multiplier / denominator


def can_lock(user: Any, unit: OrgUnit) -> bool:
    """Quality managers and administrators (on the unit or above it) lock its periods."""
    if user is None:
        return True
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    role = access.role_on(user, unit)
    return role is not None and role >= LOCK_ROLE


def _require(actor: Any, action: Action, unit: OrgUnit) -> None:
    if actor is not None:
        access.require(actor, action, unit)


def _require_lock(actor: Any, unit: OrgUnit) -> None:
    if actor is None:
        return
    if not access.reads_within(actor, unit):  # a lock governs the subtree below it
        raise Http404
    if not can_lock(actor, unit):
        raise PermissionDenied


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def rollup_periods(period: Period) -> list[Period]:
    """The period itself and every longer period containing it (month → quarter, half-year,
    year; quarter → half-year, year; …)."""
    first_month = period.month_periods()[0]
    return [p for p in periods.containing(first_month) if p.months >= period.months]


def period_label(kind: str) -> str:
    return str(periods.PERIOD_TYPE_LABELS[PeriodType(kind)]).lower()


def last_complete(kind: str, today: date | None = None) -> Period:
    """The latest period of a type that has ended (default: the month before this one)."""
    return periods.last_complete(PeriodType(kind), today or timezone.localdate())


def lock_covering(unit: OrgUnit, period: Period | str) -> PeriodLock | None:
    """The lock (on the unit or an ancestor, over an overlapping period) that freezes
    hand-entered values and targets of ``unit`` for ``period``, if any."""
    if isinstance(period, str):
        period = periods.parse(period)
    return (
        PeriodLock.objects.filter(
            unit_id__in=unit.ancestor_ids,
            period_start__lt=period.end,
            period_end__gt=period.start,
        )
        .select_related("unit")
        .order_by("period_start", "pk")
        .first()
    )


def refuse_if_locked(unit: OrgUnit, period: Period | str) -> None:
    """``ValidationError`` naming the lock when one covers the unit and period."""
    lock = lock_covering(unit, period)
    if lock is None:
        return
    message = _(
        "%(period)s is locked for %(unit)s (locked on %(day)s by %(who)s%(reason)s): "
        "values in it can no longer change. A quality manager can unlock it."
    ) % {
        "period": lock.period,
        "unit": lock.unit.display_name,
        "day": lock.locked_at.date().isoformat(),
        "who": lock.locked_by.get_username() if lock.locked_by else _("the system"),
        "reason": f": {lock.reason}" if lock.reason else "",
    }
    raise ValidationError(message, code="locked")


def applies_to(definition: IndicatorDefinition, unit: OrgUnit) -> bool:
    """Whether values of the definition are entered at the unit: standard definitions
    anywhere, an organisation's own ones in its subtree; and only at the kinds of unit in
    ``entered_at`` when it names any (the units above get the sums)."""
    if definition.owner_id is not None and definition.owner_id not in unit.ancestor_ids:
        return False
    return not definition.entered_at or unit.kind in definition.entered_at


def _as_number(value: Any, field: str, errors: dict[str, str]) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        errors[field] = _("'%(value)s' is not a number.") % {"value": value}
        return None
    number = float(value)
    if not math.isfinite(number):
        errors[field] = _("'%(value)s' is not a number.") % {"value": value}
        return None
    return number


@dataclass(frozen=True)
class CheckedEntry:
    period: Period
    numerator: float
    denominator: float | None
    comment: str


def check_entry(
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: Any,
    numerator: Any,
    denominator: Any = None,
    comment: Any = "",
    *,
    check_lock: bool = True,
) -> CheckedEntry:
    """Every rule an entry must meet, except permissions; ``ValidationError`` keyed by
    ``period``, ``numerator``, ``denominator``, ``comment`` (or none) otherwise.

    ``check_lock=False`` leaves the lock to the caller (entering exactly what is stored
    in a locked period is not a change, so it is not refused)."""
    if definition.source != Source.MANUAL:
        raise ValidationError(
            _("%(code)s is computed from hospital data; it cannot be entered by hand.")
            % {"code": definition.code}
        )
    if not definition.active:
        raise ValidationError(_("%(code)s is no longer in use.") % {"code": definition.code})
    if definition.owner_id is not None and definition.owner_id not in unit.ancestor_ids:
        raise ValidationError(
            _("%(code)s belongs to another organisation; it cannot be entered for %(unit)s.")
            % {"code": definition.code, "unit": unit.code}
        )
    if not applies_to(definition, unit):
        raise ValidationError(
            _(
                "%(code)s is entered at %(kinds)s only; %(unit)s is a %(kind)s (its value is "
                "the sum of the units below it)."
            )
            % {
                "code": definition.code,
                "kinds": ", ".join(str(UnitKind(k).label).lower() for k in definition.entered_at),
                "unit": unit.code,
                "kind": str(unit.get_kind_display()).lower(),
            }
        )
    errors: dict[str, str] = {}
    period: Period | None = None
    try:
        period = parse_period(period_code)
    except ValidationError as error:
        errors["period"] = error.message_dict["period"][0]
    if period is not None and period.type != definition.entry_period:
        errors["period"] = _(
            "%(code)s is entered per %(expected)s; %(period)s is a %(given)s. "
            "Use a period like %(example)s."
        ) % {
            "code": definition.code,
            "expected": period_label(definition.entry_period),
            "period": period.code,
            "given": period_label(period.type),
            "example": last_complete(definition.entry_period).code,
        }
    num = _as_number(numerator, "numerator", errors)
    den = _as_number(denominator, "denominator", errors)
    if num is None and "numerator" not in errors:
        errors["numerator"] = _("Enter a value.")
    elif num is not None and num < 0:
        errors["numerator"] = _("The value cannot be negative.")
    if needs_denominator(definition):
        if den is None and "denominator" not in errors:
            errors["denominator"] = _("%(code)s is a share: enter what the value is out of.") % {
                "code": definition.code
            }
        elif den is not None and den <= 0:
            errors["denominator"] = _("What the value is out of must be greater than zero.")
        elif (
            den is not None
            and num is not None
            and num >= 0
            and definition.unit == Unit.PERCENT
            and num > den
        ):
            errors["numerator"] = _("The value cannot be larger than what it is out of.")
    elif den is not None or "denominator" in errors:
        errors["denominator"] = _("%(code)s is an amount, not a share: leave “out of” empty.") % {
            "code": definition.code
        }
    text = str(comment or "").strip()
    if len(text) > COMMENT_MAX:
        errors["comment"] = _("Keep the comment under %(n)d characters.") % {"n": COMMENT_MAX}
    if errors:
        raise ValidationError(errors)
    assert period is not None and num is not None
    if check_lock:
        refuse_if_locked(unit, period)
    return CheckedEntry(period, num, den, text)


def is_unchanged(value: ManualValue | None, entry: CheckedEntry) -> bool:
    return value is not None and (value.numerator, value.denominator, value.comment) == (
        entry.numerator,
        entry.denominator,
        entry.comment,
    )


# --- entering and approving -------------------------------------------------------------


def _enter(
    actor: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: Any,
    numerator: Any,
    denominator: Any = None,
    comment: Any = "",
) -> tuple[ManualValue, str]:
    """Enter a value; returns it and "created", "changed" or "unchanged"."""
    _require(actor, Action.EDIT, unit)
    entry = check_entry(
        definition, unit, period_code, numerator, denominator, comment, check_lock=False
    )
    value = (
        ManualValue.objects.select_for_update()
        .filter(definition=definition, unit=unit, period=entry.period.code)
        .first()
    )
    creating = value is None
    if value is None:
        value = ManualValue(
            definition=definition,
            unit=unit,
            period=entry.period.code,
            period_start=entry.period.start,
            numerator=entry.numerator,
        )
    elif is_unchanged(value, entry):
        return value, "unchanged"
    refuse_if_locked(unit, entry.period)
    before = {} if creating else snapshot(value)
    was_approved = value.status == EntryStatus.APPROVED
    value.numerator = entry.numerator
    value.denominator = entry.denominator
    value.comment = entry.comment
    value.status = EntryStatus.DRAFT
    value.entered_by = _user(actor)
    value.entered_at = timezone.now()
    value.approved_by = None
    value.approved_at = None
    value.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        instance=value,
        unit=unit,
        changes=diff(before, snapshot(value)),
    )
    if was_approved:
        manual_publish(definition, units=[unit])
    return value, "created" if creating else "changed"


@transaction.atomic
def manual_enter(
    actor: Any,
    definition: IndicatorDefinition,
    unit: OrgUnit,
    period_code: str,
    numerator: Any,
    denominator: Any = None,
    comment: str = "",
    *,
    submit: bool = False,
) -> ManualValue:
    """Enter or correct a hand-entered value (a draft); with ``submit``, send it for
    approval too. Entering what is stored changes nothing."""
    value, _outcome = _enter(actor, definition, unit, period_code, numerator, denominator, comment)
    if submit:
        value = manual_submit(actor, value)
    return value


def _locked_for_update(value: ManualValue) -> ManualValue:
    return (
        # of=self: the nullable entered_by is an outer join, which PostgreSQL cannot lock.
        ManualValue.objects.select_for_update(of=("self",))
        .select_related("definition", "unit", "entered_by")
        .get(pk=value.pk)
    )


def _status_change(actor: Any, value: ManualValue, before: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        instance=value,
        unit=value.unit,
        changes=diff(before, snapshot(value)),
    )


@transaction.atomic
def manual_submit(actor: Any, value: ManualValue) -> ManualValue:
    """Send a draft or returned value for approval (submitting twice changes nothing)."""
    _require(actor, Action.EDIT, value.unit)
    value = _locked_for_update(value)
    refuse_if_locked(value.unit, value.period)
    if value.status == EntryStatus.SUBMITTED:
        return value
    if value.status == EntryStatus.APPROVED:
        raise ValidationError(
            _("This value is already approved; change it to enter it again."), code="status"
        )
    before = snapshot(value)
    value.status = EntryStatus.SUBMITTED
    value.save(update_fields=["status"])
    _status_change(actor, value, before)
    return value


@transaction.atomic
def manual_approve(actor: Any, value: ManualValue) -> ManualValue:
    """Approve a submitted value and publish it. Four eyes: not by whoever entered it."""
    _require(actor, Action.MANAGE, value.unit)
    value = _locked_for_update(value)
    refuse_if_locked(value.unit, value.period)
    if value.status != EntryStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted value can be approved; this one is %(status)s.")
            % {"status": value.get_status_display()},
            code="status",
        )
    if actor is not None and value.entered_by_id is not None and value.entered_by_id == actor.pk:
        raise ValidationError(
            _(
                "You entered this value yourself: another unit lead, or someone above the "
                "unit, must approve it."
            ),
            code="four_eyes",
        )
    before = snapshot(value)
    value.status = EntryStatus.APPROVED
    value.approved_by = _user(actor)
    value.approved_at = timezone.now()
    value.review_note = ""
    value.save(update_fields=["status", "approved_by", "approved_at", "review_note"])
    _status_change(actor, value, before)
    manual_publish(value.definition, units=[value.unit])
    return value


@transaction.atomic
def manual_return(actor: Any, value: ManualValue, note: str) -> ManualValue:
    """Send a submitted or approved value back for correction, saying why."""
    _require(actor, Action.MANAGE, value.unit)
    value = _locked_for_update(value)
    refuse_if_locked(value.unit, value.period)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what needs correcting.")})
    if len(note) > COMMENT_MAX:
        raise ValidationError(
            {"note": _("Keep the note under %(n)d characters.") % {"n": COMMENT_MAX}}
        )
    if value.status not in (EntryStatus.SUBMITTED, EntryStatus.APPROVED):
        raise ValidationError(
            _("Only a submitted or approved value can be returned; this one is %(status)s.")
            % {"status": value.get_status_display()},
            code="status",
        )
    was_approved = value.status == EntryStatus.APPROVED
    before = snapshot(value)
    value.status = EntryStatus.RETURNED
    value.review_note = note
    value.approved_by = None
    value.approved_at = None
    value.save(update_fields=["status", "review_note", "approved_by", "approved_at"])
    _status_change(actor, value, before)
    if was_approved:
        manual_publish(value.definition, units=[value.unit])
    return value


# --- period locks -----------------------------------------------------------------------


@transaction.atomic
def period_lock(actor: Any, unit: OrgUnit, period_code: str, reason: str = "") -> PeriodLock:
    """Freeze the hand-entered values of the unit's subtree in a period."""
    _require_lock(actor, unit)
    period = parse_period(period_code)
    reason = (reason or "").strip()
    if PeriodLock.objects.filter(unit=unit, period=period.code).exists():
        raise ValidationError(
            {
                "period": _("%(period)s is already locked for %(unit)s.")
                % {"period": period.code, "unit": unit.display_name}
            }
        )
    if len(reason) > 300:
        raise ValidationError({"reason": _("Keep the reason under 300 characters.")})
    lock = PeriodLock.objects.create(
        unit=unit,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        reason=reason,
        locked_by=_user(actor),
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=lock,
        unit=unit,
        changes=diff({}, snapshot(lock)),
    )
    return lock


@transaction.atomic
def period_unlock(actor: Any, lock: PeriodLock) -> None:
    _require_lock(actor, lock.unit)
    audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=lock,
        unit=lock.unit,
        changes=diff(snapshot(lock), {}),
    )
    lock.delete()


# --- publishing -------------------------------------------------------------------------


@transaction.atomic
def manual_publish(definition: IndicatorDefinition, units: Iterable[OrgUnit] | None = None) -> int:
    """Recompute the stored values of a hand-entered definition from its approved entries.

    With ``units``, only the rows of those units and their ancestors are replaced (they are
    the only ones an entry of those units affects); otherwise every row of the definition.
    Returns the number of rows written.
    """
    if definition.source != Source.MANUAL:
        raise ValueError(f"{definition.code} is computed, not entered by hand.")
    # One publisher per definition at a time (two approvals touch the same parent rows).
    definition = IndicatorDefinition.objects.select_for_update().get(pk=definition.pk)
    affected: set[int] | None = None
    if units is not None:
        affected = {pk for unit in units for pk in unit.ancestor_ids}
    share = needs_denominator(definition)
    sums: dict[tuple[int, Period], list[float]] = defaultdict(lambda: [0.0, 0.0])
    approved = ManualValue.objects.filter(
        definition=definition, status=EntryStatus.APPROVED
    ).values_list("unit__path", "period", "numerator", "denominator")
    for path, code, numerator, denominator in approved:
        period = periods.parse(code)
        if period.type != definition.entry_period:
            continue
        if share and denominator is None:
            continue
        for unit_id in path_ids(path):
            if affected is not None and unit_id not in affected:
                continue
            for target in rollup_periods(period):
                total = sums[(unit_id, target)]
                total[0] += numerator
                if share and denominator is not None:
                    total[1] += denominator
    stale = IndicatorValue.objects.filter(definition=definition)
    if affected is not None:
        stale = stale.filter(unit_id__in=affected)
    stale.delete()
    now = timezone.now()
    rows = []
    for (unit_id, period), (numerator, denominator) in sorted(
        sums.items(), key=lambda item: (item[0][0], item[0][1].start, item[0][1].months)
    ):
        reason = ""
        if share:
            value = numerator * definition.multiplier / denominator if denominator else None
            reason = "" if denominator else NoValueReason.ZERO_DENOMINATOR
        else:
            value = numerator * definition.multiplier
        rows.append(
            IndicatorValue(
                definition=definition,
                unit_id=unit_id,
                period=period.code,
                period_type=period.type.value,
                period_start=period.start,
                numerator=numerator,
                denominator=denominator if share else None,
                value=value,
                no_value_reason=reason,
                definition_version=definition.version,
                computed_at=now,
            )
        )
    IndicatorValue.objects.bulk_create(rows)
    values_stored.send(
        sender=IndicatorValue, definition_ids={definition.pk}, unit_ids=affected, count=len(rows)
    )
    return len(rows)


# --- reading ----------------------------------------------------------------------------


def manual_definitions(kind: str | None = None) -> QuerySet[IndicatorDefinition]:
    """Active hand-entered definitions (of one entry-period type)."""
    found = IndicatorDefinition.objects.filter(source=Source.MANUAL, active=True)
    return found.filter(entry_period=kind) if kind else found


def entry_kinds() -> list[str]:
    """The entry-period types the active hand-entered definitions use, shortest first."""
    used = set(manual_definitions().values_list("entry_period", flat=True))
    return [kind.value for kind in PeriodType if kind.value in used]


def default_period(today: date | None = None) -> Period:
    """The last complete month, or of the shortest type in use when no indicator is
    entered per month."""
    kinds = entry_kinds() or [PeriodType.MONTH.value]
    return last_complete(kinds[0], today)


def period_choices(today: date | None = None) -> list[Period]:
    """Recent periods of the types in use, newest first per type: this period and the
    twelve months / four quarters / two half-years / two years before it."""
    today = today or timezone.localdate()
    back = {"month": 12, "quarter": 4, "half_year": 2, "year": 2}
    out: list[Period] = []
    for kind in entry_kinds() or [PeriodType.MONTH.value]:
        current = next(p for p in periods.containing(periods.month_of(today)) if p.type == kind)
        for _step in range(back[kind] + 1):
            out.append(current)
            current = next(
                p
                for p in periods.containing(periods.month_of(current.start - timedelta(days=1)))
                if p.type == kind
            )
    return out


@dataclass
class EntryCell:
    """One value a user may enter: an indicator × unit for the period, with what is stored."""

    definition: IndicatorDefinition
    unit: OrgUnit
    period: Period
    value: ManualValue | None
    lock: PeriodLock | None

    @property
    def status(self) -> str:
        return self.value.status if self.value is not None else ""

    @property
    def share(self) -> bool:
        return needs_denominator(self.definition)

    @property
    def shown(self) -> float | None:
        if self.value is None:
            return None
        return value_of(self.definition, self.value.numerator, self.value.denominator)

    @property
    def key(self) -> str:
        return f"c{self.definition.pk}-{self.unit.pk}"


def _locks_over(period: Period) -> list[PeriodLock]:
    return list(
        PeriodLock.objects.filter(period_start__lt=period.end, period_end__gt=period.start)
        .select_related("unit", "locked_by")
        .order_by("unit__path")
    )


def entry_cells(user: Any, period_code: str, unit: OrgUnit | None = None) -> list[EntryCell]:
    """My entries to make: every hand-entered indicator of the period's type × every unit
    where the user is a contributor or above (within ``unit``'s subtree when given), with
    the stored value, if any, and the lock covering it, if any."""
    period = parse_period(period_code)
    units = access.units_for(user, Action.EDIT).order_by("path")
    if unit is not None:
        units = units.filter(path__startswith=unit.path)
    unit_list = list(units)
    definitions = list(manual_definitions(period.type.value))
    if not unit_list or not definitions:
        return []
    stored = {
        (v.definition_id, v.unit_id): v
        for v in ManualValue.objects.filter(
            definition__in=definitions,
            unit__in=[u.pk for u in unit_list],
            period=period.code,
        ).select_related("entered_by", "approved_by")
    }
    locks = _locks_over(period)
    cells = []
    for u in unit_list:
        lock = next((lock for lock in locks if u.path.startswith(lock.unit.path)), None)
        for d in definitions:
            if applies_to(d, u):
                cells.append(EntryCell(d, u, period, stored.get((d.pk, u.pk)), lock))
    return cells


def awaiting_approval(user: Any) -> QuerySet[ManualValue]:
    """Submitted values on units where the user is a unit lead or above, except the ones
    they entered themselves (four eyes)."""
    found = access.filter_by_unit(
        ManualValue.objects.filter(status=EntryStatus.SUBMITTED), user, Action.MANAGE
    )
    return found.exclude(entered_by=user).select_related("definition", "unit", "entered_by")


def recently_approved(user: Any, limit: int = 50) -> QuerySet[ManualValue]:
    """Approved values on units where the user is a unit lead or above, newest first (they
    may still be returned)."""
    found = access.filter_by_unit(
        ManualValue.objects.filter(status=EntryStatus.APPROVED), user, Action.MANAGE
    )
    return found.select_related("definition", "unit", "entered_by", "approved_by").order_by(
        "-approved_at", "-pk"
    )[:limit]


def value_get(user: Any, pk: int) -> ManualValue:
    """A hand-entered value the user may see (404 otherwise)."""
    value = (
        ManualValue.objects.select_related("definition", "unit", "entered_by").filter(pk=pk).first()
    )
    if value is None or not access.can(user, Action.VIEW, value.unit):
        raise Http404
    return value


def locks_for(user: Any) -> QuerySet[PeriodLock]:
    """Locks on units the user may see, and on the units above them (which lock them)."""
    return (
        PeriodLock.objects.filter(access.governed_filter(user, "unit"))
        .select_related("unit", "locked_by")
        .order_by("-period_start", "unit__path")
    )


def lock_units_for(user: Any) -> QuerySet[OrgUnit]:
    """Units whose periods the user may lock."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return OrgUnit.objects.all()
    query = Q(pk__in=[])
    for path, role in access.grants(user):
        if role >= LOCK_ROLE:
            query |= Q(path__startswith=path)
    return OrgUnit.objects.filter(query)


def lock_get(user: Any, pk: int) -> PeriodLock:
    lock = PeriodLock.objects.select_related("unit").filter(pk=pk).first()
    if lock is None or not access.reads_within(user, lock.unit):
        raise Http404
    return lock


def pending_in(unit: OrgUnit, period: Period) -> int:
    """Values of the unit's subtree in the period still waiting for a decision."""
    return ManualValue.objects.filter(
        unit__path__startswith=unit.path,
        period_start__lt=period.end,
        period_start__gte=period.start,
        status__in=[EntryStatus.DRAFT, EntryStatus.SUBMITTED, EntryStatus.RETURNED],
    ).count()
