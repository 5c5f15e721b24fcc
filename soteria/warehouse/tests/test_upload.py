"""Upload page and API: files are queued, a real database worker imports them, the report
is shown; only contributors and above on the unit may import."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from soteria.organisations.models import Role
from soteria.testing.factories import role_give
from soteria.warehouse.models import ImportRecord, UnitMapping

from .conftest import encounter, org, patient


def _files():
    def ndjson(name, resources):
        body = b"".join(json.dumps(r).encode() + b"\n" for r in resources)
        return SimpleUploadedFile(name, body, content_type="application/x-ndjson")

    return [
        ndjson("Organization.ndjson", [org("H1-MED")]),
        ndjson("Patient.ndjson", [patient("p1")]),
        ndjson("Encounter.ndjson", [encounter("e1", "p1")]),
    ]


# The worker closes its database connection when done, as in production; a
# transactional test lets the next query reconnect (PostgreSQL) instead of failing.
@pytest.mark.django_db(transaction=True)
def test_upload_queues_the_import_and_the_worker_runs_it(
    client, hospital, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("import-upload"),
            {
                "unit": hospital.pk,
                "source_system": "his",
                "uploads": _files(),
            },
        )
    assert response.status_code == 302
    record = ImportRecord.objects.get()
    assert record.status == "queued"
    assert response.url == reverse("import-detail", args=[record.pk])
    page = client.get(response.url).content.decode()
    assert 'http-equiv="refresh"' in page
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    record.refresh_from_db()
    assert record.status == "succeeded", record.errors
    assert record.counts["Encounter"]["inserted"] == 1
    assert not any((tmp_path / "uploads").iterdir())  # uploaded raw files are gone
    page = client.get(reverse("import-detail", args=[record.pk])).content.decode()
    assert "Encounter" in page and 'http-equiv="refresh"' not in page


# The worker closes its database connection when done, as in production; a
# transactional test lets the next query reconnect (PostgreSQL) instead of failing.
@pytest.mark.django_db(transaction=True)
def test_failed_imports_show_file_line_field_and_reason(
    client, hospital, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    role_give(world.quality, hospital, Role.QUALITY_MANAGER)
    client.force_login(world.quality)
    files = _files()
    files[2] = SimpleUploadedFile(
        "Encounter.ndjson",
        json.dumps(
            encounter("e1", "p1", serviceProvider={"reference": "Organization?identifier=urn:x|Q"})
        ).encode()
        + b"\n",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("import-upload"),
            {"unit": hospital.pk, "source_system": "his", "uploads": files},
        )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    record = ImportRecord.objects.get()
    assert record.status == "failed"
    page = client.get(reverse("import-detail", args=[record.pk])).content.decode()
    assert "Nothing was written" in page
    assert "serviceProvider" in page and "unknown org unit" in page


def test_viewers_cannot_upload_and_strangers_cannot_see_imports(client, hospital, world):
    role_give(world.viewer, hospital, Role.VIEWER)
    client.force_login(world.viewer)
    response = client.post(
        reverse("import-upload"), {"unit": hospital.pk, "source_system": "x", "uploads": _files()}
    )
    assert response.status_code == 200  # the unit is not among the choices
    assert "Select a valid choice" in response.content.decode()
    assert not ImportRecord.objects.exists()
    from soteria.warehouse import services

    record = services.import_create(actor=None, unit=hospital, source_system="x", files=[])
    client.force_login(world.stranger)
    assert client.get(reverse("import-detail", args=[record.pk])).status_code == 404
    assert f"/data/imports/{record.pk}/" not in client.get(reverse("import-list")).content.decode()


def test_mappings_are_added_through_the_page(client, hospital, world):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    response = client.post(
        reverse("mapping-list"),
        {
            "source_system": "synthea",
            "kind": "organization",
            "identifier": "https://github.com/synthetichealth/synthea|abc",
            "unit": hospital.pk,
        },
    )
    assert response.status_code == 302
    assert UnitMapping.objects.get().unit == hospital


# The worker closes its database connection when done, as in production; a
# transactional test lets the next query reconnect (PostgreSQL) instead of failing.
@pytest.mark.django_db(transaction=True)
def test_api_starts_an_import_and_reports_its_status(
    hospital, world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.contributor).key}")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(
            "/api/v1/imports/",
            {"unit": "H1", "source_system": "his", "files": _files()},
            format="multipart",
        )
    assert response.status_code == 202, response.json()
    url = f"/api/v1/imports/{response.json()['id']}/"
    assert api.get(url).json()["status"] == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    body = api.get(url).json()
    assert body["status"] == "succeeded" and body["counts"]["Patient"]["inserted"] == 1
    stranger = APIClient()
    stranger.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.stranger).key}"
    )
    assert stranger.get(url).status_code == 404
    response = stranger.post(
        "/api/v1/imports/",
        {"unit": "H1", "source_system": "his", "files": _files()},
        format="multipart",
    )
    assert response.status_code in (403, 404)
