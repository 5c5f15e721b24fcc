"""Builder, distribution, QR and results pages: who sees and changes what."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from soteria.audit.models import AuditEntry
from soteria.experience.models import Distribution, Survey, VersionStatus
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.testing.factories import World


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_survey_list_shows_what_the_user_reads(world: World) -> None:
    survey_from(world.hospital, "FFT")
    url = reverse("experience-surveys")
    assert "Friends and Family" in _client(world.viewer).get(url).content.decode()
    assert "Friends and Family" in _client(world.lead).get(url).content.decode()  # below owner
    assert "Friends and Family" not in _client(world.stranger).get(url).content.decode()


def test_create_from_template_and_edit(world: World) -> None:
    client = _client(world.quality)
    page = client.post(
        reverse("experience-survey-new"),
        {"owner": world.hospital.pk, "template": "INPATIENT", "code": "IP26"},
    )
    survey = Survey.objects.get(code="IP26")
    assert page.status_code == 302 and page["Location"] == reverse(
        "experience-survey", args=[survey.pk]
    )
    assert survey.current_version().questions.count() == 17
    detail = client.get(page["Location"]).content.decode()
    assert "Version 1" in detail and "Change questions" in detail
    blank = client.post(
        reverse("experience-survey-new"),
        {"owner": world.hospital.pk, "template": "", "code": "bad code!", "languages": ["en"]},
    )
    assert blank.status_code == 200 and "Use capital letters" in blank.content.decode()


def test_viewers_read_but_do_not_change(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    viewer = _client(world.viewer)
    assert viewer.get(reverse("experience-survey", args=[survey.pk])).status_code == 200
    assert viewer.post(reverse("experience-version-draft", args=[survey.pk])).status_code == 403
    assert viewer.get(reverse("experience-distribute", args=[survey.pk])).status_code == 403
    assert viewer.get(reverse("experience-import", args=[survey.pk])).status_code == 403
    stranger = _client(world.stranger)
    assert stranger.get(reverse("experience-survey", args=[survey.pk])).status_code == 404
    assert stranger.get(reverse("experience-results", args=[survey.pk])).status_code == 404


def test_draft_add_reorder_translate_publish(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    client = _client(world.quality)
    draft_page = client.post(reverse("experience-version-draft", args=[survey.pk]))
    draft = survey.versions.get(status=VersionStatus.DRAFT)
    assert draft_page["Location"] == reverse("experience-version", args=[draft.pk])
    data = {
        "code": "CLEAN",
        "kind": "choice_single",
        "domain": "cleanliness",
        "required": "",
        "text_en": "Was it clean?",
        "options": "YES | 100 | positive | Yes\nNO | 0 | negative | No",
    }
    added = client.post(reverse("experience-question-new", args=[draft.pk]), data)
    assert added.status_code == 302
    question = draft.questions.get(code="CLEAN")
    assert question.domain == "CLEANLINESS" and question.option("YES")["positive"]
    client.post(reverse("experience-question-move", args=[question.pk]), {"direction": "up"})
    codes = list(draft.questions.order_by("position").values_list("code", flat=True))
    assert codes == ["FFT", "CLEAN", "FFT_COMMENT"]
    refused = client.post(reverse("experience-version-publish", args=[draft.pk]), follow=True)
    assert "CLEAN: the question has no text in" in refused.content.decode()
    for lang in survey.languages:
        client.post(
            reverse("experience-question-translate", args=[question.pk, lang]),
            {"text": f"Clean? ({lang})", "option_YES": f"yes-{lang}", "option_NO": f"no-{lang}"},
        )
    client.post(reverse("experience-version-publish", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert AuditEntry.objects.filter(object_repr__startswith="CLEAN").count() >= 3
    frozen = client.get(reverse("experience-question-edit", args=[question.pk]))
    assert frozen.status_code == 403


def test_distribute_within_the_owner_tree_and_print_a_qr_code(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    client = _client(world.quality)
    outside = client.post(
        reverse("experience-distribute", args=[survey.pk]), {"unit": world.other_org.pk}
    )
    assert outside.status_code == 200 and not Distribution.objects.exists()
    client.post(reverse("experience-distribute", args=[survey.pk]), {"unit": world.cardiology.pk})
    d = Distribution.objects.get()
    page = client.get(reverse("experience-print", args=[d.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and d.token in html
    assert _client(world.lead).get(reverse("experience-print", args=[d.pk])).status_code == 200
    assert _client(world.stranger).get(reverse("experience-print", args=[d.pk])).status_code == 404
    client.post(reverse("experience-distribution-toggle", args=[d.pk]))
    d.refresh_from_db()
    assert not d.active


def test_results_are_suppressed_below_the_minimum_cell(world: World, settings) -> None:
    settings.SOTERIA_MIN_CELL = 5
    survey = survey_from(world.hospital, "FFT")
    card = distribute(survey, world.cardiology)
    surg = distribute(survey, world.surgery)
    now = timezone.now() - dt.timedelta(hours=1)
    for code in ["VG", "VG", "G", "P", "DK", "N"]:
        respond(card, {"FFT": code, "FFT_COMMENT": "Friendly staff"}, now)
    for code in ["VG", "P"]:
        respond(surg, {"FFT": code}, now)
    period = now.astimezone(dt.UTC).strftime("%Y")
    url = reverse("experience-results", args=[survey.pk])
    quality = _client(world.quality)
    card_page = quality.get(url, {"unit": "HOSP-CARD", "period": period}).content.decode()
    # 5 answers besides don't know: 3 positive = 60.0 %, 1 negative = 20.0 %
    assert "60.0" in card_page and "20.0" in card_page and "Friendly staff" in card_page
    surg_page = quality.get(url, {"unit": "HOSP-SURG", "period": period}).content.decode()
    assert "fewer than 5 answers: not shown" in surg_page and "Friendly" not in surg_page
    hospital = quality.get(url, {"period": period}).content.decode()  # HOSP: its departments
    assert "Units below" in hospital and "Friends-and-Family: % positive" in hospital
    assert "60.0" in hospital and "too few answers" in hospital  # CARD shown, SURG suppressed
    csv_text = quality.get(
        reverse("experience-results-csv", args=[survey.pk]), {"unit": "HOSP-CARD", "period": period}
    ).content.decode()
    assert "question,FFT," in csv_text and ",60.0,20.0," in csv_text
    assert "Friendly staff" not in csv_text  # comments are not exported
    surg_csv = quality.get(
        reverse("experience-results-csv", args=[survey.pk]), {"unit": "HOSP-SURG", "period": period}
    ).content.decode()
    assert surg_csv.splitlines()[1].endswith(",yes")
    # the lead of cardiology sees cardiology's results, not surgery's
    lead = _client(world.lead)
    assert "60.0" in lead.get(url, {"unit": "HOSP-CARD", "period": period}).content.decode()
    assert lead.get(url, {"unit": "HOSP-SURG", "period": period}).status_code == 404


def test_intro_of_a_draft_and_indicator_links_on_results(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    client = _client(world.quality)
    client.post(reverse("experience-version-draft", args=[survey.pk]))
    draft = survey.versions.get(status=VersionStatus.DRAFT)
    page = client.post(
        reverse("experience-version-intro", args=[draft.pk]), {"intro_en": "Hello <b>you</b>"}
    )
    assert page.status_code == 302
    draft.refresh_from_db()
    assert draft.intro["en"] == "Hello <b>you</b>"
    shown = client.get(reverse("experience-version", args=[draft.pk])).content.decode()
    assert "Hello &lt;b&gt;you&lt;/b&gt;" in shown
    published = survey.current_version()
    assert client.get(reverse("experience-version-intro", args=[published.pk])).status_code == 403
    results = client.get(reverse("experience-results", args=[survey.pk])).content.decode()
    assert reverse("scorecard-indicator", args=["FFT_POSITIVE"]) + "?unit=HOSP" in results
    assert "EXP_TOPBOX_NURSES" not in results


def test_history_of_a_survey(world: World) -> None:
    survey = survey_from(world.hospital, "FFT")
    client = _client(world.quality)
    detail = client.get(reverse("experience-survey", args=[survey.pk])).content.decode()
    url = reverse("history", args=["experience.Survey", survey.pk])
    assert url in detail
    assert client.get(url).status_code == 200
    assert _client(world.stranger).get(url).status_code == 404
