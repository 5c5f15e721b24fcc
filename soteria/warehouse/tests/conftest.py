from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from soteria.organisations.models import OrgUnit
from soteria.testing.factories import unit_create

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "fhir"
SYNTHEA = SHARED / "synthea-bulk-10-patients"


@pytest.fixture(autouse=True)
def _private_data_dir(settings: Any, tmp_path: Path) -> None:
    settings.WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.PSEUDONYM_KEY_PATH = tmp_path / "keys" / "pseudonym.key"
    settings.QUARANTINE_DIR = tmp_path / "quarantine"


@pytest.fixture
def hospital(db: None) -> OrgUnit:
    hospital = unit_create("H1", kind="hospital", name={"en": "Hospital one"})
    unit_create("H1-MED", parent=hospital, name={"en": "Internal medicine"})
    unit_create("H1-SUR", parent=hospital, name={"en": "Surgery"})
    unit_create("H2", kind="hospital", name={"en": "Hospital two"})
    return hospital


def org(code: str, org_id: str | None = None) -> dict[str, Any]:
    return {
        "resourceType": "Organization",
        "id": org_id or f"org-{code.lower()}",
        "identifier": [{"system": "urn:soteria:org-unit", "value": code}],
        "name": code,
    }


def patient(pid: str, **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": pid,
        "identifier": [{"system": "urn:oid:2.16.840.1.113883.2.4.6.3", "value": f"NAT{pid}"}],
        "name": [{"family": f"Family{pid}", "given": [f"Given{pid}"]}],
        "telecom": [{"system": "phone", "value": f"+48 600 {pid[-3:]:0>3} 111"}],
        "gender": "female",
        "birthDate": "1948-05-17",
        "address": [
            {
                "line": [f"{pid} Long Street"],
                "city": "Stawnica",
                "postalCode": "64-100",
                "country": "PL",
            }
        ],
        **extra,
    }


def encounter(
    eid: str,
    pid: str,
    unit_org: str = "org-h1-med",
    cls: str = "IMP",
    start: str = "2026-01-10T08:00:00+01:00",
    end: str | None = "2026-01-14T10:00:00+01:00",
    **extra: Any,
) -> dict[str, Any]:
    period = {"start": start} | ({"end": end} if end else {})
    resource = {
        "resourceType": "Encounter",
        "id": eid,
        "status": "finished",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": cls},
        "subject": {"reference": f"Patient/{pid}"},
        "period": period,
        "serviceProvider": {"reference": f"Organization/{unit_org}"},
    }
    resource.update(extra)
    return resource


@pytest.fixture
def write_ndjson(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, resources: list[Any], folder: str = "in") -> Path:
        directory = tmp_path / folder
        directory.mkdir(exist_ok=True)
        path = directory / name
        with open(path, "wb") as handle:
            for resource in resources:
                line = resource if isinstance(resource, bytes) else json.dumps(resource).encode()
                handle.write(line + b"\n")
        return path

    return write
