"""Indicator pages: who sees and changes what."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from soteria.indicators.models import ComputeRun, IndicatorDefinition, IndicatorValue
from soteria.indicators.services import compute_run
from soteria.indicators.tests.test_standard_set import AS_OF, hospital_rows
from soteria.testing.factories import World


@pytest.fixture(autouse=True)
def _private_warehouse(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"


def _login(client: Any, user: Any) -> None:
    client.force_login(user)


def _new(**over: Any) -> dict[str, Any]:
    data = {
        "code": "OWN_MORTALITY",
        "name_en": "Deaths among discharges",
        "description_en": "",
        "unit": "percent",
        "decimals": "1",
        "direction": "lower",
        "source": "computed",
        "entry_period": "month",
        "numerator": json.dumps(
            {
                "fact": "discharge",
                "aggregate": "count",
                "filters": [{"column": "died", "op": "is_true"}],
            }
        ),
        "denominator": json.dumps({"ref": "DISCHARGES.numerator"}),
        "multiplier": "100",
        "active": "on",
    }
    for code in ("pl", "vi", "fi", "da"):
        data[f"name_{code}"] = ""
        data[f"description_{code}"] = ""
    data.update(over)
    return data


def test_catalogue_and_detail_show_values(client: Any, world: World) -> None:
    hospital_rows(world).write()
    compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    _login(client, world.viewer)
    page = client.get("/indicators/")
    assert page.status_code == 200
    assert "Average length of stay" in page.content.decode()
    assert "New indicator" not in page.content.decode()
    detail = client.get("/indicators/ALOS/", {"unit": "HOSP-CARD", "period_type": "quarter"})
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "2026Q1" in html and "sum of length of stay in days over Discharges" in html
    assert client.get("/indicators/NOPE/").status_code == 404


def test_an_administrator_defines_an_indicator_for_their_organisation(
    client: Any, world: World
) -> None:
    _login(client, world.admin)  # administrator of REG
    data = _new(owner=str(world.hospital.pk))
    response = client.post("/indicators/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    own = IndicatorDefinition.objects.get(code="OWN_MORTALITY")
    assert own.owner == world.hospital and own.version == 1
    bad = client.post(
        "/indicators/OWN_MORTALITY/edit/",
        _new(
            numerator='{"fact": "discharge", "aggregate": "sum", "column": "died"}',
            owner=str(world.hospital.pk),
        ),
    )
    assert bad.status_code == 200
    assert "needs a numeric column" in bad.content.decode()
    broken = client.post(
        "/indicators/OWN_MORTALITY/edit/", _new(numerator='{"fact": ', owner=str(world.hospital.pk))
    )
    assert "Not valid JSON" in broken.content.decode()
    # Others of the organisation see it; the other organisation does not.
    _login(client, world.viewer)
    assert client.get("/indicators/OWN_MORTALITY/").status_code == 200
    assert client.get("/indicators/OWN_MORTALITY/edit/").status_code == 403
    _login(client, world.stranger)
    assert client.get("/indicators/OWN_MORTALITY/").status_code == 404


def test_owned_indicators_are_computed_only_within_their_owner(world: World) -> None:
    from soteria.indicators.services import definition_save

    definition_save(
        world.admin,
        IndicatorDefinition(code="CARD_ONLY"),
        {
            "name": {"en": "Cardiology discharges"},
            "unit": "count",
            "direction": "none",
            "numerator": {"fact": "discharge", "aggregate": "count"},
            "owner": world.cardiology,
        },
    )
    hospital_rows(world).write()
    compute_run(ComputeRun.objects.create(), as_of=AS_OF)
    units = set(
        IndicatorValue.objects.filter(definition__code="CARD_ONLY").values_list(
            "unit__code", flat=True
        )
    )
    assert units == {"HOSP-CARD"}


def test_only_platform_administrators_edit_the_standard_set(client: Any, world: World) -> None:
    _login(client, world.admin)
    assert client.get("/indicators/ALOS/edit/").status_code == 403
    root = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    _login(client, root)
    page = client.get("/indicators/ALOS/edit/")
    assert page.status_code == 200 and "owner" not in page.context["form"].fields


def test_recompute_button_queues_a_run_for_managers_only(client: Any, world: World) -> None:
    _login(client, world.viewer)
    assert client.get("/indicators/runs/").status_code == 200
    assert client.post("/indicators/runs/").status_code == 403
    _login(client, world.lead)
    response = client.post("/indicators/runs/")
    assert response.status_code == 302
    run = ComputeRun.objects.get()
    assert run.scope == {"roots": [world.region.pk]} and run.requested_by == world.lead
    assert client.get(f"/indicators/runs/{run.pk}/").status_code == 200
    _login(client, world.stranger)
    assert client.get(f"/indicators/runs/{run.pk}/").status_code == 404


def test_measure_errors_and_formulas_follow_the_interface_language(
    client: Any, world: World, settings: Any
) -> None:
    _login(client, world.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    response = client.post("/indicators/new/", _new(owner=str(world.hospital.pk)))
    assert response.status_code == 302, response.context["form"].errors
    bad = client.post(
        "/indicators/OWN_MORTALITY/edit/",
        _new(
            numerator='{"fact": "discharge", "aggregate": "sum", "column": "died"}',
            owner=str(world.hospital.pk),
        ),
    )
    assert bad.status_code == 200
    html = bad.content.decode()
    assert "wymaga kolumny liczbowej" in html and "needs a numeric column" not in html
    detail = client.get("/indicators/ALOS/").content.decode()
    assert "suma: długość pobytu w dniach (Wypisy)" in detail
    assert "sum of" not in detail
