"""The import report's shortcut: map every unknown identifier at once, then import again."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.organisations.models import OrgUnit, Role
from soteria.testing.factories import role_give
from soteria.warehouse import selectors, services
from soteria.warehouse.models import ImportRecord, MappingKind, UnitMapping

from .conftest import encounter, org, patient

X9 = "urn:his:org|X9"
QUOTED = "urn:his:org|Y'1"  # repr() writes it in double quotes


def _by_identifier(identifier: str) -> dict:
    return {"reference": f"Organization?identifier={identifier}"}


def _fhir_files(providers: list[dict]) -> dict[str, list[dict]]:
    """Organization, Patient and Encounter files; one encounter per serviceProvider given."""
    return {
        "Organization.ndjson": [
            org("H1-MED"),
            {
                "resourceType": "Organization",
                "id": "org-his-z",
                "identifier": [{"system": "urn:his:org", "value": "Z"}],
                "name": "Z",
            },
        ],
        "Patient.ndjson": [patient("p1")],
        "Encounter.ndjson": [
            encounter(f"e{i}", "p1", serviceProvider=provider)
            for i, provider in enumerate(providers)
        ],
    }


def _write(folder: Path, files: dict[str, list[dict]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, resources in files.items():
        path = folder / name
        path.write_text("".join(json.dumps(r) + "\n" for r in resources), encoding="utf-8")
        paths.append(path)
    return paths


def _import(unit: OrgUnit, paths: list[Path], *, kept: bool = False) -> ImportRecord:
    """Run an import here (as the worker would, but without deleting the files after it)."""
    files = (
        [{"name": p.name, "path": str(p), "size": p.stat().st_size} for p in paths] if kept else []
    )
    record = services.import_create(actor=None, unit=unit, source_system="his", files=files)
    return services.import_run(record=record, paths=paths)


@pytest.fixture
def failed(hospital: OrgUnit, tmp_path: Path) -> ImportRecord:
    """An import whose encounters name two unknown identifiers (X9 twice) and one id."""
    paths = _write(
        tmp_path / "in",
        _fhir_files(
            [
                _by_identifier(X9),
                _by_identifier(QUOTED),
                _by_identifier(X9),
                {"reference": "Organization/org-his-z"},
                {"reference": "Organization/org-h1-med"},
            ]
        ),
    )
    record = _import(hospital, paths)
    assert record.status == "failed"
    return record


def _url(record: ImportRecord) -> str:
    return reverse("import-detail", args=[record.pk])


def _unit(code: str) -> OrgUnit:
    return OrgUnit.objects.get(code=code)


# -- what is found in the report --------------------------------------------------------


def test_unmapped_identifiers_are_read_from_the_importers_messages(failed):
    unknowns = selectors.unknown_identifiers(failed)
    assert [(u.kind, u.identifier, u.count) for u in unknowns.mappable] == [
        ("organization", X9, 2),
        ("organization", QUOTED, 1),
    ]
    first = unknowns.mappable[0]
    assert (first.file, first.line) == ("Encounter.ndjson", 1)
    assert [(u.identifier, u.count) for u in unknowns.by_id] == [("org-his-z", 1)]
    assert not unknowns.partial


def test_unmapped_csv_codes_are_found(hospital, tmp_path):
    folder = tmp_path / "csv"
    folder.mkdir()
    header = (
        "arrival_id,encounter_id,patient_id,unit_code,arrival_time,triage_time,"
        "first_seen_time,departure_time,triage_category,disposition"
    )
    rows = [
        "a1,,p1,NOPE,2026-01-05T10:00:00Z,,,,3,x",
        "a2,,p1,NOPE,2026-01-05T11:00:00Z,,,,3,x",
        'a3,,p1,WARD "7",2026-01-05T12:00:00Z,,,,3,x',
        "a4,,p1,H1-MED,2026-01-05T12:00:00Z,,,,3,x",
    ]
    (folder / "ed_arrivals.csv").write_text("\n".join([header, *rows]) + "\n")
    record = _import(hospital, [folder / "ed_arrivals.csv"])
    unknowns = selectors.unknown_identifiers(record)
    assert [(u.kind, u.identifier, u.count, u.line) for u in unknowns.mappable] == [
        ("code", "NOPE", 2, 2),
        ("code", 'WARD "7"', 1, 4),
    ]


def test_unmapped_parsing_ignores_other_and_malformed_problems(hospital):
    record = services.import_create(actor=None, unit=hospital, source_system="his", files=[])
    record.errors = [
        {"file": "a", "line": 1, "field": "x", "reason": "unknown org unit for 'a|b': map it"},
        {"file": "a", "line": 2, "field": "x", "reason": "unknown org unit code NOPE"},
        {"file": "a", "line": 3, "field": "x", "reason": "something else 'a|b'"},
        {
            "file": "a",
            "line": None,
            "field": "serviceProvider",
            "reason": "unknown org unit for 'urn:x|1': map it under Unit mappings",
        },
        {
            "file": "a",
            "line": None,
            "field": "serviceProvider",
            "reason": "unknown org unit for 'urn:x|1': map it under Unit mappings",
        },
        "not a dict",
    ]
    record.error_count = 2000
    unknowns = selectors.unknown_identifiers(record)
    assert [(u.identifier, u.count, u.line) for u in unknowns.mappable] == [("urn:x|1", 2, None)]
    assert unknowns.partial


# -- the page ----------------------------------------------------------------------------


def test_unmapped_form_lists_each_unknown_once_with_counts(client, world, hospital, failed):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    page = client.get(_url(failed)).content.decode()
    assert "Map the unknown organisations and codes" in page
    assert page.count(f"<code>{X9}</code>") == 1
    assert page.count("<code>urn:his:org|Y&#x27;1</code>") == 1
    assert 'name="unit_0"' in page and 'name="unit_1"' in page and 'name="unit_2"' not in page
    assert "Encounter.ndjson, line 1" in page
    assert '<td class="num">2</td>' in page  # X9: two records
    # Only units of the import's subtree are offered, though the user manages Cardiology too.
    form = page[page.index('<form method="post" class="form"') :]
    form = form[: form.index("</form>")]
    assert "— H1-MED · Internal medicine" in form and "H1 · Hospital one" in form
    # (option labels: "CODE · name"; a bare "H2" may occur in the random CSRF token)
    assert "HOSP-CARD" not in form and "H2 · " not in form
    # An organisation referenced by id is listed, not offered: its identifier is unknown.
    assert "Organization <code>org-his-z</code> (1 record)" in page
    # Its files were not uploaded (an import from the command line): no re-run.
    assert "Save mappings and re-run import" not in page
    assert "cannot be re-run from here" in page


def test_unmapped_saving_creates_mappings_and_audit_entries(client, world, hospital, failed):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    med, surgery = _unit("H1-MED"), _unit("H1-SUR")
    response = client.post(_url(failed), {"unit_0": med.pk, "unit_1": surgery.pk, "then": "save"})
    assert response.status_code == 302 and response.url == _url(failed)
    mappings = {m.identifier: m for m in UnitMapping.objects.all()}
    assert set(mappings) == {X9, QUOTED}
    assert mappings[X9].unit == med and mappings[X9].kind == MappingKind.ORGANIZATION
    assert mappings[X9].source_system == "his" and mappings[QUOTED].unit == surgery
    entries = AuditEntry.objects.filter(content_type__model="unitmapping")
    assert {(e.object_id, e.actor, e.action) for e in entries} == {
        (str(m.pk), world.contributor, "create") for m in mappings.values()
    }
    page = client.get(_url(failed)).content.decode()
    assert "2 mappings saved." in page
    assert "Mapped to H1-MED · Internal medicine since this import." in page
    # Saving the same choice again writes nothing.
    client.post(_url(failed), {"unit_0": med.pk, "then": "save"})
    assert entries.count() == 2


def test_unmapped_rows_left_empty_are_skipped_but_one_is_needed(client, world, hospital, failed):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    response = client.post(_url(failed), {"unit_0": "", "unit_1": "", "then": "save"})
    assert response.status_code == 200
    assert "Choose a unit for at least one identifier." in response.content.decode()
    response = client.post(_url(failed), {"unit_1": _unit("H1-SUR").pk, "then": "save"})
    assert response.status_code == 302
    assert list(UnitMapping.objects.values_list("identifier", flat=True)) == [QUOTED]


def test_unmapped_unit_outside_the_imports_subtree_is_refused(client, world, hospital, failed):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    role_give(world.contributor, _unit("H2"), Role.CONTRIBUTOR)  # manages it, but elsewhere
    client.force_login(world.contributor)
    response = client.post(
        _url(failed), {"unit_0": _unit("H1-MED").pk, "unit_1": _unit("H2").pk, "then": "save"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page and "Select a valid choice" in page
    assert not UnitMapping.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="unitmapping").exists()


def test_unmapped_service_saves_all_or_nothing(world, hospital, failed):
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    role_give(world.contributor, _unit("H2"), Role.CONTRIBUTOR)
    with pytest.raises(ValidationError) as refused:
        services.import_map_unknowns(
            actor=world.contributor,
            record=failed,
            rows=[("organization", X9, _unit("H1-MED")), ("organization", QUOTED, _unit("H2"))],
        )
    assert set(refused.value.message_dict) == {"1"}
    assert "outside H1" in refused.value.message_dict["1"][0]
    assert not UnitMapping.objects.exists()
    assert not AuditEntry.objects.filter(content_type__model="unitmapping").exists()


def test_unmapped_identifier_mapped_elsewhere_by_others_is_not_taken_over(
    client, world, hospital, failed
):
    other = _unit("H2")
    UnitMapping.objects.create(
        source_system="his", kind=MappingKind.ORGANIZATION, identifier=X9, unit=other
    )
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    response = client.post(
        _url(failed), {"unit_0": _unit("H1-MED").pk, "unit_1": _unit("H1-SUR").pk}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Already mapped to another unit, which you may not change." in page
    main = page[page.index("<main") :]
    # a unit they may not see is not named (a bare "H2" may occur in the random CSRF token)
    assert "H2 · " not in main and "Hospital two" not in main
    assert UnitMapping.objects.get().unit == other  # nothing saved, not even row 2


def test_unmapped_strangers_get_404_and_viewers_403(client, world, hospital, failed):
    role_give(world.viewer, hospital, Role.VIEWER)
    client.force_login(world.stranger)
    assert client.get(_url(failed)).status_code == 404
    assert client.post(_url(failed), {"unit_0": _unit("H1-MED").pk}).status_code == 404
    client.force_login(world.viewer)
    page = client.get(_url(failed)).content.decode()
    assert "unknown org unit" in page  # the report itself
    assert 'name="unit_0"' not in page  # but no form
    assert client.post(_url(failed), {"unit_0": _unit("H1-MED").pk}).status_code == 403
    assert not UnitMapping.objects.exists()


def test_unmapped_no_form_without_unknown_identifiers(client, world, hospital, tmp_path):
    files = _fhir_files([{"reference": "Organization/org-h1-med"}])
    files["Patient.ndjson"] = [patient("p1", gender="robot")]
    record = _import(hospital, _write(tmp_path / "in", files))
    assert record.status == "failed" and record.errors
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    page = client.get(_url(record)).content.decode()
    assert "administrative gender" in page
    assert "Map the unknown organisations and codes" not in page and "unit_0" not in page
    response = client.post(_url(record), {"unit_0": _unit("H1-MED").pk})
    assert response.status_code == 302 and not UnitMapping.objects.exists()


# -- importing again ------------------------------------------------------------------------


# The worker closes its database connection when done, as in production; a
# transactional test lets the next query reconnect (PostgreSQL) instead of failing.
@pytest.mark.django_db(transaction=True)
def test_unmapped_save_and_rerun_imports_the_kept_files_again(
    client, world, hospital, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    folder = Path(settings.UPLOAD_DIR) / uuid.uuid4().hex
    paths = _write(folder, _fhir_files([_by_identifier(X9), _by_identifier(X9)]))
    record = _import(hospital, paths, kept=True)
    assert record.status == "failed"
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    page = client.get(_url(record)).content.decode()
    assert "Save mappings and re-run import" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(record), {"unit_0": _unit("H1-MED").pk, "then": "import"})
    again = ImportRecord.objects.exclude(pk=record.pk).get()
    assert response.status_code == 302 and response.url == _url(again)
    assert again.status == "queued" and again.actor == world.contributor
    assert (again.unit, again.source_system) == (record.unit, record.source_system)
    assert sorted(f["name"] for f in again.files) == sorted(p.name for p in paths)
    assert not folder.exists()  # the new import owns the files now
    page = client.get(_url(record)).content.decode()
    assert "Save mappings and re-run import" not in page  # nothing left to re-run

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    again.refresh_from_db()
    assert again.status == "succeeded", again.errors
    assert again.counts["Encounter"]["inserted"] == 2
    assert not any(Path(settings.UPLOAD_DIR).iterdir())  # and deleted them after the run


# The worker closes its database connection when done, as in production; a
# transactional test lets the next query reconnect (PostgreSQL) instead of failing.
@pytest.mark.django_db(transaction=True)
def test_unmapped_deleted_uploads_save_mappings_and_say_so(
    client, world, hospital, settings, tmp_path, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.UPLOAD_DIR = tmp_path / "uploads"
    role_give(world.contributor, hospital, Role.CONTRIBUTOR)
    client.force_login(world.contributor)
    uploads = [
        SimpleUploadedFile(name, "".join(json.dumps(r) + "\n" for r in resources).encode())
        for name, resources in _fhir_files([_by_identifier(X9)]).items()
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("import-upload"),
            {"unit": hospital.pk, "source_system": "his", "uploads": uploads},
        )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    record = ImportRecord.objects.get()
    assert record.status == "failed"
    page = client.get(_url(record)).content.decode()
    assert "Save mappings and re-run import" not in page and ">Save mappings<" in page
    assert f"?unit={hospital.pk}&amp;source_system=his" in page  # upload them again
    response = client.post(_url(record), {"unit_0": _unit("H1-MED").pk, "then": "import"})
    assert response.status_code == 302 and response.url == _url(record)
    assert UnitMapping.objects.get().identifier == X9
    assert ImportRecord.objects.count() == 1
    page = client.get(_url(record)).content.decode()
    assert "1 mapping saved." in page and "are no longer kept" in page
    form = client.get(reverse("import-upload") + f"?unit={hospital.pk}&source_system=his")
    assert f'<option value="{hospital.pk}" selected>' in form.content.decode()
