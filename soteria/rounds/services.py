"""Update rounds: opening, closing, reopening, initiative updates, and what is due.

Writes (atomic, permission-checked, audited; ``actor=None`` is the system and skips the
permission checks):

- :func:`round_open` — a quality manager (or above) on the unit opens a round for a period
  with a due date; one *open* round per unit × period.
- :func:`round_close` — locks the period for the round's subtree through
  :func:`soteria.indicators.manual.period_lock` and records who closed it and when. Where
  the very same lock (unit × period) already exists, it is left alone and the round takes
  no lock of its own.
- :func:`round_reopen` — removes the lock the round took (:func:`~soteria.indicators.
  manual.period_unlock`) and opens the round again.
- :func:`initiative_update_save` — the owner's status and commentary for an initiative in
  the round (one per initiative and round, changed freely until the round closes). A
  changed status is also set on the initiative through
  :func:`soteria.strategy.services.element_update` (``status`` is a progress field, so it
  may change in an approved version).

What is due (computed, never stored):

- **Hand-entered values**: every active hand-entered indicator whose entry period fits in
  the round's period (a quarter's round asks for the quarter's three months of a monthly
  indicator), at every unit of the round's subtree where it applies. Done when approved,
  *waiting* while submitted, *missing* otherwise (not entered, draft, returned).
- **Initiatives** of current approved strategy versions owned by a unit of the subtree,
  except those already completed or cancelled (unless updated in this round). Done once
  updated in the round, missing otherwise.

:func:`my_items` gives one user's share — the items at units where they are a contributor
or above (for initiatives: where they may edit the owner unit) — in a fixed number of
queries, whatever the number of items. :func:`completion` gives the quality office the
counts per unit and per owner; an item's owners are the users holding a contributor role
or above on its unit, or on a unit above it within the round's subtree.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.core.spreadsheet import csv_safe
from soteria.indicators import manual, periods
from soteria.indicators.models import EntryStatus, IndicatorDefinition, ManualValue, PeriodLock
from soteria.indicators.periods import Period, PeriodType
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import Membership, OrgUnit, Role
from soteria.rounds import selectors
from soteria.rounds.models import COMMENTARY_MAX, InitiativeUpdate, UpdateRound
from soteria.strategy import services as strategy_services
from soteria.strategy.models import Initiative, InitiativeStatus, VersionStatus

FINISHED = (InitiativeStatus.COMPLETED, InitiativeStatus.CANCELLED)
"""Initiatives with these statuses are no longer asked for updates."""


# --- permissions ------------------------------------------------------------------------


def _require_quality(actor: Any, unit: OrgUnit) -> None:
    """404 without a role on, above or below the unit; 403 below quality manager."""
    if actor is None:
        return
    if not access.reads_within(actor, unit):
        raise Http404
    if not selectors.is_quality(actor, unit):
        raise PermissionDenied


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- opening, closing, reopening --------------------------------------------------------


def _already_open(unit: OrgUnit, period: str, other: UpdateRound) -> ValidationError:
    return ValidationError(
        {
            "period": _(
                "An update round for %(period)s is already open for %(unit)s (due %(due)s); "
                "close it first or use it."
            )
            % {"period": period, "unit": unit.display_name, "due": other.due.isoformat()}
        },
        code="unique",
    )


@transaction.atomic
def round_open(actor: Any, unit: OrgUnit, period_code: str, due: dt.date | None) -> UpdateRound:
    """Open a round for the unit's subtree and a period, due on ``due``."""
    _require_quality(actor, unit)
    period = manual.parse_period(period_code)
    if due is None:
        raise ValidationError({"due": _("Give the date the updates are due.")})
    if due < period.start:
        raise ValidationError(
            {
                "due": _("The due date cannot be before the period starts (%(start)s).")
                % {"start": period.start.isoformat()}
            }
        )
    lock = manual.lock_covering(unit, period)
    if lock is not None:
        raise ValidationError(
            {
                "period": _(
                    "%(period)s is locked for %(unit)s, so nothing in it can be entered. "
                    "Unlock it first."
                )
                % {"period": lock.period, "unit": lock.unit.display_name}
            }
        )
    existing = UpdateRound.objects.filter(
        unit=unit, period=period.code, closed_at__isnull=True
    ).first()
    if existing is not None:
        raise _already_open(unit, period.code, existing)
    opened = UpdateRound(
        unit=unit,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        due=due,
        opened_by=_user(actor),
    )
    try:
        with transaction.atomic():
            opened.save()
    except IntegrityError:  # opened by someone else in the meantime
        other = UpdateRound.objects.filter(
            unit=unit, period=period.code, closed_at__isnull=True
        ).first()
        raise _already_open(unit, period.code, other or opened) from None
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=opened,
        unit=unit,
        changes=diff({}, snapshot(opened)),
    )
    return opened


def _locked_round(update_round: UpdateRound) -> UpdateRound:
    return (
        UpdateRound.objects.select_for_update(of=("self",))
        .select_related("unit", "closed_by", "lock")
        .get(pk=update_round.pk)
    )


@transaction.atomic
def round_close(actor: Any, update_round: UpdateRound) -> UpdateRound:
    """Close the round and lock its period for its subtree."""
    _require_quality(actor, update_round.unit)
    found = _locked_round(update_round)
    if not found.is_open:
        raise ValidationError(_("This round is already closed."), code="closed")
    before = snapshot(found)
    lock: PeriodLock | None = None
    if not PeriodLock.objects.filter(unit=found.unit, period=found.period).exists():
        lock = manual.period_lock(
            actor,
            found.unit,
            found.period,
            reason=_("Update round %(period)s closed") % {"period": found.period},
        )
    found.lock = lock
    found.closed_at = timezone.now()
    found.closed_by = _user(actor)
    found.save(update_fields=["lock", "closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        instance=found,
        unit=found.unit,
        changes=diff(before, snapshot(found)),
    )
    return found


@transaction.atomic
def round_reopen(actor: Any, update_round: UpdateRound) -> UpdateRound:
    """Open a closed round again and remove the lock it took on closing."""
    _require_quality(actor, update_round.unit)
    found = _locked_round(update_round)
    if found.is_open:
        raise ValidationError(_("This round is open already."), code="open")
    other = (
        UpdateRound.objects.filter(unit=found.unit, period=found.period, closed_at__isnull=True)
        .exclude(pk=found.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            _(
                "Another update round for %(period)s is open for %(unit)s; close it before "
                "reopening this one."
            )
            % {"period": found.period, "unit": found.unit.display_name},
            code="unique",
        )
    before = snapshot(found)
    if found.lock is not None:
        manual.period_unlock(actor, found.lock)
    found.lock = None
    found.closed_at = None
    found.closed_by = None
    found.save(update_fields=["lock", "closed_at", "closed_by"])
    audit_record(
        actor=actor,
        action=AuditAction.STATUS,
        instance=found,
        unit=found.unit,
        changes=diff(before, snapshot(found)),
    )
    return found


# --- initiative updates -----------------------------------------------------------------


def closed_message(update_round: UpdateRound) -> str:
    closed_at = update_round.closed_at or timezone.now()
    who = update_round.closed_by.get_username() if update_round.closed_by else _("the system")
    return _(
        "The update round %(period)s for %(unit)s was closed on %(day)s by %(who)s: "
        "initiative updates can no longer be saved in it. A quality manager can reopen it."
    ) % {
        "period": update_round.period,
        "unit": update_round.unit.display_name,
        "day": timezone.localdate(closed_at).isoformat(),
        "who": who,
    }


def in_round(update_round: UpdateRound, initiative: Initiative) -> bool:
    """The initiative is owned within the round's subtree, in an approved version."""
    return (
        initiative.owner_unit.path.startswith(update_round.unit.path)
        and initiative.version.status == VersionStatus.APPROVED
    )


@transaction.atomic
def initiative_update_save(
    actor: Any,
    update_round: UpdateRound,
    initiative: Initiative,
    status: str,
    commentary: str,
) -> InitiativeUpdate:
    """Save the status and commentary of an initiative for the round (create or change);
    a changed status is set on the initiative too. Saving what is stored changes nothing."""
    initiative = Initiative.objects.select_related("owner_unit", "version__strategy__unit").get(
        pk=initiative.pk
    )
    if actor is not None:
        access.require(actor, Action.EDIT, initiative.owner_unit)
    found = _locked_round(update_round)
    if not in_round(found, initiative):
        raise ValidationError(
            _("%(code)s is not asked for in this round.") % {"code": initiative.code},
            code="scope",
        )
    if not found.is_open:
        raise ValidationError(closed_message(found), code="closed")
    errors: dict[str, str] = {}
    if status not in InitiativeStatus.values:
        errors["status"] = _("Choose one of the statuses offered.")
    text = str(commentary or "").strip()
    if not text:
        errors["commentary"] = _("Say briefly how the initiative is going.")
    elif len(text) > COMMENTARY_MAX:
        errors["commentary"] = _("Keep the commentary under %(n)d characters.") % {
            "n": COMMENTARY_MAX
        }
    if errors:
        raise ValidationError(errors)
    update = (
        InitiativeUpdate.objects.select_for_update()
        .filter(initiative=initiative, round=found)
        .first()
    )
    creating = update is None
    if update is None:
        update = InitiativeUpdate(initiative=initiative, round=found)
    elif (update.status, update.commentary) == (status, text):
        return update
    before = {} if creating else snapshot(update)
    update.status = status
    update.commentary = text
    update.author = _user(actor)
    update.submitted_at = timezone.now()
    update.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        instance=update,
        unit=initiative.owner_unit,
        changes=diff(before, snapshot(update)),
    )
    if initiative.status != status:
        strategy_services.element_update(actor=actor, element=initiative, status=status)
    return update


# --- what is due ------------------------------------------------------------------------


class State(StrEnum):
    DONE = "done"
    WAITING = "waiting"
    MISSING = "missing"


class Todo(StrEnum):
    """What an item asks of the user looking at it."""

    ENTER = "enter"  # enter (or correct) and submit the value
    APPROVE = "approve"  # approve the submitted value
    UPDATE = "update"  # write the initiative's update
    WAIT = "wait"  # submitted; someone else approves it
    NOTHING = ""  # done, or the round is closed


OPEN_TODOS = frozenset({Todo.ENTER, Todo.APPROVE, Todo.UPDATE})


def periods_within(period: Period, kind: str) -> list[Period]:
    """The periods of a type that lie in ``period`` (none for a longer type)."""
    current = periods.period_of(period.start, PeriodType(kind))
    out = []
    while current.end <= period.end:
        if current.start >= period.start:
            out.append(current)
        current = periods.shifted(current, 1)
    return out


@dataclass
class ValueItem:
    """A hand-entered value due in a round."""

    round: UpdateRound
    definition: IndicatorDefinition
    unit: OrgUnit
    period: Period
    value: ManualValue | None
    todo: Todo = Todo.NOTHING
    kind: ClassVar[str] = "value"

    @property
    def state(self) -> State:
        status = self.value.status if self.value is not None else ""
        if status == EntryStatus.APPROVED:
            return State.DONE
        if status == EntryStatus.SUBMITTED:
            return State.WAITING
        return State.MISSING

    @property
    def status_label(self) -> str:
        return self.value.get_status_display() if self.value is not None else _("not entered")

    @property
    def status(self) -> str:
        return self.value.status if self.value is not None else ""

    @property
    def owner_unit(self) -> OrgUnit:
        return self.unit

    @property
    def entry_url(self) -> str:
        query = urlencode({"period": self.period.code, "unit": self.unit.code})
        return f"{reverse('manual-entry')}?{query}#c{self.definition.pk}-{self.unit.pk}"


@dataclass
class InitiativeItem:
    """An initiative whose status and commentary are due in a round."""

    round: UpdateRound
    initiative: Initiative
    update: InitiativeUpdate | None
    todo: Todo = Todo.NOTHING
    kind: ClassVar[str] = "initiative"

    @property
    def state(self) -> State:
        return State.DONE if self.update is not None else State.MISSING

    @property
    def owner_unit(self) -> OrgUnit:
        return self.initiative.owner_unit

    @property
    def key(self) -> str:
        return f"i{self.initiative.pk}"


Item = ValueItem | InitiativeItem


@dataclass
class MyItems:
    """One user's items in some rounds."""

    rounds: list[UpdateRound]
    values: list[ValueItem] = field(default_factory=list)
    initiatives: list[InitiativeItem] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return [*self.values, *self.initiatives]

    @property
    def open_items(self) -> list[Item]:
        return [item for item in self.items if item.todo in OPEN_TODOS]

    @property
    def open_count(self) -> int:
        return len(self.open_items)

    @property
    def nearest_due(self) -> dt.date | None:
        return min((item.round.due for item in self.open_items), default=None)

    def overdue(self, today: dt.date | None = None) -> bool:
        due = self.nearest_due
        return due is not None and (today or timezone.localdate()) > due

    def tally(self) -> Tally:
        tally = Tally()
        for item in self.items:
            tally.add(item.state)
        return tally

    def rounds_with_open_items(self) -> list[UpdateRound]:
        seen: dict[int, UpdateRound] = {}
        for item in self.open_items:
            seen.setdefault(item.round.pk, item.round)
        return sorted(seen.values(), key=lambda r: (r.due, r.pk))

    def open_in(self, update_round: UpdateRound) -> int:
        return sum(1 for item in self.open_items if item.round.pk == update_round.pk)


def _scope(rounds: list[UpdateRound], field_name: str) -> Q:
    query = Q(pk__in=[])
    for update_round in rounds:
        query |= Q(**{f"{field_name}__startswith": update_round.unit.path})
    return query


def _values(
    rounds: list[UpdateRound], units: list[OrgUnit], definitions: list[IndicatorDefinition]
) -> list[ValueItem]:
    """Every value due in the rounds at the units (one query for what is stored)."""
    due: list[tuple[UpdateRound, OrgUnit, IndicatorDefinition, Period]] = []
    for update_round in rounds:
        period = update_round.period_obj
        within = {
            kind: periods_within(period, kind) for kind in {d.entry_period for d in definitions}
        }
        for unit in units:
            if not unit.path.startswith(update_round.unit.path):
                continue
            for definition in definitions:
                if manual.applies_to(definition, unit):
                    for sub in within[definition.entry_period]:
                        due.append((update_round, unit, definition, sub))
    if not due:
        return []
    stored = {
        (v.definition_id, v.unit_id, v.period): v
        for v in ManualValue.objects.filter(
            definition__in=sorted({d.pk for _r, _u, d, _p in due}),
            unit__in=sorted({u.pk for _r, u, _d, _p in due}),
            period__in=sorted({p.code for _r, _u, _d, p in due}),
        )
    }
    return [
        ValueItem(r, d, u, p, stored.get((d.pk, u.pk, p.code)))
        for r, u, d, p in sorted(
            due, key=lambda x: (x[0].due, x[0].pk, x[1].path, x[2].code, x[3].start)
        )
    ]


def _initiatives(rounds: list[UpdateRound], owner_ids: list[int] | None) -> list[InitiativeItem]:
    """Initiatives due in the rounds, owned by the given units (by any unit of the rounds'
    subtrees with None): two queries."""
    if owner_ids is None:
        owned = _scope(rounds, "owner_unit__path")
        updated = _scope(rounds, "initiative__owner_unit__path")
    else:
        owned, updated = Q(owner_unit__in=owner_ids), Q(initiative__owner_unit__in=owner_ids)
    updates = {
        (u.initiative_id, u.round_id): u
        for u in InitiativeUpdate.objects.filter(
            updated, round__in=[r.pk for r in rounds]
        ).select_related("author")
    }
    current = Q(version__status=VersionStatus.APPROVED) & ~Q(status__in=FINISHED)
    initiatives = list(
        Initiative.objects.filter(owned)
        .filter(current | Q(pk__in=sorted({pk for pk, _r in updates})))
        .select_related("owner_unit", "version__strategy")
        .order_by("owner_unit__path", "version__strategy__code", "code", "pk")
    )
    items = []
    for update_round in sorted(rounds, key=lambda r: (r.due, r.pk)):
        for initiative in initiatives:
            if not initiative.owner_unit.path.startswith(update_round.unit.path):
                continue
            update = updates.get((initiative.pk, update_round.pk))
            if update is None and (
                initiative.version.status != VersionStatus.APPROVED or initiative.status in FINISHED
            ):
                continue
            items.append(InitiativeItem(update_round, initiative, update))
    return items


def _value_todo(user: Any, item: ValueItem) -> Todo:
    if not item.round.is_open or item.state == State.DONE:
        return Todo.NOTHING
    if item.state == State.WAITING:
        assert item.value is not None
        if item.value.entered_by_id != user.pk and access.can(user, Action.MANAGE, item.unit):
            return Todo.APPROVE
        return Todo.WAIT
    return Todo.ENTER


def items_for(user: Any, rounds: list[UpdateRound]) -> MyItems:
    """The user's items in the given rounds, in at most five queries."""
    if not rounds:
        return MyItems(rounds)
    units = list(
        access.units_for(user, Action.EDIT).filter(_scope(rounds, "path")).order_by("path")
    )
    if not units:
        return MyItems(rounds)
    definitions = list(manual.manual_definitions().order_by("code"))
    values = _values(rounds, units, definitions)
    for value_item in values:
        value_item.todo = _value_todo(user, value_item)
    initiatives = _initiatives(rounds, [u.pk for u in units])
    for initiative_item in initiatives:
        if initiative_item.round.is_open and initiative_item.update is None:
            initiative_item.todo = Todo.UPDATE
    return MyItems(rounds, values, initiatives)


def my_items(user: Any, update_round: UpdateRound | None = None) -> MyItems:
    """The user's items in a round, or in every open round they take part in."""
    if update_round is not None:
        return items_for(user, [update_round])
    return items_for(user, selectors.open_rounds_with_work(user))


# --- completion -------------------------------------------------------------------------


@dataclass
class Tally:
    done: int = 0
    waiting: int = 0
    missing: int = 0

    def add(self, state: State) -> None:
        setattr(self, state.value, getattr(self, state.value) + 1)

    @property
    def total(self) -> int:
        return self.done + self.waiting + self.missing

    @property
    def open(self) -> int:
        return self.waiting + self.missing

    @property
    def percent(self) -> int:
        """Share done, rounded down (99 % until the last item is done); 100 without items."""
        return 100 * self.done // self.total if self.total else 100


@dataclass
class CompletionRow:
    label: str
    code: str
    tally: Tally = field(default_factory=Tally)
    overdue: bool = False


@dataclass
class Completion:
    round: UpdateRound
    units: list[CompletionRow]
    owners: list[CompletionRow]
    unowned: CompletionRow
    total: Tally
    overdue: bool


def completion(update_round: UpdateRound, today: dt.date | None = None) -> Completion:
    """Done / waiting / missing per unit and per owner (a fixed number of queries)."""
    units = list(update_round.unit.subtree().order_by("path"))
    definitions = list(manual.manual_definitions().order_by("code"))
    items: list[Item] = [
        *_values([update_round], units, definitions),
        *_initiatives([update_round], None),
    ]
    memberships = list(
        Membership.objects.filter(
            unit__path__startswith=update_round.unit.path,
            role__gte=Role.CONTRIBUTOR,
            user__is_active=True,
        ).select_related("user", "unit")
    )
    overdue = update_round.is_overdue(today)
    total = Tally()
    by_unit: dict[int, CompletionRow] = {}
    by_owner: dict[int, CompletionRow] = {}
    unowned = CompletionRow(_("Nobody responsible"), "")
    owners_of: dict[int, list[Any]] = defaultdict(list)
    for unit in units:
        users = {m.user.pk: m.user for m in memberships if unit.path.startswith(m.unit.path)}
        owners_of[unit.pk] = sorted(users.values(), key=lambda u: u.get_username())
    for item in items:
        unit = item.owner_unit
        state = item.state
        total.add(state)
        row = by_unit.setdefault(unit.pk, CompletionRow(unit.display_name, unit.code))
        row.tally.add(state)
        owners = owners_of.get(unit.pk, [])
        if not owners:
            unowned.tally.add(state)
        for user in owners:
            full_name = user.get_full_name() if hasattr(user, "get_full_name") else ""
            owner_row = by_owner.setdefault(
                user.pk, CompletionRow(full_name or user.get_username(), user.get_username())
            )
            owner_row.tally.add(state)
    order = {unit.pk: index for index, unit in enumerate(units)}
    unit_rows = [by_unit[pk] for pk in sorted(by_unit, key=order.__getitem__)]
    owner_rows = sorted(by_owner.values(), key=lambda r: (r.tally.percent, r.code))
    for row in [*unit_rows, *owner_rows, unowned]:
        row.overdue = overdue and row.tally.open > 0
    return Completion(update_round, unit_rows, owner_rows, unowned, total, overdue)


def completion_csv(result: Completion) -> list[list[str]]:
    """Rows for the CSV download: a header, then one row per unit and per owner."""
    header = [
        "group",
        "code",
        "name",
        "done",
        "waiting",
        "missing",
        "total",
        "percent_complete",
        "overdue",
    ]
    rows = [header]
    groups: list[tuple[str, list[CompletionRow]]] = [
        ("unit", result.units),
        ("owner", result.owners),
    ]
    if result.unowned.tally.total:
        groups.append(("unowned", [result.unowned]))
    groups.append(("total", [CompletionRow(_("All"), "", result.total, result.overdue)]))
    for group, rows_of in groups:
        for row in rows_of:
            t = row.tally
            rows.append(
                [
                    group,
                    csv_safe(row.code),
                    csv_safe(row.label),
                    str(t.done),
                    str(t.waiting),
                    str(t.missing),
                    str(t.total),
                    str(t.percent),
                    "yes" if row.overdue else "no",
                ]
            )
    return rows
