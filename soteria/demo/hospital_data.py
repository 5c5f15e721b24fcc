"""Demo hospital data: a small synthetic export per demo organisation, imported the way a
hospital's own export would be (FHIR NDJSON, then the CSV files), so that the warehouse and
everything computed from it has believable figures from the first run.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from soteria.demo.content import ORGANISATIONS
from soteria.organisations.models import OrgUnit
from soteria.warehouse import services, store
from soteria.warehouse.synthetic import CSV_FILES, NDJSON_FILES, generate

DEMO_ENCOUNTERS_PER_ORGANISATION = 20_000


def source_system(code: str) -> str:
    return f"{code}-HIS"


def _already_loaded(source: str) -> bool:
    with store.connect() as con:
        row = con.execute(
            "SELECT count(*) FROM encounter WHERE source_system = ?", [source]
        ).fetchone()
    return bool(row and row[0])


def load_hospital_data(
    log: Callable[[str], None] = print,
    encounters: int = DEMO_ENCOUNTERS_PER_ORGANISATION,
    codes: list[str] | None = None,
) -> None:
    """Generate and import the demo data of each organisation once (idempotent)."""
    for organisation in ORGANISATIONS:
        code = str(organisation["code"])
        if codes is not None and code not in codes:
            continue
        source = source_system(code)
        if _already_loaded(source):
            log(f"{code}: hospital data already in the warehouse; left as it is.")
            continue
        root = OrgUnit.objects.get(code=code)
        folder = Path(settings.DATA_DIR) / "demo-export" / code
        shutil.rmtree(folder, ignore_errors=True)
        try:
            generate(folder, encounters=encounters, organisations=[code])
            for names in (NDJSON_FILES, CSV_FILES):
                record = services.import_create(
                    actor=None, unit=root, source_system=source, files=[]
                )
                services.import_run(record=record, paths=[folder / name for name in names])
                if record.status != "succeeded":
                    raise RuntimeError(f"demo import for {code} failed: {record.errors[:3]}")
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # raw exports never stay on disk
        log(f"{code}: imported {encounters:,} synthetic encounters and their CSV files.")


def compute_demo_indicators(log: Callable[[str], None] = print) -> None:
    """Compute every indicator once so the demo opens with values (skipped when present)."""
    from soteria.indicators.models import ComputeRun, IndicatorValue
    from soteria.indicators.services import compute_run

    if IndicatorValue.objects.exists():
        log("Indicator values already computed; left as they are.")
        return
    run = compute_run(ComputeRun.objects.create())
    if run.status != "succeeded":
        raise RuntimeError(f"computing the demo indicators failed: {run.error}")
    log(f"Computed {run.values_written:,} indicator values in {run.duration_seconds:.1f} s.")
