"""Comment analysis runs, the explorer (filters, counts, search, groups), links to
initiatives, and who sees what. The embedding model is replaced by a deterministic fake
(a vector per text) so that no test embeds for real; the classifiers, the language detector
and the storage are the real ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.experience import comment_jobs, comment_links, explorer
from soteria.experience.analysis import embed
from soteria.experience.analysis.tests.fakes import fake_passage, fake_vector
from soteria.experience.models import AnalysisRun, AnalysisStatus, Comment, CommentLink
from soteria.experience.tests.helpers import distribute, respond, survey_from
from soteria.strategy.models import Initiative
from soteria.testing.factories import World

TEXTS = {
    "HOSP-CARD": [
        ("VG", "The nurses were kind and explained everything.", "en"),
        ("P", "I waited four hours in the corridor before anyone came.", "en"),
        ("G", "Pielęgniarki były bardzo miłe i cierpliwe.", "pl"),
    ],
    "HOSP-SURG": [
        ("VP", "The food was cold and the room was dirty.", "en"),
        ("VP", "The food was cold and the room was dirty.", "en"),
    ],
}


@pytest.fixture(autouse=True)
def _fake_embeddings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from soteria.experience.analysis import themes

    # the theme model caches its seed phrases' vectors: none made with fakes may outlive
    # this module's tests (nor real ones leak in)
    themes._seed_cache.clear()
    monkeypatch.setattr(embed, "passage", fake_passage)
    monkeypatch.setattr(embed, "query", lambda text, *a, **k: fake_vector(embed.clean(text)))
    yield
    themes._seed_cache.clear()


@pytest.fixture
def comments(world: World) -> list[Comment]:
    survey = survey_from(world.hospital)
    for unit in (world.cardiology, world.surgery):
        where = distribute(survey, unit)
        for answer, text, language in TEXTS[unit.code]:
            respond(where, {"FFT": answer, "FFT_COMMENT": text}, language=language)
    return list(Comment.objects.order_by("pk"))


def _analysed(comments: list[Comment]) -> list[Comment]:
    run = AnalysisRun.objects.create()
    comment_jobs.run(run)
    return list(Comment.objects.order_by("pk"))


def test_a_run_analyses_every_pending_comment_once(comments: list[Comment]) -> None:
    run = AnalysisRun.objects.create()
    comment_jobs.run(run)
    run.refresh_from_db()
    assert (run.status, run.done, run.total) == (AnalysisStatus.DONE, 5, 5)
    version = comment_jobs.current_version()
    for comment in Comment.objects.all():
        assert comment.analysis_version == version and comment.analysed_at is not None
        assert comment.sentiment in {"positive", "neutral", "negative"}
        assert len(bytes(comment.vector)) == 384 * 4
    assert comment_jobs.pending().count() == 0
    again = comment_jobs.run(AnalysisRun.objects.create())
    assert (again.done, again.total) == (0, 0)


def test_a_model_change_makes_comments_pending_again(comments: list[Comment]) -> None:
    _analysed(comments)
    Comment.objects.filter(pk=comments[0].pk).update(analysis_version="s-old")
    assert list(comment_jobs.pending().values_list("pk", flat=True)) == [comments[0].pk]


def test_new_comments_queue_one_run(world: World, comments: list[Comment]) -> None:
    first = comment_jobs.request()
    assert comment_jobs.request() == first  # one waiting run is enough
    assert first.total == 5 and first.status == AnalysisStatus.QUEUED


def test_explorer_counts_and_filters(world: World, comments: list[Comment]) -> None:
    _analysed(comments)
    everything = explorer.explore(world.quality, explorer.Filters())
    assert everything.total == 5 and everything.not_analysed == 0
    assert sum(everything.sentiments.values()) == 5
    languages = dict(everything.languages)
    assert languages.get("pl") == 1 and languages.get("en") == 4
    surgery = explorer.explore(world.quality, explorer.Filters(unit=world.surgery))
    assert {r.comment.response.unit.code for r in surgery.rows} == {"HOSP-SURG"}
    polish = explorer.explore(world.quality, explorer.Filters(language="pl"))
    assert [r.comment.text for r in polish.rows] == ["Pielęgniarki były bardzo miłe i cierpliwe."]
    for code, _name, count in everything.themes:
        themed = explorer.explore(world.quality, explorer.Filters(theme=code))
        assert themed.total == count
        assert all(code in r.comment.themes for r in themed.rows)


def test_each_user_sees_the_comments_of_their_units_only(
    world: World, comments: list[Comment]
) -> None:
    lead = explorer.explore(world.lead, explorer.Filters())  # a role on cardiology
    assert {r.comment.response.unit.code for r in lead.rows} == {"HOSP-CARD"}
    assert explorer.explore(world.stranger, explorer.Filters()).total == 0
    assert explorer.explore(world.stranger, explorer.Filters(query="food")).rows == []


def test_search_finds_by_meaning_and_orders_by_similarity(
    world: World, comments: list[Comment]
) -> None:
    _analysed(comments)
    found = explorer.explore(
        world.quality, explorer.Filters(query="The nurses were kind and explained everything.")
    )
    assert found.rows[0].comment.text == "The nurses were kind and explained everything."
    assert found.rows[0].score == pytest.approx(1.0, abs=1e-3)
    assert all(r.score >= explorer.SEARCH_MIN_SCORE for r in found.rows)


def test_groups_gather_alike_comments(world: World, comments: list[Comment]) -> None:
    _analysed(comments)
    groups, left_out = explorer.groups(world.quality, explorer.Filters())
    assert left_out == 0
    [group] = groups  # the two identical comments (the fake vectors of the others differ)
    assert group.size == 2 and group.central[0].text.startswith("The food was cold")


def test_unanalysed_comments_are_left_out_of_groups_and_said_so(
    world: World, comments: list[Comment]
) -> None:
    groups, left_out = explorer.groups(world.quality, explorer.Filters())
    assert groups == [] and left_out == 5


def test_linking_a_comment_to_an_initiative(world: World, comments: list[Comment]) -> None:
    comment = comments[1]  # cardiology; the world strategy of the hospital governs it
    initiative = Initiative.objects.get(version=world.strategy, code="I1")
    with pytest.raises(PermissionDenied):
        comment_links.link(world.viewer, comment, initiative)
    found = comment_links.link(world.contributor, comment, initiative, "Corridor waits")
    assert comment_links.link(world.contributor, comment, initiative) == found  # once
    created = AuditEntry.objects.filter(
        content_type__model="commentlink", object_id=str(found.pk), action="create"
    )
    assert created.count() == 1
    comment_links.unlink(world.contributor, found)
    assert not CommentLink.objects.exists()


def test_pages(world: World, comments: list[Comment]) -> None:
    _analysed(comments)
    viewer = Client()
    viewer.force_login(world.viewer)
    page = viewer.get(reverse("experience-comments"), {"sentiment": "negative"})
    assert page.status_code == 200
    assert viewer.get(reverse("experience-comment", args=[comments[0].pk])).status_code == 200
    assert viewer.get(reverse("experience-comment-groups")).status_code == 200
    assert viewer.post(reverse("experience-analysis")).status_code == 404  # leads nothing
    stranger = Client()
    stranger.force_login(world.stranger)
    assert stranger.get(reverse("experience-comment", args=[comments[0].pk])).status_code == 404
    body = stranger.get(reverse("experience-comments")).content.decode()
    assert "corridor" not in body
    bad = viewer.get(reverse("experience-comments"), {"period": "20XX"})
    assert bad.status_code == 200 and "e.g. 2026S1" in bad.content.decode()


def test_comment_text_is_never_rendered_as_markup(world: World) -> None:
    survey = survey_from(world.hospital)
    where = distribute(survey, world.cardiology)
    respond(where, {"FFT": "G", "FFT_COMMENT": "<script>alert(1)</script> ok"}, language="en")
    comment = Comment.objects.get()
    client = Client()
    client.force_login(world.quality)
    for url in (reverse("experience-comments"), reverse("experience-comment", args=[comment.pk])):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body
