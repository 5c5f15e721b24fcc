"""Local time for facts: the warehouse keeps UTC, indicators count where the unit is.

A stay that begins at 00:30 on 1 January in Warsaw began at 23:30 UTC on 31 December; its
admission belongs to January, and a patient in a Hanoi ward at local midnight is in the
midnight census even though it is 17:00 UTC. So before facts are built, every timestamp
of a fact table is turned into the wall-clock time of its unit's time zone
(``OrgUnit.time_zone``).

The conversion is plain arithmetic both backends (DuckDB and Spark) run alike: for each
zone, the UTC offsets in force over the computation's window and the instants at which
they change (summer time) are read from the IANA database (:mod:`zoneinfo`) and written
into the query as a ``CASE``; units in more than one zone are told apart with a small
unit → zone table. Units in UTC cost nothing.

Durations (ED waits, time in the department) are taken from the UTC columns, which stay
available as ``<column>_utc``: a wait across the night summer time begins is not an hour
shorter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import ibis
import ibis.expr.types as ir

TIME_COLUMNS: dict[str, tuple[str, ...]] = {
    "encounter": ("start_ts", "end_ts"),
    "encounter_location": ("start_ts", "end_ts"),
    "ed_arrival": ("arrival_ts", "triage_ts", "first_seen_ts", "departure_ts"),
    "incident": ("occurred_ts",),
    "experience_answer": ("answered_ts",),
}
"""Timestamp columns of the warehouse's fact tables (all UTC, all with ``unit_id``)."""

MARGIN = timedelta(days=62)
"""Offsets are looked up this far beyond the window: stays begin before and end after it."""


@dataclass(frozen=True)
class Offsets:
    """A zone's UTC offsets over a span: ``first`` until ``changes[0][0]``, and so on."""

    first: int
    changes: tuple[tuple[datetime, int], ...]
    """(UTC instant, offset in seconds from then on), in time order."""

    @property
    def constant(self) -> bool:
        return not self.changes


def _offset(zone: ZoneInfo, instant: datetime) -> int:
    delta = instant.replace(tzinfo=UTC).astimezone(zone).utcoffset()
    return int(delta.total_seconds()) if delta is not None else 0


def offsets(zone_name: str, first: date, last: date) -> Offsets:
    """The offsets of ``zone_name`` from ``first`` to ``last`` (UTC days), with margins."""
    zone = ZoneInfo(zone_name)
    day = datetime.combine(first, datetime.min.time()) - MARGIN
    end = datetime.combine(last, datetime.min.time()) + MARGIN
    current = _offset(zone, day)
    start, changes = current, []
    while day < end:
        following = day + timedelta(days=1)
        if _offset(zone, following) != current:
            lo, hi = day, following  # the change is in (lo, hi]: find its minute
            while hi - lo > timedelta(minutes=1):
                middle = lo + (hi - lo) / 2
                middle = middle.replace(second=0, microsecond=0)
                if middle <= lo:
                    break
                if _offset(zone, middle) == current:
                    lo = middle
                else:
                    hi = middle
            current = _offset(zone, hi)
            changes.append((hi, current))
        day = following
    return Offsets(start, tuple(changes))


def _offset_seconds(ts: ir.TimestampValue, zone: Offsets) -> ir.IntegerValue:
    if zone.constant:
        return ibis.literal(zone.first, type="int32")
    cases = []
    before = zone.first
    for instant, after in zone.changes:
        cases.append((ts < ibis.literal(instant, type="timestamp"), before))
        before = after
    return ibis.cases(*cases, else_=before)


@dataclass
class LocalTables:
    """Reads warehouse tables with their timestamps in each unit's local time."""

    tables: Callable[[str], ir.Table]
    zones: Mapping[int, str]
    """Unit id → IANA time zone name (units not listed are in UTC)."""
    first: date
    last: date

    def __post_init__(self) -> None:
        names = sorted({z for z in self.zones.values() if z != "UTC"})
        self._offsets = {name: offsets(name, self.first, self.last) for name in names}
        self._numbers = {name: number for number, name in enumerate(names, start=1)}

    def __call__(self, name: str) -> ir.Table:
        table = self.tables(name)
        columns = TIME_COLUMNS.get(name)
        if not columns:
            return table
        if not self._offsets:  # everything in UTC
            return table.mutate(**{f"{column}_utc": table[column] for column in columns})
        if len(self._offsets) == 1 and set(self.zones.values()) == set(self._offsets):
            (zone,) = self._offsets.values()  # every unit in one zone: no lookup needed
            return self._converted(table, columns, lambda ts: _offset_seconds(ts, zone))
        lookup = ibis.memtable(
            {
                "lt_unit": list(self.zones),
                "lt_zone": [self._numbers.get(z, 0) for z in self.zones.values()],
            },
            schema={"lt_unit": "int64", "lt_zone": "int32"},
        )
        joined = table.left_join(lookup, table.unit_id == lookup.lt_unit)
        zone_no = joined.lt_zone.fill_null(0)

        def seconds(ts: ir.TimestampValue) -> ir.IntegerValue:
            return ibis.cases(
                *[
                    (zone_no == self._numbers[name], _offset_seconds(ts, offsets_))
                    for name, offsets_ in self._offsets.items()
                ],
                else_=0,
            )

        converted = self._converted(joined, columns, seconds)
        return converted.drop("lt_unit", "lt_zone")

    @staticmethod
    def _converted(
        table: ir.Table,
        columns: tuple[str, ...],
        seconds: Callable[[ir.TimestampValue], ir.IntegerValue],
    ) -> ir.Table:
        changes: dict[str, ir.Value] = {}
        for column in columns:
            ts = table[column]
            changes[f"{column}_utc"] = ts
            changes[column] = ts + seconds(ts).as_interval("s")
        return table.mutate(**changes)
