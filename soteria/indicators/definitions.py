"""Checking definitions and loading the standard set from the repository's files."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from soteria.indicators.engine import Compiled
from soteria.indicators.measures import MeasureError, Resolver, parse_measure
from soteria.indicators.models import Direction, IndicatorDefinition, Source, Unit

STANDARD_DIR = Path(__file__).resolve().parent / "standard"
FILE_FORMAT = "soteria-indicators"
FILE_VERSION = 1


def database_resolver(extra: Mapping[str, Mapping[str, Any]] | None = None) -> Resolver:
    """Looks references up in ``extra`` (definitions being loaded) first, then the database."""

    def resolve(code: str, part: str) -> Mapping[str, Any] | None:
        if extra and code in extra:
            return extra[code].get(part)
        row = IndicatorDefinition.objects.filter(code=code).values(part).first()
        return row[part] if row else None

    return resolve


def compile_definition(
    definition: IndicatorDefinition, resolve: Resolver | None = None
) -> Compiled:
    """The measures of a computed definition; ``ValidationError`` by field if invalid."""
    resolve = resolve or database_resolver()
    # A definition referring to itself must see its own unsaved measures.
    own = {"numerator": definition.numerator, "denominator": definition.denominator}

    def resolve_with_self(code: str, part: str) -> Mapping[str, Any] | None:
        return own.get(part) if code == definition.code else resolve(code, part)

    if definition.source == Source.MANUAL:
        raise ValueError(f"{definition.code} is entered by hand, not computed.")
    errors: dict[str, list[str]] = {}
    if definition.numerator is None:
        raise ValidationError({"numerator": [_("A computed indicator needs a numerator.")]})
    if definition.multiplier is None or definition.multiplier <= 0:
        errors["multiplier"] = [_("The multiplier must be greater than zero.")]
    measures = {}
    for part in ("numerator", "denominator"):
        data = getattr(definition, part)
        if data is None:
            continue
        try:
            measures[part] = parse_measure(
                data,
                role=part,
                resolve=resolve_with_self,
                _seen=(f"{definition.code}.{part}",),
            )
        except MeasureError as error:
            errors[part] = [error.args[0]]
    if errors:
        raise ValidationError(errors)
    return Compiled(
        definition.code,
        measures["numerator"],
        measures.get("denominator"),
        float(definition.multiplier),
    )


def spc_chart_kind(definition: IndicatorDefinition, compiled: Compiled | None) -> str:
    """Which SPC chart suits the indicator: a p-chart for a share of counts of one fact (a %
    that cannot exceed 100), a u-chart for events per 1,000 bed-days, XmR for everything
    else (counts, means such as length of stay, percentiles, occupancy — which can pass
    100 % — and hand-entered values). References are followed: ``compiled`` has them
    resolved."""
    if compiled is None or compiled.denominator is None:
        return "xmr"
    numerator, denominator = compiled.numerator, compiled.denominator
    if (
        definition.unit == Unit.PERCENT
        and numerator.aggregate == denominator.aggregate == "count"
        and numerator.fact == denominator.fact
    ):
        return "p"
    if definition.unit == Unit.PER_1000_BED_DAYS:
        return "u"
    return "xmr"


def validate_definition(
    definition: IndicatorDefinition, resolve: Resolver | None = None
) -> Compiled | None:
    """Everything save-time checks: fields, then (for computed ones) the measures. Returns
    the compiled formula (None for hand-entered indicators)."""
    definition.full_clean()
    if definition.source == Source.COMPUTED:
        return compile_definition(definition, resolve)
    else:
        compile_errors: dict[str, list[str]] = {}
        for part in ("numerator", "denominator"):
            if getattr(definition, part) is not None:
                compile_errors[part] = [
                    _("Hand-entered indicators have no computed numerator.")
                    if part == "numerator"
                    else _("Hand-entered indicators have no computed denominator.")
                ]
        if compile_errors:
            raise ValidationError(compile_errors)
        return None


def read_standard_files(directory: Path = STANDARD_DIR) -> list[dict[str, Any]]:
    """The indicator entries of every ``*.toml`` file, checked for format and version."""
    entries: list[dict[str, Any]] = []
    for file in sorted(directory.glob("*.toml")):
        with file.open("rb") as handle:
            data = tomllib.load(handle)
        if data.get("format") != FILE_FORMAT or data.get("version") != FILE_VERSION:
            raise ValueError(
                f"{file.name}: expected format = '{FILE_FORMAT}' and version = {FILE_VERSION}."
            )
        for index, entry in enumerate(data.get("indicator", [])):
            if not isinstance(entry.get("code"), str):
                raise ValueError(f"{file.name}: indicator #{index + 1} has no code.")
            entries.append(entry)
    return entries


def definition_fields(entry: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(entry) - {
        "code",
        "name",
        "description",
        "unit",
        "decimals",
        "direction",
        "source",
        "numerator",
        "denominator",
        "multiplier",
        "entry_period",
        "entered_at",
    }
    if unknown:
        raise ValueError(f"{entry['code']}: unknown field(s) {', '.join(sorted(unknown))}.")
    return {
        "name": dict(entry.get("name", {})),
        "description": dict(entry.get("description", {})),
        "unit": entry.get("unit", Unit.COUNT),
        "decimals": entry.get("decimals", 1),
        "direction": entry.get("direction", Direction.NONE),
        "source": entry.get("source", Source.COMPUTED),
        "numerator": entry.get("numerator"),
        "denominator": entry.get("denominator"),
        "multiplier": float(entry.get("multiplier", 1)),
        "entry_period": entry.get("entry_period", "month"),
        "entered_at": list(entry.get("entered_at", [])),
    }
