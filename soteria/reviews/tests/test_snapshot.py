"""The figures document of a review report."""

from __future__ import annotations

from typing import Any

from soteria.indicators import periods
from soteria.reviews import snapshot
from soteria.testing.factories import World, indicator_value_create, standard_indicator


def _doc(unit: Any, code: str = "2026S1", **options: Any) -> dict[str, Any]:
    return snapshot.build(unit, periods.parse(code), snapshot.Options(language="en", **options))


def test_headline_is_the_units_own_figures_with_target_and_previous(
    world: World, figures: dict[str, Any]
) -> None:
    doc = _doc(world.cardiology)
    [row] = doc["headline"]
    assert (row["code"], row["unit_code"]) == ("READMISSION_30D", "HOSP-CARD")
    assert (row["value"], row["numerator"], row["denominator"]) == (12.0, 24, 200)
    assert row["target"] == 10.0 and row["status"] == "red"
    assert row["previous_value"] == 9.5
    assert doc["previous_period"] == "2025S2" and doc["next_period"] == "2026S2"


def test_hospital_headline_falls_back_to_the_units_below(
    world: World, figures: dict[str, Any]
) -> None:
    doc = _doc(world.hospital)
    assert [r["unit_code"] for r in doc["headline"]] == ["HOSP-CARD"]


def test_off_target_indicator_needs_attention_with_its_chart(
    world: World, figures: dict[str, Any]
) -> None:
    doc = _doc(world.hospital)
    [row] = doc["attention"]["rows"]
    assert row["code"] == "READMISSION_30D" and row["status"] == "red"
    assert row["chart"]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    drawn = [
        (point["period"], point["y"])
        for layer in row["chart"]["layer"]
        for point in layer.get("data", {}).get("values", [])
        if point.get("series") == "Value"
    ]
    assert drawn == [("2025S2", 9.5), ("2026S1", 12.0)]  # the spec carries its data


def test_strategy_statuses_and_change_since_last_period(
    world: World, figures: dict[str, Any]
) -> None:
    [strategy] = _doc(world.hospital)["strategies"]
    [programme] = strategy["programmes"]
    [objective] = programme["objectives"]
    assert objective["code"] == "O1"
    # 2026S1: the indicator is red (weight 2) and the milestone due 2026-06-30 not done → red
    assert objective["status"] == "red"
    assert objective["indicators"] == {"green": 0, "amber": 0, "red": 1, "none": 0}


def test_initiatives_milestones_and_budget_by_funding(
    world: World, figures: dict[str, Any]
) -> None:
    initiatives = _doc(world.hospital)["initiatives"]
    [row] = initiatives["rows"]
    assert row["code"] == "I1"
    [milestone] = row["milestones"]
    assert milestone["overdue"] is True and milestone["due"] == "2026-06-30"
    assert row["budget"] == [{"currency": "EUR", "planned": 500000.0, "spent": 120000.0}]
    [funding] = initiatives["by_funding"]
    assert funding["programme"] == "Recovery fund"
    assert (funding["amount"], funding["planned"], funding["spent"]) == (1e6, 5e5, 1.2e5)


def test_directions_list_next_periods_targets(world: World, figures: dict[str, Any]) -> None:
    [objective] = _doc(world.hospital)["directions"]
    [target] = objective["targets"]
    assert (target["code"], target["target"]) == ("READMISSION_30D", 8.0)


def test_safety_section_reads_incident_indicators(world: World) -> None:
    incidents = standard_indicator("INCIDENTS_PER_1000_BED_DAYS")
    indicator_value_create(incidents, world.cardiology, "2026S1", 4.2, 21, 5000)
    [row] = _doc(world.cardiology)["safety"]
    assert (row["code"], row["value"]) == ("INCIDENTS_PER_1000_BED_DAYS", 4.2)
    assert _doc(world.cardiology)["experience"] == []


def test_publication_suppresses_small_numbers(world: World, figures: dict[str, Any]) -> None:
    readmissions = figures["readmissions"]
    figures["now"].delete()
    indicator_value_create(readmissions, world.cardiology, "2026S1", 1.5, 3, 200)
    [row] = _doc(world.cardiology, publication=True, k=5)["headline"]
    assert row["suppressed"] is True
    assert row["value"] is None and row["numerator"] is None and row["status"] is None
    assert row["previous_value"] == 9.5  # 19 of 200: not small
    [plain] = _doc(world.cardiology)["headline"]
    assert plain["value"] == 1.5 and plain["suppressed"] is False


def test_small_denominator_is_suppressed_too(world: World, figures: dict[str, Any]) -> None:
    figures["now"].delete()
    indicator_value_create(figures["readmissions"], world.cardiology, "2026S1", 25.0, 1, 4)
    doc = _doc(world.hospital, publication=True, k=5)
    assert doc["headline"][0]["suppressed"] is True
    for row in doc["attention"]["rows"]:
        assert row["chart"] is None and "small numbers" in row["chart_note"]


def test_is_small_rules(db: None) -> None:
    visits = standard_indicator("OUTPATIENT_VISITS")
    assert snapshot.is_small(visits, 4, 4, None, 5)
    assert not snapshot.is_small(visits, 5, 5, None, 5)
    alos = standard_indicator("ALOS")
    assert snapshot.is_small(alos, 6.0, 24, 4, 5)  # a mean of four stays
    assert not snapshot.is_small(alos, 6.0, 24, 40, 5)


def test_document_is_plain_json(world: World, figures: dict[str, Any]) -> None:
    import json

    doc = _doc(world.hospital)
    assert json.loads(json.dumps(doc)) == doc


def test_texts_are_in_the_reports_language(world: World, figures: dict[str, Any]) -> None:
    doc = snapshot.build(world.hospital, periods.parse("2026S1"), snapshot.Options(language="pl"))
    assert doc["strategies"][0]["title"] == "Strategia 2025–2028"
    assert doc["language"] == "pl"
