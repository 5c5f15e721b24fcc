"""CSV and FHIR QuestionnaireResponse imports: all or nothing, per-row messages, idempotent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.experience.imports import import_responses
from soteria.experience.models import Comment, Distribution, Response, Source
from soteria.experience.tests.helpers import survey_from
from soteria.testing.factories import World

SPEC = Path(__file__).resolve().parents[4] / "shared" / "data" / "fhir" / "r4-spec-examples"

CSV = (
    "response_id,unit,submitted_at,language,FFT,FFT_COMMENT\n"
    "r1,HOSP-CARD,2026-03-02,pl,VG,Bardzo miła obsługa 😊\n"
    'r2,HOSP-SURG,2026-03-03T09:30,en,P,"Waited 4 hours; <b>parking</b> full"\n'
    "r3,,2026-03-04T10:00:00+01:00,,DK,\n"
)


@pytest.fixture
def fft(world: World):
    return survey_from(world.hospital, "FFT")


def _import(survey, name: str, content: str | bytes, unit=None, actor=None):
    data = content.encode() if isinstance(content, str) else content
    return import_responses(
        actor=actor, survey=survey, file_name=name, content=data, default_unit=unit
    )


def test_csv_import_and_again(world: World, fft) -> None:
    report = _import(fft, "fft.csv", CSV, unit=world.cardiology, actor=world.quality)
    assert report.ok, report.errors
    assert (report.read, report.created, report.already) == (3, 3, 0)
    by_id = {r.external_id: r for r in Response.objects.all()}
    assert by_id["r2"].unit == world.surgery and by_id["r3"].unit == world.cardiology
    assert by_id["r1"].source == Source.CSV and by_id["r1"].language == "pl"
    assert by_id["r3"].answers.get().excluded
    assert Comment.objects.get(response=by_id["r2"]).text.endswith("<b>parking</b> full")
    assert not Distribution.objects.get(unit=world.surgery).active  # no public link opened
    assert AuditEntry.objects.filter(changes__import__new__responses=3).exists()
    again = _import(fft, "fft.csv", CSV, unit=world.cardiology)
    assert (again.created, again.already) == (0, 3)
    assert Response.objects.count() == 3


def test_csv_errors_are_per_row_and_nothing_is_stored(world: World, fft) -> None:
    bad = (
        "response_id;unit;submitted_at;FFT;FFT_COMMENT\n"
        "a1;HOSP-CARD;2026-03-02;VG;fine\n"
        "a2;HOSP-CARD;2026-03-02;EXCELLENT;\n"
        f"a3;HOSP-CARD;2026-03-02;G;{'x' * 50_000}\n"
        "a4;OTHER;2026-03-02;G;\n"
        "a5;HOSP-CARD;yesterday;G;\n"
        "a1;HOSP-CARD;2026-03-02;G;\n"
        ";HOSP-CARD;2026-03-02;;\n"
    )
    report = _import(fft, "bad.csv", bad)
    assert not report.ok and report.created == 0
    found = {(e.row, e.field): e.message for e in report.errors}
    assert "Unknown answer code EXCELLENT" in found[("3", "FFT")]
    assert "5,000" in found[("4", "FFT_COMMENT")]
    assert "no unit OTHER" in found[("5", "unit")]
    assert "not a date" in found[("6", "submitted_at")]
    assert "twice" in found[("7", "response_id")]
    assert ("8", "response_id") in found and "no answers" in found[("8", "")]
    assert not Response.objects.exists()


def test_csv_unknown_column_and_encoding(world: World, fft) -> None:
    report = _import(
        fft,
        "x.csv",
        "response_id,submitted_at,FFT,WAIT\nr1,2026-03-01,VG,3\n",
        unit=world.cardiology,
    )
    assert [(e.field, "WAIT" in e.message) for e in report.errors] == [("WAIT", True)]
    latin = _import(
        fft, "x.csv", "response_id,submitted_at,FFT\nr1,2026-03-01,VG\nż".encode("utf-16")
    )
    assert "UTF-8" in latin.errors[0].message


def _qr(rid: str, items: list, **extra) -> dict:
    return {
        "resourceType": "QuestionnaireResponse",
        "id": rid,
        "status": "completed",
        "authored": "2026-03-05T08:00:00Z",
        "subject": {"reference": "Patient/123"},
        "item": items,
        **extra,
    }


def test_fhir_bundle_import(world: World) -> None:
    survey = survey_from(world.hospital, "INPATIENT")
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": _qr(
                    "q1",
                    [
                        {"linkId": "IP_OVERALL", "answer": [{"valueInteger": 9}]},
                        {
                            "linkId": "group",
                            "item": [
                                {
                                    "linkId": "IP_CLEAN",
                                    "answer": [{"valueCoding": {"code": "ALWAYS"}}],
                                },
                            ],
                        },
                        {
                            "linkId": "IP_COMMENT",
                            "answer": [{"valueString": "Sehr gut — dziękuję! 🙏"}],
                        },
                    ],
                    language="pl",
                )
            },
            {
                "resource": _qr(
                    "q2", [{"linkId": "IP_RECOMMEND", "answer": [{"valueString": "DEF_YES"}]}]
                )
            },
        ],
    }
    report = _import(survey, "b.json", json.dumps(bundle), unit=world.cardiology)
    assert report.ok, report.errors
    assert report.created == 2
    q1 = Response.objects.get(external_id="q1")
    assert q1.source == Source.FHIR and q1.language == "pl"
    assert {a.question.code: a.score for a in q1.answers.all()} == {
        "IP_OVERALL": 90.0,
        "IP_CLEAN": 100.0,
    }
    assert "Patient/123" not in json.dumps(list(Response.objects.values()), default=str)


def test_fhir_unknown_link_ids_and_bad_entries(world: World, fft) -> None:
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {
                "resource": _qr(
                    "q1", [{"linkId": "FFT", "answer": [{"valueCoding": {"code": "MAYBE"}}]}]
                )
            },
            {
                "resource": _qr(
                    "q2",
                    [{"linkId": "1.1", "answer": [{"valueString": "x"}]}],
                    status="in-progress",
                )
            },
            {"resource": {"resourceType": "Patient", "id": "p"}},
        ],
    }
    report = _import(fft, "b.json", json.dumps(bundle), unit=world.cardiology)
    messages = {(e.row, e.field): e.message for e in report.errors}
    assert "Unknown answer code MAYBE" in messages[("entry 1 (q1)", "FFT")]
    assert "no question of this survey has the code 1.1" in messages[("entry 2 (q2)", "item 1.1")]
    assert "only completed" in messages[("entry 2 (q2)", "status")]
    assert "found Patient" in messages[("entry 3", "resourceType")]
    assert not Response.objects.exists()


@pytest.mark.parametrize("name", sorted(p.name for p in SPEC.glob("questionnaireresponse*.json")))
def test_real_fhir_examples_give_clear_messages(world: World, fft, name: str) -> None:
    """The HL7 examples answer other questionnaires: every linkId is reported, nothing stored."""
    report = _import(fft, name, (SPEC / name).read_bytes(), unit=world.cardiology)
    assert not report.ok
    assert report.errors and all(e.message for e in report.errors)
    assert not Response.objects.exists()


def test_import_needs_edit_on_the_owner(world: World, fft) -> None:
    with pytest.raises(PermissionDenied):
        _import(fft, "fft.csv", CSV, actor=world.viewer)


def test_import_page_and_command(world: World, fft, tmp_path: Path) -> None:
    client = Client()
    client.force_login(world.quality)
    path = tmp_path / "fft.csv"
    path.write_text(CSV)
    with path.open("rb") as handle:
        page = client.post(
            reverse("experience-import", args=[fft.pk]),
            {"file": handle, "unit": world.cardiology.pk},
        )
    assert "3 imported" in page.content.decode()
    from django.core.management import call_command

    call_command("experience_import", "HOSP", "FFT", str(path), "--unit", "HOSP-CARD")
    assert Response.objects.count() == 3


def test_a_real_fhir_example_imports_with_an_item_mapping(world: World) -> None:
    """The HL7 Glasgow coma scale example, mapped onto a survey of its own."""
    from soteria.experience import services
    from soteria.experience.imports import parse_link_map

    survey = services.survey_create(
        actor=None, owner=world.hospital, code="GCS", name={"en": "GCS"}, languages=["en"]
    )
    version = survey.versions.get()
    for code, options in {
        "VERBAL": "CONFUSED | 80 | | Confused\nNONE | 0 | negative | None",
        "MOTOR": "LOCALISES | 80 | | Localizing pain\nNONE | 0 | negative | None",
        "EYES": "SPONTANEOUS | 100 | positive | Spontaneously\nNONE | 0 | negative | None",
    }.items():
        services.question_save(
            actor=None,
            version=version,
            question=None,
            code=code,
            kind="choice_single",
            text={"en": code},
            options=services.parse_options(options, ["en"]),
        )
    services.version_publish(actor=None, version=version)
    mapping = parse_link_map(
        "# Glasgow coma scale items\n1.1 = VERBAL\n1.2 = MOTOR\n1.3 = EYES\n"
        "1.1 / LA6560-2 = CONFUSED\n1.2 / LA6566-9 = LOCALISES\n1.3 / LA6556-0 = SPONTANEOUS\n"
    )
    content = (SPEC / "questionnaireresponse-example-gcs.json").read_bytes()
    report = import_responses(
        actor=world.quality,
        survey=survey,
        file_name="gcs.json",
        content=content,
        default_unit=world.cardiology,
        link_map=mapping,
    )
    assert report.ok, report.errors
    response = Response.objects.get()
    assert response.external_id == "gcs" and response.submitted_at.year == 2014
    codes = {a.question.code: a.option_codes for a in response.answers.all()}
    assert codes == {"VERBAL": ["CONFUSED"], "MOTOR": ["LOCALISES"], "EYES": ["SPONTANEOUS"]}


def test_link_map_errors_name_the_line() -> None:
    from django.core.exceptions import ValidationError

    from soteria.experience.imports import parse_link_map

    with pytest.raises(ValidationError, match="Line 2"):
        parse_link_map("1.1 = A\nnonsense\n")
