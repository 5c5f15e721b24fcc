"""Write warehouse rows directly, for tests of what is computed from them.

The importers have tests of their own; indicator tests need exact, hand-made rows (a stay
crossing a month end, a readmission 30 days and one minute later) without going through FHIR.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from soteria.warehouse import store

_ids = itertools.count(1)


def ts(text: str) -> datetime:
    """``"2026-01-30 10:00"`` → naive UTC datetime (the warehouse's convention)."""
    return datetime.fromisoformat(text)


@dataclass
class WarehouseRows:
    """Rows per table, written in one go by :meth:`write`."""

    source: str = "test"
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, **values: Any) -> dict[str, Any]:
        row = {"source_system": self.source, **values}
        self.rows.setdefault(table, []).append(row)
        return row

    def encounter(
        self,
        unit_id: int,
        start: str | None,
        end: str | None = None,
        *,
        patient: str = "p1",
        cls: str = "IMP",
        status: str = "finished",
        admit_source: str | None = None,
        disposition: str | None = None,
        key: str | None = None,
        locations: list[tuple[int | None, str, str | None]] = (),  # type: ignore[assignment]
    ) -> str:
        key = key or f"e{next(_ids)}"
        self.add(
            "encounter",
            encounter_key=key,
            patient_key=patient,
            unit_id=unit_id,
            class_code=cls,
            status=status,
            start_ts=ts(start) if start else None,
            end_ts=ts(end) if end else None,
            admit_source=admit_source,
            discharge_disposition=disposition,
        )
        for seq, (loc_unit, loc_start, loc_end) in enumerate(locations, start=1):
            self.add(
                "encounter_location",
                encounter_key=key,
                seq=seq,
                location_id=f"loc-{loc_unit}",
                unit_id=loc_unit,
                status="completed" if loc_end else "active",
                start_ts=ts(loc_start),
                end_ts=ts(loc_end) if loc_end else None,
            )
        return key

    def ed_arrival(
        self,
        unit_id: int,
        arrival: str,
        *,
        seen_after: int | None,
        left_after: int | None,
        disposition: str = "discharged",
        triage: int = 3,
    ) -> None:
        start = ts(arrival)
        from datetime import timedelta

        self.add(
            "ed_arrival",
            arrival_key=f"a{next(_ids)}",
            unit_id=unit_id,
            arrival_ts=start,
            first_seen_ts=start + timedelta(minutes=seen_after) if seen_after is not None else None,
            departure_ts=start + timedelta(minutes=left_after) if left_after is not None else None,
            triage_category=triage,
            disposition=disposition,
        )

    def beds(self, unit_id: int, first: date, last: date, beds: int) -> None:
        from datetime import timedelta

        day = first
        while day <= last:
            self.add("bed_capacity", unit_id=unit_id, date=day, beds=beds)
            day += timedelta(days=1)

    def incident(self, unit_id: int, occurred: str, *, harm: bool = False) -> None:
        self.add(
            "incident",
            incident_key=f"i{next(_ids)}",
            unit_id=unit_id,
            occurred_ts=ts(occurred),
            category="falls",
            severity="moderate" if harm else "none",
            harm=harm,
        )

    def answer(
        self,
        unit_id: int,
        answered: str,
        *,
        positive: bool,
        negative: bool,
        dont_know: bool = False,
    ) -> None:
        self.add(
            "experience_answer",
            answer_key=f"x{next(_ids)}",
            unit_id=unit_id,
            answered_ts=ts(answered),
            survey_code="FFT",
            question_code="FFT",
            score=None,
            positive=positive,
            negative=negative,
            dont_know=dont_know,
        )

    def write(self, path: Path | None = None) -> None:
        with store.connect(path) as con:
            for table, rows in self.rows.items():
                columns = store.column_names(table)
                placeholders = ", ".join("?" for _ in columns)
                con.executemany(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",  # noqa: S608
                    [[row.get(c) for c in columns] for row in rows],
                )
