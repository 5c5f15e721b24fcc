"""Text that spreadsheets will not run as a formula (CSV and Excel exports).

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a
formula to Excel and LibreOffice, whatever the file says — user text such as a note
"=HYPERLINK(…)" must never become one. CSV cells get an apostrophe in front
(:func:`csv_safe`); in .xlsx files the cell is stored as a string with Excel's quote prefix
(:func:`text_cell_guard`, :func:`guard_sheet`), so nothing extra shows.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    return text[:1] in FORMULA_STARTS


def csv_safe(value: Any) -> str:
    """A CSV cell: the value as text, with an apostrophe in front when it looks like a
    formula."""
    text = str(value)
    return f"'{text}" if is_formula_like(text) else text


def text_cell_guard(cell: Any) -> Any:
    """Make an openpyxl cell holding user text a plain string (never a formula)."""
    if isinstance(cell.value, str) and (cell.data_type == "f" or is_formula_like(cell.value)):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def guard_sheet(sheet: Any, min_row: int = 1) -> None:
    """Every cell of a (non write-only) worksheet that openpyxl took for a formula becomes
    text: the exports here write no formulas of their own."""
    for row in sheet.iter_rows(min_row=min_row):
        for cell in row:
            if cell.data_type == "f":
                text_cell_guard(cell)
