"""Reads of the warehouse package, limited to what the user may see."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from soteria.organisations import access
from soteria.warehouse.models import ImportRecord, MappingKind, UnitMapping


def imports_for(user: Any) -> QuerySet[ImportRecord]:
    return access.filter_by_unit(
        ImportRecord.objects.select_related("unit", "actor"), user, access.Action.VIEW
    )


def import_get(user: Any, pk: int) -> ImportRecord:
    record = get_object_or_404(ImportRecord.objects.select_related("unit", "actor"), pk=pk)
    if not access.can(user, access.Action.VIEW, record.unit):
        raise Http404
    return record


def mappings_for(user: Any) -> QuerySet[UnitMapping]:
    return access.filter_by_unit(UnitMapping.objects.select_related("unit"), user)


# -- unknown identifiers in an import's report ------------------------------------------------
#
# The importer reports an Organization it cannot place as (ingest.py)
#     unknown org unit for '<reference>': map it under Unit mappings
# where <reference> is the serviceProvider's ``system|value`` identifier or, for a reference
# by id (``Organization/<id>``, ``urn:uuid:<id>``), the bare id; and a CSV unit code it does
# not know as (csv_import.py)
#     unknown org unit code '<code>': map it under Unit mappings
# Both quote the value with Python's repr(), which literal_eval reads back exactly.

_QUOTED = r"""(?P<value>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
_SUFFIX = r":\s*map it under Unit mappings\s*$"
_UNKNOWN_ORGANIZATION = re.compile(r"^\s*unknown org unit for " + _QUOTED + _SUFFIX)
_UNKNOWN_CODE = re.compile(r"^\s*unknown org unit code " + _QUOTED + _SUFFIX)


@dataclass
class UnknownIdentifier:
    """One identifier (or CSV code) an import could not place, with where it was met."""

    kind: str  # a MappingKind value
    identifier: str
    file: str  # the first problem's file and line: an example to look at
    line: int | None
    lines: set[tuple[str, int]] = field(default_factory=set, repr=False)
    unlined: int = 0

    @property
    def count(self) -> int:
        """Records it affected (one per file and line) among the problems the report lists."""
        return len(self.lines) + self.unlined

    def get_kind_display(self) -> str:
        return str(MappingKind(self.kind).label)

    def add(self, file: str, line: Any) -> None:
        if isinstance(line, int):
            self.lines.add((file, line))
        else:
            self.unlined += 1


@dataclass
class UnknownIdentifiers:
    mappable: list[UnknownIdentifier]
    """``system|value`` identifiers and CSV codes: a unit mapping places them."""
    by_id: list[UnknownIdentifier]
    """Organizations referenced by id: one of *their* identifiers needs the mapping, and the
    report does not say which, so they are only listed."""
    partial: bool
    """The report lists only the first problems: there may be more than these."""

    def __bool__(self) -> bool:
        return bool(self.mappable or self.by_id)


def _quoted_value(pattern: re.Pattern[str], reason: str) -> str | None:
    match = pattern.match(reason)
    if match is None:
        return None
    try:
        value = ast.literal_eval(match.group("value"))
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) and value else None


def unknown_identifiers(record: ImportRecord) -> UnknownIdentifiers:
    """The distinct unknown identifiers and codes in an import's problems, first seen first."""
    mappable: dict[tuple[str, str], UnknownIdentifier] = {}
    by_id: dict[tuple[str, str], UnknownIdentifier] = {}
    for problem in record.errors or []:
        if not isinstance(problem, dict):
            continue
        reason = str(problem.get("reason") or "")
        if "unknown org unit" not in reason:
            continue
        code = _quoted_value(_UNKNOWN_CODE, reason)
        reference = _quoted_value(_UNKNOWN_ORGANIZATION, reason)
        if code is not None:
            key, found = (MappingKind.CODE.value, code), mappable
        elif reference is not None:
            # "system|value" names the identifier to map; a bare id names only the resource.
            key = (MappingKind.ORGANIZATION.value, reference)
            found = mappable if "|" in reference else by_id
        else:
            continue
        file, line = str(problem.get("file") or ""), problem.get("line")
        if key not in found:
            found[key] = UnknownIdentifier(*key, file, line if isinstance(line, int) else None)
        found[key].add(file, line)
    return UnknownIdentifiers(
        mappable=list(mappable.values()),
        by_id=list(by_id.values()),
        partial=record.error_count > len(record.errors or []),
    )
