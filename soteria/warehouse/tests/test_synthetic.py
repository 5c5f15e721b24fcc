"""The synthetic hospital-data generator: counts, determinism, consistency, realism, faults."""

from __future__ import annotations

import csv
import itertools
import json
import tracemalloc
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from soteria.warehouse.synthetic import (
    CSV_FILES,
    FAULT_KINDS,
    NDJSON_FILES,
    GenerationSummary,
    _capacity,
    generate,
)

N = 3_000
WINDOW_END = datetime.fromisoformat("2026-11-01T00:00:00+01:00")


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def read_ndjson(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines(path)]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ts(value: str) -> datetime:
    return datetime.fromisoformat(value)


def code(concept: dict[str, Any]) -> str:
    return concept["coding"][0]["code"]


class Export:
    def __init__(self, path: Path, summary: GenerationSummary) -> None:
        self.path = path
        self.summary = summary
        self.organizations = read_ndjson(path / "Organization.ndjson")
        self.locations = read_ndjson(path / "Location.ndjson")
        self.patients = read_ndjson(path / "Patient.ndjson")
        self.encounters = read_ndjson(path / "Encounter.ndjson")
        self.ed = read_csv(path / "ed_arrivals.csv")
        self.beds = read_csv(path / "bed_capacity.csv")
        self.waiting = read_csv(path / "waiting_list.csv")

    def by_patient(self) -> dict[str, list[dict[str, Any]]]:
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for enc in self.encounters:
            out[enc["subject"]["reference"].removeprefix("Patient/")].append(enc)
        for encs in out.values():
            encs.sort(key=lambda e: ts(e["period"]["start"]))
        return out


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Export:
    path = tmp_path_factory.mktemp("synthetic") / "out"
    progress: list[int] = []
    summary = generate(path, encounters=N, progress=progress.append)
    assert progress and progress[-1] == N
    return Export(path, summary)


def test_exact_counts_and_summary(export: Export) -> None:
    s = export.summary
    assert len(export.encounters) == s.encounters == N
    assert s.resources == {
        "Organization": len(export.organizations),
        "Location": len(export.locations),
        "Patient": len(export.patients),
        "Encounter": N,
    }
    assert s.csv_rows == {
        "ed_arrivals.csv": len(export.ed),
        "bed_capacity.csv": len(export.beds),
        "waiting_list.csv": len(export.waiting),
    }
    assert sum(s.encounters_by_class.values()) == N
    assert s.faults_injected == 0
    for name in NDJSON_FILES + CSV_FILES:
        assert (export.path / name).read_bytes().endswith(b"\n")
    # the class mix is roughly AMB 70%, EMER 12%, IMP 15%, SS 3%
    mix = Counter(e["class"]["code"] for e in export.encounters)
    assert 0.62 < mix["AMB"] / N < 0.78
    assert 0.08 < mix["EMER"] / N < 0.16
    assert 0.11 < mix["IMP"] / N < 0.19
    assert 0.015 < mix["SS"] / N < 0.05
    assert 0.01 < len(export.waiting) / N < 0.04


def test_deterministic(export: Export, tmp_path: Path) -> None:
    generate(tmp_path / "again", encounters=N)
    for name in NDJSON_FILES + CSV_FILES:
        assert (tmp_path / "again" / name).read_bytes() == (export.path / name).read_bytes(), name
    generate(tmp_path / "other", encounters=N, seed=7)
    assert (tmp_path / "other" / "Encounter.ndjson").read_bytes() != (
        export.path / "Encounter.ndjson"
    ).read_bytes()
    assert len(lines(tmp_path / "other" / "Encounter.ndjson")) == N


def test_resources_have_the_required_fields(export: Export) -> None:
    for org in export.organizations:
        assert org["resourceType"] == "Organization" and org["active"] is True
        assert org["identifier"][0]["system"] == "urn:soteria:org-unit"
        assert org["id"] and org["name"]
    for loc in export.locations:
        assert loc["resourceType"] == "Location" and loc["status"] == "active"
        assert code(loc["physicalType"]) in ("wa", "bd")
        if code(loc["physicalType"]) == "wa":
            assert loc["identifier"][0]["system"] == "urn:soteria:org-unit"
            assert "managingOrganization" in loc
        else:
            assert loc["id"].startswith("bed-") and "partOf" in loc
    countries = set()
    for patient in export.patients:
        assert patient["resourceType"] == "Patient"
        assert patient["gender"] in ("male", "female")
        date.fromisoformat(patient["birthDate"])
        national, mrn = patient["identifier"]
        assert national["system"] == "urn:oid:2.16.840.1.113883.2.4.6.3"
        assert code(mrn["type"]) == "MR" and mrn["system"].startswith("urn:soteria:mrn:")
        assert patient["name"][0]["family"] and patient["name"][0]["given"]
        assert patient["telecom"][0]["system"] == "phone"
        ts(patient["meta"]["lastUpdated"].replace("Z", "+00:00"))
        countries.add(patient["address"][0]["country"])
    assert countries == {"PL", "VN", "FI", "DK"}
    for enc in export.encounters:
        assert enc["resourceType"] == "Encounter" and enc["id"]
        assert enc["status"] in ("finished", "in-progress", "cancelled")
        assert enc["class"]["system"] == "http://terminology.hl7.org/CodeSystem/v3-ActCode"
        assert enc["class"]["code"] in ("AMB", "EMER", "IMP", "SS")
        assert enc["identifier"][0]["system"].startswith("urn:soteria:encounter:")
        assert enc["serviceType"]["coding"][0]["system"] == "urn:soteria:specialty"
        assert enc["meta"]["lastUpdated"].endswith("Z")
        start = ts(enc["period"]["start"])
        assert start.tzinfo is not None
        if enc["status"] == "finished":
            assert ts(enc["period"]["end"]) >= start
        else:
            assert "end" not in enc["period"]
        if enc["class"]["code"] == "IMP":
            hosp = enc["hospitalization"]
            assert code(hosp["admitSource"]) in ("emd", "gp", "hosp-trans", "outp", "born", "other")
            if enc["status"] == "finished":
                assert code(hosp["dischargeDisposition"]) in (
                    "home",
                    "other-hcf",
                    "hosp",
                    "snf",
                    "exp",
                    "aadvice",
                    "oth",
                )
                assert 1 <= len(enc["location"]) <= 2
        else:
            assert "hospitalization" not in enc
        if enc["class"]["code"] == "EMER":
            assert len(enc["location"]) == 1
    statuses = Counter(e["status"] for e in export.encounters)
    assert statuses["cancelled"] > 0 and statuses["in-progress"] > 0
    assert statuses["finished"] > 0.95 * N


def test_times_carry_the_local_offset(export: Export) -> None:
    offsets: dict[tuple[str, str], set[str]] = defaultdict(set)
    for enc in export.encounters:
        start = enc["period"]["start"]
        country = enc["identifier"][0]["system"].split(":")[-1][:2]
        offsets[(country, start[5:7])].add(start[-6:])
    assert offsets[("PL", "01")] == {"+01:00"} and offsets[("PL", "07")] == {"+02:00"}
    assert offsets[("FI", "01")] == {"+02:00"} and offsets[("FI", "07")] == {"+03:00"}
    assert offsets[("DK", "01")] == {"+01:00"} and offsets[("DK", "07")] == {"+02:00"}
    assert offsets[("VN", "01")] == {"+07:00"} and offsets[("VN", "07")] == {"+07:00"}


def test_references_resolve(export: Export) -> None:
    org_ids = {o["id"] for o in export.organizations}
    loc_ids = {loc["id"] for loc in export.locations}
    patient_ids = {p["id"] for p in export.patients}
    assert len(patient_ids) == len(export.patients)
    assert len({e["id"] for e in export.encounters}) == N
    assert (
        len(
            {(e["identifier"][0]["system"], e["identifier"][0]["value"]) for e in export.encounters}
        )
        == N
    )
    for org in export.organizations:
        if "partOf" in org:
            assert org["partOf"]["reference"].removeprefix("Organization/") in org_ids
    for loc in export.locations:
        if "managingOrganization" in loc:
            assert loc["managingOrganization"]["reference"].removeprefix("Organization/") in org_ids
        if "partOf" in loc:
            assert loc["partOf"]["reference"].removeprefix("Location/") in loc_ids
    for enc in export.encounters:
        assert enc["subject"]["reference"].removeprefix("Patient/") in patient_ids
        assert enc["serviceProvider"]["reference"].removeprefix("Organization/") in org_ids
        for stay in enc.get("location", []):
            assert stay["location"]["reference"].removeprefix("Location/") in loc_ids
    encounter_ids = {e["id"] for e in export.encounters}
    for row in export.ed:
        assert row["encounter_id"] in encounter_ids and row["patient_id"] in patient_ids
    for row in export.waiting:
        assert row["patient_id"] in patient_ids


def test_no_overlapping_stays(export: Export) -> None:
    for encs in export.by_patient().values():
        stays = [
            e
            for e in encs
            if e["class"]["code"] in ("IMP", "EMER", "SS") and e["status"] != "cancelled"
        ]
        for before, after in itertools.pairwise(stays):
            assert "end" in before["period"], "only the last stay may be ongoing"
            assert ts(after["period"]["start"]) >= ts(before["period"]["end"])


def test_emergency_readmissions_within_30_days(export: Export) -> None:
    discharges = readmitted = 0
    for encs in export.by_patient().values():
        stays = [e for e in encs if e["class"]["code"] == "IMP" and e["status"] != "cancelled"]
        for i, stay in enumerate(stays):
            if stay["status"] != "finished":
                continue
            disposition = code(stay["hospitalization"]["dischargeDisposition"])
            end = ts(stay["period"]["end"])
            if disposition in ("exp", "other-hcf", "hosp") or end > WINDOW_END - timedelta(30):
                continue
            discharges += 1
            readmitted += any(
                code(later["hospitalization"]["admitSource"]) == "emd"
                and ts(later["period"]["start"]) <= end + timedelta(days=30)
                for later in stays[i + 1 :]
            )
    assert discharges > 200
    assert 0.06 <= readmitted / discharges <= 0.14


def test_in_hospital_deaths(export: Export) -> None:
    patients = {p["id"]: p for p in export.patients}
    by_patient = export.by_patient()
    deaths = 0
    stays = 0
    for pid, encs in by_patient.items():
        died = [
            e
            for e in encs
            if e["class"]["code"] == "IMP"
            and e["status"] == "finished"
            and code(e["hospitalization"]["dischargeDisposition"]) == "exp"
        ]
        stays += sum(e["class"]["code"] == "IMP" and e["status"] == "finished" for e in encs)
        if not died:
            assert "deceasedDateTime" not in patients[pid]
            continue
        deaths += 1
        assert len(died) == 1
        death = ts(died[0]["period"]["end"])
        assert ts(patients[pid]["deceasedDateTime"]) == death
        assert all(ts(e["period"]["start"]) <= death for e in encs)
        assert encs[-1] is died[0]
    assert 0.015 < deaths / stays < 0.05


def test_winter_busier_than_summer(export: Export) -> None:
    per_month = Counter(e["period"]["start"][:7] for e in export.encounters)
    winter = [n for month, n in per_month.items() if month[5:] in ("12", "01", "02")]
    summer = [n for month, n in per_month.items() if month[5:] in ("06", "07", "08")]
    assert sum(winter) / len(winter) > 1.08 * sum(summer) / len(summer)
    weekdays = Counter(
        ts(e["period"]["start"]).weekday() for e in export.encounters if e["class"]["code"] == "AMB"
    )
    assert weekdays[5] + weekdays[6] < 0.1 * (weekdays[0] + weekdays[1])


def test_emergency_department_times(export: Export) -> None:
    emergencies = {e["id"]: e for e in export.encounters if e["class"]["code"] == "EMER"}
    assert {row["encounter_id"] for row in export.ed} == set(emergencies)
    assert len(export.ed) == len(emergencies)
    waits = []
    for row in export.ed:
        arrival, triage = ts(row["arrival_time"]), ts(row["triage_time"])
        assert triage >= arrival
        assert row["arrival_time"] == emergencies[row["encounter_id"]]["period"]["start"]
        if row["first_seen_time"]:
            seen = ts(row["first_seen_time"])
            assert seen >= triage
            waits.append((seen - arrival).total_seconds() / 60)
        else:
            assert row["disposition"] in ("left_without_being_seen", "")
        if row["departure_time"]:
            assert ts(row["departure_time"]) >= triage
        assert row["triage_category"] in {"1", "2", "3", "4", "5"}
        assert row["disposition"] in (
            "admitted",
            "discharged",
            "transferred",
            "left_without_being_seen",
            "",
        )
    waits.sort()
    assert 20 <= waits[len(waits) // 2] <= 80
    assert waits[int(len(waits) * 0.9)] > 100
    admitted = sum(row["disposition"] == "admitted" for row in export.ed) / len(export.ed)
    assert 0.18 < admitted < 0.32


@pytest.fixture(scope="module")
def larger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    """One organisation with 20,000 encounters: wards of a few beds each."""
    path = tmp_path_factory.mktemp("synthetic") / "pl"
    return path, generate(path, encounters=20_000, organisations=["PL-WSS"])


def check_beds(path: Path, summary: GenerationSummary) -> dict[str, list[int]]:
    """Bed Locations and bed_capacity.csv agree; returns the beds per ward and month."""
    locations = read_ndjson(path / "Location.ndjson")
    ward_code = {
        loc["id"]: loc["identifier"][0]["value"]
        for loc in locations
        if code(loc["physicalType"]) == "wa"
    }
    bed_ids: dict[str, list[str]] = defaultdict(list)
    for loc in locations:
        if code(loc["physicalType"]) == "bd":
            ward = ward_code[loc["partOf"]["reference"].removeprefix("Location/")]
            bed_ids[ward].append(loc["id"])
    rows = read_csv(path / "bed_capacity.csv")
    months = sorted({row["date"] for row in rows})
    assert len(months) == 34 and all(m.endswith("-01") for m in months)
    capacity: dict[str, list[int]] = defaultdict(list)
    for row in rows:  # ward by ward, month by month
        assert row["date"] == months[len(capacity[row["unit_code"]])]
        capacity[row["unit_code"]].append(int(row["beds"]))
    assert all(len(beds) == len(months) for beds in capacity.values())
    assert all(min(beds) >= 1 for beds in capacity.values())  # a ward with beds keeps one
    # one bed Location for each bed the ward ever has; in some months some stand closed
    assert {ward: len(ids) for ward, ids in bed_ids.items()} == {
        ward: max(beds) for ward, beds in capacity.items()
    }
    for ward, ids in bed_ids.items():
        prefix = ids[0].rsplit("-", 1)[0]
        assert ids == [f"{prefix}-{n}" for n in range(1, len(ids) + 1)]
    assert sum(len(ids) for ids in bed_ids.values()) == summary.beds
    assert len(rows) == summary.bed_capacity
    # inpatients lie in wards with beds; emergency departments have none
    wards_used: dict[str, set[str]] = defaultdict(set)
    for enc in read_ndjson(path / "Encounter.ndjson"):
        for stay in enc.get("location", []):
            ward = ward_code[stay["location"]["reference"].removeprefix("Location/")]
            wards_used[enc["class"]["code"]].add(ward)
    assert wards_used["IMP"] and wards_used["IMP"] <= set(capacity)
    assert wards_used["EMER"] and not wards_used["EMER"] & set(capacity)
    return capacity


def test_bed_capacity_matches_bed_locations(
    export: Export, larger: tuple[Path, GenerationSummary]
) -> None:
    check_beds(export.path, export.summary)
    capacity = check_beds(*larger)
    assert any(max(beds) > 1 for beds in capacity.values())
    assert any(len(set(beds)) > 1 for beds in capacity.values())  # beds change over time
    assert sum(max(beds) for beds in capacity.values()) < 100  # not a real hospital's 430


WINDOW_AFTER = date(2026, 11, 1)  # the day after the window
FULL_YEARS = (2024, 2025)


def bed_days(path: Path) -> tuple[Counter[tuple[str, int, int]], Counter[tuple[str, int, int]]]:
    """Occupied and available bed-days per (ward, year, month), from the files alone.

    Midnight census: an inpatient stay occupies a bed on each (local) calendar day from its
    admission to the day before its discharge, in each ward it lay in (a stay still open: to
    the end of the window). A capacity row's beds are available on each day until the ward's
    next row (the last one: to the end of the window).
    """
    ward_code = {
        loc["id"]: loc["identifier"][0]["value"]
        for loc in read_ndjson(path / "Location.ndjson")
        if code(loc["physicalType"]) == "wa"
    }
    occupied: Counter[tuple[str, int, int]] = Counter()
    for enc in read_ndjson(path / "Encounter.ndjson"):
        if enc["class"]["code"] != "IMP":
            continue
        for stay in enc.get("location", []):
            ward = ward_code[stay["location"]["reference"].removeprefix("Location/")]
            day = date.fromisoformat(stay["period"]["start"][:10])
            end = stay["period"].get("end")
            after = date.fromisoformat(end[:10]) if end else WINDOW_AFTER
            while day < after:
                occupied[ward, day.year, day.month] += 1
                day += timedelta(days=1)
    rows: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for row in read_csv(path / "bed_capacity.csv"):
        rows[row["unit_code"]].append((date.fromisoformat(row["date"]), int(row["beds"])))
    available: Counter[tuple[str, int, int]] = Counter()
    for ward, spans in rows.items():
        spans.sort()
        for (day, beds), (after, _) in itertools.pairwise([*spans, (WINDOW_AFTER, 0)]):
            while day < after:
                available[ward, day.year, day.month] += beds
                day += timedelta(days=1)
    return occupied, available


def per_year(days: Counter[tuple[str, int, int]]) -> Counter[tuple[str, int]]:
    out: Counter[tuple[str, int]] = Counter()
    for (ward, year, _), n in days.items():
        out[ward, year] += n
    return out


def test_bed_occupancy_is_believable(larger: tuple[Path, GenerationSummary]) -> None:
    occupied, available = bed_days(larger[0])
    assert set(occupied) <= set(available)  # no patient in a month without beds
    used, beds = per_year(occupied), per_year(available)
    wards = {ward for ward, _ in beds}
    assert len(wards) == 14
    for year in (2024, 2025, 2026):  # the organisation (real-sized wards gave 1-5 %)
        total = sum(used[ward, year] for ward in wards) / sum(beds[ward, year] for ward in wards)
        assert 0.7 <= total <= 0.92, (year, total)
    ward_years = [(ward, year) for ward in wards for year in FULL_YEARS]
    occupancy = {k: used[k] / beds[k] for k in ward_years}
    believable = [k for k in ward_years if 0.6 <= occupancy[k] <= 1.0]
    assert len(believable) >= 0.65 * len(ward_years), sorted(occupancy.items())
    # nearly all the patients' nights are spent on such wards: the rest get too few patients
    # to fill even one bed (an intensive care unit, a paediatric ward), and keep one
    assert sum(used[k] for k in believable) >= 0.9 * sum(used[k] for k in ward_years)
    for k in ward_years:
        assert occupancy[k] <= 1.0
        if used[k] >= 365:  # a patient or more a night: 70-97 % over the year
            assert 0.7 <= occupancy[k] <= 0.97, (k, occupancy[k])
    # fuller in winter than in summer; more patients than beds in some busy months
    winter = [k for k in available if k[2] in (12, 1, 2, 3)]
    summer = [k for k in available if k[2] in (7, 8)]
    assert sum(occupied[k] for k in winter) / sum(available[k] for k in winter) > sum(
        occupied[k] for k in summer
    ) / sum(available[k] for k in summer)
    assert any(occupied[k] > available[k] for k in available)


@pytest.mark.parametrize("organisation", ["PL-WSS", "VN-UBLG", "FI-JVL", "DK-RFJ"])
def test_bed_occupancy_at_demo_size(organisation: str, tmp_path: Path) -> None:
    """6,000 encounters fill only some 7 beds a night across an organisation's 5-14 wards:
    the wards that fill a bed or more run at a believable occupancy, the emptier ones keep a
    single bed (so the organisation's own figure is lower, not the 1-5 % of real-sized beds)."""
    generate(tmp_path, encounters=6_000, organisations=[organisation])
    occupied, available = bed_days(tmp_path)
    assert set(occupied) <= set(available)
    used, beds = per_year(occupied), per_year(available)
    wards = {ward for ward, _ in beds}
    for year in (2024, 2025, 2026):
        total = sum(used[ward, year] for ward in wards) / sum(beds[ward, year] for ward in wards)
        assert 0.35 <= total <= 0.95, (year, total)
    ward_years = [(ward, year) for ward in wards for year in FULL_YEARS]
    occupancy = {k: used[k] / beds[k] for k in ward_years}
    full = [k for k in ward_years if used[k] >= 365]
    assert full
    assert all(0.65 <= occupancy[k] <= 1.0 for k in full), sorted(occupancy.items())
    believable = [k for k in ward_years if 0.6 <= occupancy[k] <= 1.0]
    assert sum(used[k] for k in believable) >= 0.5 * sum(used[k] for k in ward_years)


def test_capacity_follows_the_load() -> None:
    months = [date(2024 + m // 12, m % 12 + 1, 1) for m in range(36)]
    days = [((d + timedelta(days=32)).replace(day=1) - d).days for d in months]
    # a large ward: 40 patients a night, more in winter, fewer in July and August
    season = {12: 1.05, 1: 1.1, 2: 1.1, 3: 1.05, 7: 0.85, 8: 0.85}
    used = [round(40 * season.get(d.month, 1.0) * n) for d, n in zip(months, days, strict=True)]
    beds = _capacity(used, days, months, 0.85)
    year = slice(12, 24)
    available = [b * n for b, n in zip(beds, days, strict=True)]
    assert 0.82 <= sum(used[year]) / sum(available[year]) <= 0.86
    assert max(beds[year]) - min(beds[year]) <= 3  # a couple of beds opened for the winter
    february, july = 13, 18
    assert beds[february] > beds[july]
    assert used[february] / available[february] > 0.87 > 0.75 > used[july] / available[july]
    # a small ward: 1.2 patients a night, on one bed in some months and two in others
    used = [round(1.2 * n) for n in days]
    beds = _capacity(used, days, months, 0.85)
    assert set(beds) == {1, 2}
    assert 0.8 <= sum(used) / sum(b * n for b, n in zip(beds, days, strict=True)) <= 0.9
    # a ward without patients keeps a bed
    assert _capacity([0] * 36, days, months, 0.85) == [1] * 36


def test_national_identifiers_and_addresses(export: Export) -> None:
    postal = {"PL": r"\d\d-\d\d\d", "FI": r"\d{5}", "DK": r"\d{4}", "VN": r"\d{6}"}
    import re

    for patient in export.patients:
        address = patient["address"][0]
        country = address["country"]
        assert re.fullmatch(postal[country], address["postalCode"])
        value = patient["identifier"][0]["value"]
        born = date.fromisoformat(patient["birthDate"])
        if country == "PL":
            weights = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
            assert len(value) == 11 and value.isdigit()
            assert (sum(int(d) * w for d, w in zip(value, weights)) + int(value[10])) % 10 == 0
            assert int(value[9]) % 2 == (patient["gender"] == "male")
        elif country == "FI":
            assert re.fullmatch(r"\d{6}[-A]\d{3}[0-9A-Y]", value)
            assert value[:6] == born.strftime("%d%m%y")
            assert "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(value[:6] + value[7:10]) % 31] == value[10]
        elif country == "DK":
            assert re.fullmatch(r"\d{6}-\d{4}", value) and value[:6] == born.strftime("%d%m%y")
        else:
            assert re.fullmatch(r"\d{12}", value)


def test_organisation_filter_and_validation(tmp_path: Path) -> None:
    summary = generate(tmp_path / "pl", encounters=1_000, organisations=["PL-WSS"])
    units = {
        o["identifier"][0]["value"] for o in read_ndjson(tmp_path / "pl" / "Organization.ndjson")
    }
    assert units and all(u.startswith("PL-WSS") for u in units)
    assert "PL-WSS-ZDL" not in units and "PL-WSS-APT" not in units  # laboratory, pharmacy
    assert summary.hospitals == 1 and summary.encounters == 1_000
    with pytest.raises(ValueError, match="unknown organisation"):
        generate(tmp_path / "x", encounters=1_000, organisations=["XX-NOPE"])
    with pytest.raises(ValueError, match="encounters"):
        generate(tmp_path / "x", encounters=999)


def is_broken(line: str, org_ids: set[str]) -> bool:
    try:
        enc = json.loads(line)
    except json.JSONDecodeError:
        return True
    if "status" not in enc:
        return True
    if enc["serviceProvider"]["reference"].removeprefix("Organization/") not in org_ids:
        return True
    try:
        start = ts(enc["period"]["start"])
        end = ts(enc["period"]["end"]) if "end" in enc["period"] else None
    except ValueError:
        return True
    return end is not None and end < start


def test_faults(export: Export, tmp_path: Path) -> None:
    summary = generate(tmp_path / "faulty", encounters=N, faults=0.05)
    org_ids = {o["id"] for o in export.organizations}
    faulty = lines(tmp_path / "faulty" / "Encounter.ndjson")
    clean = lines(export.path / "Encounter.ndjson")
    assert len(faulty) == N == summary.encounters
    broken = [i for i, line in enumerate(faulty) if is_broken(line, org_ids)]
    assert len(broken) == summary.faults_injected == sum(summary.faults_by_kind.values())
    assert 0.03 * N < len(broken) < 0.07 * N
    assert set(summary.faults_by_kind) == set(FAULT_KINDS)
    # the faults draw on their own random numbers: every other line is as without faults
    assert [i for i, (a, b) in enumerate(zip(faulty, clean, strict=True)) if a != b] == broken
    assert not any(is_broken(line, org_ids) for line in clean)


def test_memory_stays_flat(tmp_path: Path) -> None:
    peaks = []
    for n in (5_000, 50_000):
        tracemalloc.start()
        try:
            generate(tmp_path / str(n), encounters=n)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    assert len(lines(tmp_path / "50000" / "Encounter.ndjson")) == 50_000
    assert peaks[1] < 2 * peaks[0], peaks


def test_management_command(tmp_path: Path) -> None:
    out, err = StringIO(), StringIO()
    args = ["--encounters", "1000", "--organisation", "FI-JVL", "DK-RFJ", "--faults", "0.01"]
    call_command("generate_hospital_data", str(tmp_path / "cmd"), *args, stdout=out, stderr=err)
    assert "Wrote 1,000 encounters" in out.getvalue()
    assert "4 hospitals" in out.getvalue()
    assert len(lines(tmp_path / "cmd" / "Encounter.ndjson")) == 1_000
    patients = read_ndjson(tmp_path / "cmd" / "Patient.ndjson")
    assert {p["address"][0]["country"] for p in patients} == {"FI", "DK"}
    with pytest.raises(CommandError, match="encounters"):
        call_command(
            "generate_hospital_data", str(tmp_path / "bad"), "--encounters", "10", stdout=out
        )
