"""The public response page in Chromium at a phone's size: errors, keyboard, thank-you."""

from __future__ import annotations

import pytest

from soteria.experience.models import Response
from soteria.experience.tests.helpers import distribute, survey_from
from soteria.testing.browser import BROWSER, SCREENSHOTS
from soteria.testing.factories import World

pytestmark = [*BROWSER, pytest.mark.usefixtures("public_pages")]


@pytest.mark.django_db(transaction=True)
def test_answering_on_a_phone_with_the_keyboard(page, world: World) -> None:
    survey = survey_from(world.hospital, "INPATIENT")
    d = distribute(survey, world.cardiology)
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"/experience/r/{d.token}/?lang=da")
    assert page.locator("html").get_attribute("lang") == "da"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375  # nothing wider than the phone
    page.locator("button.survey__submit").click()
    summary = page.locator("#error-summary")
    summary.wait_for(state="visible")  # the answer page comes back with the summary
    # and its script moves the focus there once it has run (waits; fails on a timeout)
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'error-summary'"
    )
    page.screenshot(path=str(SCREENSHOTS / "experience-errors-phone.png"), full_page=True)
    # follow the summary's link to the required 0–10 question and answer it by keyboard
    summary.locator('a[href="#q-IP_OVERALL"]').click()
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")  # 0 → 1
    page.keyboard.press("ArrowRight")  # 1 → 2
    assert page.locator('input[name="q-IP_OVERALL"]:checked').get_attribute("value") == "2"
    page.locator("#q-IP_COMMENT").fill("<script>document.title='x'</script> Kaffen var kold ☕")
    with page.expect_navigation():
        page.locator("button.survey__submit").click()
    assert "thanks" in page.url and page.title() != "x"
    page.screenshot(path=str(SCREENSHOTS / "experience-thanks-phone.png"), full_page=True)
    response = Response.objects.get()
    assert response.language == "da"
    assert response.answers.get(question__code="IP_OVERALL").number == 2


@pytest.mark.django_db(transaction=True)
def test_printable_qr_code_and_results(page, world: World) -> None:
    from django.utils import timezone

    from soteria.experience.tests.helpers import respond

    survey = survey_from(world.hospital, "FIVE")
    d = distribute(survey, world.cardiology)
    for point in ["5", "4", "4", "3", "2", "NR"]:
        respond(d, {"FIVE_OVERALL": point, "FIVE_INFO": "4"}, timezone.now())
    page.goto("/login/")
    page.fill("#id_username", "quality")
    page.fill("#id_password", "quality-pw")
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/")
    page.goto(f"/experience/distributions/{d.pk}/print/")
    box = page.locator(".qr-sheet svg").bounding_box()
    assert box is not None and box["width"] > 150
    page.screenshot(path=str(SCREENSHOTS / "experience-qr.png"), full_page=True)
    page.goto(f"/experience/surveys/{survey.pk}/results/?unit=HOSP-CARD")
    assert "3.60" in page.content()  # five-point mean of 5, 4, 4, 3, 2
    page.screenshot(path=str(SCREENSHOTS / "experience-results.png"), full_page=True)
