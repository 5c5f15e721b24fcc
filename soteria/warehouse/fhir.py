"""FHIR R4 resources we read, as fast msgspec schemas, and the rules that matter to us.

Only the fields the warehouse needs are declared; everything else in a resource (names,
telecom, text, extensions…) is skipped by the decoder and never reaches memory as Python
objects, let alone storage.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import msgspec
from msgspec import Struct

# --- datatypes ------------------------------------------------------------------------------


class Coding(Struct, omit_defaults=True):
    system: str | None = None
    code: str | None = None


class CodeableConcept(Struct, omit_defaults=True):
    coding: list[Coding] = []
    text: str | None = None


class Identifier(Struct, omit_defaults=True):
    system: str | None = None
    value: str | None = None
    type: CodeableConcept | None = None


class Reference(Struct, omit_defaults=True):
    reference: str | None = None
    identifier: Identifier | None = None


class Period(Struct, omit_defaults=True):
    start: str | None = None
    end: str | None = None


class Meta(Struct, omit_defaults=True):
    lastUpdated: str | None = None


class Address(Struct, omit_defaults=True):
    postalCode: str | None = None
    country: str | None = None


# --- resources ------------------------------------------------------------------------------


class Resource(Struct, tag_field="resourceType", omit_defaults=True, kw_only=True):
    id: str
    meta: Meta | None = None
    identifier: list[Identifier] = []


class Patient(Resource, tag="Patient"):
    gender: str | None = None
    birthDate: str | None = None
    address: list[Address] = []
    deceasedBoolean: bool | None = None
    deceasedDateTime: str | None = None


class EncounterLocation(Struct, omit_defaults=True):
    location: Reference
    status: str | None = None
    period: Period | None = None


class Hospitalization(Struct, omit_defaults=True):
    admitSource: CodeableConcept | None = None
    dischargeDisposition: CodeableConcept | None = None


class Encounter(Resource, tag="Encounter"):
    status: str
    class_: Coding = msgspec.field(name="class")
    subject: Reference | None = None
    period: Period | None = None
    serviceType: CodeableConcept | None = None
    type: list[CodeableConcept] = []
    hospitalization: Hospitalization | None = None
    location: list[EncounterLocation] = []
    serviceProvider: Reference | None = None


class Location(Resource, tag="Location"):
    status: str | None = None
    name: str | None = None
    physicalType: CodeableConcept | None = None
    managingOrganization: Reference | None = None
    partOf: Reference | None = None


class Organization(Resource, tag="Organization"):
    active: bool | None = None
    name: str | None = None
    partOf: Reference | None = None


AnyResource = Patient | Encounter | Location | Organization
RESOURCE_TYPES = ("Organization", "Location", "Patient", "Encounter")
"""Import order: what others refer to comes first."""

DECODER = msgspec.json.Decoder(AnyResource)

# --- code systems and value sets we check ---------------------------------------------------

ENCOUNTER_STATUS = {
    "planned",
    "arrived",
    "triaged",
    "in-progress",
    "onleave",
    "finished",
    "cancelled",
    "entered-in-error",
    "unknown",
}
ENCOUNTER_CLASS_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ENCOUNTER_CLASSES = {
    "AMB",
    "EMER",
    "FLD",
    "HH",
    "IMP",
    "ACUTE",
    "NONAC",
    "OBSENC",
    "PRENC",
    "SS",
    "VR",
}
GENDERS = {"male", "female", "other", "unknown"}
DISCHARGE_SYSTEM = "http://terminology.hl7.org/CodeSystem/discharge-disposition"
ADMIT_SOURCE_SYSTEM = "http://terminology.hl7.org/CodeSystem/admit-source"
PHYSICAL_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/location-physical-type"
SOTERIA_UNIT_SYSTEM = "urn:soteria:org-unit"

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")


class FieldError(Exception):
    """A problem with one field of one resource."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def parse_instant(value: str | None, field: str, *, required: bool = False) -> dt.datetime | None:
    """A FHIR date or dateTime in UTC, as a naive datetime (the warehouse's convention;
    dates become midnight)."""
    if value is None or value == "":
        if required:
            raise FieldError(field, "missing")
        return None
    try:
        if _DATETIME_RE.match(value):
            return dt.datetime.fromisoformat(value).astimezone(dt.UTC).replace(tzinfo=None)
        if _DATE_RE.match(value):
            parts = [int(p) for p in value.split("-")] + [1, 1]
            return dt.datetime(parts[0], parts[1], parts[2])
    except ValueError:
        pass
    raise FieldError(field, f"malformed date/time {value!r}")


def first_code(concept: CodeableConcept | None, system: str | None = None) -> str | None:
    if concept is None:
        return None
    for coding in concept.coding:
        if coding.code and (system is None or coding.system == system):
            return coding.code
    return None


def normalise_discharge(code: str | None) -> str | None:
    """Discharge codes arrive as 'home' or as HL7 v2 numbers ('1' and '01' alike)."""
    if code is None or not code.isdigit():
        return code
    return code.lstrip("0") or "0"


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """'Patient/123' → ('Patient', '123', None);
    'Organization?identifier=s|v' → ('Organization', None, 's|v')."""

    resource_type: str
    id: str | None
    identifier: str | None


def parse_reference(ref: Reference | None, field: str, expected: str) -> ParsedReference | None:
    if ref is None:
        return None
    if ref.reference:
        text = ref.reference
        if "?identifier=" in text:
            kind, _, ident = text.partition("?identifier=")
            resource_type = kind.rsplit("/", 1)[-1]
            if resource_type != expected or not ident:
                raise FieldError(field, f"expected a reference to {expected}, got {text!r}")
            return ParsedReference(expected, None, ident)
        if text.startswith("urn:uuid:"):
            # Bundle-internal reference (Synthea, transactions): the entry's id is the uuid.
            return ParsedReference(expected, text[len("urn:uuid:") :], None)
        parts = text.rstrip("/").split("/")
        if len(parts) < 2 or parts[-2] != expected or not parts[-1]:
            raise FieldError(field, f"expected a reference to {expected}, got {text!r}")
        return ParsedReference(expected, parts[-1], None)
    if ref.identifier and ref.identifier.value:
        ident = f"{ref.identifier.system or ''}|{ref.identifier.value}"
        return ParsedReference(expected, None, ident)
    raise FieldError(field, "reference has neither 'reference' nor 'identifier'")


def identifiers(resource: Resource) -> list[str]:
    """'system|value' strings of a resource's identifiers."""
    return [f"{i.system or ''}|{i.value}" for i in resource.identifier if i.value]


_MSGSPEC_PATH = re.compile(r" - at `\$\.?([^`]*)`")


def decode_error(error: msgspec.ValidationError | msgspec.DecodeError) -> FieldError:
    """Turn msgspec's message into (field, reason)."""
    message = str(error)
    missing = re.match(r"Object missing required field `(\w+)`(?: - at `\$\.?([^`]*)`)?", message)
    if missing:
        prefix = missing.group(2) or ""
        field = f"{prefix}.{missing.group(1)}" if prefix else missing.group(1)
        return FieldError(field.replace("class_", "class"), "required field missing")
    path = _MSGSPEC_PATH.search(message)
    field = path.group(1) if path else ""
    reason = _MSGSPEC_PATH.sub("", message)
    if field == "resourceType" or ("Invalid value" in reason and not field):
        return FieldError("resourceType", reason)
    if isinstance(error, msgspec.DecodeError) and not path:
        return FieldError("", f"not valid JSON ({reason})")
    return FieldError(field or "", reason)
