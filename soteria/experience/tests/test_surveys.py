"""Shipped templates, the survey builder's services: versions, questions, distributions."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditEntry
from soteria.experience import catalogue, services
from soteria.experience.models import Distribution, QuestionKind, VersionStatus
from soteria.experience.tests.helpers import respond, survey_from
from soteria.testing.factories import World

LANGUAGES = ["da", "en", "fi", "pl", "vi"]


def test_every_template_is_complete_in_five_languages() -> None:
    templates = catalogue.templates()
    assert set(templates) == {"FFT", "INPATIENT", "FIVE"}
    for template in templates.values():
        assert catalogue.template_languages(template) == LANGUAGES
        assert sorted(template["name"]) == LANGUAGES
        for q in template["questions"]:
            for option in q["options"]:
                assert sorted(option["text"]) == LANGUAGES, (q["code"], option["code"])
    inpatient = {q["domain"] for q in templates["INPATIENT"]["questions"]}
    assert {"NURSES", "DOCTORS", "RESPONSIVENESS", "MEDICINES", "DISCHARGE"} <= inpatient
    assert {"CLEANLINESS", "QUIETNESS", "OVERALL", "RECOMMEND"} <= inpatient


def test_scales_mark_top_bottom_and_excluded_boxes() -> None:
    fft = {o["code"]: o for o in catalogue.scales()["fft"]}
    assert [c for c, o in fft.items() if o["positive"]] == ["VG", "G"]
    assert [c for c, o in fft.items() if o["negative"]] == ["P", "VP"]
    assert [c for c, o in fft.items() if o["excluded"]] == ["DK"]
    five = catalogue.scales()["five_point"]
    assert [o["point"] for o in five] == [1, 2, 3, 4, 5, None, None]
    assert [o["code"] for o in five if o["excluded"]] == ["NR", "DK"]


def test_survey_from_template_is_published_and_audited(world: World) -> None:
    survey = survey_from(world.hospital, "INPATIENT")
    version = survey.current_version()
    assert version is not None and version.status == VersionStatus.PUBLISHED
    assert version.questions.count() == 17
    assert sorted(survey.languages) == LANGUAGES
    assert survey.languages[0] == world.hospital.language  # the owner's language first
    help_call = version.questions.get(code="IP_HELP_CALL")
    assert help_call.option_codes == ["NEVER", "SOMETIMES", "USUALLY", "ALWAYS", "NR"]
    assert AuditEntry.objects.filter(object_repr__startswith="INPATIENT").exists()


def test_published_version_is_frozen_and_a_draft_copies_it(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    published = survey.current_version()
    question = published.questions.get(code="FFT")
    with pytest.raises(ValidationError):
        services.question_save(
            actor=world.quality,
            version=published,
            question=question,
            code="FFT",
            kind="fft",
            text={"en": "Changed"},
        )
    draft = services.version_draft(actor=world.quality, survey=survey)
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT
    assert [q.code for q in draft.questions.all()] == ["FFT", "FFT_COMMENT"]
    assert services.version_draft(actor=world.quality, survey=survey) == draft  # only one draft
    services.question_save(
        actor=world.quality,
        version=draft,
        question=None,
        code="wait",
        kind=QuestionKind.SCALE_0_10,
        text={lang: f"Wait {lang}" for lang in LANGUAGES},
    )
    services.version_publish(actor=world.quality, version=draft)
    published.refresh_from_db()
    assert published.status == VersionStatus.RETIRED
    assert survey.current_version() == draft
    assert draft.questions.filter(code="WAIT").exists()


def test_publishing_needs_every_text_in_every_language(world: World) -> None:
    survey = services.survey_create(
        actor=world.quality,
        owner=world.hospital,
        code="OWN",
        name={"en": "Own"},
        languages=["en", "pl"],
    )
    version = survey.versions.get()
    services.question_save(
        actor=world.quality,
        version=version,
        question=None,
        code="Q1",
        kind=QuestionKind.CHOICE_SINGLE,
        text={"en": "Pick"},
        options=services.parse_options(
            "A | 100 | positive | Yes | Tak\nB | 0 | negative | No", ["en", "pl"]
        ),
    )
    with pytest.raises(ValidationError) as error:
        services.version_publish(actor=world.quality, version=version)
    text = " ".join(error.value.messages)
    assert "Q1: the question has no text in pl" in text
    assert "answer B has no text in pl" in text


def test_parse_options_reports_the_line() -> None:
    with pytest.raises(ValidationError, match="Line 2: the score must be a number from 0 to 100"):
        services.parse_options("A | 10 | | a\nB | 300 | | b", ["en"])
    with pytest.raises(ValidationError, match="Line 1: unknown flag great"):
        services.parse_options("A | 10 | great | a", ["en"])
    options = services.parse_options("a | 50 | positive,excluded | Yes", ["en"])
    assert options[0]["code"] == "A" and options[0]["excluded"] and options[0]["positive"]
    assert services.parse_options(services.format_options(options, ["en"]), ["en"]) == options


def test_reorder_translate_delete(world: World) -> None:
    survey = survey_from(world.hospital, "FIVE")
    draft = services.version_draft(actor=world.quality, survey=survey)
    last = draft.questions.order_by("position").last()
    services.question_move(actor=world.quality, question=last, offset=-1)
    codes = list(draft.questions.order_by("position").values_list("code", flat=True))
    assert codes[-2:] == ["FIVE_COMMENT", "FIVE_OVERALL"]
    info = draft.questions.get(code="FIVE_INFO")
    services.question_translate(
        actor=world.quality,
        question=info,
        language="da",
        text="Ny tekst",
        options={"1": "Overhovedet ikke"},
    )
    info.refresh_from_db()
    assert info.text["da"] == "Ny tekst" and info.option("1")["text"]["da"] == "Overhovedet ikke"
    assert "da" not in info.option("2")["text"]
    services.question_delete(actor=world.quality, question=info)
    assert not draft.questions.filter(code="FIVE_INFO").exists()
    assert AuditEntry.objects.filter(action="delete", object_repr__startswith="FIVE_INFO").exists()


def test_changes_need_edit_on_the_owner(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    with pytest.raises(PermissionDenied):
        services.version_draft(actor=world.viewer, survey=survey)
    with pytest.raises(Http404):
        services.version_draft(actor=world.stranger, survey=survey)
    with pytest.raises(PermissionDenied):  # a lead of cardiology does not edit the hospital's
        services.version_draft(actor=world.lead, survey=survey)


def test_distributions_stay_in_the_owner_tree_and_follow_new_versions(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    with pytest.raises(ValidationError):
        services.distribution_create(actor=world.quality, survey=survey, unit=world.other_org)
    d = services.distribution_create(actor=world.quality, survey=survey, unit=world.cardiology)
    assert len(d.token) >= 32
    assert (
        services.distribution_create(actor=world.quality, survey=survey, unit=world.cardiology) == d
    )
    old = d.version
    response = respond(d, {"FFT": "VG"})
    draft = services.version_draft(actor=world.quality, survey=survey)
    services.version_publish(actor=world.quality, version=draft)
    d.refresh_from_db()
    assert d.version == draft and d.token == Distribution.objects.get(pk=d.pk).token
    response.refresh_from_db()
    assert response.version == old  # a response keeps the version it answered
    services.distribution_set_active(actor=world.quality, distribution=d, active=False)
    d.refresh_from_db()
    assert not d.active and d.closes_on is not None


def test_distribute_from_template_command(world: World, capsys: pytest.CaptureFixture) -> None:
    from django.core.management import call_command

    call_command("experience_survey", "HOSP", "--template", "FIVE", "--distribute", "HOSP-CARD")
    survey = world.hospital.surveys.get(code="FIVE")
    assert survey.distributions.get().unit == world.cardiology
    assert "/experience/r/" in capsys.readouterr().out


def test_template_codes_keep_their_kind(world: World) -> None:
    survey = services.survey_create(
        actor=None, owner=world.hospital, code="OWN", name={"en": "Own"}, languages=["en"]
    )
    version = survey.versions.get()
    with pytest.raises(ValidationError, match="standard indicators count it"):
        services.question_save(
            actor=None,
            version=version,
            question=None,
            code="FFT",
            kind=QuestionKind.SCALE_0_10,
            text={"en": "Rate us"},
        )
    fft = services.question_save(
        actor=None,
        version=version,
        question=None,
        code="FFT",
        kind=QuestionKind.FFT,
        text={"en": "Overall?"},
    )
    assert fft.option_codes == ["VG", "G", "N", "P", "VP", "DK"]
