"""Comments linked to good-practice cases: who may link, which cases are offered (those
sharing a theme first), the audit rows, the exactly-one rule of a link, and the pages."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.experience import comment_links
from soteria.experience.models import Comment, CommentLink
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.practices import services as practice_services
from soteria.strategy.models import Initiative
from soteria.testing.factories import World


def _case(world: World, owner, title: str, themes: list[str], publish: bool = True):
    """A case at ``owner``, written (and published) by someone who may."""
    actor = world.stranger if owner == world.other_org else world.quality
    text = {"title": title, "summary": "s", "problem": "p", "practice": "d", "themes": themes}
    case = practice_services.case_create(actor, owner, text)
    return practice_services.case_publish(actor, case) if publish else case


@pytest.fixture
def comment(world: World) -> Comment:
    where = distribute(survey_from(world.hospital), world.cardiology)
    respond(where, {"FFT": "VG", "FFT_COMMENT": "They rang me at home, so kind."}, language="en")
    found = Comment.objects.get()
    found.themes = ["discharge", "staff_attitude"]
    found.save(update_fields=["themes"])
    return found


def test_linking_a_comment_to_a_case(world: World, comment: Comment) -> None:
    case = _case(world, world.other_org, "Phone follow-up", ["discharge"])  # another region's
    with pytest.raises(PermissionDenied):
        comment_links.link_practice(world.viewer, comment, case)
    found = comment_links.link_practice(world.contributor, comment, case, "Praised")
    assert comment_links.link_practice(world.contributor, comment, case) == found  # once
    assert (found.practice, found.initiative, found.note) == (case, None, "Praised")
    assert "practice case" in str(found)
    created = AuditEntry.objects.get(
        content_type__model="commentlink", object_id=str(found.pk), action="create"
    )
    assert created.unit == world.cardiology and created.changes["practice"]["new"] == case.title
    pk = found.pk
    comment_links.unlink(world.contributor, found)
    assert not CommentLink.objects.exists()
    assert AuditEntry.objects.filter(
        content_type__model="commentlink", object_id=str(pk), action="delete"
    ).exists()


def test_a_case_the_actor_cannot_read_is_refused(world: World, comment: Comment) -> None:
    hidden = _case(world, world.other_org, "Their draft", ["discharge"], publish=False)
    with pytest.raises(ValidationError) as caught:
        comment_links.link_practice(world.contributor, comment, hidden)
    assert "practice" in caught.value.message_dict
    assert not CommentLink.objects.exists()
    assert hidden not in comment_links.practices_for(world.contributor, comment)


def test_cases_sharing_a_theme_are_offered_first(world: World, comment: Comment) -> None:
    food = _case(world, world.hospital, "Warm meals", ["food"])
    discharge = _case(world, world.hospital, "Discharge lounge", ["discharge"])
    offered = comment_links.practices_for(world.contributor, comment)
    assert offered.index(discharge) < offered.index(food)
    comment_links.link_practice(world.contributor, comment, discharge)
    assert discharge not in comment_links.practices_for(world.contributor, comment)


def test_a_link_points_to_exactly_one_thing(world: World, comment: Comment) -> None:
    case = _case(world, world.hospital, "Discharge lounge", ["discharge"])
    initiative = Initiative.objects.get(version=world.strategy, code="I1")
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentLink.objects.create(comment=comment, initiative=initiative, practice=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentLink.objects.create(comment=comment)
    CommentLink.objects.create(comment=comment, practice=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommentLink.objects.create(comment=comment, practice=case)
    CommentLink.objects.create(comment=comment, initiative=initiative)  # both kinds may exist
    assert CommentLink.objects.count() == 2


def test_the_comment_page_links_to_a_case_and_the_case_shows_the_comment(
    world: World, comment: Comment
) -> None:
    case = _case(world, world.hospital, "Discharge lounge", ["discharge"])
    initiative = Initiative.objects.get(version=world.strategy, code="I1")
    client = Client()
    client.force_login(world.contributor)
    url = reverse("experience-comment", args=[comment.pk])
    body = client.get(url).content.decode()
    assert "Link to a good-practice case" in body and "shares a theme" in body
    page = client.post(url, {"practice-practice": str(case.pk), "practice-note": "Answers it"})
    assert page.status_code == 302
    link = CommentLink.objects.get()
    assert link.practice == case and link.note == "Answers it"
    page = client.post(url, {"initiative": str(initiative.pk), "note": ""})  # still works
    assert page.status_code == 302 and CommentLink.objects.count() == 2
    body = client.get(url).content.decode()
    assert reverse("practice-detail", args=[case.pk]) in body
    assert initiative.code in body
    case_page = client.get(reverse("practice-detail", args=[case.pk])).content.decode()
    assert "They rang me at home" in case_page
    stranger = Client()  # reads the published case, not the comment of another organisation
    stranger.force_login(world.stranger)
    case_page = stranger.get(reverse("practice-detail", args=[case.pk])).content.decode()
    assert "They rang me at home" not in case_page
    viewer = Client()
    viewer.force_login(world.viewer)
    assert viewer.post(url, {"practice-practice": str(case.pk)}).status_code == 403
    page = client.post(reverse("experience-comment-unlink", args=[link.pk]))
    assert page.status_code == 302 and not CommentLink.objects.filter(pk=link.pk).exists()


def test_a_link_history_opens_on_the_comment_unit_only(world: World, comment: Comment) -> None:
    """Regression: the note was audited as a bare string and the history page failed on it;
    and a link (what a comment was tied to) is read on the comment's unit, not from below."""
    case = _case(world, world.hospital, "Phone follow-up", ["discharge"])
    found = comment_links.link_practice(world.contributor, comment, case, "Praised")
    url = reverse("history", args=["experience.CommentLink", found.pk])
    client = Client()
    client.force_login(world.contributor)  # a role on cardiology, the comment's unit
    response = client.get(url)
    assert response.status_code == 200
    assert "Praised" in response.content.decode()
    client.force_login(world.stranger)  # another organisation
    assert client.get(url).status_code == 404
