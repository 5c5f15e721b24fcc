"""FHIR R4 ``Measure`` and ``MeasureReport`` resources of stored indicator values.

- :func:`measure_resource` describes an indicator definition as a ``Measure``: canonical url
  ``<base>/Measure/<CODE>`` (base: ``settings.SOTERIA_FHIR_BASE``, default
  :data:`DEFAULT_BASE`), the code as identifier, the definition's version, title and
  description in the requested language, the scoring (:func:`measure_scoring`), the
  improvement notation from the direction and one group whose populations carry the measure
  in words (``criteria.description``) and as Soteria's measure JSON (``criteria.expression``).
- :func:`measure_report` turns one stored :class:`IndicatorValue` into a ``summary``
  ``MeasureReport``: status ``complete`` (``pending`` for a value of a period that was not
  over when computed), the period's first and last local dates, the org unit as reporting
  Organization (its code as identifier), the population counts from the stored numerator and
  denominator and the value as ``measureScore`` with its unit of measure.
- :func:`select` resolves an export's selection (indicators × units × periods) to what the
  user may see, and :func:`measure_bundle` writes it as a ``collection`` Bundle, each Measure
  once, streamed in pieces.

Every resource is checked with ``fhir.resources`` before it is written. ``fhir.resources``
8 ships R5 at the top level and R4B (4.3.0) as ``fhir.resources.R4B`` — there is no R4
package any more; R4B's Measure, MeasureReport and Bundle have the same elements as R4's,
and the R4 specification's Measure* and MeasureReport* examples validate with it (tested).
"""

from __future__ import annotations

import json
import logging
import math
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from soteria.core.i18n import localise
from soteria.indicators import periods
from soteria.indicators.definitions import compile_definition, spc_chart_kind
from soteria.indicators.engine import Compiled
from soteria.indicators.manual import needs_denominator
from soteria.indicators.measures import Measure
from soteria.indicators.models import (
    Direction,
    IndicatorDefinition,
    IndicatorValue,
    Source,
    Unit,
)
from soteria.indicators.selectors import definitions_visible_to
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

log = logging.getLogger(__name__)

DEFAULT_BASE = "https://soteria.example/fhir"
CONTENT_TYPE = "application/fhir+json"

SCORING_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-scoring"
POPULATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-population"
IMPROVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation"
UCUM = "http://unitsofmeasure.org"

PROPORTION = "proportion"
RATIO = "ratio"
CONTINUOUS = "continuous-variable"
COHORT = "cohort"

SCORING_DISPLAY = {
    PROPORTION: "Proportion",
    RATIO: "Ratio",
    CONTINUOUS: "Continuous Variable",
    COHORT: "Cohort",
}
POPULATION_DISPLAY = {
    "initial-population": "Initial Population",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "measure-population": "Measure Population",
    "measure-observation": "Measure Observation",
}

#: UCUM code of each unit of measure of a score; None where UCUM has no fitting code (the
#: Quantity then carries the unit's label only).
_UCUM: dict[str, str | None] = {
    Unit.PERCENT: "%",
    Unit.DAYS: "d",
    Unit.HOURS: "h",
    Unit.MINUTES: "min",
    Unit.COUNT: "{count}",
    Unit.RATIO: "1",
    Unit.PER_1000_BED_DAYS: None,
    Unit.SCORE: None,
    Unit.CURRENCY: None,
}

_NAME = re.compile(r"^[A-Z][A-Za-z0-9_]{0,254}$")
"""A Measure's ``name`` must be usable as an identifier by machines (FHIR's inv-0)."""

MAX_PERIODS = 240
"""At most this many periods in one export (twenty years of months)."""

MAX_CELLS = 100_000
"""At most this many indicator × unit × period combinations in one export (memory and time
stay bounded; a larger export is made in parts)."""


class SelectionTooLarge(ValueError):
    """The selection has more combinations than :data:`MAX_CELLS`; the message says so."""


def fhir_base() -> str:
    return str(getattr(settings, "SOTERIA_FHIR_BASE", DEFAULT_BASE) or DEFAULT_BASE).rstrip("/")


def indicator_system() -> str:
    """The identifier system of indicator codes."""
    return f"{fhir_base()}/NamingSystem/indicator-code"


def unit_system() -> str:
    """The identifier system of org-unit codes: one system for every export, so a receiver
    matches a unit's reports across exports by (system, code)."""
    return f"{fhir_base()}/NamingSystem/org-unit-code"


def report_system() -> str:
    return f"{fhir_base()}/NamingSystem/measure-report"


def measure_url(definition: IndicatorDefinition) -> str:
    return f"{fhir_base()}/Measure/{definition.code}"


def _stable_id(text: str) -> str:
    """A FHIR id derived from a name: the same thing gets the same id in every export."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, text))


def measure_id(definition: IndicatorDefinition) -> str:
    return _stable_id(f"{measure_url(definition)}|{definition.version}")


def report_id(value: IndicatorValue) -> str:
    return _stable_id(
        f"{fhir_base()}/MeasureReport/{value.definition.code}/{value.unit.code}/{value.period}"
    )


# --- validation ------------------------------------------------------------------------------


def validate_resource(resource: Mapping[str, Any]) -> Any:
    """The ``fhir.resources`` (R4B = R4 for these resources) model of ``resource``; raises
    ``pydantic.ValidationError`` naming the element when it is not valid FHIR."""
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(str(resource["resourceType"])).model_validate(dict(resource))


# --- Measure ------------------------------------------------------------------------------------


Resolver = Mapping[str, Mapping[str, Any]]
"""Indicator code → its stored measures ({"numerator": …, "denominator": …})."""


def measures_by_code() -> dict[str, dict[str, Any]]:
    """Every definition's stored measures, in one query (to follow ``ref`` measures)."""
    return {
        row["code"]: dict(row)
        for row in IndicatorDefinition.objects.values("code", "numerator", "denominator")
    }


def compiled_of(definition: IndicatorDefinition, known: Resolver | None = None) -> Compiled | None:
    """The definition's measures with references followed (None when entered by hand)."""
    if definition.source == Source.MANUAL or definition.numerator is None:
        return None
    table = known if known is not None else measures_by_code()

    def resolve(code: str, part: str) -> Mapping[str, Any] | None:
        row = table.get(code)
        return row.get(part) if row else None

    try:
        return compile_definition(definition, resolve)
    except (ValidationError, ValueError):
        return None


def _is_mean(compiled: Compiled) -> bool:
    """A sum over the rows of a fact divided by their number: a mean (length of stay)."""
    num, den = compiled.numerator, compiled.denominator
    return (
        den is not None
        and num.aggregate == "sum"
        and den.aggregate == "count"
        and num.fact == den.fact
        and num.filters == den.filters
    )


def measure_scoring(definition: IndicatorDefinition, compiled: Compiled | None = None) -> str:
    """How FHIR scores the indicator:

    - *proportion*: a share of counts of one fact (what gets a p-chart) or a hand-entered %;
    - *continuous-variable*: a mean (sum ÷ count of the same rows), a sum or a percentile,
      and hand-entered amounts other than counts;
    - *cohort*: a count or distinct count without denominator;
    - *ratio*: any other numerator ÷ denominator (occupancy, events per 1,000 bed-days).
    """
    if definition.source == Source.MANUAL:
        if needs_denominator(definition):
            return PROPORTION if definition.unit == Unit.PERCENT else RATIO
        return COHORT if definition.unit == Unit.COUNT else CONTINUOUS
    if compiled is None:
        return RATIO if definition.denominator is not None else CONTINUOUS
    if compiled.denominator is None:
        return COHORT if compiled.numerator.aggregate in ("count", "count_distinct") else CONTINUOUS
    if spc_chart_kind(definition, compiled) == "p":
        return PROPORTION
    if _is_mean(compiled):
        return CONTINUOUS
    return RATIO


def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code, "display": display}]}


def _criteria(measure: Measure | None, fallback: str) -> dict[str, Any]:
    """A population's criteria: the measure in words, and as Soteria's measure JSON."""
    if measure is None:
        return {"description": fallback, "language": "text/plain", "expression": fallback}
    return {
        "description": measure.describe(),
        "language": "application/json",
        "expression": json.dumps(measure.as_dict(), ensure_ascii=False, sort_keys=True),
    }


def _population(code: str, criteria: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": code,
        "code": _coding(POPULATION_SYSTEM, code, POPULATION_DISPLAY[code]),
        "criteria": criteria,
    }


def population_codes(scoring: str, definition: IndicatorDefinition) -> list[str]:
    """The populations of the Measure's group (and of its reports), in order."""
    if scoring in (PROPORTION, RATIO):
        return ["numerator", "denominator"]
    if scoring == COHORT:
        return ["initial-population"]
    return ["measure-population", "measure-observation"]


def _manual_text(definition: IndicatorDefinition, part: str) -> str:
    period = definition.get_entry_period_display()
    if part == "denominator":
        return _("the total (“out of”) entered by hand per %(period)s, approved") % {
            "period": period
        }
    return _("the value entered by hand per %(period)s by the unit, approved by its lead") % {
        "period": period
    }


def _populations(
    definition: IndicatorDefinition, compiled: Compiled | None, scoring: str
) -> list[dict[str, Any]]:
    num = compiled.numerator if compiled else None
    den = compiled.denominator if compiled else None
    manual_num = _manual_text(definition, "numerator")
    if scoring in (PROPORTION, RATIO):
        return [
            _population("numerator", _criteria(num, manual_num)),
            _population("denominator", _criteria(den, _manual_text(definition, "denominator"))),
        ]
    if scoring == COHORT:
        return [_population("initial-population", _criteria(num, manual_num))]
    rows: Measure | None = den
    if num is not None and den is None:
        rows = Measure(num.fact, "count", filters=num.filters)
    return [
        _population("measure-population", _criteria(rows, manual_num)),
        _population("measure-observation", _criteria(num, manual_num)),
    ]


def _guidance(definition: IndicatorDefinition, scoring: str) -> str:
    multiplier = f"{definition.multiplier:g}"
    divided = scoring in (PROPORTION, RATIO) or bool(definition.denominator)
    if divided and definition.multiplier != 1:
        text = _("Score = numerator ÷ denominator × %(multiplier)s") % {"multiplier": multiplier}
    elif divided:
        text = _("Score = numerator ÷ denominator")
    elif definition.multiplier != 1:
        text = _("Score = numerator × %(multiplier)s") % {"multiplier": multiplier}
    else:
        text = _("Score = numerator")
    unit = definition.get_unit_display()
    return f"{text} ({unit}). " + _(
        "Computed per org unit (with the units below it) and period; values of a period "
        "that was not over when computed are reported as pending."
    )


def improvement_notation(definition: IndicatorDefinition) -> dict[str, Any] | None:
    if definition.direction == Direction.HIGHER:
        return _coding(IMPROVEMENT_SYSTEM, "increase", "Increased score indicates improvement")
    if definition.direction == Direction.LOWER:
        return _coding(IMPROVEMENT_SYSTEM, "decrease", "Decreased score indicates improvement")
    return None


def measure_resource(
    definition: IndicatorDefinition,
    *,
    language: str | None = None,
    known: Resolver | None = None,
) -> dict[str, Any]:
    """The definition as a FHIR R4 ``Measure`` (validated), texts in ``language``."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        compiled = compiled_of(definition, known)
        scoring = measure_scoring(definition, compiled)
        title = localise(definition.name, language) or definition.code
        owner = definition.owner
        resource: dict[str, Any] = {
            "resourceType": "Measure",
            "id": measure_id(definition),
            "language": language,
            "url": measure_url(definition),
            "identifier": [
                {"use": "official", "system": indicator_system(), "value": definition.code}
            ],
            "version": str(definition.version),
        }
        if _NAME.match(definition.code):
            resource["name"] = definition.code
        resource.update(
            {
                "title": title,
                "status": "active" if definition.active else "retired",
                "experimental": False,
                "date": definition.updated_at.isoformat(timespec="seconds"),
                "publisher": localise(owner.name, language)
                if owner is not None
                else _("Soteria standard indicator set"),
                "description": localise(definition.description, language) or title,
                "scoring": _coding(SCORING_SYSTEM, scoring, SCORING_DISPLAY[scoring]),
            }
        )
        notation = improvement_notation(definition)
        if notation:
            resource["improvementNotation"] = notation
        resource["guidance"] = _guidance(definition, scoring)
        resource["group"] = [
            {
                "id": "main",
                "description": title,
                "population": _populations(definition, compiled, scoring),
            }
        ]
    validate_resource(resource)
    return resource


# --- MeasureReport -------------------------------------------------------------------------------


def _score_quantity(definition: IndicatorDefinition, value: float) -> dict[str, Any]:
    quantity: dict[str, Any] = {"value": value, "unit": str(definition.get_unit_display())}
    code = _UCUM.get(definition.unit)
    if code is not None:
        quantity.update({"system": UCUM, "code": code})
    return quantity


def _finite(number: float | None) -> float | None:
    return number if number is not None and math.isfinite(number) else None


POPULATION_AMOUNT = "StructureDefinition/population-amount"
"""Extension (under the base url) carrying a population figure that is not a whole number
(a sum such as bed-days): FHIR's ``count`` is an integer."""


def _report_population(code: str, figure: float | None) -> dict[str, Any] | None:
    figure = _finite(figure)
    if figure is None:
        return None
    entry: dict[str, Any] = {"code": _coding(POPULATION_SYSTEM, code, POPULATION_DISPLAY[code])}
    if float(figure).is_integer():
        entry["count"] = int(figure)
    else:
        entry["extension"] = [{"url": f"{fhir_base()}/{POPULATION_AMOUNT}", "valueDecimal": figure}]
    return entry


def report_populations(scoring: str, value: IndicatorValue) -> list[dict[str, Any]]:
    """The stored figures as populations: numerator and denominator for proportions and
    ratios, the numerator (the count) for cohorts, the denominator (the rows averaged over)
    for means."""
    if scoring in (PROPORTION, RATIO):
        pairs = [("numerator", value.numerator), ("denominator", value.denominator)]
    elif scoring == COHORT:
        pairs = [("initial-population", value.numerator)]
    else:
        pairs = [("measure-population", value.denominator)]
    return [p for code, figure in pairs if (p := _report_population(code, figure)) is not None]


def _period(code: str) -> dict[str, str]:
    """First and last day of the period, as the unit's calendar has them (date precision:
    FHIR reads an end date as including that whole day)."""
    period = periods.parse(code)
    return {
        "start": period.start.isoformat(),
        "end": (period.end - timedelta(days=1)).isoformat(),
    }


def _unit_time(value: IndicatorValue) -> str:
    moment = value.computed_at
    try:
        zone = ZoneInfo(value.unit.time_zone or "UTC")
    except (ValueError, KeyError):
        zone = ZoneInfo("UTC")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    return moment.astimezone(zone).isoformat(timespec="seconds")


def organisation_reference(unit: OrgUnit, language: str | None = None) -> dict[str, Any]:
    """A logical reference to the org unit: its code under a stable identifier system."""
    return {
        "type": "Organization",
        "identifier": {"system": unit_system(), "value": unit.code},
        "display": localise(unit.name, language) or unit.code,
    }


def measure_report(
    value: IndicatorValue,
    *,
    scoring: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    """One stored value as a FHIR R4 ``summary`` ``MeasureReport`` (validated); the unit of
    measure and the org unit's name in ``language``."""
    with translation.override(language or translation.get_language()):
        return _measure_report(value, scoring, language)


def _measure_report(
    value: IndicatorValue, scoring: str | None, language: str | None
) -> dict[str, Any]:
    definition = value.definition
    if scoring is None:
        scoring = measure_scoring(definition, compiled_of(definition))
    version = value.definition_version or definition.version
    group: dict[str, Any] = {"id": "main"}
    populations = report_populations(scoring, value)
    if populations:
        group["population"] = populations
    score = _finite(value.value)
    if score is not None:
        group["measureScore"] = _score_quantity(definition, score)
    resource: dict[str, Any] = {
        "resourceType": "MeasureReport",
        "id": report_id(value),
        "identifier": [
            {
                "system": report_system(),
                "value": f"{definition.code}|{value.unit.code}|{value.period}",
            }
        ],
        "status": "pending" if value.partial else "complete",
        "type": "summary",
        "measure": f"{measure_url(definition)}|{version}",
        "date": _unit_time(value),
        "reporter": organisation_reference(value.unit, language),
        "period": _period(value.period),
    }
    notation = improvement_notation(definition)
    if notation:
        resource["improvementNotation"] = notation
    resource["group"] = [group]
    validate_resource(resource)
    return resource


# --- the selection ---------------------------------------------------------------------------


@dataclass
class Selection:
    """What an export covers once the user's reach is applied."""

    user: Any
    definitions: list[IndicatorDefinition]
    units: list[OrgUnit]
    period_codes: list[str]
    include_descendants: bool = False
    warnings: list[str] = field(default_factory=list)

    def values(self) -> list[IndicatorValue]:
        """The stored values of the selection, in one query, ordered for people."""
        if not (self.definitions and self.units and self.period_codes):
            return []
        return list(
            IndicatorValue.objects.filter(
                definition__in=[d.pk for d in self.definitions],
                unit__in=[u.pk for u in self.units],
                period__in=self.period_codes,
            )
            .select_related("definition__owner", "unit")
            .order_by("definition__code", "unit__path", "period_start", "period")
        )


def period_codes_between(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` (same type, inclusive); ``ValueError`` with a
    readable message otherwise."""
    start, stop = periods.parse(first), periods.parse(last)
    if start.type != stop.type:
        raise ValueError(_("Both periods must be of the same type."))
    if stop < start:
        raise ValueError(_("“To” comes before “from”."))
    out: list[str] = []
    current = start
    while current <= stop:
        if len(out) >= MAX_PERIODS:
            raise ValueError(
                _("Choose at most %(count)s periods at a time.") % {"count": MAX_PERIODS}
            )
        out.append(current.code)
        current = periods.shifted(current, 1)
    return out


def select(
    user: Any,
    definitions: Iterable[IndicatorDefinition],
    units: Iterable[OrgUnit],
    period_codes: Iterable[str],
    *,
    include_descendants: bool = False,
) -> Selection:
    """The export's selection limited to what ``user`` may see (``None``: the system);
    :class:`SelectionTooLarge` beyond :data:`MAX_CELLS` combinations.

    As for the DHIS2 export, units the user may not see are left out *and reported*;
    indicators that are not the user's to see (another organisation's own) are left out
    with the message given for a code that does not exist. With ``include_descendants``
    every unit below a chosen one is added (one query).
    """
    warnings: list[str] = []
    chosen = list(dict.fromkeys(definitions))
    visible = {
        d.pk: d
        for d in definitions_visible_to(user)
        .filter(pk__in=[d.pk for d in chosen])
        .select_related("owner")
    }
    kept: list[IndicatorDefinition] = []
    for definition in chosen:
        if definition.pk in visible:
            kept.append(visible[definition.pk])
        else:
            warnings.append(_("%(code)s: no such indicator; left out.") % {"code": definition.code})
    kept.sort(key=lambda d: d.code)
    reachable: list[OrgUnit] = []
    for unit in dict.fromkeys(units):
        if user is not None and not access.can(user, Action.VIEW, unit):
            warnings.append(
                _("%(unit)s: you may not see this unit; left out.") % {"unit": unit.code}
            )
        else:
            reachable.append(unit)
    if include_descendants and reachable:
        below = Q()
        for unit in reachable:
            below |= Q(path__startswith=unit.path)
        found = list(OrgUnit.objects.filter(below).order_by("path"))
        # roles apply down the tree, so everything below a unit the user sees is theirs too
        reachable = [u for u in found if user is None or access.can(user, Action.VIEW, u)]
    else:
        reachable.sort(key=lambda u: u.path)
    codes = list(dict.fromkeys(period_codes))
    for code in codes:
        periods.parse(code)  # ValueError with a readable message
    cells = len(kept) * len(reachable) * len(codes)
    if cells > MAX_CELLS:
        raise SelectionTooLarge(
            _(
                "%(indicators)s indicators × %(units)s units × %(periods)s periods is "
                "%(cells)s combinations; export at most %(max)s at a time (fewer indicators, "
                "units or periods)."
            )
            % {
                "indicators": len(kept),
                "units": len(reachable),
                "periods": len(codes),
                "cells": cells,
                "max": MAX_CELLS,
            }
        )
    return Selection(user, kept, reachable, codes, include_descendants, warnings)


# --- the Bundle --------------------------------------------------------------------------------


@dataclass
class BundleExport:
    """A ``collection`` Bundle: the Measures of the selection, then one MeasureReport per
    stored value. ``chunks()`` yields the JSON in pieces (for a streamed download)."""

    selection: Selection
    rows: list[IndicatorValue]
    language: str
    warnings: list[str] = field(default_factory=list)
    known: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many MeasureReports the Bundle holds."""
        return len(self.rows)

    def _entries(self) -> Iterator[dict[str, Any]]:
        scorings: dict[int, str] = {}
        for definition in self.selection.definitions:
            measure = measure_resource(definition, language=self.language, known=self.known)
            scorings[definition.pk] = measure["scoring"]["coding"][0]["code"]
            yield {"fullUrl": f"urn:uuid:{measure['id']}", "resource": measure}
        for row in self.rows:
            report = measure_report(
                row, scoring=scorings[row.definition_id], language=self.language
            )
            yield {"fullUrl": f"urn:uuid:{report['id']}", "resource": report}

    def envelope(self) -> dict[str, Any]:
        now = timezone.now().isoformat(timespec="seconds")
        shell = {
            "resourceType": "Bundle",
            "id": str(uuid.uuid4()),
            "meta": {"lastUpdated": now},
            "type": "collection",
            "timestamp": now,
        }
        validate_resource(shell)
        return shell

    def chunks(self) -> Iterator[str]:
        shell = json.dumps(self.envelope(), ensure_ascii=False)
        yield shell[:-1] + ', "entry": ['
        for index, entry in enumerate(self._entries()):
            yield ("," if index else "") + "\n" + json.dumps(entry, ensure_ascii=False)
        yield "\n]}\n"

    def json(self) -> dict[str, Any]:
        """The whole Bundle as one object (small exports, tests)."""
        return json.loads("".join(self.chunks()))


def measure_bundle(
    user: Any,
    definitions: Iterable[IndicatorDefinition],
    units: Iterable[OrgUnit],
    period_codes: Iterable[str],
    *,
    include_descendants: bool = False,
    language: str | None = None,
) -> BundleExport:
    """The stored values of the selection the user may see, as MeasureReports with their
    Measures. Values with neither a figure nor a score (no rows at all) are left out and
    reported; so are values computed with an older version of the definition (reported,
    kept, and pointing at that version)."""
    selection = select(
        user, definitions, units, period_codes, include_descendants=include_descendants
    )
    warnings = list(selection.warnings)
    rows: list[IndicatorValue] = []
    for row in selection.values():
        label = f"{row.definition.code} {row.unit.code} {row.period}"
        if all(_finite(x) is None for x in (row.value, row.numerator, row.denominator)):
            reason = row.get_no_value_reason_display() or _("no value")
            warnings.append(
                _("%(what)s: no value (%(reason)s); left out.") % {"what": label, "reason": reason}
            )
            continue
        if row.definition_version and row.definition_version != row.definition.version:
            warnings.append(
                _(
                    "%(what)s: computed with version %(old)s of the definition (now "
                    "%(new)s); the report names version %(old)s."
                )
                % {"what": label, "old": row.definition_version, "new": row.definition.version}
            )
        rows.append(row)
    export = BundleExport(
        selection,
        rows,
        language or translation.get_language() or settings.LANGUAGE_CODE,
        warnings,
        measures_by_code(),
    )
    log.info(
        "FHIR MeasureReport export by %s: %d indicators, %d units, %d periods, %d reports",
        getattr(user, "username", "system"),
        len(selection.definitions),
        len(selection.units),
        len(selection.period_codes),
        export.count,
    )
    return export
