"""Deterministic synthetic hospital data: a FHIR R4 Bulk Data export plus HIS-style CSV files.

``generate()`` invents patients and their hospital encounters for the hospitals of the demo
organisations (``soteria.demo.content.ORGANISATIONS``) and writes

- ``Organization.ndjson``, ``Location.ndjson``, ``Patient.ndjson``, ``Encounter.ndjson``
  (one resource a line, as a FHIR Bulk Data export), and
- ``ed_arrivals.csv``, ``bed_capacity.csv``, ``waiting_list.csv``.

It streams: patients are made one at a time, each with its whole history of encounters,
written out at once and forgotten, so memory stays flat whatever the number of encounters.
Everything comes from ``random.Random`` instances seeded from ``seed``: the same arguments
give byte-identical files. Times are kept as integer UTC minutes since the window's first day
and turned into ISO strings through precomputed tables (local offsets follow the EU summer
time rules for Poland, Finland and Denmark; Vietnam is UTC+07:00 all year).

The model, in short: every patient belongs to one hospital and has a handful of index events
(outpatient visits, emergency visits, planned admissions, day surgery) spread over the window
with seasonal (winter peak) and weekday patterns. Events are played in time order: emergency
visits may lead to an admission that starts when the patient leaves the emergency department;
stays have specialty-dependent log-normal lengths, may move between departments, may end in
death (after which the patient has no further encounters) or a transfer; about one alive
discharge in ten is followed by an emergency readmission within 30 days, and otherwise no
admission follows within 30 days. Stays of one patient never overlap.

Bed capacity fits the load rather than a real hospital's size (which 6,000 encounters could
never fill): while the stays are written, the bed-days of each ward and month are counted
(midnight census), and at the end each ward's beds are sized from them (``_capacity``), so
Location.ndjson (one Location per bed) and bed_capacity.csv are written last.
"""

from __future__ import annotations

import bisect
import functools
import gc
import heapq
import itertools
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, BinaryIO, TextIO, TypeVar

import msgspec

__all__ = [
    "CSV_FILES",
    "FAULT_KINDS",
    "NDJSON_FILES",
    "GenerationSummary",
    "generate",
]

MIN_ENCOUNTERS = 1_000
MAX_ENCOUNTERS = 10_000_000
PROGRESS_EVERY = 10_000

NDJSON_FILES = ("Organization.ndjson", "Location.ndjson", "Patient.ndjson", "Encounter.ndjson")
CSV_FILES = ("ed_arrivals.csv", "bed_capacity.csv", "waiting_list.csv")
FAULT_KINDS = (
    "truncated",
    "missing_status",
    "end_before_start",
    "unknown_organization",
    "malformed_date",
)

ORG_UNIT_SYSTEM = "urn:soteria:org-unit"
NATIONAL_ID_SYSTEM = "urn:oid:2.16.840.1.113883.2.4.6.3"
SPECIALTY_SYSTEM = "urn:soteria:specialty"
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ADMIT_SOURCE_SYSTEM = "http://terminology.hl7.org/CodeSystem/admit-source"
DISCHARGE_SYSTEM = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
PHYSICAL_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/location-physical-type"
IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203"

ED_HEADER = (
    "arrival_id,encounter_id,patient_id,unit_code,arrival_time,triage_time,"
    "first_seen_time,departure_time,triage_category,disposition\n"
)
BED_HEADER = "unit_code,date,beds\n"
WAITING_HEADER = "entry_id,patient_id,unit_code,specialty,listed_on,removed_on,removal_reason\n"

DAY = 1440  # minutes
_PAD_DAYS = 400  # days of date tables before the window and after it
_NEVER = -(1 << 60)
_T = TypeVar("_T")
_FOREVER = 1 << 60


# --- the result ------------------------------------------------------------------------------


@dataclass
class GenerationSummary:
    """What ``generate()`` wrote."""

    path: Path
    seed: int
    hospitals: int = 0
    organizations: int = 0
    locations: int = 0
    beds: int = 0
    patients: int = 0
    encounters: int = 0
    ed_arrivals: int = 0
    bed_capacity: int = 0
    waiting_list: int = 0
    deaths: int = 0
    readmissions: int = 0
    faults_injected: int = 0
    encounters_by_class: dict[str, int] = field(default_factory=dict)
    faults_by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def resources(self) -> dict[str, int]:
        """Lines written per FHIR resource type."""
        return {
            "Organization": self.organizations,
            "Location": self.locations,
            "Patient": self.patients,
            "Encounter": self.encounters,
        }

    @property
    def csv_rows(self) -> dict[str, int]:
        """Data rows (without the header) per CSV file."""
        return {
            "ed_arrivals.csv": self.ed_arrivals,
            "bed_capacity.csv": self.bed_capacity,
            "waiting_list.csv": self.waiting_list,
        }

    def describe(self) -> str:
        """One paragraph for people."""
        classes = ", ".join(f"{code} {n:,}" for code, n in sorted(self.encounters_by_class.items()))
        faults = (
            f" {self.faults_injected:,} encounter lines were deliberately broken "
            f"({', '.join(f'{k} {v:,}' for k, v in sorted(self.faults_by_kind.items()))})."
            if self.faults_injected
            else ""
        )
        return (
            f"Wrote {self.encounters:,} encounters ({classes}) for {self.patients:,} patients "
            f"of {self.hospitals} hospital{'' if self.hospitals == 1 else 's'} "
            f"({self.organizations:,} Organization and "
            f"{self.locations:,} Location resources, {self.beds:,} beds) to {self.path}, with "
            f"{self.ed_arrivals:,} emergency arrivals, {self.bed_capacity:,} bed-capacity rows "
            f"and {self.waiting_list:,} waiting-list entries; {self.deaths:,} patients died in "
            f"hospital and {self.readmissions:,} discharges were followed by an emergency "
            f"readmission within 30 days (seed {self.seed}).{faults}"
        )


# --- specialties -----------------------------------------------------------------------------

# Age bands: 0 = under 1, 1 = 1–17, 2 = 18–49, 3 = 50–64, 4 = 65 and over.
_ALL_AGES = (1.0, 1.0, 1.0, 1.0, 1.0)
_ADULTS = (0.0, 0.0, 1.0, 1.0, 1.0)


@dataclass(frozen=True, slots=True)
class _Profile:
    key: str
    # The size of a department of this kind in a real hospital, in beds ((0, 0): no inpatient
    # beds). It weighs how many of the patients go there; the beds written out are sized from
    # the load the patients make (see ``_capacity``), so that they fit any volume of data.
    beds: tuple[int, int]
    los_median: float = 4.0  # days
    los_sigma: float = 0.8
    mortality: float = 0.01
    amb: float = 0.0  # relative weights of the department for each kind of encounter
    ss: float = 0.0
    elective: float = 0.0
    emergency: float = 0.0
    ages: tuple[float, float, float, float, float] = _ADULTS
    female_only: bool = False
    transfer: float = 0.04  # share of stays moving to another department


_PROFILES = {
    p.key: p
    for p in (
        _Profile("emergency", (0, 0), ages=_ALL_AGES),
        _Profile("icu", (8, 12), 3.5, 0.9, 0.14, 0, 0, 0.4, 1.2, transfer=0.65),
        _Profile("internal", (40, 60), 5.0, 0.75, 0.045, 8, 0.5, 3, 10, (0, 0, 0.6, 1, 1.3)),
        _Profile("cardiology", (30, 45), 3.5, 0.7, 0.03, 6, 1.2, 3, 5, (0, 0, 0.3, 1, 1.3)),
        _Profile("surgery", (30, 45), 4.0, 0.85, 0.012, 6, 5, 6, 4),
        _Profile("orthopaedics", (30, 40), 4.5, 0.7, 0.01, 7, 4, 5, 3, (0, 0.4, 1, 1, 1)),
        _Profile(
            "obstetrics",
            (25, 35),
            2.8,
            0.3,
            0.0005,
            5,
            2,
            4,
            2,
            (0, 0, 1, 0.35, 0.12),
            female_only=True,
            transfer=0.01,
        ),
        _Profile("neonatology", (15, 25), 4.0, 0.9, 0.01, 1, 0, 0.3, 0.5, (1, 0, 0, 0, 0)),
        _Profile("paediatrics", (20, 30), 2.5, 0.75, 0.002, 6, 1, 2, 5, (1, 1, 0, 0, 0)),
        _Profile(
            "paediatric_oncology", (15, 20), 6.0, 0.8, 0.02, 3, 0.5, 2, 0.3, (0.3, 1, 0, 0, 0)
        ),
        _Profile("child_psychiatry", (10, 20), 25.0, 0.7, 0.001, 3, 0, 1, 0.5, (0, 1, 0, 0, 0)),
        _Profile("neurology", (30, 40), 6.0, 0.7, 0.05, 4, 0, 1.5, 4, (0, 0, 0.6, 1, 1.3)),
        _Profile("oncology", (25, 35), 5.0, 0.8, 0.06, 9, 3, 5, 1.5, (0, 0, 0.6, 1, 1.1)),
        _Profile("radiotherapy", (15, 25), 7.0, 0.6, 0.02, 8, 1, 3, 0.2, (0, 0, 0.6, 1, 1)),
        _Profile("palliative", (10, 20), 9.0, 0.8, 0.33, 1.5, 0, 1, 1, (0, 0, 0.4, 1, 1.3)),
        _Profile("geriatrics", (25, 35), 9.0, 0.6, 0.07, 2, 0, 1, 4, (0, 0, 0, 0.1, 1)),
        _Profile("long_term_care", (30, 45), 45.0, 0.7, 0.08, 0, 0, 0.6, 0.3, (0, 0, 0, 0.3, 1)),
        _Profile("psychiatry", (25, 40), 20.0, 0.8, 0.002, 5, 0, 1.5, 1.5, (0, 0, 1, 0.8, 0.5)),
        _Profile("rehabilitation", (20, 30), 18.0, 0.5, 0.005, 3, 0, 2, 0.1, (0, 0, 0.7, 1, 1)),
        _Profile("outpatient", (0, 0), amb=15, ages=(0.5, 1, 1, 1, 1)),
        _Profile("nuclear_medicine", (0, 0), amb=3),
        _Profile("general", (20, 30), 4.5, 0.8, 0.02, 4, 1, 2, 3),
    )
}

# The bed occupancy a ward is run at over a year (a range; each ward has its own figure in it):
# lower where beds must be free for the unplanned (intensive care, maternity, children),
# higher on medical, long-stay and psychiatric wards.
_OCCUPANCY_AIM = {
    "icu": (0.70, 0.82),
    "obstetrics": (0.68, 0.80),
    "neonatology": (0.70, 0.82),
    "paediatrics": (0.68, 0.80),
    "child_psychiatry": (0.80, 0.91),
    "internal": (0.84, 0.93),
    "geriatrics": (0.83, 0.93),
    "psychiatry": (0.83, 0.93),
    "rehabilitation": (0.82, 0.92),
    "long_term_care": (0.86, 0.94),
}
_OCCUPANCY_AIM_OTHERS = (0.76, 0.88)

# First match wins, on the lower-cased English name.
_PROFILE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("emergency", ("emergency", "acute admission")),
    ("paediatric_oncology", ("paediatric oncology", "pediatric oncology")),
    ("child_psychiatry", ("child and adolescent psychiatry",)),
    ("neonatology", ("neonat",)),
    ("rehabilitation", ("rehabilitation",)),
    ("cardiology", ("cardiolog",)),
    ("orthopaedics", ("orthopaed", "orthoped", "trauma")),
    ("palliative", ("palliative",)),
    ("radiotherapy", ("radiotherap",)),
    ("nuclear_medicine", ("nuclear medicine",)),
    ("surgery", ("surg",)),
    ("icu", ("intensive care",)),
    ("paediatrics", ("paediatric", "pediatric")),
    ("obstetrics", ("obstetric", "gynaec", "gynec", "maternity")),
    ("oncology", ("oncolog", "chemotherapy")),
    ("geriatrics", ("geriatric",)),
    ("long_term_care", ("long-term", "residential care", "nursing home")),
    ("psychiatry", ("psychiatr", "mental health")),
    ("neurology", ("neurolog", "stroke")),
    ("internal", ("internal medicine", "medicine")),
    ("outpatient", ("outpatient",)),
)
# Units that never hold patients: diagnostics, pharmacy, theatres.
_NON_CLINICAL_CODES = frozenset(
    {
        "LAB",
        "ZDL",
        "APT",
        "PHARM",
        "DUOC",
        "ZDO",
        "CDHA",
        "BDA",
        "GPB",
        "BLOK",
        "KUVA",
        "IMAGING",
        "RADIOL",
        "PATH",
        "XRAY",
    }
)
_NON_CLINICAL_WORDS = (
    "laborator",
    "pharmac",
    "imaging",
    "radiolog",
    "patholog",
    "x-ray",
    "operating theatre",
    "theatre suite",
    "steril",
)
# Ward children that are not where a department's inpatients sleep.
_NON_BED_WARD_WORDS = ("day ", "day-", "daycare", "recovery", "delivery suite", "theatre")


def _profile_for(code: str, name: str) -> _Profile | None:
    """The specialty profile of a department, or None for units without patients."""
    lower = name.lower()
    if code.rsplit("-", 1)[-1].upper() in _NON_CLINICAL_CODES or any(
        word in lower for word in _NON_CLINICAL_WORDS
    ):
        return None
    for key, words in _PROFILE_WORDS:
        if any(word in lower for word in words):
            return _PROFILES[key]
    return _PROFILES["general"]


# --- countries -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Country:
    code: str
    std_offset: int  # minutes east of UTC
    eu_dst: bool
    summer_planned: tuple[float, ...]  # planned-activity factor per month (1–12)
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]
    family: tuple[tuple[str, str], ...]  # (male form, female form)
    places: tuple[tuple[str, str], ...]  # (city, postal code)
    streets: tuple[str, ...]


_PL = _Country(
    "PL",
    60,
    True,
    (1, 1, 1, 1, 1, 0.95, 0.85, 0.85, 1, 1, 1, 1),
    (
        "Jan",
        "Piotr",
        "Krzysztof",
        "Andrzej",
        "Tomasz",
        "Paweł",
        "Marek",
        "Michał",
        "Grzegorz",
        "Józef",
        "Marcin",
        "Stanisław",
        "Adam",
        "Łukasz",
        "Zbigniew",
        "Jerzy",
        "Kamil",
        "Jakub",
    ),
    (
        "Anna",
        "Maria",
        "Katarzyna",
        "Małgorzata",
        "Agnieszka",
        "Barbara",
        "Ewa",
        "Krystyna",
        "Elżbieta",
        "Zofia",
        "Joanna",
        "Magdalena",
        "Monika",
        "Danuta",
        "Irena",
        "Julia",
        "Halina",
    ),
    (
        ("Nowak", "Nowak"),
        ("Kowalski", "Kowalska"),
        ("Wiśniewski", "Wiśniewska"),
        ("Wójcik", "Wójcik"),
        ("Kowalczyk", "Kowalczyk"),
        ("Kamiński", "Kamińska"),
        ("Lewandowski", "Lewandowska"),
        ("Zieliński", "Zielińska"),
        ("Szymański", "Szymańska"),
        ("Woźniak", "Woźniak"),
        ("Dąbrowski", "Dąbrowska"),
        ("Kozłowski", "Kozłowska"),
        ("Mazur", "Mazur"),
        ("Krawczyk", "Krawczyk"),
        ("Kaczmarek", "Kaczmarek"),
        ("Stawicki", "Stawicka"),
        ("Grabowski", "Grabowska"),
        ("Pawlak", "Pawlak"),
    ),
    (
        ("Stawnica", "64-100"),
        ("Borowiec", "64-120"),
        ("Lipnica Wielka", "64-130"),
        ("Zielonka Dolna", "64-140"),
        ("Kamienny Most", "64-150"),
        ("Olszowa", "64-160"),
    ),
    (
        "ul. Lipowa",
        "ul. Polna",
        "ul. Leśna",
        "ul. Słoneczna",
        "ul. Krótka",
        "ul. Szkolna",
        "ul. Ogrodowa",
        "ul. Łąkowa",
        "ul. Kościuszki",
        "ul. Mickiewicza",
        "ul. Kwiatowa",
    ),
)
_FI = _Country(
    "FI",
    120,
    True,
    (1, 1, 1, 1, 1, 0.85, 0.55, 0.9, 1, 1, 1, 1),
    (
        "Juhani",
        "Mikko",
        "Matti",
        "Timo",
        "Jari",
        "Antti",
        "Kari",
        "Pekka",
        "Heikki",
        "Markku",
        "Jukka",
        "Ville",
        "Eero",
        "Onni",
        "Leo",
        "Väinö",
    ),
    (
        "Maria",
        "Anna",
        "Helena",
        "Johanna",
        "Tuula",
        "Päivi",
        "Aino",
        "Sari",
        "Riitta",
        "Anne",
        "Liisa",
        "Eeva",
        "Kaarina",
        "Elina",
        "Sofia",
        "Aada",
    ),
    tuple(
        (n, n)
        for n in (
            "Korhonen",
            "Virtanen",
            "Mäkinen",
            "Nieminen",
            "Mäkelä",
            "Hämäläinen",
            "Laine",
            "Heikkinen",
            "Koskinen",
            "Järvinen",
            "Lehtonen",
            "Saarinen",
            "Salminen",
            "Heinonen",
            "Niemi",
            "Heikkilä",
            "Kinnunen",
            "Turunen",
        )
    ),
    (
        ("Järvilaakso", "40100"),
        ("Harjula", "41300"),
        ("Koivuranta", "41500"),
        ("Saarikoski", "42100"),
        ("Lehtovaara", "42300"),
        ("Myllykylä", "43100"),
    ),
    (
        "Koivutie",
        "Rantatie",
        "Mäntytie",
        "Kirkkokatu",
        "Myllytie",
        "Kuusitie",
        "Koulutie",
        "Puistokatu",
        "Harjutie",
        "Järvitie",
    ),
)
_DK = _Country(
    "DK",
    60,
    True,
    (1, 1, 1, 1, 1, 0.9, 0.6, 0.9, 1, 1, 1, 1),
    (
        "Peter",
        "Jens",
        "Lars",
        "Michael",
        "Henrik",
        "Søren",
        "Thomas",
        "Niels",
        "Anders",
        "Jesper",
        "Rasmus",
        "Mads",
        "Frederik",
        "Christian",
        "Morten",
        "Poul",
    ),
    (
        "Anne",
        "Kirsten",
        "Mette",
        "Hanne",
        "Helle",
        "Susanne",
        "Lene",
        "Maria",
        "Marianne",
        "Karen",
        "Camilla",
        "Louise",
        "Ida",
        "Emma",
        "Freja",
        "Sofie",
    ),
    tuple(
        (n, n)
        for n in (
            "Nielsen",
            "Jensen",
            "Hansen",
            "Pedersen",
            "Andersen",
            "Christensen",
            "Larsen",
            "Sørensen",
            "Rasmussen",
            "Jørgensen",
            "Petersen",
            "Madsen",
            "Kristensen",
            "Olsen",
            "Thomsen",
            "Poulsen",
            "Møller",
            "Mortensen",
        )
    ),
    (
        ("Kildebjerg", "7400"),
        ("Strandvig", "7500"),
        ("Bøgelund", "7600"),
        ("Fjordby", "7620"),
        ("Egeskov", "7660"),
        ("Havnsø", "7680"),
    ),
    (
        "Skovvej",
        "Kirkevej",
        "Strandvejen",
        "Møllevej",
        "Bakkevej",
        "Engvej",
        "Søndergade",
        "Nørregade",
        "Vestergade",
        "Østergade",
    ),
)
_VN = _Country(
    "VN",
    420,
    False,
    (1, 0.9, 1, 1, 1, 1, 0.95, 0.95, 1, 1, 1, 1),
    (
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hải",
        "Hùng",
        "Khang",
        "Long",
        "Minh",
        "Nam",
        "Phúc",
        "Quân",
        "Sơn",
        "Tuấn",
        "Việt",
    ),
    (
        "Anh",
        "Châu",
        "Dung",
        "Hà",
        "Hạnh",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Phương",
        "Thảo",
        "Trang",
        "Yến",
    ),
    tuple(
        (n, n)
        for n in (
            "Nguyễn",
            "Trần",
            "Lê",
            "Phạm",
            "Hoàng",
            "Huỳnh",
            "Phan",
            "Vũ",
            "Võ",
            "Đặng",
            "Bùi",
            "Đỗ",
            "Hồ",
            "Ngô",
            "Dương",
            "Lý",
        )
    ),
    (
        ("Lam Giang", "530000"),
        ("Đông Giang", "531000"),
        ("Tây Sơn Hạ", "532000"),
        ("Bến Lam", "533000"),
        ("Phú Giang", "534000"),
    ),
    (
        "Lê Lợi",
        "Trần Hưng Đạo",
        "Nguyễn Huệ",
        "Hai Bà Trưng",
        "Quang Trung",
        "Lý Thường Kiệt",
        "Điện Biên Phủ",
        "Phan Chu Trinh",
    ),
)
_COUNTRIES = {"pl": _PL, "fi": _FI, "da": _DK, "vi": _VN}
_VN_MIDDLE_MALE = ("Văn", "Đức", "Minh", "Quang", "Hữu", "Thành")
_VN_MIDDLE_FEMALE = ("Thị", "Ngọc", "Thu", "Thanh", "Kim")
_VN_PROVINCES = ("001", "031", "048", "052", "056", "079", "083", "089")
_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_PESEL_WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)
# Lunar New Year (first day): planned activity pauses around it in Vietnam.
_TET = (
    date(2023, 1, 22),
    date(2024, 2, 10),
    date(2025, 1, 29),
    date(2026, 2, 17),
    date(2027, 2, 6),
    date(2028, 1, 26),
    date(2029, 2, 13),
    date(2030, 2, 3),
)


def _national_id(country: _Country, born: date, female: bool, rng: random.Random) -> str:
    dd, mm, yy = born.day, born.month, born.year % 100
    if country.code == "PL":
        month = mm + (20 if born.year >= 2000 else 0)
        serial = int(rng.random() * 1000) * 10 + 2 * int(rng.random() * 5) + (0 if female else 1)
        digits = f"{yy:02d}{month:02d}{dd:02d}{serial:04d}"
        check = 10 - sum(map(int.__mul__, map(int, digits), _PESEL_WEIGHTS)) % 10
        return f"{digits}{check % 10}"
    if country.code == "FI":
        number = (1 + int(rng.random() * 449)) * 2 + (0 if female else 1)
        sign = "A" if born.year >= 2000 else "-"
        mark = _HETU_CHECK[int(f"{dd:02d}{mm:02d}{yy:02d}{number:03d}") % 31]
        return f"{dd:02d}{mm:02d}{yy:02d}{sign}{number:03d}{mark}"
    if country.code == "DK":
        first = 4 if born.year >= 2000 else int(rng.random() * 4)
        last = 2 * int(rng.random() * 5) + (0 if female else 1)
        return f"{dd:02d}{mm:02d}{yy:02d}-{first}{int(rng.random() * 100):02d}{last}"
    century = (2 if born.year >= 2000 else 0) + (1 if female else 0)
    province = _VN_PROVINCES[int(rng.random() * len(_VN_PROVINCES))]
    return f"{province}{century}{yy:02d}{int(rng.random() * 1_000_000):06d}"


def _phone(country: _Country, rng: random.Random) -> str:
    rnd = rng.random
    a, b, c = int(rnd() * 1000), int(rnd() * 1000), int(rnd() * 10000)
    if country.code == "PL":
        return f"+48 {500 + a % 400} {b:03d} {c % 1000:03d}"
    if country.code == "FI":
        return f"+358 {40 + a % 11} {b:03d} {c:04d}"
    if country.code == "DK":
        return f"+45 {20 + a % 80} {b % 100:02d} {c % 100:02d} {c // 100:02d}"
    return f"+84 9{a % 10} {b:03d} {c:04d}"


def _names(country: _Country, female: bool, rng: random.Random) -> tuple[str, list[str]]:
    """(family name, given names)."""
    rnd = rng.random
    family = country.family[int(rnd() * len(country.family))][1 if female else 0]
    first_names = country.female_given if female else country.male_given
    if country.code == "VN":  # a middle name, then the given name
        middle = _VN_MIDDLE_FEMALE if female else _VN_MIDDLE_MALE
        return family, [
            middle[int(rnd() * len(middle))],
            first_names[int(rnd() * len(first_names))],
        ]
    given = [first_names[int(rnd() * len(first_names))]]
    if rnd() < (0.5 if country.code == "FI" else 0.15):
        second = first_names[int(rnd() * len(first_names))]
        if second != given[0]:
            given.append(second)
    return family, given


def _street_line(country: _Country, rng: random.Random) -> str:
    street = country.streets[int(rng.random() * len(country.streets))]
    number = 1 + int(rng.random() * 119)
    if country.code == "VN":
        return f"{number} {street}"
    if country.code == "PL" and rng.random() < 0.5:
        return f"{street} {number}/{1 + int(rng.random() * 59)}"
    if country.code == "FI" and rng.random() < 0.4:
        return f"{street} {number} {'ABC'[int(rng.random() * 3)]} {1 + int(rng.random() * 29)}"
    return f"{street} {number}"


# --- time ------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


_HM = tuple(f"T{m // 60:02d}:{m % 60:02d}:00" for m in range(DAY))
_HMZ = tuple(f"{hm}Z" for hm in _HM)


class _Clock:
    """Integer UTC minutes since the window's first day at 00:00 UTC ↔ ISO 8601 strings.

    Day indices run from ``-_PAD_DAYS``; list index = day + ``_PAD_DAYS``.
    """

    def __init__(self, start: date, ndays: int, std_offset: int, eu_dst: bool) -> None:
        n = ndays + 2 * _PAD_DAYS
        first = start - timedelta(days=_PAD_DAYS)
        self.day_str = [(first + timedelta(days=i)).isoformat() for i in range(n)]
        # EU rule: summer time from 01:00 UTC on the last Sunday of March to that of October
        switches: list[int] = []  # UTC minutes at which the offset flips, in order
        if eu_dst:
            for year in range(first.year, (first + timedelta(days=n)).year + 1):
                for month in (3, 10):
                    switches.append((_last_sunday(year, month) - start).days * DAY + 60)

        def offset_at(t: int) -> int:
            return std_offset + 60 * (bisect.bisect_right(switches, t) % 2)

        self.off0: list[int] = []  # offset at 00:00 UTC of each day
        self.change: list[int] = []  # UTC minute of the day at which it changes (DAY: never)
        self.off1: list[int] = []  # offset after the change
        self.lchange: list[int] = []  # local minute of the (local) day at which it changes
        for i in range(n):
            t0 = (i - _PAD_DAYS) * DAY
            o0 = offset_at(t0)
            nxt = bisect.bisect_right(switches, t0)
            change = switches[nxt] - t0 if nxt < len(switches) else DAY
            change = min(change, DAY)
            self.off0.append(o0)
            self.off1.append(offset_at(t0 + change) if change < DAY else o0)
            self.change.append(change)
            self.lchange.append(change + o0 if change < DAY else DAY)
        # "T10:15:00+01:00" for each minute of the day, per offset
        self.hm: dict[int, tuple[str, ...]] = {}
        for o in (std_offset, std_offset + 60):
            suffix = f"{'+' if o >= 0 else '-'}{abs(o) // 60:02d}:{abs(o) % 60:02d}"
            self.hm[o] = tuple(hm + suffix for hm in _HM)

    def to_utc(self, day: int, minute: int) -> int:
        """Local day (index from the window's first day) and minute of that day → UTC minutes."""
        i = day + _PAD_DAYS
        off = self.off1[i] if minute >= self.lchange[i] else self.off0[i]
        return day * DAY + minute - off

    def offset(self, t: int) -> int:
        i = t // DAY + _PAD_DAYS
        return self.off1[i] if t % DAY >= self.change[i] else self.off0[i]

    def local_day(self, t: int) -> int:
        return (t + self.offset(t)) // DAY

    def fmt(self, t: int) -> str:
        """'2025-03-04T10:15:00+01:00'"""
        i = t // DAY + _PAD_DAYS
        off = self.off1[i] if t % DAY >= self.change[i] else self.off0[i]
        t += off
        return self.day_str[t // DAY + _PAD_DAYS] + self.hm[off][t % DAY]

    def fmt_pair(self, t0: int, t1: int) -> tuple[str, str]:
        """``fmt(t0), fmt(t1)``, faster for times on one day without a change of offset."""
        d = t0 // DAY
        i = d + _PAD_DAYS
        if self.change[i] == DAY and t1 < (d + 1) * DAY:
            off = self.off0[i]
            hm = self.hm[off]
            day_str = self.day_str
            t0 += off
            t1 += off
            return (
                day_str[t0 // DAY + _PAD_DAYS] + hm[t0 % DAY],
                day_str[t1 // DAY + _PAD_DAYS] + hm[t1 % DAY],
            )
        return self.fmt(t0), self.fmt(t1)

    def fmt_utc(self, t: int) -> str:
        """'2025-03-04T09:15:00Z'"""
        return self.day_str[t // DAY + _PAD_DAYS] + _HMZ[t % DAY]

    def date_str(self, day: int) -> str:
        return self.day_str[day + _PAD_DAYS]


@functools.lru_cache(maxsize=16)
def _clock(start: date, ndays: int, std_offset: int, eu_dst: bool) -> _Clock:
    return _Clock(start, ndays, std_offset, eu_dst)


@functools.lru_cache(maxsize=64)
def _day_weights(start: date, ndays: int, country: _Country, kind: str) -> tuple[float, ...]:
    """Cumulative weight of each day of the window for one kind of event in one country:
    season (winter peak), weekday and, for planned care, holidays."""
    cum: list[float] = []
    total = 0.0
    weekday = _WEEKDAY[kind]
    amplitude = _SEASON[kind]
    tet = {(d - start).days + k for d in _TET for k in range(-3, 5)}
    for i in range(ndays):
        day = start + timedelta(days=i)
        doy = (day - date(day.year, 1, 1)).days + 1
        w = weekday[day.weekday()] * (1 + amplitude * math.cos(2 * math.pi * (doy - 20) / 365.25))
        if kind in _PLANNED:
            w *= country.summer_planned[day.month - 1]
            if (day.month, day.day) in ((12, 24), (12, 25), (12, 26), (1, 1)):
                w *= 0.15
            elif day.month == 12 and day.day > 26:
                w *= 0.6
            if country.code == "VN" and i in tet:
                w *= 0.2
        total += w
        cum.append(total)
    return tuple(cum)


def _table(weights: Sequence[tuple[_T, float]], size: int = 2000) -> tuple[_T, ...]:
    """An expanded lookup table: pick ``table[int(random() * len(table))]``."""
    total = sum(w for _, w in weights)
    out: list[_T] = []
    for value, w in weights:
        out.extend([value] * round(w / total * size))
    return tuple(out)


# Emergency arrivals per hour of day: busy late morning and early evening.
_ED_HOURS = (
    2.0,
    1.6,
    1.3,
    1.1,
    1.0,
    1.1,
    1.6,
    2.6,
    4.0,
    5.2,
    5.9,
    6.0,
    5.6,
    5.3,
    5.2,
    5.1,
    5.3,
    5.7,
    5.8,
    5.3,
    4.6,
    3.8,
    3.1,
    2.5,
)
_ED_HOUR_TABLE = _table(list(enumerate(_ED_HOURS)))
# Crowding: arrivals of the last three hours against the daily mean.
_ED_LOAD = tuple(
    (sum(_ED_HOURS[(h - k) % 24] for k in range(3)) / 3 / (sum(_ED_HOURS) / 24)) ** 1.3
    for h in range(24)
)
_AMB_TABLE = _table(
    [(m, 3.0 if 480 <= m < 720 else 2.0 if m < 840 else 1.0) for m in range(450, 960, 15)]
)
_SS_TABLE = _table([(m, 2.0 if m < 540 else 1.0) for m in range(390, 660, 15)])
_ELECTIVE_TABLE = _table([(m, 3.0 if 480 <= m < 600 else 1.0) for m in range(420, 780, 15)])
_DISCHARGE_TABLE = _table(
    [(m, 3.0 if 660 <= m < 840 else 1.5 if m < 1020 else 0.6) for m in range(540, 1140, 10)]
)

_TRIAGE = _table([(1, 1.2), (2, 10), (3, 36), (4, 40), (5, 12.8)], 1000)
_TRIAGE_READMIT = _table([(2, 35), (3, 55), (4, 10)], 100)
_WAIT_MEDIAN = (0.0, 0.0, 8.0, 32.0, 52.0, 64.0)  # minutes to first assessment by category
_ED_ADMIT = (0.0, 0.7, 0.45, 0.2, 0.055, 0.015)
_ED_ADMIT_AGE = (0.9, 0.6, 0.7, 1.0, 1.35)

# Weekday factors (Monday first) and seasonal amplitude per kind of event.
_WEEKDAY = {
    "AMB": (1.1, 1.05, 1.0, 1.0, 0.9, 0.06, 0.02),
    "SS": (1.05, 1.05, 1.0, 1.0, 0.9, 0.03, 0.0),
    "IMP": (1.15, 1.1, 1.05, 1.0, 0.7, 0.1, 0.25),
    "EMER": (1.12, 1.02, 1.0, 0.98, 1.0, 0.93, 0.95),
    "BIRTH": (1.05, 1.05, 1.02, 1.0, 1.0, 0.93, 0.92),
}
_SEASON = {"AMB": 0.09, "SS": 0.08, "IMP": 0.09, "EMER": 0.11, "BIRTH": 0.02}
_PLANNED = frozenset({"AMB", "SS", "IMP"})

# Encounter classes by age band: outpatient, emergency, planned admission, day surgery.
_CLASS_MIX = (
    (62.0, 22.0, 14.0, 1.0),
    (69.0, 18.5, 9.0, 3.0),
    (72.0, 13.0, 10.0, 4.0),
    (72.0, 11.2, 11.5, 4.0),
    (66.0, 14.3, 14.0, 3.0),
)
_CLASSES = ("AMB", "EMER", "IMP", "SS")
# Age (years) bands of hospital patients: skewed old.
_AGE_BANDS = (
    (0, 1, 2.0),
    (1, 5, 3.0),
    (5, 10, 2.0),
    (10, 15, 2.0),
    (15, 20, 2.5),
    (20, 25, 3.0),
    (25, 30, 4.0),
    (30, 35, 5.0),
    (35, 40, 5.0),
    (40, 45, 5.0),
    (45, 50, 5.5),
    (50, 55, 6.5),
    (55, 60, 8.0),
    (60, 65, 9.5),
    (65, 70, 11.0),
    (70, 75, 12.0),
    (75, 80, 11.0),
    (80, 85, 9.0),
    (85, 90, 6.0),
    (90, 95, 3.0),
    (95, 100, 1.0),
)
_READMIT = (0.05, 0.05, 0.075, 0.10, 0.125)  # emergency readmission within 30 days, by band
_MORTALITY_AGE = (0.25, 0.15, 0.3, 0.8, 1.25)
_DISCHARGE_OLD = _table(
    [
        ("home", 80.0),
        ("snf", 12.0),
        ("other-hcf", 1.8),
        ("hosp", 1.4),
        ("aadvice", 1.0),
        ("oth", 3.8),
    ],
    1000,
)
_DISCHARGE_YOUNG = _table(
    [
        ("home", 93.0),
        ("snf", 0.6),
        ("other-hcf", 1.5),
        ("hosp", 1.5),
        ("aadvice", 1.2),
        ("oth", 2.2),
    ],
    1000,
)
_ADMIT_ELECTIVE = _table([("gp", 35.0), ("outp", 50.0), ("hosp-trans", 5.0), ("other", 10.0)], 100)
_ADMIT_REHAB = _table([("hosp-trans", 40.0), ("outp", 30.0), ("gp", 20.0), ("other", 10.0)], 100)
_TRANSFERS_OUT = frozenset({"other-hcf", "hosp"})


def _band(age_days: int) -> int:
    if age_days < 365:
        return 0
    if age_days < 6574:  # 18 years
        return 1
    if age_days < 18263:  # 50
        return 2
    if age_days < 23741:  # 65
        return 3
    return 4


# --- the organisations -----------------------------------------------------------------------


def _coding(system: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def _fhir_id(prefix: str, code: str) -> str:
    text = "".join(c if c.isascii() and (c.isalnum() or c in "-.") else "-" for c in code.lower())
    return f"{prefix}-{text}"[:64]


def _english(node: dict[str, Any]) -> str:
    names: dict[str, str] = node.get("name") or {}
    return names.get("en") or next(iter(names.values()), node["code"])


@dataclass(eq=False, slots=True)
class _Dept:
    code: str
    name: str
    profile: _Profile
    org_id: str
    size: int  # nominal beds, weighing the share of patients (0: no inpatients)
    ward_code: str | None  # the Location's org-unit code; None: no ward Location
    ward_name: str
    loc_id: str | None
    service_type: dict[str, Any] = field(default_factory=dict)
    provider: dict[str, Any] = field(default_factory=dict)
    location: dict[str, Any] = field(default_factory=dict)
    bed_days: list[int] = field(default_factory=list)  # occupied at midnight, per month


@dataclass(eq=False, slots=True)
class _Hospital:
    index: int
    code: str
    name: str
    org_id: str
    country: _Country
    depts: list[_Dept]
    ed: _Dept | None
    icu: _Dept | None
    birth_dept: _Dept | None
    weight: float
    child_factor: float
    clock: _Clock
    enc_system: str = ""
    mrn_system: str = ""
    mrn_no: int = 0
    enc_no: int = 0


def _hospital_nodes(root: dict[str, Any]) -> list[dict[str, Any]]:
    if root["kind"] == "hospital":
        return [root]
    found: list[dict[str, Any]] = []
    for child in root.get("children", []):
        found.extend(_hospital_nodes(child))
    return found


def _department_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for child in node.get("children", []):
        if child["kind"] in ("department", "clinic"):
            found.append(child)
        elif child["kind"] not in ("hospital", "office"):
            found.extend(_department_nodes(child))
    return found


def _ward_nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for child in node.get("children", []):
        if child["kind"] == "ward":
            found.append(child)
            found.extend(_ward_nodes(child))
    return found


def _bed_count(code: str, lo: int, hi: int) -> int:
    """Nominal beds of a unit: fixed for the unit, whatever the seed."""
    return random.Random(f"soteria-beds:{code}").randint(lo, hi) if hi else 0  # noqa: S311


def _build_hospitals(roots: list[dict[str, Any]], start: date, ndays: int) -> list[_Hospital]:
    hospitals: list[_Hospital] = []
    for root in roots:
        country = _COUNTRIES.get(root.get("language", ""), _PL)
        clock = _clock(start, ndays, country.std_offset, country.eu_dst)
        for node in _hospital_nodes(root):
            depts: list[_Dept] = []
            for dnode in _department_nodes(node):
                profile = _profile_for(dnode["code"], _english(dnode))
                if profile is None:
                    continue
                lo, hi = profile.beds
                size = _bed_count(dnode["code"], lo, hi)
                ward_code: str | None = None
                ward_name = _english(dnode)
                if size or profile.key == "emergency":
                    ward_code = dnode["code"]
                    if size:
                        for ward in _ward_nodes(dnode):
                            wname = _english(ward)
                            if not any(w in wname.lower() for w in _NON_BED_WARD_WORDS):
                                ward_code, ward_name = ward["code"], wname
                                break
                depts.append(
                    _Dept(
                        code=dnode["code"],
                        name=_english(dnode),
                        profile=profile,
                        org_id=_fhir_id("org", dnode["code"]),
                        size=size,
                        ward_code=ward_code,
                        ward_name=ward_name,
                        loc_id=_fhir_id("loc", ward_code) if ward_code else None,
                    )
                )
            if not depts:
                continue
            keys = {d.profile.key for d in depts}

            def first(key: str, depts: list[_Dept] = depts) -> _Dept | None:
                return next((d for d in depts if d.profile.key == key), None)

            hospital = _Hospital(
                index=len(hospitals),
                code=node["code"],
                name=_english(node),
                org_id=_fhir_id("org", node["code"]),
                country=country,
                depts=depts,
                ed=first("emergency"),
                icu=first("icu"),
                birth_dept=(first("neonatology") or first("paediatrics") or first("obstetrics"))
                if "obstetrics" in keys
                else None,
                weight=sum(d.size for d in depts) + 25 + (30 if "emergency" in keys else 0),
                child_factor=(
                    1.0
                    if "paediatrics" in keys
                    else 0.3
                    if keys & {"paediatric_oncology", "neonatology"}
                    else 0.12
                ),
                clock=clock,
                enc_system=f"urn:soteria:encounter:{node['code']}",
                mrn_system=f"urn:soteria:mrn:{node['code']}",
            )
            for dept in depts:
                dept.service_type = _coding(SPECIALTY_SYSTEM, dept.code)
                dept.provider = {"reference": f"Organization/{dept.org_id}"}
                if dept.loc_id:
                    dept.location = {"reference": f"Location/{dept.loc_id}"}
            hospitals.append(hospital)
    return hospitals


# --- bed capacity ----------------------------------------------------------------------------

# Extra beds a ward opens for the winter, as a share of its beds, by month (January first).
_WINTER_BEDS = (0.03, 0.04, 0.03, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.02)
_DITHER_BELOW = 12  # beds: smaller wards alternate between two counts to fit their load


def _occupancy_aim(code: str, profile: _Profile) -> float:
    """The bed occupancy a ward is run at over a year: fixed for the ward, whatever the seed."""
    lo, hi = _OCCUPANCY_AIM.get(profile.key, _OCCUPANCY_AIM_OTHERS)
    return random.Random(f"soteria-occupancy:{code}").uniform(lo, hi)  # noqa: S311


def _capacity(
    bed_days: Sequence[int], days: Sequence[int], months: Sequence[date], aim: float
) -> list[int]:
    """The (staffed) beds of a ward in each month, sized from the bed-days its patients used.

    A month's beds are the ward's mean midnight census over the year around it (a centred
    2×12-month moving average, which takes the season out; cut short at the window's ends)
    divided by the occupancy ``aim``, plus the beds opened for the winter (``_WINTER_BEDS``).
    So occupancy is about ``aim`` over a year, higher in the winter months, above 100 % in
    some busy months, and lower in summer, whatever the volume of data. A ward keeps at least
    one bed. Below ``_DITHER_BELOW`` beds the rounding error is carried into the next month:
    a ward whose load needs 1.4 beds has one bed in some months and two in others, rather
    than always one (140 %) or always two (70 %).
    """
    n = len(bed_days)
    out: list[int] = []
    carry = 0.0
    for m in range(n):
        used = available = 0.0
        for k in range(max(0, m - 6), min(n, m + 7)):
            weight = 0.5 if abs(k - m) == 6 else 1.0
            used += weight * bed_days[k]
            available += weight * days[k]
        want = used / available / aim * (1 + _WINTER_BEDS[months[m].month - 1])
        if want < _DITHER_BELOW:
            want += carry
            beds = max(1, round(want))
            carry = min(max(want - beds, -0.5), 0.5)
        else:
            beds = round(want)
        out.append(beds)
    return out


# --- the writer ------------------------------------------------------------------------------

_CLASS_CODING = {c: {"system": ACT_CODE_SYSTEM, "code": c} for c in _CLASSES}
_ADMIT_CODING = {
    c: _coding(ADMIT_SOURCE_SYSTEM, c) for c in ("emd", "gp", "hosp-trans", "outp", "born", "other")
}
_DISCHARGE_CODING = {
    c: _coding(DISCHARGE_SYSTEM, c)
    for c in ("home", "other-hcf", "hosp", "snf", "exp", "aadvice", "oth")
}
_MR_TYPE = _coding(IDENTIFIER_TYPE_SYSTEM, "MR")
_WARD_TYPE = _coding(PHYSICAL_TYPE_SYSTEM, "wa")
_BED_TYPE = _coding(PHYSICAL_TYPE_SYSTEM, "bd")
_UNKNOWN_ORG = {"reference": "Organization/does-not-exist"}

_Pending = tuple[dict[str, Any], int]  # an Encounter and its start (UTC minutes)
_Event = tuple[int, int, str, int, int]  # (UTC start, order, kind, local day, minute of day)
_Outcome = tuple[int, "_Dept | None", int]  # (busy until, department discharged from, result)
_TOD_TABLES = {"AMB": _AMB_TABLE, "SS": _SS_TABLE, "IMP": _ELECTIVE_TABLE}


_UUID_KEEP = ((1 << 128) - 1) ^ (0xF << 76) ^ (0x3 << 62)
_UUID_SET = (0x4 << 76) | (0x2 << 62)  # version 4, RFC 4122 variant


def _uuid(bits: int) -> str:
    """A random (version 4) UUID from 128 random bits."""
    h = "%032x" % (bits & _UUID_KEEP | _UUID_SET)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Generator:
    def __init__(
        self,
        out_dir: Path,
        hospitals: list[_Hospital],
        *,
        encounters: int,
        seed: int,
        start: date,
        ndays: int,
        faults: float,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.out_dir = out_dir
        self.hospitals = hospitals
        self.target = encounters
        self.start = start
        self.start_ord = start.toordinal()
        self.ndays = ndays
        self.faults = faults
        self.progress = progress
        # a simulation, not cryptography: Mersenne Twister is what makes it reproducible
        self.rng = random.Random(seed)  # noqa: S311
        self.fault_rng = random.Random(f"soteria-faults:{seed}")  # noqa: S311
        self.encoder = msgspec.json.Encoder()
        self.summary = GenerationSummary(path=out_dir, seed=seed, hospitals=len(hospitals))
        self.by_class = dict.fromkeys(_CLASSES, 0)
        self.by_fault = dict.fromkeys(FAULT_KINDS, 0)
        self.written = 0
        self.next_progress = PROGRESS_EVERY
        self.arrival_no = 0
        self.serial = 0
        self.enc_prefix = ""
        self.entry_no = 0
        self.hospital_cum: list[float] = []
        total = 0.0
        for h in hospitals:
            total += h.weight
            self.hospital_cum.append(total)
        self._dept_cache: dict[tuple[int, str, int, bool], tuple[list[_Dept], list[float]] | None]
        self._dept_cache = {}
        self._class_cache: dict[tuple[int, int], tuple[list[str], list[float]]] = {}
        self._age_cache: dict[int, tuple[list[tuple[int, int]], list[float]]] = {}
        self.day_tables = {
            h.country.code: {kind: _day_weights(start, ndays, h.country, kind) for kind in _WEEKDAY}
            for h in hospitals
        }
        # the patient being made, and what they leave behind
        self.h = hospitals[0]
        self.clock = self.h.clock
        self.window_end = 0
        self.female = False
        self.bday = 0
        self.pid = ""
        self.subject: dict[str, str] = {}
        self.primary: _Dept | None = None
        self.order = 0
        self.last_update = _NEVER
        self.enc_buf: list[_Pending] = []
        self.ed_rows: list[str] = []
        self.wl_rows: list[str] = []
        self.bed_buf: list[tuple[_Dept, int, int]] = []  # (ward, from, to) of inpatient stays
        # the calendar months of the window, the local day each begins (the first: the
        # window's first day) followed by the day after the window, and the month of each day
        self.months: list[date] = []
        self.month_start: list[int] = []
        month = start.replace(day=1)
        while month < start + timedelta(days=ndays):
            self.months.append(month)
            self.month_start.append(max((month - start).days, 0))
            month = (month + timedelta(days=32)).replace(day=1)
        self.month_start.append(ndays)
        self.month_of_day = [
            m for m, (a, b) in enumerate(itertools.pairwise(self.month_start)) for _ in range(a, b)
        ]
        for h in hospitals:
            for d in h.depts:
                d.bed_days = [0] * len(self.months)

    # -- lookup tables, built on first use (a bounded number of them) --

    def dept_choice(
        self, h: _Hospital, kind: str, band: int, female: bool
    ) -> tuple[list[_Dept], list[float]] | None:
        key = (h.index, kind, band, female)
        if key in self._dept_cache:
            return self._dept_cache[key]
        depts: list[_Dept] = []
        cum: list[float] = []
        total = 0.0
        for d in h.depts:
            p = d.profile
            if kind != "amb" and not d.size:
                continue
            w = {"amb": p.amb, "ss": p.ss, "elective": p.elective, "emergency": p.emergency}[kind]
            w *= p.ages[band] * (d.size or 20) / 30 if kind != "amb" else p.ages[band]
            if p.female_only and not female:
                w = 0.0
            if w > 0:
                total += w
                depts.append(d)
                cum.append(total)
        choice = (depts, cum) if depts else None
        if choice is None and band < 2:  # no paediatric unit: adult departments take them
            choice = self.dept_choice(h, kind, 2, female)
        self._dept_cache[key] = choice
        return choice

    def pick_dept(self, h: _Hospital, kind: str, band: int, female: bool) -> _Dept | None:
        choice = self.dept_choice(h, kind, band, female)
        if choice is None:
            return None
        depts, cum = choice
        return depts[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def class_choice(self, h: _Hospital, band: int) -> tuple[list[str], list[float]]:
        key = (h.index, band)
        choice = self._class_cache.get(key)
        if choice is None:
            classes: list[str] = []
            cum: list[float] = []
            total = 0.0
            for cls, w in zip(_CLASSES, _CLASS_MIX[band], strict=True):
                if cls == "EMER" and h.ed is None:
                    continue
                if (
                    cls == "IMP"
                    and self.dept_choice(h, "elective", band, False) is None
                    and self.dept_choice(h, "elective", band, True) is None
                ):
                    continue
                if cls == "SS" and self.dept_choice(h, "ss", band, True) is None:
                    continue
                total += w
                classes.append(cls)
                cum.append(total)
            choice = self._class_cache[key] = (classes, cum)
        return choice

    def age_choice(self, h: _Hospital) -> tuple[list[tuple[int, int]], list[float]]:
        choice = self._age_cache.get(h.index)
        if choice is None:
            bands: list[tuple[int, int]] = []
            cum: list[float] = []
            total = 0.0
            for lo, hi, w in _AGE_BANDS:
                total += w * (h.child_factor if lo < 18 else 1.0)
                bands.append((lo, hi))
                cum.append(total)
            choice = self._age_cache[h.index] = (bands, cum)
        return choice

    # -- the run --

    def run(self) -> GenerationSummary:
        out = self.out_dir
        out.mkdir(parents=True, exist_ok=True)
        self.write_organizations()
        with (
            open(out / "Patient.ndjson", "wb", buffering=1 << 20) as patients,
            open(out / "Encounter.ndjson", "wb", buffering=1 << 20) as encounters,
            open(
                out / "ed_arrivals.csv", "w", encoding="utf-8", newline="\n", buffering=1 << 20
            ) as ed,
            open(
                out / "waiting_list.csv", "w", encoding="utf-8", newline="\n", buffering=1 << 16
            ) as waiting,
        ):
            ed.write(ED_HEADER)
            waiting.write(WAITING_HEADER)
            s = self.summary
            while self.written < self.target:
                remaining = self.target - self.written
                deaths, readmissions = s.deaths, s.readmissions
                patient = self.patient(simple=False)
                if patient is not None and len(self.enc_buf) > remaining:
                    s.deaths, s.readmissions = deaths, readmissions  # not written after all
                    patient = None
                    while patient is None:  # the last few: one outpatient visit each
                        patient = self.patient(simple=True)
                if patient is None:
                    continue
                self.commit(patient, patients, encounters, ed, waiting)
        self.write_locations()
        s = self.summary
        s.encounters = self.written
        s.encounters_by_class = {k: v for k, v in self.by_class.items() if v}
        s.faults_by_kind = {k: v for k, v in self.by_fault.items() if v}
        s.faults_injected = sum(self.by_fault.values())
        if self.progress is not None and self.next_progress - PROGRESS_EVERY != self.written:
            self.progress(self.written)
        return s

    def write_organizations(self) -> None:
        encode = self.encoder.encode
        s = self.summary
        with open(self.out_dir / "Organization.ndjson", "wb") as orgs:
            for h in self.hospitals:
                orgs.write(
                    encode(
                        {
                            "resourceType": "Organization",
                            "id": h.org_id,
                            "identifier": [{"system": ORG_UNIT_SYSTEM, "value": h.code}],
                            "active": True,
                            "name": h.name,
                        }
                    )
                    + b"\n"
                )
                s.organizations += 1
                for d in h.depts:
                    orgs.write(
                        encode(
                            {
                                "resourceType": "Organization",
                                "id": d.org_id,
                                "identifier": [{"system": ORG_UNIT_SYSTEM, "value": d.code}],
                                "active": True,
                                "name": d.name,
                                "partOf": {"reference": f"Organization/{h.org_id}"},
                            }
                        )
                        + b"\n"
                    )
                    s.organizations += 1

    def write_locations(self) -> None:
        """The wards and their beds, and the bed capacity: written last, as the beds are
        sized from the bed-days the patients used (``_capacity``)."""
        encode = self.encoder.encode
        s = self.summary
        months = [m.isoformat() for m in self.months]
        days = [b - a for a, b in itertools.pairwise(self.month_start)]
        with (
            open(self.out_dir / "Location.ndjson", "wb") as locs,
            open(self.out_dir / "bed_capacity.csv", "w", encoding="utf-8", newline="\n") as beds,
        ):
            beds.write(BED_HEADER)
            for h in self.hospitals:
                for d in h.depts:
                    if d.loc_id is None or d.ward_code is None:
                        continue
                    locs.write(
                        encode(
                            {
                                "resourceType": "Location",
                                "id": d.loc_id,
                                "identifier": [{"system": ORG_UNIT_SYSTEM, "value": d.ward_code}],
                                "status": "active",
                                "name": d.ward_name,
                                "mode": "instance",
                                "physicalType": _WARD_TYPE,
                                "managingOrganization": d.provider,
                            }
                        )
                        + b"\n"
                    )
                    s.locations += 1
                    if not d.size:
                        continue
                    aim = _occupancy_aim(d.ward_code, d.profile)
                    capacity = _capacity(d.bed_days, days, self.months, aim)
                    ward_ref = {"reference": f"Location/{d.loc_id}"}
                    bed_prefix = _fhir_id("bed", d.ward_code)
                    physical = max(capacity)  # beds standing in the ward; some may be closed
                    for n in range(1, physical + 1):
                        locs.write(
                            encode(
                                {
                                    "resourceType": "Location",
                                    "id": f"{bed_prefix}-{n}",
                                    "status": "active",
                                    "name": f"{d.ward_name}, bed {n}",
                                    "mode": "instance",
                                    "physicalType": _BED_TYPE,
                                    "partOf": ward_ref,
                                    "managingOrganization": d.provider,
                                }
                            )
                            + b"\n"
                        )
                    s.locations += physical
                    s.beds += physical
                    beds.write(
                        "".join(
                            f"{d.ward_code},{month},{n}\n"
                            for month, n in zip(months, capacity, strict=True)
                        )
                    )
                    s.bed_capacity += len(months)

    def count_bed_days(self) -> None:
        """Add the patient's ward stays to the bed-days of each ward and month: a stay
        occupies a bed on each (local) day from admission to the day before discharge."""
        local_day = self.clock.local_day
        month_of = self.month_of_day
        starts = self.month_start
        ndays = self.ndays
        for ward, t0, t1 in self.bed_buf:
            d0 = local_day(t0)
            d1 = min(local_day(t1), ndays)
            if d1 <= d0:
                continue
            counts = ward.bed_days
            m = month_of[d0]
            while starts[m + 1] < d1:
                counts[m] += starts[m + 1] - d0
                d0 = starts[m + 1]
                m += 1
            counts[m] += d1 - d0

    def commit(
        self,
        patient: dict[str, Any],
        patients: BinaryIO,
        encounters: BinaryIO,
        ed: TextIO,
        waiting: TextIO,
    ) -> None:
        encode = self.encoder.encode
        patients.write(encode(patient) + b"\n")
        self.summary.patients += 1
        by_class = self.by_class
        for enc, _ in self.enc_buf:
            by_class[enc["class"]["code"]] += 1
        if self.faults:
            faults = self.faults
            frng = self.fault_rng.random
            lines = [
                self.broken(enc, start) if frng() < faults else encode(enc)
                for enc, start in self.enc_buf
            ]
            lines.append(b"")
            encounters.write(b"\n".join(lines))
        else:
            encounters.write(self.encoder.encode_lines([enc for enc, _ in self.enc_buf]))
        self.written += len(self.enc_buf)
        if self.bed_buf:
            self.count_bed_days()
        if self.ed_rows:
            ed.write("".join(self.ed_rows))
            self.summary.ed_arrivals += len(self.ed_rows)
        if self.wl_rows:
            waiting.write("".join(self.wl_rows))
            self.summary.waiting_list += len(self.wl_rows)
        if self.progress is not None:
            while self.written >= self.next_progress:
                self.progress(self.written)
                self.next_progress += PROGRESS_EVERY

    def broken(self, enc: dict[str, Any], start: int) -> bytes:
        """One Encounter line, broken in one of the FAULT_KINDS ways."""
        r = self.fault_rng
        kind = FAULT_KINDS[int(r.random() * len(FAULT_KINDS))]
        self.by_fault[kind] += 1
        enc = dict(enc)
        clock = self.clock
        if kind == "truncated":
            line = self.encoder.encode(enc)
            return line[: 10 + int(r.random() * (len(line) - 11))]
        if kind == "missing_status":
            del enc["status"]
        elif kind == "end_before_start":
            enc["period"] = {
                "start": clock.fmt(start),
                "end": clock.fmt(start - 30 - int(r.random() * 570)),
            }
        elif kind == "unknown_organization":
            enc["serviceProvider"] = _UNKNOWN_ORG
        else:
            period = dict(enc["period"])
            period["start"] = "2025-13-45" + period["start"][10:]
            enc["period"] = period
        return self.encoder.encode(enc)

    # -- one patient --
    #
    # Hot code lives in short methods: besides being easier to read, that keeps tracemalloc
    # (the memory test) usable, as it looks up the line number of every allocation at a cost
    # that grows with the length of the function.

    def patient(self, *, simple: bool) -> dict[str, Any] | None:
        """Make one patient and their encounters (left in the per-patient buffers)."""
        self.enc_buf = []
        self.ed_rows = []
        self.wl_rows = []
        self.bed_buf = []
        self.last_update = _NEVER
        heap = self.begin_patient(simple)
        died = self.play(heap)
        if not self.enc_buf:
            return None
        if not simple and died is None and self.rng.random() < 0.03:
            self.waiting_only(_band(self.ndays - self.bday))
        return self.patient_resource(died)

    def begin_patient(self, simple: bool) -> list[_Event]:
        """Who the patient is, and their index events (a heap, by time)."""
        rng = self.rng
        rnd = rng.random
        h = self.hospitals[bisect.bisect(self.hospital_cum, rnd() * self.hospital_cum[-1])]
        self.h = h
        self.clock = clock = h.clock
        self.window_end = clock.to_utc(self.ndays, 0)
        self.female = female = rnd() < 0.53
        self.order = 0
        heap: list[_Event] = []
        if not simple and h.birth_dept is not None and rnd() < 0.05:  # born here
            cum = self.day_tables[h.country.code]["BIRTH"]
            self.bday = birth = min(bisect.bisect(cum, rnd() * cum[-1]), self.ndays - 1)
            tod = int(rnd() * DAY)
            heap.append((clock.to_utc(birth, tod), 0, "BIRTH", birth, tod))
            events = min(int(rng.expovariate(1 / 2.0)), 20)
            first_day, mid_band = birth + 1, 1
        else:
            bands, bcum = self.age_choice(h)
            lo, hi = bands[bisect.bisect(bcum, rnd() * bcum[-1])]
            age_days = int((lo + rnd() * (hi - lo)) * 365.25)
            self.bday = -age_days
            events = 1 if simple else 1 + min(int(rng.expovariate(1 / 4.6)), 50)
            first_day, mid_band = 0, _band(age_days + self.ndays // 2)
        self.pid = pid = _uuid(rng.getrandbits(128))
        self.enc_prefix = _uuid(rng.getrandbits(128))[:24]
        self.subject = {"reference": f"Patient/{pid}"}
        self.primary = self.pick_dept(h, "amb", mid_band, female)
        if first_day < self.ndays:
            self.index_events(heap, events, mid_band, first_day, simple)
        heapq.heapify(heap)
        return heap

    def index_events(
        self, heap: list[_Event], events: int, band: int, first_day: int, simple: bool
    ) -> None:
        """Spread ``events`` visits over the window by season, weekday and hour."""
        rnd = self.rng.random
        classes, ccum = self.class_choice(self.h, band)
        day_tables = self.day_tables[self.h.country.code]
        to_utc = self.clock.to_utc
        last = self.ndays - 1
        for _ in range(events):
            cls = "AMB" if simple else classes[bisect.bisect(ccum, rnd() * ccum[-1])]
            cum = day_tables[cls]
            if first_day:
                base = cum[first_day - 1]
                day = min(bisect.bisect(cum, base + rnd() * (cum[-1] - base)), last)
            else:
                day = min(bisect.bisect(cum, rnd() * cum[-1]), last)
            if cls == "EMER":
                tod = _ED_HOUR_TABLE[int(rnd() * len(_ED_HOUR_TABLE))] * 60 + int(rnd() * 60)
            else:
                table = _TOD_TABLES[cls]
                tod = table[int(rnd() * len(table))]
            self.order += 1
            heap.append((to_utc(day, tod), self.order, cls, day, tod))

    def play(self, heap: list[_Event]) -> int | None:
        """Play the events in time order; returns when the patient died, if they did."""
        rng = self.rng
        clock = self.clock
        busy = _NEVER  # in hospital until then: later events that would overlap are dropped
        quiet = _NEVER  # no admission (but the planned readmission) before then
        readmit_from: dict[int, tuple[_Dept, int]] = {}
        while heap:
            t, seq, kind, day, tod = heapq.heappop(heap)
            if t < busy:
                if kind != "READMIT":
                    continue
                t = busy + 30 + int(rng.random() * 210)  # the readmission waits its turn
                day, tod = divmod(t + clock.offset(t), DAY)
                if t - readmit_from[seq][1] > 30 * DAY:
                    continue
            if t >= self.window_end:
                continue
            if kind == "READMIT":
                self.summary.readmissions += 1
                outcome = self.emergency(t, day, tod, readmit_from[seq][0], may_admit=True)
            else:
                outcome = self.index_event(kind, t, day, tod, may_admit=t >= quiet)
            if outcome is None:
                continue
            busy, discharge_dept, result = outcome
            if result == _DIED:
                self.summary.deaths += 1
                return busy
            if result in (_HOME, _TRANSFERRED):
                quiet = busy + 30 * DAY
                if result == _HOME and discharge_dept is not None:
                    event = self.readmission(busy)
                    if event is not None:
                        heapq.heappush(heap, event)
                        readmit_from[event[1]] = (discharge_dept, busy)
        return None

    def readmission(self, discharge: int) -> _Event | None:
        """About one alive discharge in ten comes back as an emergency within 30 days."""
        rng = self.rng
        clock = self.clock
        discharge_day = clock.local_day(discharge)
        if rng.random() >= _READMIT[_band(discharge_day - self.bday)]:
            return None
        day = discharge_day + 1 + min(int(rng.expovariate(1 / 8)), 28)
        if day >= self.ndays:
            return None
        tod = _ED_HOUR_TABLE[int(rng.random() * len(_ED_HOUR_TABLE))] * 60 + int(rng.random() * 60)
        self.order += 1
        return (clock.to_utc(day, tod), self.order, "READMIT", day, tod)

    def index_event(
        self, kind: str, t: int, day: int, tod: int, *, may_admit: bool
    ) -> _Outcome | None:
        band = _band(day - self.bday)
        if kind == "AMB" or (kind == "IMP" and not may_admit):  # a check-up instead
            dept = self.choose("amb", band, 0.55)
            return None if dept is None else self.outpatient(t, dept, "AMB")
        if kind == "EMER":
            return self.emergency(t, day, tod, None, may_admit=may_admit)
        if kind == "SS":
            dept = self.choose("ss", band, 0.4)
            if dept is None:
                return None
            outcome = self.outpatient(t, dept, "SS")
            if outcome[2] != _CANCELLED:
                self.maybe_waiting_entry(dept, day, day)
            return outcome
        if kind == "BIRTH":
            assert self.h.birth_dept is not None
            return self.stay(t, day, self.h.birth_dept, "born", 0, newborn=True)
        return self.planned_stay(t, day, band)

    def choose(self, kind: str, band: int, stickiness: float) -> _Dept | None:
        """The patient's usual department (some of the time), or any suitable one."""
        primary = self.primary
        if (
            primary is not None
            and self.rng.random() < stickiness
            and primary.profile.ages[band]
            and getattr(primary.profile, kind) > 0
            and (kind == "amb" or primary.size)
        ):
            return primary
        return self.pick_dept(self.h, kind, band, self.female)

    def planned_stay(self, t: int, day: int, band: int) -> _Outcome | None:
        dept = self.choose("elective", band, 0.45)
        if dept is None:
            return None
        rnd = self.rng.random
        table = _ADMIT_REHAB if dept.profile.key == "rehabilitation" else _ADMIT_ELECTIVE
        source = table[int(rnd() * len(table))]
        if rnd() < 0.015:
            cancelled_on = self.cancelled_stay(t, dept, source)
            self.maybe_waiting_entry(dept, day, self.clock.local_day(cancelled_on))
            return _NEVER, None, _CANCELLED
        self.maybe_waiting_entry(dept, day, day)
        return self.stay(t, day, dept, source, band)

    def patient_resource(self, died: int | None) -> dict[str, Any]:
        h = self.h
        country = h.country
        rng = self.rng
        female = self.female
        born = date.fromordinal(self.start_ord + self.bday)
        family, given = _names(country, female, rng)
        city, postal = country.places[int(rng.random() * len(country.places))]
        h.mrn_no += 1
        resource: dict[str, Any] = {
            "resourceType": "Patient",
            "id": self.pid,
            "meta": {"lastUpdated": h.clock.fmt_utc(min(self.last_update, self.window_end))},
            "identifier": [
                {"system": NATIONAL_ID_SYSTEM, "value": _national_id(country, born, female, rng)},
                {"type": _MR_TYPE, "system": h.mrn_system, "value": f"{h.mrn_no:08d}"},
            ],
            "name": [{"family": family, "given": given}],
            "telecom": [{"system": "phone", "value": _phone(country, rng)}],
            "gender": "female" if female else "male",
            "birthDate": born.isoformat(),
            "address": [
                {
                    "line": [_street_line(country, rng)],
                    "city": city,
                    "postalCode": postal,
                    "country": country.code,
                }
            ],
        }
        if died is not None:
            resource["deceasedDateTime"] = h.clock.fmt(died)
        return resource

    # -- encounters --

    def new_encounter(
        self, cls: str, dept: _Dept, status: str, period: dict[str, str], update: int
    ) -> dict[str, Any]:
        h = self.h
        h.enc_no += 1
        self.serial += 1
        if update > self.last_update:
            self.last_update = update
        return {
            "resourceType": "Encounter",
            # a version-4 UUID: random per patient, and a serial number that keeps it unique
            "id": f"{self.enc_prefix}{self.serial:012x}",
            "meta": {"lastUpdated": self.clock.fmt_utc(update)},
            "identifier": [{"system": h.enc_system, "value": f"{h.enc_no:09d}"}],
            "status": status,
            "class": _CLASS_CODING[cls],
            "serviceType": dept.service_type,
            "subject": self.subject,
            "period": period,
        }

    def outpatient(self, t: int, dept: _Dept, cls: str) -> _Outcome:
        """An outpatient visit (AMB) or a day-surgery stay (SS)."""
        rnd = self.rng.random
        if rnd() < (0.025 if cls == "AMB" else 0.03):
            update = t - 60 - int(rnd() * (14 * DAY - 60))
            enc = self.new_encounter(cls, dept, "cancelled", {"start": self.clock.fmt(t)}, update)
            enc["serviceProvider"] = dept.provider
            self.enc_buf.append((enc, t))
            return _NEVER, None, _CANCELLED
        end = t + (10 + int(rnd() * 40) if cls == "AMB" else 150 + int(rnd() * 390))
        update = min(end + 5 + int(rnd() * 715), self.window_end)
        s0, s1 = self.clock.fmt_pair(t, end)
        period = {"start": s0, "end": s1}
        enc = self.new_encounter(cls, dept, "finished", period, update)
        if cls == "SS" and dept.loc_id:
            enc["location"] = [{"location": dept.location, "status": "completed", "period": period}]
        enc["serviceProvider"] = dept.provider
        self.enc_buf.append((enc, t))
        return end, None, _OTHER

    def cancelled_stay(self, t: int, dept: _Dept, source: str) -> int:
        """A planned admission called off; returns when."""
        update = t - 60 - int(self.rng.random() * (14 * DAY - 60))
        enc = self.new_encounter("IMP", dept, "cancelled", {"start": self.clock.fmt(t)}, update)
        enc["hospitalization"] = {"admitSource": _ADMIT_CODING[source]}
        enc["serviceProvider"] = dept.provider
        self.enc_buf.append((enc, t))
        return update

    def los_end(self, t: int, day: int, dept: _Dept, scale: float = 1.0) -> int:
        """When a stay that began at ``t`` (local ``day``) in ``dept`` ends."""
        rng = self.rng
        p = dept.profile
        days = int(rng.lognormvariate(math.log(p.los_median), p.los_sigma) * scale)
        if days <= 0:  # a same-day stay
            return t + 180 + int(rng.random() * 540)
        tod = _DISCHARGE_TABLE[int(rng.random() * len(_DISCHARGE_TABLE))]
        return max(self.clock.to_utc(min(day + days, self.ndays + _PAD_DAYS - 2), tod), t + 240)

    def stay(
        self, t: int, day: int, dept: _Dept, source: str, band: int, *, newborn: bool = False
    ) -> _Outcome:
        """An inpatient stay (IMP) from ``t``, in one department or moving to a second."""
        segments, mortality = self.stay_plan(t, day, dept, band, newborn)
        if segments[-1][2] > self.window_end:  # still in hospital when the data were extracted
            return self.ongoing_stay(t, dept, source, segments)
        last_dept = segments[-1][0]
        rnd = self.rng.random
        if rnd() < mortality * _MORTALITY_AGE[band]:
            return self.finished_stay(t, dept, source, "exp", segments, _DIED)
        if newborn:
            disposition = "home" if rnd() < 0.97 else "hosp"
        elif last_dept.profile.key == "long_term_care" and rnd() < 0.3:
            disposition = "snf"
        else:
            table = _DISCHARGE_OLD if band == 4 else _DISCHARGE_YOUNG
            disposition = table[int(rnd() * len(table))]
        result = _TRANSFERRED if disposition in _TRANSFERS_OUT else _HOME
        return self.finished_stay(t, dept, source, disposition, segments, result)

    def stay_plan(
        self, t: int, day: int, dept: _Dept, band: int, newborn: bool
    ) -> tuple[list[tuple[_Dept, int, int]], float]:
        """The ward stays (department, start, end) of an admission, and its mortality."""
        rng = self.rng
        if newborn and dept.profile.key == "neonatology":
            sick = rng.random() < 0.15
            days = int(rng.lognormvariate(math.log(9.0 if sick else 2.6), 0.7 if sick else 0.3))
            tod = _DISCHARGE_TABLE[int(rng.random() * len(_DISCHARGE_TABLE))]
            end = max(self.clock.to_utc(day + max(days, 1), tod), t + 720)
        else:
            end = self.los_end(t, day, dept)
        segments = [(dept, t, end)]
        mortality = dept.profile.mortality
        if rng.random() < dept.profile.transfer:
            other = self.transfer_to(dept, band)
            if other is not None:
                end2 = max(self.los_end(end, self.clock.local_day(end), other, 0.7), end + 120)
                segments.append((other, end, end2))
                mortality = max(mortality, other.profile.mortality)
        return segments, mortality

    def transfer_to(self, dept: _Dept, band: int) -> _Dept | None:
        choice = self.dept_choice(self.h, "emergency", band, self.female)
        if choice is None or len(choice[0]) < 2:
            return None
        depts, cum = choice
        for _ in range(4):
            other = depts[bisect.bisect(cum, self.rng.random() * cum[-1])]
            if other is not dept:
                return other
        return None

    def finished_stay(
        self,
        t: int,
        dept: _Dept,
        source: str,
        disposition: str,
        segments: list[tuple[_Dept, int, int]],
        result: int,
    ) -> _Outcome:
        fmt = self.clock.fmt
        end = segments[-1][2]
        update = min(end + 5 + int(self.rng.random() * 715), self.window_end)
        period = {"start": fmt(t), "end": fmt(end)}
        enc = self.new_encounter("IMP", dept, "finished", period, update)
        enc["hospitalization"] = {
            "admitSource": _ADMIT_CODING[source],
            "dischargeDisposition": _DISCHARGE_CODING[disposition],
        }
        if len(segments) == 1:
            enc["location"] = [{"location": dept.location, "status": "completed", "period": period}]
        else:
            enc["location"] = [
                {
                    "location": ward.location,
                    "status": "completed",
                    "period": {"start": fmt(s0), "end": fmt(s1)},
                }
                for ward, s0, s1 in segments
            ]
        enc["serviceProvider"] = dept.provider
        self.enc_buf.append((enc, t))
        self.bed_buf.extend(segments)
        return end, segments[-1][0], result

    def ongoing_stay(
        self, t: int, dept: _Dept, source: str, segments: list[tuple[_Dept, int, int]]
    ) -> _Outcome:
        fmt = self.clock.fmt
        window_end = self.window_end
        stays = []
        for ward, s0, s1 in segments:
            if s0 >= window_end:
                break
            if s1 > window_end:
                stays.append(
                    {"location": ward.location, "status": "active", "period": {"start": fmt(s0)}}
                )
            else:
                stays.append(
                    {
                        "location": ward.location,
                        "status": "completed",
                        "period": {"start": fmt(s0), "end": fmt(s1)},
                    }
                )
        update = min(t + 5 + int(self.rng.random() * 595), window_end)
        enc = self.new_encounter("IMP", dept, "in-progress", {"start": fmt(t)}, update)
        enc["hospitalization"] = {"admitSource": _ADMIT_CODING[source]}
        enc["location"] = stays
        enc["serviceProvider"] = dept.provider
        self.enc_buf.append((enc, t))
        self.bed_buf.extend(segments)  # counted up to the end of the window
        return _FOREVER, None, _OTHER

    def emergency(
        self, t: int, day: int, tod: int, readmit_dept: _Dept | None, *, may_admit: bool
    ) -> _Outcome | None:
        """An emergency-department visit, and the admission that may follow it."""
        h = self.h
        band = _band(day - self.bday)
        if h.ed is None:  # no emergency department: straight to a ward
            dept = readmit_dept or self.pick_dept(h, "emergency", band, self.female)
            return None if dept is None else self.stay(t, day, dept, "emd", band)
        cat, triage, seen, departure, disposition = self.triage(
            t, tod, band, forced=readmit_dept is not None, may_admit=may_admit
        )
        if departure > self.window_end:  # still in the department at extraction
            return self.ongoing_emergency(h.ed, t, cat, triage, seen)
        self.ed_visit(h.ed, t, cat, triage, seen, departure, disposition)
        if disposition != "admitted":
            return departure, None, _OTHER
        dept = self.admitting_dept(cat, band, readmit_dept)
        if dept is None:
            return departure, None, _OTHER
        return self.stay(departure, self.clock.local_day(departure), dept, "emd", band)

    def triage(
        self, t: int, tod: int, band: int, *, forced: bool, may_admit: bool
    ) -> tuple[int, int, int | None, int, str]:
        """(category, triage time, first seen or None, departure, disposition) of a visit."""
        rng = self.rng
        rnd = rng.random
        table = _TRIAGE_READMIT if forced else _TRIAGE
        cat = table[int(rnd() * len(table))]
        if cat == 1:
            triage = t + int(rnd() * 3)
            wait = int(rnd() * 4)
        else:  # waits grow with the crowd of the last few hours
            triage = t + min(int(rng.lognormvariate(1.95, 0.6)), 90)
            load = _ED_LOAD[(tod // 60) % 24]
            wait = min(int(_WAIT_MEDIAN[cat] * load * rng.lognormvariate(0, 0.85)), 1080)
        if not forced and cat >= 3 and rnd() < 0.01 + min(0.25, max(0, wait - 120) / 1600):
            left = triage + int(wait * (0.3 + 0.7 * rnd())) + 1
            return cat, triage, None, left, "left_without_being_seen"
        if forced or (may_admit and rnd() < _ED_ADMIT[cat] * _ED_ADMIT_AGE[band]):
            disposition, median, sigma = "admitted", 180.0, 0.6  # boarding included
        elif rnd() < 0.015:
            disposition, median, sigma = "transferred", 200.0, 0.5
        else:
            disposition, median, sigma = "discharged", 110.0, 0.6
        seen = triage + wait
        departure = seen + 5 + int(rng.lognormvariate(math.log(median), sigma))
        return cat, triage, seen, departure, disposition

    def ed_visit(
        self,
        ed: _Dept,
        t: int,
        cat: int,
        triage: int,
        seen: int | None,
        departure: int,
        disposition: str,
    ) -> None:
        clock = self.clock
        update = min(departure + 5 + int(self.rng.random() * 235), self.window_end)
        s0, s1 = clock.fmt_pair(t, departure)
        period = {"start": s0, "end": s1}
        enc = self.new_encounter("EMER", ed, "finished", period, update)
        enc["location"] = [{"location": ed.location, "status": "completed", "period": period}]
        enc["serviceProvider"] = ed.provider
        self.enc_buf.append((enc, t))
        self.arrival_no += 1
        first_seen = "" if seen is None else clock.fmt(seen)
        self.ed_rows.append(
            f"A{self.arrival_no:09d},{enc['id']},{self.pid},{ed.code},{s0},{clock.fmt(triage)},"
            f"{first_seen},{s1},{cat},{disposition}\n"
        )

    def ongoing_emergency(
        self, ed: _Dept, t: int, cat: int, triage: int, seen: int | None
    ) -> _Outcome:
        clock = self.clock
        window_end = self.window_end
        update = min(t + 5 + int(self.rng.random() * 115), window_end)
        start = clock.fmt(t)
        enc = self.new_encounter("EMER", ed, "in-progress", {"start": start}, update)
        enc["location"] = [
            {"location": ed.location, "status": "active", "period": {"start": start}}
        ]
        enc["serviceProvider"] = ed.provider
        self.enc_buf.append((enc, t))
        self.arrival_no += 1
        first_seen = clock.fmt(seen) if seen is not None and seen <= window_end else ""
        self.ed_rows.append(
            f"A{self.arrival_no:09d},{enc['id']},{self.pid},{ed.code},{start},{clock.fmt(triage)},"
            f"{first_seen},,{cat},\n"
        )
        return _FOREVER, None, _OTHER

    def admitting_dept(self, cat: int, band: int, readmit_dept: _Dept | None) -> _Dept | None:
        rnd = self.rng.random
        h = self.h
        if readmit_dept is not None and readmit_dept.profile.ages[band] and rnd() < 0.5:
            return readmit_dept
        if cat == 1 and h.icu is not None and band >= 2 and rnd() < 0.4:
            return h.icu
        return self.pick_dept(h, "emergency", band, self.female)

    # -- waiting list --

    def maybe_waiting_entry(self, dept: _Dept, day: int, removed: int) -> None:
        """Some planned stays came off the waiting list: admitted on ``day``, or cancelled."""
        rng = self.rng
        if rng.random() >= 0.1:
            return
        listed = max(day - 7 - int(rng.random() * 293), -360)
        if removed >= day:
            self.waiting_row(dept, listed, day, "admitted")
        else:
            self.waiting_row(dept, listed, max(removed, listed + 1), "cancelled")

    def waiting_only(self, band: int) -> None:
        """A waiting-list entry without an admission: still waiting, or removed otherwise."""
        rng = self.rng
        dept = self.pick_dept(self.h, "elective", band, self.female)
        if dept is None:
            return
        r = rng.random()
        if r < 0.45:
            listed = self.ndays - 2 - int(rng.random() * 299)
            self.waiting_row(dept, max(listed, 0), None, "")
        else:
            listed = int(rng.random() * (self.ndays - 30))
            removed = min(listed + 14 + int(rng.random() * 186), self.ndays - 1)
            self.waiting_row(dept, listed, removed, "cancelled" if r < 0.8 else "other")

    def waiting_row(self, dept: _Dept, listed: int, removed: int | None, reason: str) -> None:
        self.entry_no += 1
        date_str = self.clock.date_str
        self.wl_rows.append(
            f"W{self.entry_no:08d},{self.pid},{dept.code},{dept.profile.key},{date_str(listed)},"
            f"{date_str(removed) if removed is not None else ''},{reason}\n"
        )


# What an episode leaves behind.
_OTHER, _CANCELLED, _HOME, _TRANSFERRED, _DIED = range(5)


def generate(
    out_dir: Path,
    *,
    encounters: int,
    seed: int = 2026,
    organisations: list[str] | None = None,
    start: date = date(2024, 1, 1),
    end: date = date(2026, 10, 31),
    faults: float = 0.0,
    progress: Callable[[int], None] | None = None,
) -> GenerationSummary:
    """Write a synthetic FHIR Bulk Data export and HIS CSV files into ``out_dir``.

    ``encounters`` lines go to Encounter.ndjson, exactly; ``organisations`` picks root
    organisation codes of the demo content (default: all); ``faults`` is the probability that
    an Encounter line is replaced by a broken one; ``progress`` is called with the number of
    encounters written so far about every 10,000 encounters and at the end.
    """
    from soteria.demo.content import ORGANISATIONS

    if not MIN_ENCOUNTERS <= encounters <= MAX_ENCOUNTERS:
        raise ValueError(f"encounters must be between {MIN_ENCOUNTERS:,} and {MAX_ENCOUNTERS:,}")
    if not 0.0 <= faults <= 1.0:
        raise ValueError("faults must be a probability between 0 and 1")
    ndays = (end - start).days + 1
    if ndays < 60:
        raise ValueError("the window from start to end must cover at least 60 days")
    roots: list[dict[str, Any]] = list(ORGANISATIONS)
    if organisations:
        known: dict[str, dict[str, Any]] = {root["code"]: root for root in roots}
        unknown = [code for code in organisations if code not in known]
        if unknown:
            raise ValueError(
                f"unknown organisation(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
            )
        roots = [known[code] for code in dict.fromkeys(organisations)]
    hospitals = _build_hospitals(roots, start, ndays)
    if not hospitals:
        raise ValueError("the chosen organisations have no hospital with clinical departments")
    generator = _Generator(
        Path(out_dir),
        hospitals,
        encounters=encounters,
        seed=seed,
        start=start,
        ndays=ndays,
        faults=faults,
        progress=progress,
    )
    # The run allocates tens of millions of short-lived dicts and lists, none of them in
    # reference cycles: reference counting frees them all, and the cyclic collector would
    # only spend a quarter of the time walking the long-lived heap again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return generator.run()
    finally:
        if collecting:
            gc.enable()
