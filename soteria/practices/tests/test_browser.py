"""A good-practice case in Debian's Chromium: written by a contributor, published by the
unit lead, adopted by a unit of another organisation; nothing serious fails axe on the
form, the case page, the adoption page, the list and the comment page where a patient's
comment is linked to the case."""

from __future__ import annotations

from typing import Any

from soteria.experience.models import Comment, CommentLink
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.practices.models import CaseStatus, PracticeAdoption, PracticeCase
from soteria.testing.browser import BROWSER, SCREENSHOTS, log_in, serious_violations
from soteria.testing.factories import World

pytestmark = BROWSER


def test_create_publish_and_adopt_a_case(page: Any, live_server: Any, world: World) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))

    log_in(page, live_server, "contributor")
    page.goto("/practices/new/")
    page.click("main form.form button[type=submit]")  # empty: the error summary
    page.wait_for_selector("#error-summary")
    assert serious_violations(page) == []
    page.select_option("#id_owner", str(world.cardiology.pk))
    page.fill("#id_title", "Quiet hours at night")
    page.fill("#id_summary", "Lights dimmed and checks bundled from 22 to 6.")
    page.fill("#id_problem", "Patients could not sleep.")
    page.fill("#id_practice", "Checks at 22 and 6 only.\nEar plugs at every bed.")
    page.fill("#id_results", "More patients slept.")
    page.get_by_label("Noise and rest").check()
    page.click("main form.form button[type=submit]")
    page.wait_for_url("**/practices/*/")
    case = PracticeCase.objects.get()
    assert case.status == CaseStatus.DRAFT and case.themes == ["noise_rest"]
    assert serious_violations(page) == []

    log_in(page, live_server, "lead")
    page.goto(f"/practices/{case.pk}/")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"**/practices/{case.pk}/")
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED

    log_in(page, live_server, "stranger")  # administrator of another organisation
    page.goto(f"/practices/{case.pk}/")
    assert page.get_by_text("Ear plugs at every bed.").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "practice-case.png"), full_page=True)
    page.select_option("#id_unit", str(world.other_org.pk))
    page.select_option("#id_status", "in_progress")
    page.fill("#id_started_on", "2026-03-01")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Record the adoption").click()
    page.wait_for_url("**/practices/adoptions/*/")
    adoption = PracticeAdoption.objects.get()
    assert (adoption.unit, adoption.status) == (world.other_org, "in_progress")
    assert page.get_by_text("not proof").is_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "practice-adoption.png"), full_page=True)
    page.goto("/practices/?theme=noise_rest")
    assert page.get_by_role("link", name="Quiet hours at night").is_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "practice-list.png"), full_page=True)

    # a patient's comment at cardiology, linked to the case from the comment page
    where = distribute(survey_from(world.hospital), world.cardiology)
    respond(where, {"FFT": "G", "FFT_COMMENT": "Finally a quiet night."}, language="en")
    comment = Comment.objects.get()
    Comment.objects.filter(pk=comment.pk).update(themes=["noise_rest"])
    log_in(page, live_server, "contributor")
    page.goto(f"/experience/comments/{comment.pk}/")
    page.select_option("#id_practice-practice", str(case.pk))
    assert serious_violations(page) == []
    page.get_by_role("button", name="Link to the case").click()
    page.wait_for_url(f"**/experience/comments/{comment.pk}/")
    assert CommentLink.objects.get().practice == case
    assert page.get_by_role("link", name="Quiet hours at night").is_visible()
    page.goto(f"/practices/{case.pk}/")
    assert page.get_by_text("Finally a quiet night.").is_visible()
    assert errors == []
