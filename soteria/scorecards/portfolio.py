"""The initiatives portfolio: every initiative of the strategies a reader may see, grouped by
programme, funding programme or status, with a timeline, budget burn, funding and overdue
milestones.

**Which initiatives**: those of the *current approved version* of each strategy the reader may
read (:func:`soteria.strategy.selectors.strategies_for`; the version is
:meth:`Strategy.current_version` when approved, as on the live house), owned by a unit in the
subtree of one of the chosen units.

**Overdue** (:func:`is_overdue`): a milestone due before ``today`` that is neither done nor
cancelled, of an initiative that is not cancelled. These are the exclusions of
:func:`soteria.indicators.status.milestone_status`; that function cannot be used as it is
because it judges at the end of a reporting period (a whole number of months), not on a day.
The **rating** of an initiative for the selected period is the house's
(:func:`soteria.scorecards.house.initiative_status` from ``milestone_status``).

**Budget burn**: spent against planned, per currency (amounts in different currencies are
never added up). In the funding grouping an initiative with several funding programmes is
listed under each; the overall totals count it once.

Everything is loaded in a fixed number of queries: the readable strategies and their versions,
the initiatives, then their milestones, budget lines and funding sources in one query each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from soteria.core.i18n import localise
from soteria.core.spreadsheet import csv_safe
from soteria.indicators.periods import Period
from soteria.indicators.status import MilestonePart, Rag, milestone_status
from soteria.organisations import access
from soteria.organisations.models import OrgUnit
from soteria.scorecards.house import Money, funding_totals, initiative_status, money_totals
from soteria.strategy import selectors
from soteria.strategy.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    InitiativeStatus,
    Milestone,
    MilestoneStatus,
    Programme,
    Strategy,
    StrategyVersion,
    VersionStatus,
)


class Grouping(StrEnum):
    PROGRAMME = "programme"
    FUNDING = "funding"
    STATUS = "status"


GROUPING_LABELS = {
    Grouping.PROGRAMME: gettext_lazy("Programme"),
    Grouping.FUNDING: gettext_lazy("Funding programme"),
    Grouping.STATUS: gettext_lazy("Status"),
}

STATUS_ICONS: dict[str, str] = {
    InitiativeStatus.PLANNED: "○",
    InitiativeStatus.IN_PROGRESS: "▶",
    InitiativeStatus.ON_HOLD: "‖",
    InitiativeStatus.COMPLETED: "✔",
    InitiativeStatus.CANCELLED: "✖",
}


# --- the query string -------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """What the reader asked for, cleaned; ``notices`` say what was ignored and why."""

    group: Grouping = Grouping.PROGRAMME
    status: str = ""
    funding: str = ""
    notices: tuple[str, ...] = ()


def filters_from(params: Mapping[str, str]) -> Filters:
    """``?group=programme|funding|status&status=…&funding=…``: unknown values fall back (to
    the programme grouping, to every status) with a notice, never an error."""
    notices: list[str] = []
    asked_group = params.get("group", "").strip()
    group = Grouping.PROGRAMME
    if asked_group in set(Grouping):
        group = Grouping(asked_group)
    elif asked_group:
        notices.append(
            _("Unknown grouping “%(group)s”: showing the initiatives by programme.")
            % {"group": asked_group[:40]}
        )
    status = params.get("status", "").strip()
    if status and status not in set(InitiativeStatus.values):
        notices.append(
            _("Unknown status “%(status)s”: showing every status.") % {"status": status[:40]}
        )
        status = ""
    funding = " ".join(params.get("funding", "").split())
    return Filters(group=group, status=status, funding=funding, notices=tuple(notices))


# --- who sees what ----------------------------------------------------------------------------


def top_units(user: Any) -> list[OrgUnit]:
    """The highest units the user may see: those whose parent they may not see (a superuser
    or a member of two organisations gets several)."""
    visible = access.units_for(user)
    return list(
        visible.filter(Q(parent__isnull=True) | ~Q(parent__in=visible.values("pk"))).order_by(
            "path"
        )
    )


def approved_versions(user: Any) -> list[StrategyVersion]:
    """The current approved version of each strategy the user may read (the one the live
    house shows); strategies without one are left out."""
    out = []
    for strategy in selectors.strategies_for(user):
        version = strategy.current_version()
        if version is not None and version.status == VersionStatus.APPROVED:
            version.strategy = strategy
            out.append(version)
    return out


def _within(units: Sequence[OrgUnit], field_name: str) -> Q:
    if not units:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field_name}__path__startswith": u.path}) for u in units))


# --- rows -------------------------------------------------------------------------------------


def is_overdue(milestone: Milestone, initiative: Initiative, today: dt.date) -> bool:
    """Due before ``today`` and neither done nor cancelled, of an initiative not cancelled."""
    return (
        milestone.due < today
        and milestone.status not in {MilestoneStatus.DONE, MilestoneStatus.CANCELLED}
        and initiative.status != InitiativeStatus.CANCELLED
    )


def _short(day: dt.date | None) -> str:
    return str(date_format(day, "SHORT_DATE_FORMAT")) if day else "—"


def _css_percent(value: float) -> str:
    """A CSS length in %, locale-independent (templates would localise a float)."""
    return f"{max(0.0, min(value, 100.0)):.2f}%"


@dataclass(frozen=True)
class Scale:
    """The visible years of the timeline: from 1 January of the first to 31 December of the
    last."""

    first_year: int
    last_year: int
    today: dt.date

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the scale."""
        return dt.date(self.last_year + 1, 1, 1)

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def position(self, day: dt.date) -> float:
        """Where ``day`` begins, in % of the scale."""
        return 100.0 * (day - self.start).days / self.days

    @property
    def years(self) -> list[tuple[int, str]]:
        """(year, width) for the axis."""
        return [
            (
                year,
                _css_percent(
                    100.0 * (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days / self.days
                ),
            )
            for year in range(self.first_year, self.last_year + 1)
        ]

    @property
    def today_left(self) -> str | None:
        """Where today's line goes; ``None`` when today is outside the scale."""
        if not self.start <= self.today < self.end:
            return None
        return _css_percent(self.position(self.today))


def scale_for(days: Iterable[dt.date | None], today: dt.date) -> Scale | None:
    known = [d for d in days if d is not None]
    if not known:
        return None
    return Scale(min(known).year, max(known).year, today)


@dataclass
class MilestoneItem:
    milestone: Milestone
    overdue: bool
    part: MilestonePart
    """Its status at the end of the selected period (for the rating)."""
    left: str = ""
    """Where its marker goes on the timeline (CSS)."""

    @property
    def kind(self) -> str:
        """``overdue``, ``done``, ``cancelled`` or ``open``: the marker's shape."""
        if self.overdue:
            return "overdue"
        if self.milestone.status in {MilestoneStatus.DONE, MilestoneStatus.CANCELLED}:
            return str(self.milestone.status)
        return "open"


@dataclass
class Row:
    initiative: Initiative
    milestones: list[MilestoneItem]
    budget: list[BudgetLine]
    funding: list[FundingSource]
    bar_left: str = ""
    bar_width: str = ""

    @property
    def strategy(self) -> Strategy:
        return self.initiative.version.strategy

    @property
    def version(self) -> StrategyVersion:
        return self.initiative.version

    @property
    def programme(self) -> Programme:
        return self.initiative.objective.programme

    @property
    def status_icon(self) -> str:
        return STATUS_ICONS.get(self.initiative.status, "○")

    @property
    def rating(self) -> Rag | None:
        return initiative_status(item.part for item in self.milestones)

    @property
    def overdue(self) -> list[MilestoneItem]:
        return [item for item in self.milestones if item.overdue]

    @property
    def overdue_count(self) -> int:
        return len(self.overdue)

    @property
    def budget_totals(self) -> list[Money]:
        return money_totals(self.budget)

    @property
    def funding_totals(self) -> list[tuple[str, Decimal]]:
        return funding_totals(self.funding)

    @property
    def has_bar(self) -> bool:
        return bool(self.bar_width)

    @property
    def timeline_label(self) -> str:
        """The timeline cell in words (it is drawn as an image)."""
        initiative = self.initiative
        if initiative.start or initiative.end:
            dates = _("%(title)s: from %(start)s to %(end)s") % {
                "title": localise(initiative.title),
                "start": _short(initiative.start),
                "end": _short(initiative.end),
            }
        else:
            dates = _("%(title)s: no dates") % {"title": localise(initiative.title)}
        count = len(self.milestones)
        milestones = ngettext("%(n)s milestone", "%(n)s milestones", count) % {"n": count}
        overdue = self.overdue_count
        if overdue:
            milestones += ", " + ngettext("%(n)s overdue", "%(n)s overdue", overdue) % {
                "n": overdue
            }
        return f"{dates}; {milestones}"


def _place(row: Row, scale: Scale | None) -> None:
    """The row's bar and milestone markers on the scale."""
    if scale is None:
        return
    initiative = row.initiative
    first = initiative.start or initiative.end
    last = initiative.end or initiative.start
    if first is not None and last is not None:
        left = scale.position(first)
        right = scale.position(min(last + dt.timedelta(days=1), scale.end))
        row.bar_left = _css_percent(left)
        row.bar_width = _css_percent(max(right - left, 0.4))
    for item in row.milestones:
        item.left = _css_percent(scale.position(item.milestone.due))


# --- groups -----------------------------------------------------------------------------------


@dataclass
class Group:
    key: str
    label: str
    detail: str = ""
    rows: list[Row] = field(default_factory=list)
    sources: list[FundingSource] = field(default_factory=list)
    """The funding that counts for this group (only its own programme's when grouped by
    funding)."""

    @property
    def budget_totals(self) -> list[Money]:
        return money_totals(line for row in self.rows for line in row.budget)

    @property
    def funding_totals(self) -> list[tuple[str, Decimal]]:
        return funding_totals(self.sources)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue_count for row in self.rows)


def funding_key(source: FundingSource) -> str:
    """Funding programmes are free text: the same name counts once whatever its case."""
    return " ".join(localise(source.programme_name).split()).casefold()


def _group_by_programme(rows: list[Row]) -> list[Group]:
    groups: dict[int, Group] = {}
    for row in rows:
        programme = row.programme
        group = groups.get(programme.pk)
        if group is None:
            strategy = row.strategy
            group = groups[programme.pk] = Group(
                key=str(programme.pk),
                label=f"{programme.code} {localise(programme.title)}",
                detail=f"{localise(strategy.title)} · v{row.version.number}",
            )
        group.rows.append(row)
        group.sources.extend(row.funding)
    return list(groups.values())


def _group_by_funding(rows: list[Row]) -> list[Group]:
    groups: dict[str, Group] = {}
    unfunded = Group(key="", label=_("No funding source"))
    for row in rows:
        if not row.funding:
            unfunded.rows.append(row)
            continue
        for source in row.funding:
            key = funding_key(source)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(key=key, label=localise(source.programme_name))
            if not group.rows or group.rows[-1] is not row:
                group.rows.append(row)
            group.sources.append(source)
    ordered = sorted(groups.values(), key=lambda g: g.key)
    return ordered + ([unfunded] if unfunded.rows else [])


def _group_by_status(rows: list[Row]) -> list[Group]:
    out = []
    for status in InitiativeStatus:
        members = [row for row in rows if row.initiative.status == status]
        if members:
            out.append(
                Group(
                    key=str(status),
                    label=str(status.label),
                    rows=members,
                    sources=[s for row in members for s in row.funding],
                )
            )
    return out


GROUPERS = {
    Grouping.PROGRAMME: _group_by_programme,
    Grouping.FUNDING: _group_by_funding,
    Grouping.STATUS: _group_by_status,
}


# --- the portfolio ----------------------------------------------------------------------------


@dataclass
class Portfolio:
    units: list[OrgUnit]
    """The units whose subtrees' initiatives are shown."""
    versions: list[StrategyVersion]
    filters: Filters
    period: Period
    today: dt.date
    rows: list[Row]
    """Every initiative shown, once."""
    groups: list[Group]
    scale: Scale | None
    funding_choices: list[tuple[str, str]]
    """(key, name) of the funding programmes of the units' initiatives, for the filter."""

    @property
    def budget_totals(self) -> list[Money]:
        return money_totals(line for row in self.rows for line in row.budget)

    @property
    def funding_totals(self) -> list[tuple[str, Decimal]]:
        return funding_totals(s for row in self.rows for s in row.funding)

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue_count for row in self.rows)


def initiatives_of(versions: Sequence[StrategyVersion], units: Sequence[OrgUnit]) -> QuerySet[Any]:
    """The versions' initiatives owned inside the units' subtrees, with everything the
    portfolio shows (four queries: initiatives, milestones, budget lines, funding)."""
    return (
        Initiative.objects.filter(version__in=[v.pk for v in versions])
        .filter(_within(units, "owner_unit"))
        .select_related("owner_unit", "objective__programme", "version__strategy__unit")
        .prefetch_related("milestones", "budget", "funding")
        .order_by(
            "version__strategy__unit__path",
            "version__strategy__code",
            "objective__programme__order",
            "objective__programme__pk",
            "start",
            "code",
        )
    )


def portfolio(
    user: Any,
    units: Sequence[OrgUnit],
    *,
    today: dt.date,
    period: Period,
    filters: Filters | None = None,
) -> Portfolio:
    """The portfolio the user sees for the subtrees of ``units`` (which the caller has checked
    the user may see), with milestones overdue as of ``today`` and rated for ``period``."""
    filters = filters or Filters()
    versions = approved_versions(user)
    initiatives = list(initiatives_of(versions, units)) if versions else []
    choices: dict[str, str] = {}
    rows = []
    for initiative in initiatives:
        funding = list(initiative.funding.all())
        for source in funding:
            choices.setdefault(funding_key(source), localise(source.programme_name))
        if filters.status and initiative.status != filters.status:
            continue
        if filters.funding and filters.funding.casefold() not in {funding_key(s) for s in funding}:
            continue
        items = []
        for milestone in initiative.milestones.all():
            milestone.initiative = initiative
            status, reason = milestone_status(milestone, period)
            items.append(
                MilestoneItem(
                    milestone=milestone,
                    overdue=is_overdue(milestone, initiative, today),
                    part=MilestonePart(milestone, status, reason),
                )
            )
        rows.append(Row(initiative, items, list(initiative.budget.all()), funding))
    scale = scale_for(
        (
            day
            for row in rows
            for day in (
                row.initiative.start,
                row.initiative.end,
                *(item.milestone.due for item in row.milestones),
            )
        ),
        today,
    )
    for row in rows:
        _place(row, scale)
    return Portfolio(
        units=list(units),
        versions=versions,
        filters=filters,
        period=period,
        today=today,
        rows=rows,
        groups=GROUPERS[filters.group](rows),
        scale=scale,
        funding_choices=sorted(choices.items()),
    )


# --- the download -----------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def csv_rows(data: Portfolio) -> list[list[str]]:
    """The table as rows, header first: one row per initiative and group (the same initiative
    appears under each of its funding programmes when grouped by funding). Several currencies
    are listed in the same order in the currency, planned and spent columns, separated by
    "; "."""
    header = [
        _("Group"),
        _("Strategy"),
        _("Version"),
        _("Programme"),
        _("Objective"),
        _("Initiative code"),
        _("Initiative"),
        _("Owner unit code"),
        _("Owner unit"),
        _("Status"),
        _("Start"),
        _("End"),
        _("Currency"),
        _("Budget planned"),
        _("Budget spent"),
        _("Spent (%)"),
        _("Funding"),
        _("Milestones"),
        _("Overdue milestones"),
        _("Overdue milestones (due date and title)"),
    ]
    out = [header]
    for group in data.groups:
        for row in group.rows:
            initiative = row.initiative
            money = row.budget_totals
            out.append(
                [
                    csv_safe(group.label),
                    csv_safe(f"{row.strategy.code} {localise(row.strategy.title)}"),
                    str(row.version.number),
                    csv_safe(f"{row.programme.code} {localise(row.programme.title)}"),
                    csv_safe(f"{initiative.objective.code} {localise(initiative.objective.title)}"),
                    initiative.code,
                    csv_safe(localise(initiative.title)),
                    initiative.owner_unit.code,
                    csv_safe(initiative.owner_unit.display_name),
                    str(initiative.get_status_display()),
                    initiative.start.isoformat() if initiative.start else "",
                    initiative.end.isoformat() if initiative.end else "",
                    "; ".join(m.currency for m in money),
                    "; ".join(_amount(m.planned) for m in money),
                    "; ".join(_amount(m.spent) for m in money),
                    "; ".join("" if m.percent is None else str(m.percent) for m in money),
                    csv_safe(
                        "; ".join(
                            f"{localise(s.programme_name)}: {_amount(s.amount)} {s.currency}"
                            for s in row.funding
                        )
                    ),
                    str(len(row.milestones)),
                    str(row.overdue_count),
                    csv_safe(
                        "; ".join(
                            f"{item.milestone.due.isoformat()} {localise(item.milestone.title)}"
                            for item in row.overdue
                        )
                    ),
                ]
            )
    return out
