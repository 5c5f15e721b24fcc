"""The Excel template and its upload: round trip, all-or-nothing with every problem
reported by row and column, permission per row, locks, idempotent re-upload."""

from __future__ import annotations

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from openpyxl import Workbook, load_workbook

from soteria.audit.models import AuditEntry
from soteria.indicators import manual, manual_excel
from soteria.indicators.models import EntryStatus, ManualValue

from .test_manual_services import Defs, make_defs

HEADER = [
    "Indicator",
    "Indicator name",
    "Unit",
    "Unit name",
    "Period",
    "Value",
    "Out of",
    "Comment",
    "Status",
]


@pytest.fixture
def defs(world) -> Defs:
    return make_defs()


def rows_of(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def workbook(rows: list[list], header: list[str] = HEADER) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def fill(data: bytes, values: dict[tuple[str, str], tuple]) -> io.BytesIO:
    """Fill Value / Out of / Comment of the template rows keyed (indicator, unit)."""
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        key = (row[0].value, row[2].value)
        if key in values:
            for cell, new in zip(row[5:8], values[key], strict=False):
                cell.value = new
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def value_audits() -> int:
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(ManualValue)
    ).count()


def test_template_lists_every_cell_of_the_subtree_prefilled(world, defs):
    manual.manual_enter(world.quality, defs.edoc, world.surgery, "202601", 40, 50, "scanned")
    data = manual_excel.manual_template(world.quality, world.hospital, "202601")
    rows = rows_of(data)
    assert rows[0] == HEADER
    keys = {(r[0], r[2]) for r in rows[1:]}
    assert {("T_EDOC", u) for u in ("HOSP", "HOSP-CARD", "HOSP-SURG")} <= keys
    assert ("T_BUDGET", "HOSP") not in keys  # entered per quarter, not in a month's template
    surgery = next(r for r in rows[1:] if r[0] == "T_EDOC" and r[2] == "HOSP-SURG")
    assert surgery == [
        "T_EDOC",
        "E-doc share",
        "HOSP-SURG",
        "Surgery",
        "202601",
        40,
        50,
        "scanned",
        "draft",
    ]
    assert all(r[4] == "202601" for r in rows[1:])
    contributor_rows = rows_of(
        manual_excel.manual_template(world.contributor, world.cardiology, "202601")
    )
    assert {r[2] for r in contributor_rows[1:]} == {"HOSP-CARD"}


def test_template_permissions(world, defs):
    with pytest.raises(Http404):
        manual_excel.manual_template(world.contributor, world.hospital, "202601")
    with pytest.raises(PermissionDenied):
        manual_excel.manual_template(world.viewer, world.hospital, "202601")
    with pytest.raises(Http404):
        manual_excel.manual_template(world.stranger, world.cardiology, "202601")


def test_round_trip_and_idempotent_reupload(world, defs):
    data = manual_excel.manual_template(world.contributor, world.cardiology, "202601")
    filled = fill(
        data,
        {
            ("T_EDOC", "HOSP-CARD"): (84, 100, "paper archive excluded"),
            ("T_HOURS", "HOSP-CARD"): (12.5,),
        },
    ).getvalue()
    result = manual_excel.manual_upload(world.contributor, io.BytesIO(filled))
    assert (result.created, result.changed, result.unchanged, result.submitted) == (2, 0, 0, 0)
    assert result.skipped >= 1  # the standard set's rows left empty
    edoc = ManualValue.objects.get(definition=defs.edoc)
    assert (edoc.numerator, edoc.denominator, edoc.comment, edoc.status) == (
        84,
        100,
        "paper archive excluded",
        EntryStatus.DRAFT,
    )
    assert edoc.entered_by == world.contributor
    assert ManualValue.objects.get(definition=defs.hours).numerator == 12.5
    audits = value_audits()
    again = manual_excel.manual_upload(world.contributor, io.BytesIO(filled))
    assert again.nothing_changed and again.unchanged == 2
    assert value_audits() == audits
    # The template downloaded now carries the values; uploading it unchanged changes nothing.
    fresh = manual_excel.manual_template(world.contributor, world.cardiology, "202601")
    assert manual_excel.manual_upload(world.contributor, io.BytesIO(fresh)).nothing_changed
    # An approved value uploaded unchanged stays approved.
    manual.manual_submit(world.contributor, edoc)
    manual.manual_approve(world.lead, edoc)
    assert manual_excel.manual_upload(world.contributor, io.BytesIO(filled)).nothing_changed
    edoc.refresh_from_db()
    assert edoc.status == EntryStatus.APPROVED


def test_upload_can_submit_for_approval(world, defs):
    file = workbook([["T_HOURS", "", "HOSP-CARD", "", "202601", 5]])
    result = manual_excel.manual_upload(world.contributor, file, submit=True)
    assert (result.created, result.submitted) == (1, 1)
    assert ManualValue.objects.get().status == EntryStatus.SUBMITTED
    file.seek(0)
    assert manual_excel.manual_upload(world.contributor, file, submit=True).nothing_changed


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(world, defs):
    file = workbook(
        [
            ["T_HOURS", "", "HOSP-CARD", "", "202601", 5],  # row 2: fine
            ["T_HOURS", "", "HOSP-CARD", "", "202602", "abc"],  # 3
            ["NOPE", "", "HOSP-CARD", "", "202601", 1],  # 4
            ["T_HOURS", "", "HOSP-SURG", "", "202601", 1],  # 5: not the contributor's unit
            ["T_HOURS", "", "HOSP-CARD", "", "2026Q1", 1],  # 6: wrong period type
            ["T_HOURS", "", "HOSP-CARD", "", "202603", -4],  # 7
            ["T_EDOC", "", "HOSP-CARD", "", "202601", 5],  # 8: share without "out of"
            ["T_EDOC", "", "HOSP-CARD", "", "202602", 5, 0],  # 9
            ["T_HOURS", "", "HOSP-CARD", "", "202601", 6],  # 10: same as row 2
            ["T_EDOC", "", "HOSP-CARD", "", "202603", "x", "y"],  # 11: two bad numbers
            ["READMISSION_30D", "", "HOSP-CARD", "", "202601", 1],  # 12: computed
            [None, None, None, None, None, None],  # 13: empty, skipped
            ["T_HOURS", "", "HOSP-CARD", "", "202604", None, None, None],  # 14: nothing entered
            ["T_HOURS", "", "HOSP-CARD", "", "March", 3],  # 15
            ["T_HOURS", "", "OTHER", "", "202601", 3],  # 16: unseen unit, same message
        ]
    )
    with pytest.raises(ValidationError) as error:
        manual_excel.manual_upload(world.contributor, file)
    messages = error.value.messages
    assert "row 3, column Value: 'abc' is not a number." in messages
    assert "row 4, column Indicator: 'NOPE' is not a hand-entered indicator." in messages
    assert "row 5, column Unit: 'HOSP-SURG' is not a unit you may enter values for." in messages
    assert any(m.startswith("row 6, column Period: T_HOURS is entered per month") for m in messages)
    assert "row 7, column Value: The value cannot be negative." in messages
    assert "row 8, column Out of: T_EDOC is a share: enter what the value is out of." in messages
    assert any(m.startswith("row 9, column Out of:") for m in messages)
    assert "row 10: the same indicator, unit and period as row 2." in messages
    assert "row 11, column Value: 'x' is not a number." in messages
    assert "row 11, column Out of: 'y' is not a number." in messages
    assert (
        "row 12, column Indicator: 'READMISSION_30D' is not a hand-entered indicator." in messages
    )
    assert any(m.startswith("row 15, column Period: 'March' is not a period") for m in messages)
    assert "row 16, column Unit: 'OTHER' is not a unit you may enter values for." in messages
    assert not any(m.startswith(("row 2:", "row 2,", "row 13", "row 14")) for m in messages)
    assert len(messages) == 13
    assert not ManualValue.objects.exists()
    assert value_audits() == 0


def test_locked_rows_are_refused_unless_unchanged(world, defs):
    manual.manual_enter(world.contributor, defs.hours, world.cardiology, "202601", 5)
    manual.period_lock(world.quality, world.hospital, "202601", "signed")
    unchanged = workbook([["T_HOURS", "", "HOSP-CARD", "", "202601", 5]])
    assert manual_excel.manual_upload(world.contributor, unchanged).nothing_changed
    changed = workbook(
        [
            ["T_HOURS", "", "HOSP-CARD", "", "202601", 6],
            ["T_HOURS", "", "HOSP-CARD", "", "202602", 1],
        ]
    )
    with pytest.raises(ValidationError) as error:
        manual_excel.manual_upload(world.contributor, changed)
    assert len(error.value.messages) == 1
    assert error.value.messages[0].startswith("row 2: 202601 is locked for Hospital")
    assert ManualValue.objects.get().numerator == 5
    assert not ManualValue.objects.filter(period="202602").exists()
    unchanged.seek(0)
    with pytest.raises(ValidationError, match="row 2: 202601 is locked"):  # submitting is a change
        manual_excel.manual_upload(world.contributor, unchanged, submit=True)


def test_columns_are_found_by_heading_in_any_order_and_numbers_as_text(world, defs):
    file = workbook(
        [["12,5", "202601", "HOSP-CARD", "T_HOURS"], [" 1 000 ", 202602, "HOSP-CARD", "T_HOURS"]],
        header=["value", "Period", "unit", "INDICATOR"],
    )
    result = manual_excel.manual_upload(world.contributor, file)
    assert result.created == 2
    assert sorted(ManualValue.objects.values_list("period", "numerator")) == [
        ("202601", 12.5),
        ("202602", 1000.0),
    ]


def test_unreadable_files_and_missing_columns(world, defs):
    with pytest.raises(ValidationError, match="not an Excel workbook"):
        manual_excel.manual_upload(world.contributor, io.BytesIO(b"indicator,unit\n"))
    with pytest.raises(ValidationError, match="Value missing"):
        manual_excel.manual_upload(
            world.contributor,
            workbook([["T_HOURS", "HOSP-CARD", "202601"]], ["Indicator", "Unit", "Period"]),
        )
    with pytest.raises(PermissionDenied):
        manual_excel.manual_upload(None, workbook([]))
