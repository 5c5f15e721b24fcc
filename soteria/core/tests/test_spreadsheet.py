from openpyxl import Workbook

from soteria.core.spreadsheet import csv_safe, guard_sheet


def test_csv_cells_that_look_like_formulas_get_an_apostrophe() -> None:
    assert csv_safe("=1+1") == "'=1+1"
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-5") == "'-5"
    assert csv_safe("Ward 5") == "Ward 5"
    assert csv_safe(12) == "12"


def test_sheet_guard_turns_formulas_into_text_without_an_apostrophe() -> None:
    sheet = Workbook().active
    sheet.append(["header", "=not a formula"])
    sheet.append(['=HYPERLINK("https://evil.example","x")', "plain", 3])
    guard_sheet(sheet, min_row=2)
    formula, plain, number = sheet[2]
    assert formula.data_type == "s" and formula.quotePrefix
    assert formula.value == '=HYPERLINK("https://evil.example","x")'
    assert plain.data_type == "s" and not plain.quotePrefix
    assert number.data_type == "n"
    assert sheet["B1"].data_type == "f"  # rows above min_row are left alone
