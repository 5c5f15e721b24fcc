from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from soteria.indicators import targets
from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.status import RAG_LABELS, Rag, indicator_part
from soteria.interchange.excel_workbook import CONTENT_TYPE, workbook_export
from soteria.interchange.tests.test_fhir_measure import stored
from soteria.organisations.models import Role
from soteria.testing.factories import (
    World,
    role_give,
    standard_indicator,
    unit_create,
    user_create,
)


def book_of(export: Any) -> Any:
    stream = io.BytesIO()
    export.write_xlsx(stream)
    return load_workbook(io.BytesIO(stream.getvalue()))


def table(sheet: Any) -> list[dict[str, Any]]:
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


@pytest.fixture
def scene(world: World) -> dict[str, Any]:
    """Readmissions (lower is better) with a hospital target of 10 ± 2 for 2026 and
    admissions (a count) with a unit target, values on both departments."""
    readmission = standard_indicator("READMISSION_30D")
    admissions = standard_indicator("ADMISSIONS")
    targets.target_set(world.quality, readmission, world.hospital, "2026", 10, tolerance=2)
    targets.target_set(world.lead, admissions, world.cardiology, "202601", 100)
    rows = {
        "green": stored(readmission, world.cardiology, "202601", 8.0, 4, 50),
        "amber": stored(readmission, world.cardiology, "202602", 11.5, 23, 200),
        "red": stored(readmission, world.surgery, "202601", 12.25, 49, 400),
        "early": stored(admissions, world.cardiology, "202601", 80, 80, partial=True),
        "none": stored(readmission, world.surgery, "202602", None, 0, 0, reason="zero_denominator"),
    }
    return {"readmission": readmission, "admissions": admissions, "rows": rows}


def test_the_workbook_holds_the_numbers_and_the_scorecard_statuses(
    world: World, scene: dict[str, Any]
) -> None:
    readmission, admissions = scene["readmission"], scene["admissions"]
    export = workbook_export(
        world.quality,
        [readmission, admissions],
        [world.hospital],
        ["202601", "202602"],
        include_descendants=True,
        language="en",
    )
    book = book_of(export)
    assert book.sheetnames == ["Values", "Targets", "About"]
    values = book["Values"]
    assert values.freeze_panes == "A2"
    assert values.auto_filter.ref == "A1:R6"
    assert values.column_dimensions["B"].width > 10
    lines = {(r["Unit code"], r["Indicator code"], r["Period"]): r for r in table(values)}
    assert len(lines) == 5
    for row in scene["rows"].values():
        line = lines[(row.unit.code, row.definition.code, row.period)]
        assert line["Value"] == row.value
        assert line["Numerator"] == row.numerator
        assert line["Denominator"] == row.denominator
        assert line["Period not over"] is row.partial
        # the very status the scorecards give
        target = targets.target_for(row.definition, row.unit, row.period)
        part = indicator_part(row.definition, row.unit, row, target)
        words = gettext(RAG_LABELS[part.status]) if part.status else "not rated"
        assert line["Status"] == words
    card = lines[("HOSP-CARD", "READMISSION_30D", "202601")]
    assert card["Status"] == gettext(RAG_LABELS[Rag.GREEN]) == "on track"
    assert card["Target"] == 10 and card["Tolerance"] == 2
    assert card["Unit of measure"] == "%"
    assert card["Period start"] == dt.datetime(2026, 1, 1)
    assert card["Period end"] == dt.datetime(2026, 1, 31)
    assert isinstance(card["Computed at"], dt.datetime)
    assert lines[("HOSP-CARD", "READMISSION_30D", "202602")]["Status"] == "at risk"
    assert lines[("HOSP-SURG", "READMISSION_30D", "202601")]["Status"] == "off track"
    early = lines[("HOSP-CARD", "ADMISSIONS", "202601")]
    assert early["Status"] == "not rated" and early["Why not rated"] == "the period is not over"
    none = lines[("HOSP-SURG", "READMISSION_30D", "202602")]
    assert none["Value"] is None and "denominator is zero" in none["Why not rated"]
    # number formats: the indicator's decimals; numbers stay numbers
    first = next(r for r in values.iter_rows(min_row=2) if r[2].value == "READMISSION_30D")
    cells = {c.column_letter: c for c in first}
    assert cells["H"].data_type == "n" and cells["H"].number_format == "#,##0.0"
    count = next(r for r in values.iter_rows(min_row=2) if r[2].value == "ADMISSIONS")
    assert count[7].number_format == "#,##0"
    assert cells["F"].is_date and cells["F"].number_format == "yyyy-mm-dd"
    assert values["A1"].font.b

    targets_sheet = table(book["Targets"])
    hospital_year = [t for t in targets_sheet if t["Unit code"] == "HOSP-CARD"]
    assert {t["Period"] for t in hospital_year} >= {"202601", "202602"}
    readmit = next(t for t in hospital_year if t["Indicator code"] == "READMISSION_30D")
    assert (readmit["Target"], readmit["Set on unit"], readmit["Set for period"]) == (
        10,
        "HOSP",
        "2026",
    )
    assert readmit["Green"] == "≤ 10.0" and readmit["Red"] == "> 12.0"
    assert readmit["Approved"] is False
    # an admissions target is not inherited by the units below, nor by the surgery
    assert not [
        t
        for t in targets_sheet
        if t["Indicator code"] == "ADMISSIONS" and t["Unit code"] != "HOSP-CARD"
    ]

    about = dict(book["About"].iter_rows(min_row=2, values_only=True))
    assert about["Exported by"] == "quality"
    assert "scorecards" in about["Statuses"]
    assert "HOSP-SURG" in about["Units"] and about["Units below included"] == "yes"


def test_text_never_becomes_a_formula(world: World, scene: dict[str, Any]) -> None:
    world.cardiology.name = {"en": '=HYPERLINK("http://evil.test","click")'}
    world.cardiology.save()
    world.surgery.name = {"en": "+1+2"}
    world.surgery.save()
    export = workbook_export(
        world.quality, [scene["readmission"]], [world.cardiology, world.surgery], ["202601"]
    )
    book = book_of(export)
    names = {}
    for row in book["Values"].iter_rows(min_row=2):
        cell = row[1]
        assert cell.data_type == "s"  # text, not a formula
        names[row[0].value] = cell.value
    assert names["HOSP-CARD"].startswith("=HYPERLINK")
    assert names["HOSP-SURG"] == "+1+2"
    rows = list(csv.reader(io.StringIO(_csv(export))))
    unit_names = {row[0]: row[1] for row in rows[1:]}
    assert unit_names["HOSP-CARD"].startswith("'=")
    assert unit_names["HOSP-SURG"] == "'+1+2"


def _csv(export: Any) -> str:
    text = io.StringIO()
    export.write_csv(text)
    return text.getvalue()


def test_csv_has_the_same_table(world: World, scene: dict[str, Any]) -> None:
    export = workbook_export(
        world.quality, [scene["readmission"]], [world.hospital], ["202601", "202602"],
        include_descendants=True,
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(_csv(export))))
    book_rows = table(book_of(export)["Values"])
    assert [r["Unit code"] for r in rows] == [r["Unit code"] for r in book_rows]
    by_key = {(r["Unit code"], r["Period"]): r for r in rows}
    assert by_key[("HOSP-SURG", "202601")]["Value"] == "12.25"
    assert by_key[("HOSP-SURG", "202601")]["Status"] == "off track"
    assert by_key[("HOSP-SURG", "202602")]["Value"] == ""
    assert by_key[("HOSP-CARD", "202601")]["Period start"] == "2026-01-01"


def test_language_of_the_texts(world: World, scene: dict[str, Any]) -> None:
    export = workbook_export(
        world.quality, [scene["readmission"]], [world.cardiology], ["202601"], language="pl"
    )
    book = book_of(export)
    (line,) = table(book[book.sheetnames[0]])
    assert scene["readmission"].name["pl"] in line.values()


def test_permissions(world: World, scene: dict[str, Any]) -> None:
    readmission = scene["readmission"]
    lead = workbook_export(
        world.lead, [readmission], [world.hospital, world.cardiology, world.surgery],
        ["202601"],
    )  # fmt: skip
    assert [line.unit.code for line in lead.lines] == ["HOSP-CARD"]
    assert any("HOSP-SURG" in w for w in lead.warnings)
    assert all(t.unit.code == "HOSP-CARD" for t in lead.targets)
    stranger = workbook_export(world.stranger, [readmission], [world.cardiology], ["202601"])
    assert stranger.count == 0 and not stranger.targets
    own = IndicatorDefinition.objects.create(
        code="OTHER_OWN", name={"en": "Theirs"}, unit="count", direction="higher",
        source="manual", owner=world.other_org,
    )  # fmt: skip
    stored(own, world.cardiology, "202601", 3, 3)
    hidden = workbook_export(world.viewer, [own], [world.cardiology], ["202601"])
    assert hidden.count == 0 and hidden.warnings == ["OTHER_OWN: no such indicator; left out."]


def test_a_big_selection_takes_a_fixed_number_of_queries(world: World) -> None:
    definitions = [standard_indicator(c) for c in ("READMISSION_30D", "ALOS", "ADMISSIONS")]
    for definition in definitions:
        targets.target_set(world.quality, definition, world.hospital, "2025", 10, tolerance=1)
    units = [world.hospital, world.cardiology, world.surgery]
    units += [unit_create(f"HOSP-W{i}", parent=world.surgery) for i in range(6)]
    months = [f"2025{m:02d}" for m in range(1, 13)]
    for definition in definitions:
        for unit in units:
            for month in months:
                stored(definition, unit, month, 9.0, 9, 1)
    role_give(user := user_create(), world.hospital, Role.VIEWER)

    def queries(n_def: int, n_unit: int, n_month: int) -> tuple[int, int]:
        fresh = get_user_model().objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as captured:
            export = workbook_export(fresh, definitions[:n_def], units[:n_unit], months[:n_month])
            book_of(export)
            _csv(export)
        return len(captured), export.count

    small, small_count = queries(2, 2, 2)
    big, big_count = queries(3, 9, 12)
    assert (small_count, big_count) == (8, 324)
    assert small == big


# --- page and command ----------------------------------------------------------------------------


def test_export_page(world: World, scene: dict[str, Any], client: Any) -> None:
    readmission = scene["readmission"]
    url = reverse("workbook-export")
    form = {
        "indicators": [readmission.pk],
        "units": [world.cardiology.pk],
        "period_from": "202601",
        "period_to": "202602",
        "language": "en",
        "file_format": "xlsx",
    }
    client.force_login(world.lead)
    page = client.get(url)
    assert page.status_code == 200 and b"Excel workbook" in page.content
    response = client.post(url, form)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert "indicator-values.xlsx" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [r["Value"] for r in table(book["Values"])] == [8.0, 11.5]
    response = client.post(url, {**form, "file_format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["Period"], r["Value"], r["Status"]) for r in lines] == [
        ("202601", "8", "on track"),
        ("202602", "11.5", "at risk"),
    ]
    response = client.post(url, {**form, "file_format": "targets_csv"})
    assert "indicator-targets.csv" in response["Content-Disposition"]
    lines = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [(r["Period"], r["Target"], r["Set on unit"], r["Red"]) for r in lines] == [
        ("202601", "10", "HOSP", "> 12.0"),
        ("202602", "10", "HOSP", "> 12.0"),
    ]
    # another unit is not a choice, a user with no role gets a 403
    refused = client.post(url, {**form, "units": [world.surgery.pk]})
    assert refused["Content-Type"].startswith("text/html") and b"valid choice" in refused.content
    client.force_login(world.stranger)
    assert client.post(url, form)["Content-Type"].startswith("text/html")
    client.force_login(user_create())
    assert client.get(url).status_code == 403
    client.force_login(world.lead)
    empty = client.post(url, {**form, "period_from": "2020", "period_to": "2020"})
    assert empty.status_code == 200 and b"Nothing to export" in empty.content
    index = client.get(reverse("dhis2-index"))
    assert reverse("workbook-export").encode() in index.content
    assert reverse("fhir-measure-export").encode() in index.content


def test_command(world: World, scene: dict[str, Any], tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "values.xlsx"
    call_command(
        "excel_export",
        "--indicator", "READMISSION_30D", "--unit", "HOSP", "--sub-units",
        "--from", "202601", "--to", "202602", "--user", "quality", "--output", str(out),
    )  # fmt: skip
    rows = table(load_workbook(out)["Values"])
    assert len(rows) == 4
    call_command(
        "excel_export", "--format", "csv",
        "--indicator", "READMISSION_30D", "--unit", "HOSP-CARD", "--period", "202601",
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert "HOSP-CARD" in printed and "on track" in printed
    call_command(
        "excel_export", "--format", "targets-csv",
        "--indicator", "READMISSION_30D", "--unit", "HOSP-CARD", "--period", "202601",
    )  # fmt: skip
    (header, row) = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert dict(zip(header, row, strict=True))["Where the target comes from"] == (
        "inherited from HOSP, 2026"
    )
    with pytest.raises(CommandError):
        call_command(
            "excel_export", "--indicator", "READMISSION_30D", "--unit", "HOSP", "--period", "1"
        )
    with pytest.raises(CommandError):  # a workbook is not written to the terminal
        call_command(
            "excel_export", "--indicator", "READMISSION_30D", "--unit", "HOSP", "--period", "2026"
        )
