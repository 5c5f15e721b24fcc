"""Storing responses: checks by question, scrubbing, all or nothing, duplicates."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from soteria.experience.comments import MAX_COMMENT_CHARS
from soteria.experience.models import Answer, Comment, Response
from soteria.experience.submission import DuplicateSubmission, RawAnswer
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.testing.factories import World


@pytest.fixture
def inpatient(world: World):
    return distribute(survey_from(world.hospital, "INPATIENT"), world.cardiology)


def test_answers_are_scored_when_stored(inpatient) -> None:
    response = respond(
        inpatient,
        {
            "IP_NURSE_RESPECT": "ALWAYS",
            "IP_HELP_CALL": "NR",
            "IP_OVERALL": 9,
            "IP_QUIET": "SOMETIMES",
        },
    )
    got = {a.question.code: a for a in response.answers.select_related("question")}
    assert (got["IP_NURSE_RESPECT"].score, got["IP_NURSE_RESPECT"].positive) == (100.0, True)
    assert got["IP_HELP_CALL"].excluded and got["IP_HELP_CALL"].score is None
    assert (got["IP_OVERALL"].score, got["IP_OVERALL"].positive) == (90.0, True)
    assert got["IP_QUIET"].negative and not got["IP_QUIET"].positive
    assert response.unit_id == inpatient.unit_id and response.version == inpatient.version


def test_every_bad_answer_is_reported_and_nothing_stored(inpatient) -> None:
    with pytest.raises(ValidationError) as error:
        respond(
            inpatient,
            {
                "IP_NURSE_RESPECT": "MAYBE",
                "IP_OVERALL": 11,
                "IP_COMMENT": "x" * (MAX_COMMENT_CHARS + 1),
                "NO_SUCH": "A",
            },
        )
    errors = error.value.message_dict
    assert "Unknown answer code MAYBE" in errors["IP_NURSE_RESPECT"][0]
    assert "0 to 10" in errors["IP_OVERALL"][0]
    assert "5,000" in errors["IP_COMMENT"][0]
    assert "Unknown question code NO_SUCH" in errors["NO_SUCH"][0]
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_required_questions(inpatient) -> None:
    with pytest.raises(ValidationError) as error:
        respond(inpatient, {"IP_CLEAN": "ALWAYS"})
    assert error.value.message_dict["IP_OVERALL"] == ["Please answer this question."]


def test_comments_are_scrubbed_and_kept_as_text(inpatient) -> None:
    text = (
        "Świetna opieka 👍 but the <script>alert(1)</script> parking was awful. "
        "Call me on +48 600 123 456 or jan.kowalski@example.com"
    )
    response = respond(inpatient, {"IP_OVERALL": 8, "IP_COMMENT": text}, language="pl")
    comment = Comment.objects.get(response=response)
    assert "600 123 456" not in comment.text and "jan.kowalski@example.com" not in comment.text
    assert "<script>alert(1)</script>" in comment.text  # stored as text, escaped when shown
    assert "👍" in comment.text and "Świetna" in comment.text
    assert comment.scrubbed and comment.language == "pl" and comment.sentiment == ""


def test_blank_and_whitespace_comments_store_nothing(inpatient) -> None:
    response = respond(inpatient, {"IP_OVERALL": 8, "IP_COMMENT": "  \n\t "})
    assert not response.comments.exists()


def test_multiple_choice_rules(world: World) -> None:
    from soteria.experience import services

    survey = services.survey_create(
        actor=None, owner=world.hospital, code="MC", name={"en": "MC"}, languages=["en"]
    )
    version = survey.versions.get()
    services.question_save(
        actor=None,
        version=version,
        question=None,
        code="WHAT",
        kind="choice_multi",
        text={"en": "What went well?"},
        options=services.parse_options(
            "FOOD | | positive | Food\nSTAFF | | positive | Staff\nNOISE | | negative | Noise\n"
            "NONE | | excluded | None of these",
            ["en"],
        ),
    )
    services.version_publish(actor=None, version=version)
    d = distribute(survey, world.cardiology)
    a = respond(d, {"WHAT": ["FOOD", "NOISE"]}).answers.get()
    assert a.positive and a.negative and a.score is None and a.option_codes == ["FOOD", "NOISE"]
    with pytest.raises(ValidationError, match="twice"):
        respond(d, {"WHAT": ["FOOD", "FOOD"]})


def test_the_same_nonce_or_external_id_is_refused(inpatient) -> None:
    respond(inpatient, {"IP_OVERALL": 5}, nonce_hash="a" * 64)
    with pytest.raises(DuplicateSubmission):
        respond(inpatient, {"IP_OVERALL": 6}, nonce_hash="a" * 64)
    respond(inpatient, {"IP_OVERALL": 5}, external_id="X1", source="csv")
    with pytest.raises(DuplicateSubmission):
        respond(inpatient, {"IP_OVERALL": 5}, external_id="X1", source="csv")
    assert Response.objects.count() == 2


def test_free_text_rejects_choices(inpatient) -> None:
    with pytest.raises(ValidationError) as error:
        respond(inpatient, {"IP_OVERALL": 5, "IP_COMMENT": RawAnswer(codes=["A"])})
    assert "written answer" in error.value.message_dict["IP_COMMENT"][0]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), -1.0, 3.5, 1e308])
def test_odd_numbers_are_refused_not_crashed_on(inpatient, number: float) -> None:
    with pytest.raises(ValidationError, match="whole number from 0 to 10"):
        respond(inpatient, {"IP_OVERALL": RawAnswer(number=number)})


def test_a_pasted_essay_as_an_answer_code_is_not_echoed_in_full(inpatient) -> None:
    with pytest.raises(ValidationError) as error:
        respond(inpatient, {"IP_OVERALL": 5, "IP_CLEAN": "x" * 50_000})
    message = error.value.message_dict["IP_CLEAN"][0]
    assert len(message) < 300 and "x" * 39 + "…" in message


def test_stored_comments_are_announced_after_commit(
    inpatient, django_capture_on_commit_callbacks
) -> None:
    from soteria.experience.submission import comments_stored

    heard: list[list[int]] = []

    def listener(sender, comment_ids, **kwargs) -> None:
        heard.append(comment_ids)

    comments_stored.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = respond(inpatient, {"IP_OVERALL": 7, "IP_COMMENT": "Long wait for food"})
    finally:
        comments_stored.disconnect(listener)
    assert heard == [[response.comments.get().pk]]
