"""Targets to and from Excel: round trip, all-or-nothing, every problem reported."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from soteria.audit.models import AuditEntry
from soteria.indicators import periods
from soteria.indicators.models import PeriodLock, Target
from soteria.indicators.target_excel import (
    COLUMNS,
    READ_ONLY_COLUMNS,
    targets_export,
    targets_import,
)
from soteria.indicators.targets import target_approve, target_set
from soteria.testing.factories import standard_indicator


def workbook(*rows, header=COLUMNS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def audit_count() -> int:
    return AuditEntry.objects.filter(content_type__model="target").count()


@pytest.fixture
def stored(world):
    ratio = standard_indicator("READMISSION_30D")
    count = standard_indicator("ADMISSIONS")
    card = target_set(world.lead, ratio, world.cardiology, "2026", 8, 2, "Board, 3 March")
    target_approve(world.quality, card)
    target_set(world.quality, ratio, world.hospital, "2026Q1", 10.5, 0)
    target_set(world.quality, count, world.surgery, "202603", 120, 10)
    target_set(world.stranger, ratio, world.other_org, "2026", 9)
    return ratio, count


def test_the_export_lists_the_targets_the_user_may_see(world, stored):
    rows = read(targets_export(world.quality))
    assert rows[0] == (*COLUMNS, *READ_ONLY_COLUMNS)
    body = {row[:6] for row in rows[1:]}
    assert body == {
        ("ADMISSIONS", "HOSP-SURG", "202603", 120, 10, None),
        ("READMISSION_30D", "HOSP", "2026Q1", 10.5, 0, None),
        ("READMISSION_30D", "HOSP-CARD", "2026", 8, 2, "Board, 3 March"),
    }
    card = next(row for row in rows[1:] if row[1] == "HOSP-CARD")
    assert card[6] == "lead" and card[8] == "quality"
    assert isinstance(card[7], dt.datetime) and isinstance(card[9], dt.datetime)
    hosp = next(row for row in rows[1:] if row[1] == "HOSP")
    assert hosp[8] is None and hosp[9] is None
    assert {row[1] for row in read(targets_export(world.lead))[1:]} == {"HOSP-CARD"}
    assert {row[1] for row in read(targets_export(world.stranger))[1:]} == {"OTHER"}
    only = read(targets_export(world.quality, standard_indicator("ADMISSIONS")))
    assert [row[0] for row in only[1:]] == ["ADMISSIONS"]


def test_re_importing_an_export_changes_nothing_and_says_so(world, stored):
    content = targets_export(world.quality)
    before = list(Target.objects.order_by("pk").values())
    entries = audit_count()
    result = targets_import(world.quality, content)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)
    assert not result.changed
    assert result.summary() == "Nothing changed: the 3 targets in the file are already as stored."
    assert list(Target.objects.order_by("pk").values()) == before
    assert audit_count() == entries
    assert Target.objects.get(unit=world.cardiology).approved_by == world.quality


def test_an_import_creates_and_changes_targets_and_each_write_is_audited(world, stored):
    ratio, _count = stored
    content = workbook(
        ("READMISSION_30D", "HOSP-CARD", "2026", 7, 2, "Board, 3 March"),  # new value
        ("READMISSION_30D", "HOSP-CARD", 202604, 6.5, None, ""),  # new; a number cell
        ("READMISSION_30D", "hosp-surg", "2026S2", "7,5", 1, "decimal comma"),
        ("ADMISSIONS", "HOSP-SURG", "202603", 120, 10, None),  # unchanged
    )
    entries = audit_count()
    result = targets_import(world.quality, content)
    assert (result.created, result.updated, result.unchanged) == (2, 1, 1)
    assert result.summary() == "2 targets created, 1 changed, 1 unchanged."
    card = Target.objects.get(definition=ratio, unit=world.cardiology, period="2026")
    assert card.value == 7 and card.approved_at is None and card.set_by == world.quality
    assert Target.objects.get(unit=world.cardiology, period="202604").tolerance == 0
    assert Target.objects.get(unit=world.surgery, period="2026S2").value == 7.5
    assert audit_count() == entries + 3
    again = targets_import(world.quality, content)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_without_tolerance_and_note_columns_existing_ones_are_kept(world, stored):
    content = workbook(
        ("READMISSION_30D", "HOSP-CARD", "2026", 8), header=("Code", "Unit", "Period", "Target")
    )
    result = targets_import(world.quality, content)
    assert result.unchanged == 1
    card = Target.objects.get(unit=world.cardiology)
    assert (card.tolerance, card.note) == (2, "Board, 3 March")


def test_every_bad_row_is_reported_at_once_and_nothing_is_written(world, stored):
    lock_period = periods.parse("2026Q1")
    PeriodLock.objects.create(
        unit=world.cardiology,
        period="2026Q1",
        period_start=lock_period.start,
        period_end=lock_period.end,
    )
    content = workbook(
        ("READMISSION_30D", "HOSP-CARD", "2026Q2", 7, 1, "fine"),  # row 2: good
        ("READMISSION_30D", "HOSP-CARD", "2026Q5", 7, 1, ""),  # row 3
        ("NO_SUCH", "HOSP-CARD", "2026", 7, 1, ""),  # row 4
        ("READMISSION_30D", "HOSP-SURG", "2026", 7, 1, ""),  # row 5: out of the lead's reach
        ("READMISSION_30D", "HOSP-CARD", "2026", "lots", 1, ""),  # row 6
        ("READMISSION_30D", "HOSP-CARD", "2027", 7, -1, ""),  # row 7
        (None, None, None, None, None, None),  # an empty row is skipped
        ("READMISSION_30D", "HOSP-CARD", "2026Q2", 8, 1, ""),  # row 9: duplicate of row 2
        ("READMISSION_30D", "HOSP-CARD", "202602", 7, 1, ""),  # row 10: locked
        ("READMISSION_30D", "NOWHERE", "2026", None, 1, ""),  # row 11: two problems
        ("READMISSION_30D", "HOSP-CARD", dt.datetime(2026, 3, 1), 7, 1, ""),  # row 12
    )
    targets_before = list(Target.objects.order_by("pk").values())
    entries = audit_count()
    with pytest.raises(ValidationError) as error:
        targets_import(world.lead, content)
    problems = error.value.message_dict["file"]
    assert problems[0].startswith("row 3, column period: '2026Q5' is not a period")
    assert problems[1:] == [
        "row 4, column code: 'NO_SUCH' is not an indicator.",
        "row 5, column unit: 'HOSP-SURG' is not an org unit you can reach.",
        "row 6, column target: 'lots' is not a number.",
        "row 7, column tolerance: Enter a number of at least 0.",
        "row 9: the same indicator, unit and period as row 2.",
        "row 10, column period: 2026Q1 is locked for HOSP-CARD, so targets for 202602 "
        "cannot change.",
        "row 11, column target: A target is required.",
        "row 11, column unit: 'NOWHERE' is not an org unit you can reach.",
        "row 12, column period: 2026-03-01 is a date; write the period as text, e.g. 202603 "
        "or 2026Q1.",
    ]
    assert list(Target.objects.order_by("pk").values()) == targets_before
    assert audit_count() == entries


def test_rows_the_user_may_see_but_not_change_are_refused(world, stored):
    content = workbook(("READMISSION_30D", "HOSP", "2026", 7, 1, ""))
    with pytest.raises(ValidationError) as error:
        targets_import(world.viewer, content)
    assert error.value.message_dict["file"] == [
        "row 2, column unit: you may not set targets for HOSP."
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a workbook", "This is not an Excel workbook (.xlsx)."),
        (
            workbook(("READMISSION_30D", "HOSP", 7), header=("code", "unit", "value")),
            "The first row must name the columns code, unit, period and target (tolerance "
            "and note are optional); missing: period, target.",
        ),
        (workbook(), "The file has no targets below its header row."),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(world, content, message):
    with pytest.raises(ValidationError) as error:
        targets_import(world.quality, content)
    assert error.value.message_dict["file"] == [message]


def test_an_import_reads_file_objects_too(world, stored):
    upload = io.BytesIO(workbook(("READMISSION_30D", "HOSP-CARD", "2027", 7, 1, "")))
    assert targets_import(world.lead, upload).created == 1


def test_a_note_that_looks_like_a_formula_is_exported_as_text(world):
    ratio = standard_indicator("READMISSION_30D")
    note = '=HYPERLINK("https://evil.example","click")'
    target_set(world.lead, ratio, world.cardiology, "2027", 8, 0, note)
    sheet = load_workbook(io.BytesIO(targets_export(world.lead))).active
    [cell] = [row[5] for row in sheet.iter_rows(min_row=2) if row[2].value == "2027"]
    assert cell.data_type == "s" and cell.value == note
