"""Importing responses collected elsewhere (paper, another survey tool, a patient portal).

Two formats, both checked in full before anything is stored — one error anywhere and nothing
is written (the report lists every error by row/resource and column/item):

**CSV, one row per response.** UTF-8 (a BOM is fine), comma or semicolon separated, header:

- ``response_id`` (required): the source's id of the response; a response already imported
  with this id for this survey is skipped, so importing a file again changes nothing;
- ``unit`` (optional): org unit code, within the survey owner's tree (default: the unit
  chosen on the import page);
- ``submitted_at`` (required): ``2026-03-14`` or ``2026-03-14T09:30`` (the unit's local
  time) or with an offset (``2026-03-14T09:30:00+01:00``);
- ``language`` (optional): en, pl, vi, fi or da;
- one column per question code of the survey's published version: the answer code (choice
  questions; several separated by ``;`` for multiple choice), a whole number 0–10, or the
  text of a free-text answer. Empty means not answered.

**FHIR R4 ``QuestionnaireResponse``** (one resource, or a ``Bundle`` of them): ``id`` (or
the first ``identifier.value``) is the external id, ``authored`` the time, ``language`` the
language; each ``item.linkId`` (nested items included) must be a question code, its
``answer`` a ``valueCoding.code`` (or ``valueString`` naming the code) for choice questions,
``valueInteger``/``valueDecimal`` for 0–10, ``valueString`` for free text. A questionnaire
with its own linkIds and answer codes is mapped with lines ``linkId = QUESTION_CODE`` and
``linkId / answer code = OPTION_CODE`` (:func:`parse_link_map`). Only completed
(or amended) responses are imported. ``subject``, ``author`` and ``source`` are ignored:
nothing that identifies the patient is read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record
from soteria.experience.models import (
    LANGUAGE_CODES,
    Distribution,
    QuestionKind,
    Response,
    Source,
    Survey,
    SurveyVersion,
)
from soteria.experience.submission import (
    Checked,
    NewResponse,
    RawAnswer,
    check_answers,
    responses_store,
)
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit

MAX_ROWS = 50_000
FIXED_COLUMNS = {"response_id", "unit", "submitted_at", "language"}


@dataclass
class Problem:
    row: str
    field: str
    message: str


@dataclass
class Parsed:
    row: str
    external_id: str
    unit: OrgUnit
    submitted_at: dt.datetime
    language: str
    checked: Checked


@dataclass
class ImportReport:
    file_name: str
    kind: str
    read: int = 0
    created: int = 0
    already: int = 0
    errors: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class LinkMap:
    """How a FHIR questionnaire's items map onto the survey: ``linkId → question code`` and
    ``(linkId, answer code) → option code``."""

    questions: dict[str, str] = field(default_factory=dict)
    answers: dict[tuple[str, str], str] = field(default_factory=dict)


def parse_link_map(text: str) -> LinkMap:
    """Lines ``linkId = QUESTION_CODE`` and ``linkId / answer code = OPTION_CODE``; blank
    lines and ``#`` comments are ignored. ``ValidationError`` names the line."""
    found = LinkMap()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        left, sep, right = line.partition("=")
        left, right = left.strip(), right.strip()
        if not sep or not left or not right:
            raise ValidationError(
                {
                    "link_map": _("Line %(line)d: write linkId = CODE or linkId / answer = CODE.")
                    % {"line": number}
                }
            )
        if "/" in left:
            link, answer = (part.strip() for part in left.split("/", 1))
            found.answers[(link, answer)] = right
        else:
            found.questions[left] = right
    return found


class _Context:
    def __init__(
        self,
        survey: Survey,
        version: SurveyVersion,
        default_unit: OrgUnit | None,
        link_map: LinkMap | None = None,
    ):
        self.survey = survey
        self.version = version
        self.default_unit = default_unit
        self.questions = {q.code: q for q in version.questions.all()}
        self.units: dict[str, OrgUnit | None] = {}
        self.link_map = link_map or LinkMap()

    def unit(self, code: str) -> OrgUnit | None:
        if code not in self.units:
            self.units[code] = OrgUnit.objects.filter(
                code=code, path__startswith=self.survey.owner.path
            ).first()
        return self.units[code]


def _parse_time(value: str, unit: OrgUnit) -> dt.datetime:
    value = value.strip()
    if not value:
        raise ValueError(_("give the time the response was made"))
    try:
        if len(value) == 10:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(12))
        else:
            parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError(
            _("'%(value)s' is not a date or time; use 2026-03-14 or 2026-03-14T09:30")
            % {"value": value[:40]}
        ) from error
    if timezone.is_naive(parsed):
        parsed = parsed.replace(tzinfo=ZoneInfo(unit.time_zone or "UTC"))
    if parsed > timezone.now() + dt.timedelta(days=1):
        raise ValueError(_("the time is in the future"))
    return parsed


def _language(value: str, survey: Survey) -> str:
    value = (value or "").strip().lower().split("-")[0]
    if not value:
        return survey.languages[0] if survey.languages else "en"
    if value not in LANGUAGE_CODES:
        raise ValueError(
            _("unknown language '%(value)s'; use one of %(known)s")
            % {"value": value[:10], "known": ", ".join(LANGUAGE_CODES)}
        )
    return value


# --- CSV ------------------------------------------------------------------------------


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(_("The file is not UTF-8 text.")) from error


def parse_csv(content: bytes, ctx: _Context, report: ImportReport) -> list[Parsed]:
    try:
        text = _decode(content)
    except ValueError as error:
        report.errors.append(Problem("", "", str(error)))
        return []
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    if "response_id" not in header or "submitted_at" not in header:
        report.errors.append(
            Problem(
                _("header"), "", _("The header needs the columns response_id and submitted_at.")
            )
        )
        return []
    unknown = [h for h in header if h not in FIXED_COLUMNS and h not in ctx.questions]
    for name in unknown:
        report.errors.append(
            Problem(
                _("header"),
                name[:60],
                _("no question of this survey has the code %(code)s (known: %(known)s)")
                % {"code": name[:60], "known": ", ".join(ctx.questions)},
            )
        )
    if unknown:
        return []
    parsed: list[Parsed] = []
    seen: set[str] = set()
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            report.errors.append(
                Problem(str(number), "", _("At most %(max)s rows per file.") % {"max": MAX_ROWS})
            )
            break
        report.read += 1
        line = str(number)
        if None in row:
            report.errors.append(Problem(line, "", _("the row has more values than the header")))
            continue
        values = {k: (v or "") for k, v in row.items()}
        item = _parsed_row(line, values, ctx, report, seen)
        if item is not None:
            parsed.append(item)
    return parsed


def _parsed_row(
    line: str, values: dict[str, str], ctx: _Context, report: ImportReport, seen: set[str]
) -> Parsed | None:
    errors_before = len(report.errors)
    external_id = values.get("response_id", "").strip()
    if not external_id:
        report.errors.append(Problem(line, "response_id", _("give the response's id")))
    elif len(external_id) > 200:
        report.errors.append(Problem(line, "response_id", _("at most 200 characters")))
    elif external_id in seen:
        report.errors.append(Problem(line, "response_id", _("this id is in the file twice")))
    seen.add(external_id)
    unit = ctx.default_unit
    if values.get("unit", "").strip():
        unit = ctx.unit(values["unit"].strip())
        if unit is None:
            report.errors.append(
                Problem(
                    line,
                    "unit",
                    _("no unit %(code)s in the survey owner's tree")
                    % {"code": values["unit"].strip()[:40]},
                )
            )
    elif unit is None:
        report.errors.append(Problem(line, "unit", _("name the unit (or choose one for the file)")))
    submitted_at = None
    language = ""
    if unit is not None:
        try:
            submitted_at = _parse_time(values.get("submitted_at", ""), unit)
        except ValueError as error:
            report.errors.append(Problem(line, "submitted_at", str(error)))
    try:
        language = _language(values.get("language", ""), ctx.survey)
    except ValueError as error:
        report.errors.append(Problem(line, "language", str(error)))
    raw: dict[str, RawAnswer] = {}
    for code, question in ctx.questions.items():
        value = values.get(code, "")
        if question.kind == QuestionKind.FREE_TEXT:
            raw[code] = RawAnswer(text=value)
        elif not value.strip():
            continue
        elif question.kind == QuestionKind.SCALE_0_10:
            try:
                raw[code] = RawAnswer(number=float(value.strip().replace(",", ".")))
            except ValueError:
                report.errors.append(Problem(line, code, _("give a whole number from 0 to 10")))
        elif question.kind == QuestionKind.CHOICE_MULTI:
            raw[code] = RawAnswer(codes=[c.strip() for c in value.split(";") if c.strip()])
        else:
            raw[code] = RawAnswer(codes=[value.strip()])
    checked = _check(line, ctx, raw, report)
    if len(report.errors) > errors_before or unit is None or submitted_at is None:
        return None
    return Parsed(line, external_id, unit, submitted_at, language, checked)


def _check(line: str, ctx: _Context, raw: dict[str, RawAnswer], report: ImportReport) -> Checked:
    checked, errors = check_answers(ctx.version, raw, require=False, questions=ctx.questions)
    for code, message in errors.items():
        report.errors.append(Problem(line, code, message))
    if not errors and not checked.answers and not checked.comments:
        report.errors.append(Problem(line, "", _("the response has no answers")))
    return checked


# --- FHIR -----------------------------------------------------------------------------


def _resources(data: Any, report: ImportReport) -> list[tuple[str, dict[str, Any]]]:
    if not isinstance(data, dict):
        report.errors.append(Problem("", "", _("Expected a JSON object.")))
        return []
    kind = data.get("resourceType")
    if kind == "QuestionnaireResponse":
        return [(str(data.get("id") or "1"), data)]
    if kind == "Bundle":
        out = []
        for index, entry in enumerate(data.get("entry") or [], start=1):
            resource = (entry or {}).get("resource") if isinstance(entry, dict) else None
            label = _("entry %(n)d") % {"n": index}
            if (
                not isinstance(resource, dict)
                or resource.get("resourceType") != "QuestionnaireResponse"
            ):
                found = resource.get("resourceType") if isinstance(resource, dict) else None
                report.errors.append(
                    Problem(
                        label,
                        "resourceType",
                        _("expected a QuestionnaireResponse, found %(kind)s") % {"kind": found},
                    )
                )
                continue
            out.append((f"{label} ({resource.get('id', '?')})", resource))
        return out
    report.errors.append(
        Problem(
            "",
            "resourceType",
            _("expected a QuestionnaireResponse or a Bundle, found %(kind)s") % {"kind": kind},
        )
    )
    return []


def _items(items: Any) -> list[dict[str, Any]]:
    """Every item with answers, nested ones included (item.item and answer.item)."""
    found: list[dict[str, Any]] = []
    for item in items or []:
        if not isinstance(item, dict):
            continue
        if item.get("answer"):
            found.append(item)
        found.extend(_items(item.get("item")))
        for answer in item.get("answer") or []:
            if isinstance(answer, dict):
                found.extend(_items(answer.get("item")))
    return found


def _fhir_answer(question: Any, answers: list[Any], link: str, link_map: LinkMap) -> RawAnswer:
    codes: list[str] = []
    texts: list[str] = []
    number: float | None = None
    for answer in answers:
        if not isinstance(answer, dict):
            continue
        if "valueCoding" in answer:
            code = str((answer["valueCoding"] or {}).get("code", ""))
            codes.append(link_map.answers.get((link, code), code))
        elif "valueString" in answer:
            if question.kind == QuestionKind.FREE_TEXT:
                texts.append(str(answer["valueString"]))
            else:
                code = str(answer["valueString"])
                codes.append(link_map.answers.get((link, code), code))
        elif "valueInteger" in answer or "valueDecimal" in answer:
            value = answer.get("valueInteger", answer.get("valueDecimal"))
            try:
                number = float(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                number = -1.0
        elif "valueBoolean" in answer:
            codes.append("YES" if answer["valueBoolean"] else "NO")
        else:
            kinds = [k for k in answer if k.startswith("value")]
            codes.append(f"<{kinds[0] if kinds else 'no value'}>")
    return RawAnswer(codes=codes, number=number, text="\n".join(texts))


def parse_fhir(content: bytes, ctx: _Context, report: ImportReport) -> list[Parsed]:
    try:
        data = json.loads(_decode(content))
    except ValueError as error:
        report.errors.append(
            Problem(
                "", "", _("The file is not valid JSON: %(error)s") % {"error": str(error)[:200]}
            )
        )
        return []
    parsed: list[Parsed] = []
    seen: set[str] = set()
    for label, resource in _resources(data, report):
        report.read += 1
        errors_before = len(report.errors)
        external_id = str(resource.get("id") or "")
        if not external_id:
            identifier = resource.get("identifier")
            if isinstance(identifier, list):
                identifier = identifier[0] if identifier else None
            external_id = str((identifier or {}).get("value") or "")
        if not external_id:
            report.errors.append(Problem(label, "id", _("the response has no id or identifier")))
        elif external_id in seen:
            report.errors.append(Problem(label, "id", _("this id is in the file twice")))
        seen.add(external_id)
        if resource.get("status") not in ("completed", "amended"):
            report.errors.append(
                Problem(
                    label,
                    "status",
                    _("status is %(status)s; only completed responses are imported")
                    % {"status": resource.get("status")},
                )
            )
        unit = ctx.default_unit
        submitted_at = None
        if unit is None:
            report.errors.append(Problem(label, "", _("choose the unit the responses are from")))
        else:
            try:
                submitted_at = _parse_time(str(resource.get("authored") or ""), unit)
            except ValueError as error:
                report.errors.append(Problem(label, "authored", str(error)))
        try:
            language = _language(str(resource.get("language") or ""), ctx.survey)
        except ValueError as error:
            report.errors.append(Problem(label, "language", str(error)))
            language = ""
        raw: dict[str, RawAnswer] = {}
        for item in _items(resource.get("item")):
            link = str(item.get("linkId", ""))
            code = ctx.link_map.questions.get(link, link)
            question = ctx.questions.get(code)
            if question is None:
                report.errors.append(
                    Problem(
                        label,
                        f"item {link[:60]}",
                        _("no question of this survey has the code %(code)s (known: %(known)s)")
                        % {"code": code[:60], "known": ", ".join(ctx.questions)},
                    )
                )
                continue
            if code in raw:
                report.errors.append(
                    Problem(
                        label, f"item {link[:60]}", _("%(code)s is answered twice") % {"code": code}
                    )
                )
                continue
            raw[code] = _fhir_answer(question, item.get("answer") or [], link, ctx.link_map)
        if len(report.errors) > errors_before:
            continue
        checked = _check(label, ctx, raw, report)
        if len(report.errors) == errors_before and unit is not None and submitted_at is not None:
            parsed.append(Parsed(label, external_id, unit, submitted_at, language, checked))
    return parsed


# --- the import -----------------------------------------------------------------------


def import_responses(
    *,
    actor: Any,
    survey: Survey,
    file_name: str,
    content: bytes,
    default_unit: OrgUnit | None = None,
    link_map: LinkMap | None = None,
) -> ImportReport:
    """Check the whole file, then store every new response in one transaction (or none).
    ``link_map`` maps a FHIR questionnaire's linkIds and answer codes onto the survey's."""
    if actor is not None:
        access.require(actor, Action.EDIT, survey.owner)
    kind = "csv" if file_name.lower().endswith(".csv") else "fhir"
    report = ImportReport(file_name=file_name, kind=kind)
    version = survey.current_version()
    if version is None:
        raise ValidationError({"__all__": _("Publish the survey before importing responses.")})
    if default_unit is not None and not default_unit.is_descendant_of(survey.owner):
        raise ValidationError({"unit": _("Choose a unit within the survey owner's tree.")})
    ctx = _Context(survey, version, default_unit, link_map)
    parsed = (parse_csv if kind == "csv" else parse_fhir)(content, ctx, report)
    if report.errors:
        return report
    existing = set(
        Response.objects.filter(
            survey=survey, external_id__in=[p.external_id for p in parsed]
        ).values_list("external_id", flat=True)
    )
    batch = uuid.uuid4().hex[:12]
    source = Source.CSV if kind == "csv" else Source.FHIR
    with transaction.atomic():
        distributions: dict[int, Distribution] = {}
        new: list[NewResponse] = []
        for item in parsed:
            if item.external_id in existing:
                report.already += 1
                continue
            distribution = distributions.get(item.unit.pk)
            if distribution is None:
                distribution, _created = Distribution.objects.get_or_create(
                    survey=survey, unit=item.unit, defaults={"version": version, "active": False}
                )
                distributions[item.unit.pk] = distribution
            new.append(
                NewResponse(
                    distribution=distribution,
                    version=version,
                    checked=item.checked,
                    language=item.language,
                    submitted_at=item.submitted_at,
                    source=source,
                    external_id=item.external_id,
                    import_batch=batch,
                )
            )
        responses_store(new)
        report.created = len(new)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=survey,
            unit=survey.owner,
            changes={
                "import": {
                    "old": None,
                    "new": {
                        "file": file_name[:200],
                        "format": kind,
                        "batch": batch,
                        "responses": report.created,
                        "already imported": report.already,
                    },
                }
            },
        )
        if report.created:
            from soteria.experience.sync import sync_soon

            sync_soon()
    return report
