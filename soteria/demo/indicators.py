"""Demo indicators: which objectives are measured by which indicators, targets set against
the computed figures, and hand-entered values (training hours, electronic documentation).

Everything goes through the services (``actor=None`` is the system); deterministic, so every
demo looks the same. Targets are derived from the demo's own figures — the previous year's
value improved by a few per cent in the indicator's good direction — so that statuses come
out mixed, as in a real hospital, whatever size of synthetic data was loaded.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from soteria.indicators import manual, targets
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, ManualValue, Target
from soteria.organisations.models import OrgUnit
from soteria.strategy import services as strategy_services
from soteria.strategy.models import Objective, ObjectiveIndicator

#: organisation → objective code → [(indicator code, unit code or None, weight)]
OBJECTIVE_INDICATORS: dict[str, dict[str, list[tuple[str, str | None, int]]]] = {
    "PL-WSS": {
        "O-KADRY-2": [("STAFF_TRAINING_HOURS", "PL-WSS", 1)],
        "O-INFRA-1": [("ED_SEEN_4H", "PL-WSS-SOR", 2), ("ED_WAIT_MEDIAN", "PL-WSS-SOR", 1)],
        "O-CYFRA-1": [("EDOC_SHARE", "PL-WSS", 1)],
        "O-JAKOSC-2": [("INCIDENTS_PER_1000_BED_DAYS", "PL-WSS", 1)],
        "O-SENIOR-2": [("READMISSION_30D", "PL-WSS", 2), ("ALOS", "PL-WSS", 1)],
        "O-KOMUN-1": [("FFT_POSITIVE", "PL-WSS", 1)],
    },
    "VN-UBLG": {
        "O-KCB-1": [("OUTPATIENT_VISITS", "VN-UBLG", 2)],
        "O-KCB-2": [
            ("ADMISSIONS", "VN-UBLG", 2),
            ("BED_OCCUPANCY", "VN-UBLG", 1),
            ("ALOS", "VN-UBLG", 1),
        ],
        "O-CDS-1": [("EDOC_SHARE", "VN-UBLG", 1)],
        "O-NNL-1": [("STAFF_TRAINING_HOURS", "VN-UBLG", 1)],
        "O-CL-2": [("FFT_POSITIVE", "VN-UBLG", 1)],
    },
    "FI-JVL": {
        "O-HENK-1": [("STAFF_TRAINING_HOURS", "FI-JVL", 1)],
        "O-TILA-1": [("BED_OCCUPANCY", "FI-JVL", 1), ("ALOS", "FI-JVL", 1)],
        "O-IKA-2": [("READMISSION_30D", "FI-JVL", 1)],
    },
    "DK-RFJ": {
        "O-MOEDE-1": [("ED_SEEN_4H", "DK-RFJ", 2), ("ED_LWBS", "DK-RFJ", 1)],
        "O-KVAL-2": [("HARM_INCIDENTS_PER_1000_BED_DAYS", "DK-RFJ", 1)],
        "O-PRAE-2": [("READMISSION_30D", "DK-RFJ", 1)],
        "O-DIGI-1": [("EDOC_SHARE", "DK-RFJ", 1)],
    },
}

TARGET_YEARS = (2025, 2026)
IMPROVEMENT = 0.03  # a year's target: last year's figure, 3 % better
TOLERANCE = 0.05  # amber band: 5 % of the target
EDOC_FIRST, EDOC_LAST = 0.55, 0.86  # share of electronic documentation, first → last month


def link_objective_indicators(version: Any, organisation: str, units: dict[str, OrgUnit]) -> None:
    """Measure the organisation's objectives (called while its strategy is being drafted)."""
    links = OBJECTIVE_INDICATORS.get(organisation, {})
    for objective in Objective.objects.filter(version=version, code__in=links):
        for code, unit_code, weight in links[objective.code]:
            strategy_services.element_create(
                actor=None,
                version=version,
                model=ObjectiveIndicator,
                objective=objective,
                indicator=IndicatorDefinition.objects.get(code=code),
                unit=units.get(unit_code) if unit_code else None,
                weight=weight,
            )


def _targets_from_figures(root: OrgUnit) -> int:
    """Root-level yearly targets for the computed indicators the objectives use."""
    codes = {
        code for links in OBJECTIVE_INDICATORS.get(root.code, {}).values() for code, _, _ in links
    }
    made = 0
    for definition in IndicatorDefinition.objects.filter(code__in=codes, source="computed"):
        for year in TARGET_YEARS:
            last = IndicatorValue.objects.filter(
                definition=definition, unit=root, period=str(year - 1), value__isnull=False
            ).first()
            if last is None or not last.value:
                continue
            better = {"higher": 1 + IMPROVEMENT, "lower": 1 - IMPROVEMENT}.get(
                definition.direction, 1
            )
            value = round(last.value * better, definition.decimals)
            if definition.unit == "percent":
                value = min(value, 100.0)
            target = targets.target_set(
                None,
                definition,
                root,
                str(year),
                value,
                tolerance=round(abs(value) * TOLERANCE, max(definition.decimals, 1)),
                note="",
            )
            targets.target_approve(None, target)
            made += 1
    return made


def _months(root: OrgUnit) -> list[str]:
    """The months with computed values in the organisation (the demo's data window)."""
    return sorted(
        set(
            IndicatorValue.objects.filter(unit=root, period_type="month").values_list(
                "period", flat=True
            )
        )
    )


def _manual_values(root: OrgUnit) -> int:
    """Training hours and the share of electronic documentation per month, entered by the
    units that enter them (``entered_at``: departments, clinics…; the organisation's figure
    is their sum), the share growing month by month — entered, submitted and approved."""
    rng = random.Random(root.code)  # noqa: S311 — demo figures, not secrets
    months = _months(root)
    if not months:
        return 0
    hours = IndicatorDefinition.objects.get(code="STAFF_TRAINING_HOURS")
    edoc = IndicatorDefinition.objects.get(code="EDOC_SHARE")
    units = list(root.subtree().order_by("path"))
    training_units = [u for u in units if manual.applies_to(hours, u)][:8]
    edoc_units = [u for u in units if manual.applies_to(edoc, u)][:8]
    entered = 0
    for index, month in enumerate(months):
        for unit in training_units:
            manual.manual_enter(None, hours, unit, month, rng.randint(8, 60), submit=True)
            entered += 1
        share = EDOC_FIRST + (EDOC_LAST - EDOC_FIRST) * index / max(len(months) - 1, 1)
        for unit in edoc_units:
            documents = rng.randint(900, 1_400)
            unit_share = min(max(share + rng.uniform(-0.06, 0.06), 0.0), 1.0)
            manual.manual_enter(
                None, edoc, unit, month, round(documents * unit_share), documents, submit=True
            )
            entered += 1
    for value in ManualValue.objects.filter(unit__path__startswith=root.path, status="submitted"):
        manual.manual_approve(None, value)
    return entered


def _update_round(root: OrgUnit) -> Any:
    """An update round for the last complete quarter, due in two weeks: its hand-entered
    values are in (approved above); the initiatives' updates are still to come."""
    import datetime as dt

    from django.utils import timezone

    from soteria.indicators.periods import PeriodType, last_complete
    from soteria.rounds.models import UpdateRound
    from soteria.rounds.services import round_open

    today = timezone.localdate()
    quarter = last_complete(PeriodType.QUARTER, today)
    existing = UpdateRound.objects.filter(unit=root, period=quarter.code).first()
    if existing is not None:
        return existing
    return round_open(None, root, quarter.code, today + dt.timedelta(days=14))


def build_demo_indicators(log: Callable[[str], None] = print) -> None:
    """Targets and hand-entered values for each demo organisation (once)."""
    for code in OBJECTIVE_INDICATORS:
        root = OrgUnit.objects.filter(code=code).first()
        if root is None:
            continue
        if (
            Target.objects.filter(unit=root).exists()
            or ManualValue.objects.filter(unit__path__startswith=root.path).exists()
        ):
            log(f"{code}: targets and hand-entered values already present; left as they are.")
            continue
        entered = _manual_values(root)
        made = _targets_from_figures(root)
        log(f"{code}: {made} targets set and approved, {entered} hand-entered values approved.")
        opened = _update_round(root)
        log(f"{code}: update round {opened.period} open, due {opened.due.isoformat()}.")
