"""The REST API: token auth, the same permission checks, field-level errors, OpenAPI."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from soteria.organisations.models import OrgUnit
from soteria.strategy.models import Objective
from soteria.strategy.services import version_copy


def _client(user) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_anonymous_calls_are_refused(world):
    assert APIClient().get("/api/v1/units/").status_code == 401


def test_unit_lists_hold_only_reachable_units(world):
    codes = {u["code"] for u in _client(world.lead).get("/api/v1/units/").json()["results"]}
    assert codes == {"HOSP-CARD"}
    assert _client(world.lead).get("/api/v1/units/HOSP-SURG/").status_code == 404
    assert _client(world.stranger).get("/api/v1/units/HOSP/").status_code == 404


def test_administrators_create_units_and_bad_input_gets_field_errors(world):
    client = _client(world.admin)
    response = client.post(
        "/api/v1/units/",
        {"code": "HOSP-ICU", "kind": "department", "name": {"en": "ICU"}, "parent": "HOSP"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert OrgUnit.objects.get(code="HOSP-ICU").parent.code == "HOSP"
    response = client.post(
        "/api/v1/units/",
        {"code": "HOSP-ICU", "kind": "department", "name": {"en": "ICU"}, "parent": "HOSP"},
        format="json",
    )
    assert response.status_code == 400 and "code" in response.json()
    response = client.patch("/api/v1/units/HOSP/", {"parent": "HOSP-CARD"}, format="json")
    assert response.status_code == 400 and "parent" in response.json()
    forbidden = _client(world.lead).post(
        "/api/v1/units/",
        {"code": "X-1", "kind": "ward", "name": {"en": "x"}, "parent": "HOSP-CARD"},
        format="json",
    )
    assert forbidden.status_code == 403
    assert not OrgUnit.objects.filter(code="X-1").exists()


def test_strategies_are_listed_as_far_as_the_caller_may_read(world):
    assert len(_client(world.contributor).get("/api/v1/strategies/").json()["results"]) == 1
    assert _client(world.stranger).get("/api/v1/strategies/").json()["results"] == []
    pk = world.strategy.pk
    assert _client(world.stranger).get(f"/api/v1/versions/{pk}/").status_code == 404
    assert _client(world.viewer).get(f"/api/v1/versions/{pk}/").json()["status"] == "approved"


def test_version_copy_transition_and_diff(world):
    client = _client(world.quality)
    response = client.post(f"/api/v1/versions/{world.strategy.pk}/copy/")
    assert response.status_code == 201
    draft = response.json()["id"]
    objective = Objective.objects.get(version_id=draft)
    response = client.patch(
        f"/api/v1/elements/objective/{objective.pk}/", {"title": {"en": "Paperless"}}, format="json"
    )
    assert response.status_code == 200, response.json()
    diff = client.get(f"/api/v1/versions/{draft}/diff/?with={world.strategy.pk}").json()
    assert [e["change"] for e in diff["elements"]] == ["changed"]
    response = client.post(
        f"/api/v1/versions/{draft}/transition/", {"status": "archived"}, format="json"
    )
    assert response.status_code == 400 and "status" in response.json()
    assert _client(world.contributor).post(f"/api/v1/versions/{draft}/copy/").status_code == 403


def test_element_writes_follow_the_same_rules(world):
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    url = f"/api/v1/elements/objective/{objective.pk}/"
    assert (
        _client(world.viewer).patch(url, {"title": {"en": "x"}}, format="json").status_code == 403
    )
    assert (
        _client(world.stranger).patch(url, {"title": {"en": "x"}}, format="json").status_code == 404
    )
    response = _client(world.contributor).patch(url, {"title": {}}, format="json")
    assert response.status_code == 400 and "title" in response.json()
    approved = Objective.objects.get(version=world.strategy)
    response = _client(world.quality).patch(
        f"/api/v1/elements/objective/{approved.pk}/", {"title": {"en": "x"}}, format="json"
    )
    assert response.status_code == 400
    listed = _client(world.stranger).get("/api/v1/elements/objective/").json()["results"]
    assert listed == []


@pytest.mark.django_db
def test_openapi_schema_describes_the_api(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in (
        "/api/v1/units/",
        "/api/v1/strategies/",
        "/api/v1/versions/{id}/transition/",
        "/api/v1/elements/initiative/",
    ):
        assert path in body


@pytest.mark.django_db
def test_openapi_schema_validates_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/units/{code}/" in target.read_text()
