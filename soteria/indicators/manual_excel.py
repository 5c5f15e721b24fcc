"""Hand-entered values as an Excel workbook: a template to fill in, and its upload.

The template has one row per hand-entered indicator × unit (of a subtree, where the user may
enter values) for one period, prefilled with what is stored. Columns are found by their
heading (in any of the product's languages, or the column key), so reordering columns or
downloading in one language and uploading in another works; the name and status columns
are for reading only.

An upload is all or nothing: every row is checked first — permission, indicator, unit,
period, numbers, lock — and every problem is reported at once with its row and column;
only a file without problems is written, in one transaction, through
:func:`soteria.indicators.manual.manual_enter` (so each change is audited as if typed in).
Rows whose value, "out of" and comment are all empty are skipped; an empty row never
deletes a stored value. Uploading the same file twice changes nothing the second time.
Uploaded values become drafts, or are submitted for approval when asked to.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from soteria.core.spreadsheet import guard_sheet
from soteria.indicators import manual
from soteria.indicators.models import EntryStatus, IndicatorDefinition, ManualValue
from soteria.indicators.selectors import definitions_visible_to
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20000

# (key, heading); headings are translated when written and recognised in every language.
COLUMNS: list[tuple[str, str]] = [
    ("indicator", gettext_noop("Indicator")),
    ("indicator_name", gettext_noop("Indicator name")),
    ("unit", gettext_noop("Unit")),
    ("unit_name", gettext_noop("Unit name")),
    ("period", gettext_noop("Period")),
    ("value", gettext_noop("Value")),
    ("out_of", gettext_noop("Out of")),
    ("comment", gettext_noop("Comment")),
    ("status", gettext_noop("Status")),
]
REQUIRED = ("indicator", "unit", "period", "value")
HEADINGS = dict(COLUMNS)
# Which column a service's field error belongs to.
FIELD_COLUMNS = {
    "period": "period",
    "numerator": "value",
    "denominator": "out_of",
    "comment": "comment",
}


def heading(key: str) -> str:
    return _(HEADINGS[key])


def filename(unit: OrgUnit, period_code: str) -> str:
    return f"soteria-values-{unit.code}-{period_code}.xlsx"


# --- the template -----------------------------------------------------------------------


def manual_template(actor: Any, unit: OrgUnit, period_code: str) -> bytes:
    """The workbook to fill in for the unit's subtree and the period."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    access.require(actor, Action.EDIT, unit)
    cells = manual.entry_cells(actor, period_code, unit)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Values")[:31]
    sheet.append([heading(key) for key, _heading in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    statuses = dict(EntryStatus.choices)
    for c in cells:
        stored = c.value
        status = str(statuses.get(c.status, "")) if stored else ""
        if c.lock is not None:
            status = _("locked")
        sheet.append(
            [
                c.definition.code,
                c.definition.display_name,
                c.unit.code,
                c.unit.display_name,
                c.period.code,
                stored.numerator if stored else None,
                stored.denominator if stored else None,
                stored.comment if stored else None,
                status,
            ]
        )
    guard_sheet(sheet, min_row=2)  # a comment "=HYPERLINK(…)" stays text
    input_fill = PatternFill("solid", fgColor="FFF8DC")
    last = sheet.max_row
    for row in sheet.iter_rows(min_row=2, max_row=last):
        row[4].number_format = "@"  # periods stay text: 202603, not a number
        for cell in row[5:8]:
            cell.fill = input_fill
    if last >= 2:
        numbers = DataValidation(
            type="decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            error=_("Enter a number, zero or more."),
        )
        sheet.add_data_validation(numbers)
        numbers.add(f"F2:G{last}")
    for letter, width in zip("ABCDEFGHI", (22, 40, 16, 34, 10, 12, 12, 40, 18), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"

    notes = book.create_sheet(_("Read me")[:31])
    for line in (
        _("Fill in the Value column, and Out of for shares (e.g. 840 documents out of 1000)."),
        _("Leave Out of empty for amounts (hours, counts, money)."),
        _("Rows left empty are skipped; they never delete a stored value."),
        _("Do not change the Indicator, Unit or Period columns of a row."),
        _("Upload the file on the Excel page; nothing is saved unless every row is right."),
        _("Values in locked periods cannot change."),
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 100
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the upload -------------------------------------------------------------------------


@dataclass
class UploadResult:
    """What an upload did."""

    created: int = 0
    changed: int = 0
    unchanged: int = 0
    submitted: int = 0
    skipped: int = 0
    values: list[Any] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        return not (self.created or self.changed or self.submitted)


@dataclass
class _Row:
    number: int
    definition: IndicatorDefinition
    unit: OrgUnit
    period: str
    numerator: float | None
    denominator: float | None
    comment: str


def _heading_keys() -> dict[str, str]:
    """Every spelling of every heading (each language, and the key) → column key."""
    names: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for key, text in COLUMNS:
                names[_(text).strip().casefold()] = key
    for key, text in COLUMNS:
        names[key.casefold()] = key
        names[text.casefold()] = key
    return names


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def _number(value: Any) -> tuple[float | None, bool]:
    """(number or None when empty, whether it was understood)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        number = float(value)
        return (number, True) if math.isfinite(number) else (None, False)
    text = str(value).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return None, False
    return float(text.replace(",", ".")), True


def _read(upload: Any) -> list[tuple[int, dict[str, Any]]]:
    """(row number, {column key: cell}) for every non-empty row of the first sheet."""
    from openpyxl import load_workbook

    try:
        data = upload.read() if hasattr(upload, "read") else bytes(upload)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ValidationError(
            _("This is not an Excel workbook (.xlsx): download the template and fill it in.")
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        names = _heading_keys()
        columns: dict[int, str] = {}
        for index, cell in enumerate(header):
            key = names.get(_text(cell).casefold())
            if key is not None and key not in columns.values():
                columns[index] = key
        missing = [heading(key) for key in REQUIRED if key not in columns.values()]
        if missing:
            raise ValidationError(
                _("The first row must name the columns; %(columns)s missing. ")
                % {"columns": ", ".join(missing)}
                + _("Download a new template.")
            )
        out = []
        for number, row in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise ValidationError(
                    _("The file has more than %(n)d rows; split it.") % {"n": MAX_ROWS}
                )
            cells = {
                key: row[index] if index < len(row) else None for index, key in columns.items()
            }
            if any(_text(v) for v in cells.values()):
                out.append((number, cells))
        return out
    finally:
        book.close()


def _where(number: int, key: str | None) -> str:
    if key is None:
        return _("row %(row)d") % {"row": number}
    return _("row %(row)d, column %(column)s") % {"row": number, "column": heading(key)}


def _stored(rows: list[tuple[int, dict[str, Any]]]) -> dict[tuple[int, int, str], ManualValue]:
    periods = {_text(cells.get("period")) for _number, cells in rows}
    return {
        (v.definition_id, v.unit_id, v.period): v
        for v in ManualValue.objects.filter(period__in=periods)
    }


def _check(
    actor: Any, rows: list[tuple[int, dict[str, Any]]], submit: bool
) -> tuple[list[_Row], list[str], int]:
    """The rows to write, every problem found (as readable messages), and rows skipped."""
    visible = definitions_visible_to(actor)  # others' own indicators are not confirmed
    definitions = {d.code: d for d in manual.manual_definitions().filter(pk__in=visible)}
    editable = {u.code: u for u in access.units_for(actor, Action.EDIT)}
    stored_values = _stored(rows)
    problems: list[str] = []
    checked: list[_Row] = []
    seen: dict[tuple[int, int, str], int] = {}
    skipped = 0

    def problem(number: int, key: str | None, message: Any) -> None:
        problems.append(f"{_where(number, key)}: {message}")

    for number, cells in rows:
        if not any(_text(cells.get(key)) for key in ("value", "out_of", "comment")):
            skipped += 1
            continue
        before = len(problems)
        code = _text(cells.get("indicator"))
        definition = definitions.get(code.upper())
        if definition is None:
            problem(
                number,
                "indicator",
                _("'%(value)s' is not a hand-entered indicator.") % {"value": code},
            )
        unit_code = _text(cells.get("unit"))
        unit = editable.get(unit_code.upper())
        if unit is None:
            problem(
                number,
                "unit",
                _("'%(value)s' is not a unit you may enter values for.") % {"value": unit_code},
            )
        numerator, ok = _number(cells.get("value"))
        if not ok:
            problem(
                number,
                "value",
                _("'%(value)s' is not a number.") % {"value": _text(cells.get("value"))},
            )
        denominator, ok_den = _number(cells.get("out_of"))
        if not ok_den:
            problem(
                number,
                "out_of",
                _("'%(value)s' is not a number.") % {"value": _text(cells.get("out_of"))},
            )
        period = _text(cells.get("period"))
        if definition is None or unit is None:
            continue
        try:
            entry = manual.check_entry(
                definition,
                unit,
                period,
                numerator if ok else None,
                denominator if ok_den else None,
                _text(cells.get("comment")),
                check_lock=False,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, messages in error.message_dict.items():
                    column = FIELD_COLUMNS.get(name)
                    if (column == "value" and not ok) or (column == "out_of" and not ok_den):
                        continue  # already reported as not a number
                    for message in messages:
                        problem(number, column, message)
            else:
                for message in error.messages:
                    problem(number, None, message)
            continue
        if len(problems) > before:
            continue
        key = (definition.pk, unit.pk, entry.period.code)
        if key in seen:
            problem(
                number,
                None,
                _("the same indicator, unit and period as row %(row)d.") % {"row": seen[key]},
            )
            continue
        seen[key] = number
        stored = stored_values.get(key)
        if not manual.is_unchanged(stored, entry) or (
            submit
            and stored is not None
            and stored.status in (EntryStatus.DRAFT, EntryStatus.RETURNED)
        ):
            try:
                manual.refuse_if_locked(unit, entry.period)
            except ValidationError as error:
                for message in error.messages:
                    problem(number, None, message)
                continue
        checked.append(
            _Row(
                number,
                definition,
                unit,
                entry.period.code,
                entry.numerator,
                entry.denominator,
                entry.comment,
            )
        )
    return checked, problems, skipped


def manual_upload(actor: Any, upload: Any, *, submit: bool = False) -> UploadResult:
    """Write a filled-in template: all rows or none. ``ValidationError`` lists every
    problem ("row 5, column Value: 'abc' is not a number.")."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    rows = _read(upload)
    checked, problems, skipped = _check(actor, rows, submit)
    if problems:
        raise ValidationError(problems)
    result = UploadResult(skipped=skipped)
    with transaction.atomic():
        for row in checked:
            try:
                value, outcome = manual._enter(
                    actor,
                    row.definition,
                    row.unit,
                    row.period,
                    row.numerator,
                    row.denominator,
                    row.comment,
                )
                setattr(result, outcome, getattr(result, outcome) + 1)
                if submit and value.status in (EntryStatus.DRAFT, EntryStatus.RETURNED):
                    value = manual.manual_submit(actor, value)
                    result.submitted += 1
            except ValidationError as error:
                raise ValidationError(
                    [f"{_where(row.number, None)}: {message}" for message in error.messages]
                ) from None
            result.values.append(value)
    return result
