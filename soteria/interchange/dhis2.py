"""DHIS2 dataValueSets: export published indicator values, import hand-entered values.

- :func:`export_data_value_set` builds a DHIS2 ``dataValueSets`` JSON payload from the
  stored :class:`IndicatorValue` rows of the units the user may see. Indicator and unit
  codes are translated through the owner's :class:`Dhis2Mapping` rows of the chosen id
  scheme; anything unmapped, out of reach or without a value is reported as a warning.
- :func:`import_data_value_set` reads a payload and enters every row as a hand-entered
  value through :func:`soteria.indicators.manual.manual_enter` (permissions, locks,
  validation and audit are its job). All or nothing: any bad row and nothing is written.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from soteria.indicators import manual, periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, ManualValue, Source
from soteria.interchange.models import Dhis2Mapping, IdScheme, MappingKind
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

DEFAULT_COMBO = "HllvX50cXC0"
"""The UID of DHIS2's default category option combo (no disaggregation)."""

UID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]{10}$")


def is_uid(text: str) -> bool:
    return bool(UID_PATTERN.match(text))


def _value_text(value: float) -> str:
    if value.is_integer():
        return str(int(value))
    return repr(value)


def period_range(first: str, last: str) -> list[str]:
    """Every period code from ``first`` to ``last`` (same type), inclusive."""
    start, stop = periods.parse(first), periods.parse(last)
    if start.type != stop.type:
        raise ValueError(_("Both ends of a period range must be of the same type."))
    out: list[str] = []
    current = start
    while current <= stop and len(out) < 1000:
        out.append(current.code)
        current = periods.shifted(current, 1)
    return out


# --- export ---------------------------------------------------------------------------


@dataclass
class ExportResult:
    payload: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.payload["dataValues"])


def _mapping(owner: OrgUnit, kind: str, scheme: str) -> dict[str, Dhis2Mapping]:
    return {
        m.local_code: m
        for m in Dhis2Mapping.objects.filter(owner=owner, kind=kind, id_scheme=scheme)
    }


def export_data_value_set(
    user: Any,
    definitions: Iterable[IndicatorDefinition],
    units: Iterable[OrgUnit],
    period_codes: Iterable[str],
    owner: OrgUnit,
    *,
    id_scheme: str = IdScheme.UID,
    data_set: str = "",
) -> ExportResult:
    """The stored values of ``definitions`` × ``units`` × ``period_codes`` as a payload."""
    warnings: list[str] = []
    elements = _mapping(owner, MappingKind.INDICATOR, id_scheme)
    org_units = _mapping(owner, MappingKind.UNIT, id_scheme)
    definitions = list(definitions)
    visible: list[OrgUnit] = []
    for unit in units:
        if user is not None and not access.can(user, Action.VIEW, unit):
            warnings.append(
                _("%(unit)s: you may not see this unit; left out.") % {"unit": unit.code}
            )
        elif unit.code not in org_units:
            warnings.append(
                _("%(unit)s: no %(scheme)s mapping to a DHIS2 org unit; left out.")
                % {"unit": unit.code, "scheme": id_scheme}
            )
        else:
            visible.append(unit)
    mapped: list[IndicatorDefinition] = []
    for definition in definitions:
        if definition.code in elements:
            mapped.append(definition)
        else:
            warnings.append(
                _("%(code)s: no %(scheme)s mapping to a DHIS2 data element; left out.")
                % {"code": definition.code, "scheme": id_scheme}
            )
    codes = list(dict.fromkeys(period_codes))
    rows = (
        IndicatorValue.objects.filter(definition__in=mapped, unit__in=visible, period__in=codes)
        .select_related("definition", "unit")
        .order_by("definition__code", "unit__code", "period_start", "period")
    )
    values: list[dict[str, Any]] = []
    for row in rows:
        label = f"{row.definition.code} {row.unit.code} {row.period}"
        if row.value is None or not math.isfinite(row.value):
            reason = row.get_no_value_reason_display() or _("no value")
            warnings.append(
                _("%(what)s: no value (%(reason)s); left out.") % {"what": label, "reason": reason}
            )
            continue
        values.append(
            {
                "dataElement": elements[row.definition.code].remote_id,
                "period": row.period,
                "orgUnit": org_units[row.unit.code].remote_id,
                "value": _value_text(row.value),
                "lastUpdated": row.computed_at.isoformat(),
            }
        )
    payload: dict[str, Any] = {}
    if data_set:
        payload["dataSet"] = data_set
    if id_scheme != IdScheme.UID:
        payload["dataElementIdScheme"] = id_scheme
        payload["orgUnitIdScheme"] = id_scheme
    payload["dataValues"] = values
    return ExportResult(payload, warnings)


# --- import ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    index: int
    field: str
    message: str


@dataclass(frozen=True)
class DataValue:
    index: int
    data_element: str
    period: str
    org_unit: str
    value: Any
    comment: str
    category_option_combo: str


@dataclass
class ParsedSet:
    data_values: list[DataValue]
    element_scheme: str
    unit_scheme: str
    errors: list[RowError] = field(default_factory=list)


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    element_scheme: str = IdScheme.UID
    unit_scheme: str = IdScheme.UID

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def written(self) -> int:
        return self.created + self.changed


def _scheme(payload: dict[str, Any], key: str, errors: list[RowError]) -> str:
    raw = payload.get(key) or payload.get("idScheme") or IdScheme.UID
    scheme = str(raw).upper()
    if scheme not in IdScheme.values:
        errors.append(
            RowError(
                -1,
                key,
                _("Id scheme '%(scheme)s' is not supported: use UID or CODE.") % {"scheme": raw},
            )
        )
        return IdScheme.UID
    return scheme


def parse_data_value_set(data: bytes | str | dict[str, Any]) -> ParsedSet:
    """Read a dataValueSets JSON payload; structural problems become errors (index -1 for
    the whole payload). Set-level ``period``/``orgUnit`` fill rows that leave them out."""
    errors: list[RowError] = []
    if isinstance(data, bytes | str):
        try:
            payload = json.loads(data)
        except (ValueError, UnicodeDecodeError) as error:
            message = _("This is not JSON: %(error)s") % {"error": error}
            return ParsedSet([], IdScheme.UID, IdScheme.UID, [RowError(-1, "payload", message)])
    else:
        payload = data
    if not isinstance(payload, dict) or not isinstance(payload.get("dataValues"), list):
        message = _("A dataValueSet is a JSON object with a list of “dataValues”.")
        return ParsedSet([], IdScheme.UID, IdScheme.UID, [RowError(-1, "dataValues", message)])
    element_scheme = _scheme(payload, "dataElementIdScheme", errors)
    unit_scheme = _scheme(payload, "orgUnitIdScheme", errors)
    rows: list[DataValue] = []
    for index, raw in enumerate(payload["dataValues"]):
        if not isinstance(raw, dict):
            errors.append(RowError(index, "dataValue", _("A data value must be a JSON object.")))
            continue
        row = {
            key: raw.get(key, payload.get(key))
            for key in ("dataElement", "period", "orgUnit", "categoryOptionCombo")
        }
        missing = [key for key in ("dataElement", "period", "orgUnit") if not row[key]]
        for key in missing:
            errors.append(RowError(index, key, _("Missing.")))
        if missing:
            continue
        rows.append(
            DataValue(
                index=index,
                data_element=str(row["dataElement"]),
                period=str(row["period"]),
                org_unit=str(row["orgUnit"]),
                value=raw.get("value"),
                comment=str(raw.get("comment") or ""),
                category_option_combo=str(row["categoryOptionCombo"] or ""),
            )
        )
    return ParsedSet(rows, element_scheme, unit_scheme, errors)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


_FIELD_OF = {"period": "period", "numerator": "value", "denominator": "value", "comment": "comment"}


def _errors_of(index: int, error: ValidationError) -> list[RowError]:
    if hasattr(error, "error_dict"):
        return [
            RowError(index, _FIELD_OF.get(key, key), str(message))
            for key, messages in error.message_dict.items()
            for message in messages
        ]
    field_name = "period" if getattr(error, "code", None) == "locked" else "dataElement"
    return [RowError(index, field_name, str(message)) for message in error.messages]


def import_data_value_set(
    user: Any,
    payload: bytes | str | dict[str, Any],
    owner: OrgUnit,
    *,
    submit: bool = False,
) -> ImportReport:
    """Enter every data value as a hand-entered value, or nothing if any row is bad."""
    parsed = parse_data_value_set(payload)
    report = ImportReport(
        total=len(parsed.data_values) + len({e.index for e in parsed.errors if e.index >= 0}),
        errors=list(parsed.errors),
        element_scheme=parsed.element_scheme,
        unit_scheme=parsed.unit_scheme,
    )
    elements = {
        m.remote_id: m.local_code
        for m in Dhis2Mapping.objects.filter(
            owner=owner, kind=MappingKind.INDICATOR, id_scheme=parsed.element_scheme
        )
    }
    org_units = {
        m.remote_id: m.local_code
        for m in Dhis2Mapping.objects.filter(
            owner=owner, kind=MappingKind.UNIT, id_scheme=parsed.unit_scheme
        )
    }
    definitions = {
        d.code: d
        for d in IndicatorDefinition.objects.filter(code__in=set(elements.values()))
        if d.owner_id is None or d.owner_id in owner.ancestor_ids or d.owner_id == owner.pk
    }
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in=set(org_units.values()), path__startswith=owner.path
        )
    }
    seen: set[tuple[str, str, str]] = set()
    with transaction.atomic():
        for row in parsed.data_values:
            report.errors.extend(
                _import_row(
                    user, row, parsed, elements, org_units, definitions, units, seen, report, submit
                )
            )
        if report.errors:
            report.created = report.changed = report.unchanged = 0
            transaction.set_rollback(True)
    report.errors.sort(key=lambda e: (e.index, e.field))
    return report


def _import_row(
    user: Any,
    row: DataValue,
    parsed: ParsedSet,
    elements: dict[str, str],
    org_units: dict[str, str],
    definitions: dict[str, IndicatorDefinition],
    units: dict[str, OrgUnit],
    seen: set[tuple[str, str, str]],
    report: ImportReport,
    submit: bool,
) -> list[RowError]:
    errors: list[RowError] = []
    i = row.index
    definition = None
    if row.data_element not in elements:
        errors.append(
            RowError(
                i,
                "dataElement",
                _("Unknown data element '%(id)s' (no %(scheme)s mapping to an indicator).")
                % {"id": row.data_element, "scheme": parsed.element_scheme},
            )
        )
    else:
        definition = definitions.get(elements[row.data_element])
        if definition is None:
            errors.append(
                RowError(
                    i,
                    "dataElement",
                    _(
                        "Data element '%(id)s' is mapped to %(code)s, "
                        "which is not an indicator here."
                    )
                    % {"id": row.data_element, "code": elements[row.data_element]},
                )
            )
        elif definition.source != Source.MANUAL:
            errors.append(
                RowError(
                    i,
                    "dataElement",
                    _("%(code)s is computed from hospital data, not a hand-entered indicator.")
                    % {"code": definition.code},
                )
            )
            definition = None
        elif manual.needs_denominator(definition):
            errors.append(
                RowError(
                    i,
                    "dataElement",
                    _(
                        "%(code)s is a share (value out of a total); a DHIS2 data value "
                        "carries one number, so it cannot be imported."
                    )
                    % {"code": definition.code},
                )
            )
            definition = None
    unit = None
    if row.org_unit not in org_units:
        errors.append(
            RowError(
                i,
                "orgUnit",
                _("Unknown org unit '%(id)s' (no %(scheme)s mapping to a unit).")
                % {"id": row.org_unit, "scheme": parsed.unit_scheme},
            )
        )
    else:
        unit = units.get(org_units[row.org_unit])
        if unit is None:
            errors.append(
                RowError(
                    i,
                    "orgUnit",
                    _(
                        "Org unit '%(id)s' is mapped to %(code)s, "
                        "which is not a unit of this organisation."
                    )
                    % {"id": row.org_unit, "code": org_units[row.org_unit]},
                )
            )
    if row.category_option_combo and row.category_option_combo != DEFAULT_COMBO:
        errors.append(
            RowError(
                i,
                "categoryOptionCombo",
                _(
                    "Disaggregated values (category option combo '%(id)s') are not supported; "
                    "send totals only."
                )
                % {"id": row.category_option_combo},
            )
        )
    try:
        periods.parse(row.period)
    except ValueError:
        errors.append(
            RowError(
                i,
                "period",
                _("'%(code)s' is not a period: use 202603 (month), 2026Q1, 2026S1 or 2026.")
                % {"code": row.period},
            )
        )
    number = _number(row.value)
    if number is None:
        if row.value is None or str(row.value).strip() == "":
            message = _("No value (deleting values is not supported).")
        else:
            message = _("'%(value)s' is not a number.") % {"value": row.value}
        errors.append(RowError(i, "value", message))
    key = (row.data_element, row.org_unit, row.period)
    if key in seen:
        errors.append(RowError(i, "dataElement", _("The same value appears twice in the payload.")))
    seen.add(key)
    if errors or definition is None or unit is None or number is None:
        return errors
    numerator = number / definition.multiplier if definition.multiplier else number
    before = (
        ManualValue.objects.filter(definition=definition, unit=unit, period=row.period)
        .values_list("numerator", "denominator", "comment", "status")
        .first()
    )
    try:
        value = manual.manual_enter(
            user, definition, unit, row.period, numerator, None, row.comment, submit=submit
        )
    except Http404:
        return [RowError(i, "orgUnit", _("You have no access to %(unit)s.") % {"unit": unit.code})]
    except PermissionDenied:
        return [
            RowError(
                i,
                "orgUnit",
                _("You may not enter values for %(unit)s (contributor or above needed).")
                % {"unit": unit.code},
            )
        ]
    except ValidationError as error:
        return _errors_of(i, error)
    after = (value.numerator, value.denominator, value.comment, value.status)
    if before is None:
        report.created += 1
    elif tuple(before) == after:
        report.unchanged += 1
    else:
        report.changed += 1
    return []
