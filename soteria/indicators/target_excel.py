"""Targets to and from Excel (.xlsx).

The export has one row per target the user may see, with the columns ``code`` (indicator),
``unit`` (org-unit code), ``period``, ``target``, ``tolerance``, ``note``, then, for
reading only, ``set_by``, ``set_at``, ``approved_by``, ``approved_at``.

The import reads the first sheet: a header row naming at least ``code``, ``unit``,
``period`` and ``target`` (``tolerance`` and ``note`` are optional; other columns, such as
the export's read-only ones, are ignored), then one target per row. It is all or nothing:
every row is checked — with the same rules and permissions as setting a target by hand —
and every problem is reported with its row and column before anything is written. Rows
that match what is stored change nothing, so importing the same file twice is harmless.
An empty tolerance cell means 0; without a ``tolerance`` (or ``note``) column, existing
targets keep theirs.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from soteria.core.spreadsheet import guard_sheet
from soteria.indicators.models import IndicatorDefinition, Target
from soteria.indicators.selectors import definitions_visible_to
from soteria.indicators.targets import target_check, target_write, targets_visible
from soteria.organisations.models import OrgUnit

COLUMNS = ("code", "unit", "period", "target", "tolerance", "note")
READ_ONLY_COLUMNS = ("set_by", "set_at", "approved_by", "approved_at")
REQUIRED = ("code", "unit", "period", "target")
MAX_ROWS = 20_000
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

#: Which import column each field a target check may complain about belongs to.
_FIELD_COLUMN = {
    "definition": "code",
    "period": "period",
    "value": "target",
    "tolerance": "tolerance",
    "note": "note",
}


# --- export -------------------------------------------------------------------------------


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: local wall-clock time."""
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def targets_workbook(targets: Iterable[Target]) -> Workbook:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "targets"
    sheet.append([*COLUMNS, *READ_ONLY_COLUMNS])
    for target in targets:
        sheet.append(
            [
                target.definition.code,
                target.unit.code,
                target.period,
                target.value,
                target.tolerance,
                target.note,
                target.set_by.get_username() if target.set_by else "",
                _local(target.set_at),
                target.approved_by.get_username() if target.approved_by else "",
                _local(target.approved_at),
            ]
        )
    guard_sheet(sheet, min_row=2)  # a note "=HYPERLINK(…)" stays text
    for row in sheet.iter_rows(min_row=2):
        row[2].number_format = "@"  # periods are text: 2026 is not a number
        for cell in (row[7], row[9]):
            cell.number_format = "yyyy-mm-dd hh:mm"
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJ", (22, 16, 9, 12, 11, 40, 14, 17, 14, 17), strict=True):
        sheet.column_dimensions[letter].width = width
    return book


def targets_export(user: Any, definition: IndicatorDefinition | None = None) -> bytes:
    """An .xlsx of the targets the user may see (of one indicator, or of all)."""
    buffer = io.BytesIO()
    targets_workbook(targets_visible(user, definition)).save(buffer)
    return buffer.getvalue()


# --- import -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.changed:
            return _("Nothing changed: the %(n)d targets in the file are already as stored.") % {
                "n": self.unchanged
            }
        return _("%(created)d targets created, %(updated)d changed, %(unchanged)d unchanged.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@dataclass
class _Row:
    number: int
    code: str
    unit: str
    period: str
    value: Any
    tolerance: Any
    note: str | None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _amount(value: Any) -> Any:
    """Numbers as they are; text with a decimal comma or point made a number if it is one."""
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return value.strip()
    return value


def _problem(row: int, column: str | None, message: str) -> str:
    if column is None:
        return _("row %(row)d: %(problem)s") % {"row": row, "problem": message}
    return _("row %(row)d, column %(column)s: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": message,
    }


def _file_error(message: str) -> ValidationError:
    return ValidationError({"file": [message]})


def _read(file: Any) -> list[_Row]:
    """The rows of the file's first sheet; ``ValidationError`` if it cannot be read."""
    source: IO[bytes] | str
    if isinstance(file, bytes):
        source = io.BytesIO(file)
    elif hasattr(file, "read"):
        if hasattr(file, "seek"):
            file.seek(0)
        source = io.BytesIO(file.read())
    else:
        source = str(file)
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise _file_error(_("This is not an Excel workbook (.xlsx).")) from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise _file_error(_("The workbook has no sheet."))
        lines = sheet.iter_rows(values_only=True)
        header = next(lines, None) or ()
        names = [_text(cell).lower().replace(" ", "_") for cell in header]
        missing = [name for name in REQUIRED if name not in names]
        if missing:
            raise _file_error(
                _(
                    "The first row must name the columns code, unit, period and target "
                    "(tolerance and note are optional); missing: %(missing)s."
                )
                % {"missing": ", ".join(missing)}
            )
        where = {name: names.index(name) for name in COLUMNS if name in names}
        rows: list[_Row] = []
        for number, line in enumerate(lines, start=2):
            if all(cell is None or _text(cell) == "" for cell in line):
                continue
            if len(rows) >= MAX_ROWS:
                raise _file_error(
                    _("The file has more than %(n)d rows; split it.") % {"n": MAX_ROWS}
                )

            def cell(name: str, line: tuple[Any, ...] = line) -> Any:
                index = where.get(name)
                return line[index] if index is not None and index < len(line) else None

            tolerance = cell("tolerance") if "tolerance" in where else None
            if "tolerance" in where and (tolerance is None or _text(tolerance) == ""):
                tolerance = 0.0
            rows.append(
                _Row(
                    number=number,
                    code=_text(cell("code")).upper(),
                    unit=_text(cell("unit")).upper(),
                    period=cell("period"),
                    value=_amount(cell("target")),
                    tolerance=_amount(tolerance),
                    note=_text(cell("note")) if "note" in where else None,
                )
            )
        return rows
    finally:
        book.close()


def _period_text(value: Any) -> tuple[str, str | None]:
    """The period code in a cell, or a problem (Excel turns 2026-03 into a date)."""
    if isinstance(value, dt.date | dt.datetime):
        return "", _("%(value)s is a date; write the period as text, e.g. 202603 or 2026Q1.") % {
            "value": value.strftime("%Y-%m-%d")
        }
    return _text(value), None


def _check(actor: Any, rows: list[_Row]) -> list[str]:
    """Every problem of every row, in row order; nothing is written."""
    problems: list[str] = []
    definitions = {
        d.code: d
        # another organisation's own indicators are "not an indicator": their existence is
        # not confirmed to people outside it
        for d in definitions_visible_to(actor)
        .filter(code__in={r.code for r in rows})
        .select_related("owner")
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={r.unit for r in rows})}
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        here: list[str] = []
        definition = definitions.get(row.code)
        if definition is None:
            here.append(
                _problem(
                    row.number, "code", _("'%(code)s' is not an indicator.") % {"code": row.code}
                )
            )
        unit = units.get(row.unit)
        period, period_problem = _period_text(row.period)
        if period_problem:
            here.append(_problem(row.number, "period", period_problem))
        if row.value is None:
            here.append(_problem(row.number, "target", _("A target is required.")))
        if unit is None:
            here.append(
                _problem(
                    row.number,
                    "unit",
                    _("'%(unit)s' is not an org unit you can reach.") % {"unit": row.unit},
                )
            )
        elif definition is not None and not here:
            try:
                checked = target_check(
                    actor,
                    definition,
                    unit,
                    period,
                    row.value,
                    0.0 if row.tolerance is None else row.tolerance,
                    row.note,
                )
            except Http404:
                here.append(
                    _problem(
                        row.number,
                        "unit",
                        _("'%(unit)s' is not an org unit you can reach.") % {"unit": row.unit},
                    )
                )
            except PermissionDenied:
                here.append(
                    _problem(
                        row.number,
                        "unit",
                        _("you may not set targets for %(unit)s.") % {"unit": row.unit},
                    )
                )
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    for message in messages:
                        here.append(_problem(row.number, _FIELD_COLUMN.get(name), message))
            else:
                key = (row.code, row.unit, checked[0].code)
                if key in seen:
                    here.append(
                        _problem(
                            row.number,
                            None,
                            _("the same indicator, unit and period as row %(first)d.")
                            % {"first": seen[key]},
                        )
                    )
                else:
                    seen[key] = row.number
        problems.extend(here)
    return problems


def targets_import(actor: Any, file: Any) -> TargetImportResult:
    """Set the targets of an .xlsx file: all rows or none (see the module).

    ``file`` is bytes, a path or a file object. Raises ``ValidationError`` with a
    ``file`` entry listing every problem ("row 7, column period: …") when any row is wrong.
    """
    rows = _read(file)
    if not rows:
        raise _file_error(_("The file has no targets below its header row."))
    problems = _check(actor, rows)
    if problems:
        raise ValidationError({"file": problems})
    definitions = {
        d.code: d for d in IndicatorDefinition.objects.filter(code__in={r.code for r in rows})
    }
    units = {u.code: u for u in OrgUnit.objects.filter(code__in={r.unit for r in rows})}
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            _target, outcome = target_write(
                actor,
                definitions[row.code],
                units[row.unit],
                _period_text(row.period)[0],
                row.value,
                row.tolerance,
                row.note,
            )
            counts[outcome] += 1
    return TargetImportResult(**counts)
