"""Definitions are checked when saved: each kind of bad input gets a message naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from soteria.audit.models import AuditEntry
from soteria.indicators.definitions import read_standard_files
from soteria.indicators.measures import MeasureError, parse_measure
from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.services import definition_save, standard_set_load
from soteria.testing.factories import World


@pytest.mark.parametrize(
    ("data", "path", "fragment"),
    [
        ({"fact": "nope", "aggregate": "count"}, "fact", "unknown fact 'nope'"),
        ({"fact": "discharge", "aggregate": "mean"}, "aggregate", "unknown aggregate 'mean'"),
        (
            {"fact": "discharge", "aggregate": "sum", "column": "los"},
            "column",
            "unknown column 'los'",
        ),
        (
            {"fact": "discharge", "aggregate": "sum", "column": "died"},
            "column",
            "needs a numeric column",
        ),
        (
            {"fact": "encounter", "aggregate": "percentile", "column": "status", "q": 0.5},
            "column",
            "numeric",
        ),
        (
            {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes"},
            "q",
            "between 0 and 1",
        ),
        (
            {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes", "q": 1.5},
            "q",
            "between 0 and 1",
        ),
        (
            {"fact": "discharge", "aggregate": "count", "column": "los_days"},
            "column",
            "give no column",
        ),
        ({"fact": "discharge", "aggregate": "count", "q": 0.5}, "q", "percentiles only"),
        ({"fact": "discharge", "aggregate": "count", "extra": 1}, "", "unknown field(s): extra"),
        ({"fact": "discharge", "aggregate": "count", "filters": {}}, "filters", "must be a list"),
        (
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "died", "op": "eq", "value": "yes"}],
            },
            "filters[0].value",
            "does not fit column 'died', which is bool",
        ),
        (
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "class_code", "op": "is_true"}],
            },
            "filters[0].op",
            "needs a true/false column",
        ),
        (
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "class_code", "op": "gt", "value": "A"}],
            },
            "filters[0].op",
            "needs a numeric column",
        ),
        (
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "class_code", "op": "in", "value": []}],
            },
            "filters[0].value",
            "non-empty list",
        ),
        (
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "x", "op": "eq", "value": 1}],
            },
            "filters[0].column",
            "unknown column 'x'",
        ),
        ("count", "", "must be an object"),
    ],
)
def test_bad_measures_are_named(data, path, fragment) -> None:
    with pytest.raises(MeasureError) as caught:
        parse_measure(data)
    assert caught.value.path == path
    assert fragment in str(caught.value)


def test_denominators_that_can_be_zero_or_negative_by_construction_are_refused() -> None:
    with pytest.raises(MeasureError, match="cannot be a denominator"):
        parse_measure(
            {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes", "q": 0.5},
            role="denominator",
        )
    # Beds and bed-days are declared non-negative; a sum of them may be a denominator.
    parse_measure(
        {"fact": "bed_capacity", "aggregate": "sum", "column": "available_bed_days"},
        role="denominator",
    )


def test_references_are_followed_and_cycles_refused() -> None:
    defs = {
        "A": {"numerator": {"ref": "B.numerator"}},
        "B": {"numerator": {"ref": "C.denominator"}},
        "C": {"denominator": {"ref": "A.numerator"}},
        "D": {"numerator": {"fact": "discharge", "aggregate": "count"}},
    }

    def resolve(code: str, part: str):
        return defs.get(code, {}).get(part)

    with pytest.raises(
        MeasureError,
        match=r"cyclic reference: A\.numerator → B\.numerator → C\.denominator → A\.numerator",
    ):
        parse_measure(defs["A"]["numerator"], resolve=resolve, _seen=("A.numerator",))
    assert parse_measure({"ref": "D.numerator"}, resolve=resolve).fact == "discharge"
    with pytest.raises(MeasureError, match="no indicator 'E'"):
        parse_measure({"ref": "E.numerator"}, resolve=resolve)
    with pytest.raises(MeasureError, match=r"CODE\.numerator"):
        parse_measure({"ref": "D"}, resolve=resolve)


def _custom(world: World, **fields) -> IndicatorDefinition:
    base = {
        "name": {"en": "Custom"},
        "unit": "percent",
        "direction": "lower",
        "numerator": {
            "fact": "discharge",
            "aggregate": "count",
            "filters": [{"column": "died", "op": "is_true"}],
        },
        "denominator": {"fact": "discharge", "aggregate": "count"},
        "multiplier": 100.0,
        "owner": world.hospital,
    }
    base.update(fields)
    return definition_save(world.admin, IndicatorDefinition(code="CUSTOM_1"), base)


def test_save_validates_versions_and_audits(world: World) -> None:
    definition = _custom(world)
    assert definition.version == 1
    assert AuditEntry.objects.filter(object_id=str(definition.pk), action="create").exists()
    definition = definition_save(world.admin, definition, {"name": {"en": "Renamed"}})
    assert definition.version == 1  # a new name is no new formula
    definition = definition_save(world.admin, definition, {"multiplier": 1000.0})
    assert definition.version == 2
    with pytest.raises(ValidationError) as caught:
        definition_save(
            world.admin,
            definition,
            {
                "denominator": {
                    "fact": "ed_visit",
                    "aggregate": "percentile",
                    "column": "wait_minutes",
                    "q": 0.5,
                }
            },
        )
    assert "cannot be a denominator" in str(caught.value.message_dict["denominator"])
    definition.refresh_from_db()
    assert definition.version == 2 and definition.denominator == {
        "fact": "discharge",
        "aggregate": "count",
    }


def test_a_definition_cannot_refer_to_itself(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        _custom(
            world,
            numerator={"ref": "CUSTOM_1.denominator"},
            denominator={"ref": "CUSTOM_1.numerator"},
        )
    assert "cyclic reference" in str(caught.value)


def test_only_administrators_of_the_owner_may_define(world: World) -> None:
    with pytest.raises(PermissionDenied):  # a unit lead is no administrator
        definition_save(
            world.lead,
            IndicatorDefinition(code="CUSTOM_2"),
            {
                "name": {"en": "x"},
                "unit": "count",
                "direction": "none",
                "numerator": {"fact": "discharge", "aggregate": "count"},
                "owner": world.cardiology,
            },
        )
    with pytest.raises(PermissionDenied):  # the standard set: platform administrators only
        definition_save(world.admin, IndicatorDefinition.objects.get(code="ALOS"), {"decimals": 2})


def test_standard_set_loads_idempotently_and_versions_formula_changes(tmp_path: Path, db) -> None:
    assert standard_set_load()["unchanged"] == len(read_standard_files())
    alos = IndicatorDefinition.objects.get(code="ALOS")
    assert alos.standard and alos.owner is None and alos.version == 1
    text = (Path(__file__).resolve().parents[1] / "standard" / "hospital.toml").read_text()
    changed = text.replace(
        'denominator = { fact = "discharge", aggregate = "count" }\n[indicator.name]\nen = "Average length of stay"',
        'denominator = { fact = "discharge", aggregate = "count", filters = [{ column = "same_day", op = "is_false" }] }\n[indicator.name]\nen = "Average length of stay"',
    )
    assert changed != text
    (tmp_path / "hospital.toml").write_text(changed)
    counts = standard_set_load(tmp_path)
    assert counts["updated"] == 1
    alos.refresh_from_db()
    assert alos.version == 2


def test_standard_files_with_a_wrong_format_are_refused(tmp_path: Path, db) -> None:
    (tmp_path / "x.toml").write_text('format = "other"\nversion = 1\n')
    with pytest.raises(ValueError, match="expected format"):
        standard_set_load(tmp_path)


def test_describe_reads_as_a_sentence_with_the_labels_of_facts_and_columns() -> None:
    measure = parse_measure(
        {
            "fact": "discharge",
            "aggregate": "count",
            "filters": [
                {"column": "died", "op": "is_true"},
                {"column": "class_code", "op": "in", "value": ["IMP", "ACUTE"]},
                {"column": "los_days", "op": "ge", "value": 3},
            ],
        }
    )
    assert measure.describe() == (
        "count of Discharges where died in hospital is true and encounter class is one of "
        "IMP, ACUTE and length of stay in days is at least 3"
    )
    percentile = parse_measure(
        {"fact": "ed_visit", "aggregate": "percentile", "column": "wait_minutes", "q": 0.9}
    )
    assert percentile.describe() == (
        "90th percentile of minutes to first assessment over Emergency-department arrivals"
    )
    seen = parse_measure(
        {
            "fact": "ed_visit",
            "aggregate": "sum",
            "column": "wait_minutes",
            "filters": [{"column": "seen", "op": "eq", "value": True}],
        }
    )
    assert seen.describe() == (
        "sum of minutes to first assessment over Emergency-department arrivals "
        "where seen by a clinician is true"
    )


def test_measure_errors_and_descriptions_follow_the_active_language() -> None:
    from django.utils import translation

    with translation.override("pl"):
        with pytest.raises(MeasureError) as caught:
            parse_measure({"fact": "discharge", "aggregate": "sum", "column": "died"})
        text = parse_measure(
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "died", "op": "is_true"}],
            }
        ).describe()
    assert caught.value.path == "column"  # the path names the JSON field, in any language
    assert "wymaga kolumny liczbowej" in caught.value.message
    assert "needs a numeric column" not in str(caught.value)
    assert "'died'" not in caught.value.message and "„died”" in caught.value.message
    assert text == "liczba: Wypisy, gdzie zgon w szpitalu: tak"
    assert "count of" not in text and "where" not in text
    # Back in English once the override ends: the text is made when raised or described.
    with pytest.raises(MeasureError, match="needs a numeric column"):
        parse_measure({"fact": "discharge", "aggregate": "sum", "column": "died"})
