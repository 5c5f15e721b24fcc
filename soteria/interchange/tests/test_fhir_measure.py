from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from soteria.indicators import manual
from soteria.indicators.models import IndicatorDefinition
from soteria.interchange import fhir_measure
from soteria.interchange.fhir_measure import measure_bundle, validate_resource
from soteria.organisations.models import Role
from soteria.testing.factories import (
    World,
    indicator_value_create,
    role_give,
    standard_indicator,
    unit_create,
    user_create,
)

EXAMPLES = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "fhir"
EXAMPLES = EXAMPLES / "r4-spec-examples"
needs_examples = pytest.mark.skipif(
    not EXAMPLES.is_dir(), reason=f"FHIR R4 examples not found at {EXAMPLES}"
)


stored = indicator_value_create


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def population(group: dict[str, Any], code: str) -> Any:
    for entry in group.get("population", []):
        if entry["code"]["coding"][0]["code"] == code:
            return entry
    return None


# --- the real R4 examples -----------------------------------------------------------------


@needs_examples
def test_the_r4_examples_parse_with_the_same_validator() -> None:
    files = sorted(EXAMPLES.glob("measure*.json"))
    assert {p.name for p in files} >= {
        "measure-cms146-example.json",
        "measurereport-cms146-cat3-example.json",
    }
    for path in files:
        data = json.loads(path.read_text())
        model = validate_resource(data)
        assert model.get_resource_type() == data["resourceType"], path.name


@needs_examples
def test_a_report_has_the_shape_of_the_summary_example(world: World) -> None:
    example = json.loads((EXAMPLES / "measurereport-cms146-cat3-example.json").read_text())
    readmission = standard_indicator("READMISSION_30D")
    stored(readmission, world.cardiology, "2026Q1", 12.5, 5, 40)
    ours = measure_bundle(world.viewer, [readmission], [world.cardiology], ["2026Q1"]).json()
    (report,) = resources(ours, "MeasureReport")
    assert report["type"] == example["type"] == "summary"
    assert report["status"] == example["status"] == "complete"
    for key in ("measure", "period", "reporter", "group", "identifier", "date"):
        assert key in example and key in report, key
    assert set(report["period"]) == set(example["period"]) == {"start", "end"}
    example_codes = {p["code"]["coding"][0]["code"] for p in example["group"][0]["population"]}
    our_codes = {p["code"]["coding"][0]["code"] for p in report["group"][0]["population"]}
    assert our_codes <= example_codes
    assert all(isinstance(p["count"], int) for p in report["group"][0]["population"])
    # the Measure has the example Measure's shape too
    measure_example = json.loads((EXAMPLES / "measure-cms146-example.json").read_text())
    (measure,) = resources(ours, "Measure")
    for key in ("url", "identifier", "version", "title", "status", "scoring", "group"):
        assert key in measure_example and key in measure, key
    assert measure["scoring"]["coding"][0]["code"] == "proportion"


# --- resources -------------------------------------------------------------------------------


def test_measure_of_a_proportion(world: World, settings: Any) -> None:
    settings.SOTERIA_FHIR_BASE = "https://fhir.hospital.test/base/"
    readmission = standard_indicator("READMISSION_30D")
    measure = fhir_measure.measure_resource(readmission, language="pl")
    assert measure["url"] == "https://fhir.hospital.test/base/Measure/READMISSION_30D"
    assert measure["identifier"][0]["value"] == "READMISSION_30D"
    assert measure["version"] == str(readmission.version)
    assert measure["title"] == readmission.name["pl"] and measure["language"] == "pl"
    assert measure["status"] == "active"
    assert measure["improvementNotation"]["coding"][0]["code"] == "decrease"
    group = measure["group"][0]
    numerator = population(group, "numerator")
    denominator = population(group, "denominator")
    assert numerator and denominator
    assert json.loads(numerator["criteria"]["expression"])["fact"] == "discharge"
    assert numerator["criteria"]["description"]  # the measure in words
    english = fhir_measure.measure_resource(readmission, language="en")
    assert english["title"] == "30-day readmissions" or english["title"] == readmission.name["en"]
    assert "where" in population(english["group"][0], "denominator")["criteria"]["description"]
    readmission.active = False
    assert fhir_measure.measure_resource(readmission)["status"] == "retired"


@pytest.mark.parametrize(
    ("code", "scoring"),
    [
        ("READMISSION_30D", "proportion"),
        ("ED_SEEN_4H", "proportion"),  # the denominator is a reference: followed
        ("BED_OCCUPANCY", "ratio"),
        ("HARM_INCIDENTS_PER_1000_BED_DAYS", "ratio"),
        ("ALOS", "continuous-variable"),
        ("ED_WAIT_P90", "continuous-variable"),
        ("BED_DAYS", "continuous-variable"),
        ("ADMISSIONS", "cohort"),
        ("PATIENTS", "cohort"),
        ("EDOC_SHARE", "proportion"),
        ("STAFF_TRAINING_HOURS", "continuous-variable"),
    ],
)
def test_scoring_comes_from_the_definition(db: None, code: str, scoring: str) -> None:
    definition = standard_indicator(code)
    measure = fhir_measure.measure_resource(definition)
    assert measure["scoring"]["coding"][0]["code"] == scoring
    codes = [p["code"]["coding"][0]["code"] for p in measure["group"][0]["population"]]
    assert codes == fhir_measure.population_codes(scoring, definition)
    if definition.direction == "none":
        assert "improvementNotation" not in measure


def test_reports_carry_the_stored_figures(world: World) -> None:
    readmission = standard_indicator("READMISSION_30D")
    alos = standard_indicator("ALOS")
    occupancy = standard_indicator("BED_OCCUPANCY")
    rows = [
        stored(readmission, world.cardiology, "202601", 12.5, 5, 40),
        stored(alos, world.cardiology, "202601", 4.25, 170, 40),
        stored(occupancy, world.cardiology, "202601", 87.54, 812.5, 928.2),
        stored(readmission, world.surgery, "202601", None, 0, 0, reason="zero_denominator"),
    ]
    bundle = measure_bundle(
        world.quality,
        [readmission, alos, occupancy],
        [world.cardiology, world.surgery],
        ["202601"],
    ).json()
    polish = measure_bundle(world.quality, [alos], [world.cardiology], ["202601"], language="pl")
    with translation.override("en"):  # the page's language while the download streams
        text = "".join(polish.chunks())
    (polish_report,) = resources(json.loads(text), "MeasureReport")
    assert polish_report["group"][0]["measureScore"]["unit"] == "dni"
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    validate_resource(bundle)  # the whole Bundle, entries included
    reports = {
        (r["measure"].split("/")[-1], r["reporter"]["identifier"]["value"]): r
        for r in resources(bundle, "MeasureReport")
    }
    assert len(reports) == 4
    for row in rows:
        report = reports[(f"{row.definition.code}|{row.definition.version}", row.unit.code)]
        group = report["group"][0]
        if row.value is None:
            assert "measureScore" not in group
        else:
            assert group["measureScore"]["value"] == row.value
        assert report["period"] == {"start": "2026-01-01", "end": "2026-01-31"}
        assert report["reporter"]["identifier"]["system"] == fhir_measure.unit_system()
    readmit = reports[(f"READMISSION_30D|{readmission.version}", "HOSP-CARD")]["group"][0]
    assert population(readmit, "numerator")["count"] == 5
    assert population(readmit, "denominator")["count"] == 40
    assert readmit["measureScore"]["code"] == "%"
    mean = reports[(f"ALOS|{alos.version}", "HOSP-CARD")]["group"][0]
    assert population(mean, "measure-population")["count"] == 40
    assert mean["measureScore"]["code"] == "d"
    ratio = reports[(f"BED_OCCUPANCY|{occupancy.version}", "HOSP-CARD")]["group"][0]
    amount = population(ratio, "numerator")
    assert "count" not in amount and amount["extension"][0]["valueDecimal"] == 812.5
    zero = reports[(f"READMISSION_30D|{readmission.version}", "HOSP-SURG")]["group"][0]
    assert population(zero, "denominator")["count"] == 0
    # every Measure once, however many reports refer to it
    measures = resources(bundle, "Measure")
    assert sorted(m["identifier"][0]["value"] for m in measures) == [
        "ALOS",
        "BED_OCCUPANCY",
        "READMISSION_30D",
    ]
    urls = {f"{m['url']}|{m['version']}" for m in measures}
    assert {r["measure"] for r in reports.values()} <= urls


def test_partial_values_are_pending_and_periods_are_local_dates(world: World) -> None:
    admissions = standard_indicator("ADMISSIONS")
    world.cardiology.time_zone = "Asia/Ho_Chi_Minh"
    world.cardiology.save()
    stored(admissions, world.cardiology, "2026Q1", 310, 310, partial=True)
    stored(admissions, world.cardiology, "2025Q4", 295, 295)
    bundle = measure_bundle(
        world.viewer, [admissions], [world.cardiology], ["2025Q4", "2026Q1"]
    ).json()
    reports = {r["period"]["start"]: r for r in resources(bundle, "MeasureReport")}
    assert reports["2026-01-01"]["status"] == "pending"
    assert reports["2026-01-01"]["period"]["end"] == "2026-03-31"
    assert reports["2025-10-01"]["status"] == "complete"
    assert reports["2025-10-01"]["period"]["end"] == "2025-12-31"
    assert population(reports["2025-10-01"]["group"][0], "initial-population")["count"] == 295
    assert reports["2025-10-01"]["date"].endswith("+07:00")


def test_hand_entered_values_round_trip(world: World) -> None:
    hours = standard_indicator("STAFF_TRAINING_HOURS")
    value = manual.manual_enter(world.contributor, hours, world.cardiology, "202601", 7.5)
    manual.manual_approve(world.lead, manual.manual_submit(world.contributor, value))
    bundle = measure_bundle(world.lead, [hours], [world.cardiology], ["202601", "2026"]).json()
    scores = {
        r["period"]["start"] + r["period"]["end"]: r["group"][0]["measureScore"]["value"]
        for r in resources(bundle, "MeasureReport")
    }
    assert scores == {"2026-01-012026-01-31": 7.5, "2026-01-012026-12-31": 7.5}


# --- permissions ---------------------------------------------------------------------------------


def test_units_out_of_reach_give_nothing(world: World) -> None:
    readmission = standard_indicator("READMISSION_30D")
    stored(readmission, world.cardiology, "202601", 10, 1, 10)
    stored(readmission, world.surgery, "202601", 20, 2, 10)
    stored(readmission, world.hospital, "202601", 15, 3, 20)
    export = measure_bundle(
        world.lead,
        [readmission],
        [world.hospital, world.cardiology, world.surgery],
        ["202601"],
    )
    assert [r.unit.code for r in export.rows] == ["HOSP-CARD"]
    assert any("HOSP-SURG" in w for w in export.warnings)
    assert any("HOSP:" in w for w in export.warnings)
    stranger = measure_bundle(world.stranger, [readmission], [world.cardiology], ["202601"])
    assert stranger.count == 0 and not resources(stranger.json(), "MeasureReport")
    # the sub-units option adds only units below the ones the user sees
    below = measure_bundle(
        world.quality, [readmission], [world.hospital], ["202601"], include_descendants=True
    )
    assert [r.unit.code for r in below.rows] == ["HOSP", "HOSP-CARD", "HOSP-SURG"]
    nobody = user_create()
    assert measure_bundle(nobody, [readmission], [world.hospital], ["202601"]).count == 0


def test_other_organisations_own_indicators_are_unknown(world: World) -> None:
    own = IndicatorDefinition.objects.create(
        code="OTHER_OWN",
        name={"en": "Theirs"},
        unit="count",
        direction="higher",
        source="manual",
        owner=world.other_org,
    )
    stored(own, world.cardiology, "202601", 3, 3)
    export = measure_bundle(world.viewer, [own], [world.cardiology], ["202601"])
    assert export.count == 0 and not export.selection.definitions
    assert export.warnings == ["OTHER_OWN: no such indicator; left out."]
    assert measure_bundle(
        world.stranger, [own], [world.other_org], ["202601"]
    ).selection.definitions


# --- queries -------------------------------------------------------------------------------------


def test_a_big_selection_takes_a_fixed_number_of_queries(world: World) -> None:
    definitions = [standard_indicator(c) for c in ("READMISSION_30D", "ALOS", "ED_SEEN_4H")]
    definitions += [
        IndicatorDefinition.objects.create(
            code=f"HOSP_OWN_{i}",
            name={"en": f"Own {i}"},
            unit="count",
            direction="higher",
            source="manual",
            owner=world.hospital,
        )
        for i in range(2)
    ]
    units = [world.hospital, world.cardiology, world.surgery]
    units += [unit_create(f"HOSP-W{i}", parent=world.surgery) for i in range(6)]
    months = [f"2025{m:02d}" for m in range(1, 13)]
    for definition in definitions:
        for unit in units:
            for month in months:
                stored(definition, unit, month, 50.0, 5, 10)
    role_give(user := user_create(), world.hospital, Role.VIEWER)
    codes = [d.code for d in definitions]

    def queries(n_def: int, n_unit: int, n_month: int) -> tuple[int, int]:
        from django.contrib.auth import get_user_model

        fresh = get_user_model().objects.get(pk=user.pk)
        chosen = list(IndicatorDefinition.objects.filter(code__in=codes[:n_def]))  # as a form
        with CaptureQueriesContext(connection) as captured:
            export = measure_bundle(fresh, chosen, units[:n_unit], months[:n_month])
            text = "".join(export.chunks())
        assert json.loads(text)["entry"]
        return len(captured), export.count

    small, small_count = queries(1, 2, 2)
    big, big_count = queries(5, 9, 12)
    assert (small_count, big_count) == (4, 540)
    assert small == big


# --- page and command ----------------------------------------------------------------------------


def test_export_page(world: World, client: Any) -> None:
    readmission = standard_indicator("READMISSION_30D")
    stored(readmission, world.cardiology, "202601", 12.5, 5, 40)
    stored(readmission, world.surgery, "202601", 20, 2, 10)
    url = reverse("fhir-measure-export")
    form = {
        "indicators": [readmission.pk],
        "units": [world.cardiology.pk],
        "period_from": "202601",
        "period_to": "202603",
        "language": "en",
    }
    client.force_login(world.lead)
    assert client.get(url).status_code == 200
    response = client.post(url, form)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    assert "attachment" in response["Content-Disposition"]
    bundle = json.loads(b"".join(response.streaming_content))
    (report,) = resources(bundle, "MeasureReport")
    assert report["group"][0]["measureScore"]["value"] == 12.5
    # a unit out of reach is not a choice: the form says so and nothing is sent
    refused = client.post(url, {**form, "units": [world.surgery.pk]})
    assert refused.status_code == 200 and refused["Content-Type"].startswith("text/html")
    assert b"Select a valid choice" in refused.content
    client.force_login(world.stranger)
    response = client.post(url, form)
    assert response["Content-Type"].startswith("text/html")
    client.force_login(user_create())
    assert client.get(url).status_code == 403
    # bad periods are a field-level message
    client.force_login(world.lead)
    bad = client.post(url, {**form, "period_to": "2026Q1"})
    assert bad.status_code == 200 and b"same type" in bad.content


def test_command(world: World, tmp_path: Path) -> None:
    readmission = standard_indicator("READMISSION_30D")
    stored(readmission, world.cardiology, "202601", 12.5, 5, 40)
    out = tmp_path / "bundle.json"
    call_command(
        "fhir_measure_export",
        "--indicator", "READMISSION_30D", "--unit", "HOSP", "--sub-units",
        "--period", "202601", "--language", "pl", "--output", str(out),
    )  # fmt: skip
    bundle = json.loads(out.read_text())
    (report,) = resources(bundle, "MeasureReport")
    assert report["group"][0]["measureScore"]["value"] == 12.5
    (measure,) = resources(bundle, "Measure")
    assert measure["language"] == "pl"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "fhir_measure_export", "--indicator", "NOPE", "--unit", "HOSP", "--period", "202601"
        )
    hidden = tmp_path / "hidden.json"
    call_command(
        "fhir_measure_export",
        "--indicator", "READMISSION_30D", "--unit", "HOSP-CARD", "--period", "202601",
        "--user", "stranger", "--output", str(hidden),
    )  # fmt: skip
    assert not resources(json.loads(hidden.read_text()), "MeasureReport")
