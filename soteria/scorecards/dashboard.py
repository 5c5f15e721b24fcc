"""A unit's dashboard: its indicators grouped by programme, off-track first, and the ones the
user pinned there on top.

Which indicators belong to a unit: those linked to an objective of an approved strategy
governing the unit (its own or an ancestor's) and measured at the unit; then the user's
pins; then every other indicator with a value at the unit in the period. Each row has its
value, target, status, sparkline, SPC signal and assurance, like the objective scorecard.
Everything comes in a fixed number of queries, however many rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record, diff, snapshot
from soteria.core import generation
from soteria.core.i18n import gettext_kept as _
from soteria.core.i18n import localise
from soteria.indicators import reference, selectors
from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.periods import Period
from soteria.indicators.selectors import StoredFigure, definitions_for
from soteria.indicators.status import Rag, indicator_part, objective_statuses
from soteria.indicators.targets import targets_for_many
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.scorecards.models import Pin
from soteria.scorecards.row_facts import Facts, chart_rows, decode
from soteria.scorecards.rows import IndicatorRow, indicator_url
from soteria.strategy import structure
from soteria.strategy.models import Objective, Strategy, StrategyVersion, VersionStatus

STATUS_ORDER = {Rag.RED: 0, Rag.AMBER: 1, None: 2, Rag.GREEN: 3}
"""Off track first, then at risk, then not rated, on track last."""


@dataclass
class DashboardRow(IndicatorRow):
    objective: Objective | None = None
    pinned: bool = False


@dataclass
class Group:
    key: str
    """``pinned``, ``programme-<pk>`` or ``other``."""
    title: str
    rows: list[DashboardRow] = field(default_factory=list)

    @property
    def off_track(self) -> int:
        return sum(1 for r in self.rows if r.part.status == Rag.RED)

    @property
    def at_risk(self) -> int:
        return sum(1 for r in self.rows if r.part.status == Rag.AMBER)


@dataclass
class Dashboard:
    unit: OrgUnit
    period: Period
    groups: list[Group]
    versions: list[StrategyVersion]

    @property
    def rows(self) -> list[DashboardRow]:
        return [row for group in self.groups for row in group.rows]


def governing_versions(unit: OrgUnit) -> list[StrategyVersion]:
    """The newest approved version of every strategy of the unit or one of its ancestors
    (kept in memory per data generation: one query per unit and process)."""
    found = generation.kept(
        ("scorecards:governing-versions", unit.pk), lambda: _governing_versions(unit)
    )
    return found if found is not None else _governing_versions(unit)


def _governing_versions(unit: OrgUnit) -> list[StrategyVersion]:
    strategies = Strategy.objects.filter(unit_id__in=unit.ancestor_ids)  # itself included
    versions = (
        StrategyVersion.objects.filter(strategy__in=strategies, status=VersionStatus.APPROVED)
        .select_related("strategy__unit")
        .order_by("strategy_id", "-number")
    )
    newest: dict[int, StrategyVersion] = {}
    for version in versions:
        newest.setdefault(version.strategy_id, version)
    return list(newest.values())


def _measuring_here(versions: list[StrategyVersion], unit: OrgUnit) -> list[Objective]:
    """The versions' objectives with an indicator measured at the unit (its own unit, else
    the objective's owner): only these give rows here, the others' statuses need not be
    worked out. From the structures kept in memory when there are, else one query."""
    if not versions:
        return []
    kept = structure.of_versions(v.pk for v in versions)
    if kept is not None:

        def measured_here(links: list[Any], objective: Objective) -> bool:
            return any(
                link.unit_id == unit.pk
                or (link.unit_id is None and objective.owner_unit_id == unit.pk)
                for link in links
            )

        found = [
            o
            for version in kept.values()
            for o in version.objectives.values()
            if measured_here(version.links.get(o.pk, []), o)
        ]
        return sorted(found, key=lambda o: (o.programme.order, o.programme_id, o.order, o.pk))
    return list(
        Objective.objects.filter(version__in=versions)
        .filter(Q(indicators__unit=unit) | Q(indicators__unit__isnull=True, owner_unit=unit))
        .distinct()
        .select_related("programme", "owner_unit", "version__strategy")
        .order_by("programme__order", "programme_id", "order", "pk")
    )


def _sorted(rows: list[DashboardRow]) -> list[DashboardRow]:
    return sorted(rows, key=lambda r: (STATUS_ORDER.get(r.part.status, 2), r.part.definition.code))


def unit_dashboard(
    user: Any, unit: OrgUnit, period: Period, pinned: Sequence[int] | None = None
) -> Dashboard:
    """The dashboard of ``unit`` for ``period`` as ``user`` sees it (the caller checked that
    the user may see the unit). ``pinned``: what :func:`pinned_here` gives, when the caller
    read it already."""
    versions = governing_versions(unit)
    objectives = _measuring_here(versions, unit)
    statuses = objective_statuses(objectives, period)
    by_programme: dict[int, Group] = {}
    linked: set[int] = set()
    for objective in objectives:
        for part in statuses[objective.pk].indicators:
            if part.unit.pk != unit.pk:
                continue
            programme = objective.programme
            group = by_programme.setdefault(
                programme.pk,
                Group(f"programme-{programme.pk}", f"{programme.code} {localise(programme.title)}"),
            )
            group.rows.append(_row(part, unit, period, objective=objective))
            linked.add(part.definition.pk)
    usable = reference.usable_at(unit)
    pins = [pk for pk in (pinned_here(user, unit) if pinned is None else pinned) if pk in usable]
    pinned_ids = set(pins)
    # Every value stored at the unit for the period (one query): those of the pinned
    # indicators, which other indicators have one, and what every row charts (row facts).
    stored: dict[int, StoredFigure] = {}
    kept: dict[tuple[int, int], Facts] = {}
    for read in selectors.period_rows(
        (*selectors.FIGURE_COLUMNS, "row_facts"), {unit.pk: usable}, [period.code]
    ):
        figure = stored[read[0]] = selectors.figure_of(read)
        if (facts := decode(read[-1])) is not None:
            kept[(figure.definition_id, unit.pk)] = facts
    others = sorted((usable[pk] for pk in set(stored) - linked - pinned_ids), key=lambda d: d.code)
    single = [usable[pk] for pk in pins] + others
    targets = targets_for_many((d, unit, period) for d in single)
    pinned_group = Group("pinned", _("Pinned"))
    other_group = Group("other", _("Other indicators with a value"))
    for definition in single:
        part = indicator_part(
            definition,
            unit,
            stored.get(definition.pk),
            targets[(definition.pk, unit.pk, period.code)],
        )
        row = _row(part, unit, period)
        (pinned_group if definition.pk in pinned_ids else other_group).rows.append(row)
    groups = [pinned_group] if pinned_group.rows else []
    groups += list(by_programme.values())
    if other_group.rows:
        groups.append(other_group)
    for group in groups:
        group.rows = _sorted(group.rows) if group is not pinned_group else group.rows
        for row in group.rows:
            row.pinned = row.part.definition.pk in pinned_ids
    chart_rows([row for group in groups for row in group.rows], period, kept)
    return Dashboard(unit, period, groups, versions)


def _row(
    part: Any, unit: OrgUnit, period: Period, objective: Objective | None = None
) -> DashboardRow:
    return DashboardRow(
        part=part,
        visible=True,
        url=indicator_url(part.definition.code, unit, period),
        objective=objective,
    )


# --- pins ------------------------------------------------------------------------------


@transaction.atomic
def pin_set(actor: Any, definition: IndicatorDefinition, unit: OrgUnit, pinned: bool) -> bool:
    """Pin (or unpin) an indicator on a unit's dashboard for ``actor``; audited. Returns
    whether it is pinned now."""
    if not access.can(actor, Action.VIEW, unit):
        raise PermissionDenied
    if not definitions_for(unit).filter(pk=definition.pk).exists():
        raise ValidationError(_("This indicator is not used at this unit."))
    existing = Pin.objects.filter(user=actor, definition=definition, unit=unit).first()
    if pinned and existing is None:
        try:
            with transaction.atomic():
                pin = Pin.objects.create(user=actor, definition=definition, unit=unit)
        except IntegrityError:  # pinned meanwhile in another request
            return True
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=pin,
            unit=unit,
            changes=diff({}, snapshot(pin)),
        )
    elif not pinned and existing is not None:
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            instance=existing,
            unit=unit,
            changes=diff(snapshot(existing), {}),
        )
        existing.delete()
    return pinned


def pinned_here(user: Any, unit: OrgUnit) -> tuple[int, ...]:
    """The ids of the indicators ``user`` pinned on ``unit``'s dashboard, in the order they
    were pinned: all the user's pins read once per data generation (a pin or an unpin starts
    a new one), or one query outside a request that announced it."""
    kept = generation.kept(("scorecards:pins", user.pk), lambda: pinned_units(user))
    return (kept if kept is not None else pinned_units(user)).get(unit.pk, ())


def pinned_units(user: Any) -> dict[int, tuple[int, ...]]:
    """Unit id → the ids of the indicators ``user`` pinned there, in the order they were
    pinned (one query)."""
    out: dict[int, list[int]] = defaultdict(list)
    for unit_id, definition_id in Pin.objects.filter(user=user).values_list(
        "unit_id", "definition_id"
    ):
        out[unit_id].append(definition_id)
    return {unit_id: tuple(ids) for unit_id, ids in out.items()}
