"""Writing cases and adoptions: validation, status changes, audit rows, who may do it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditEntry
from soteria.organisations.models import Role
from soteria.practices import services
from soteria.practices.models import AdoptionStatus, CaseStatus, PracticeAdoption, PracticeCase
from soteria.practices.tests.conftest import TEXT, case_make
from soteria.testing.factories import World, role_give, standard_indicator, unit_create, user_create


def _audit(instance, action=None):
    rows = AuditEntry.objects.filter(
        content_type__model=instance._meta.model_name, object_id=str(instance.pk)
    )
    return rows.filter(action=action) if action else rows


def test_a_case_is_created_as_a_draft_and_audited(world: World) -> None:
    case = case_make(world.contributor, world.cardiology, themes=["medication", "discharge"])
    assert case.status == CaseStatus.DRAFT and case.published_at is None
    assert case.themes == ["discharge", "medication"]  # taxonomy order
    assert case.created_by == world.contributor
    [entry] = _audit(case, "create")
    assert entry.unit == world.cardiology and entry.actor == world.contributor
    assert entry.changes["title"] == {"old": None, "new": TEXT["title"]}


def test_bad_input_names_each_field_and_writes_nothing(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        services.case_create(
            world.contributor,
            world.cardiology,
            {"title": " ", "summary": "x" * 1001, "language": "xx", "themes": ["nope", "food"]},
        )
    errors = caught.value.message_dict
    assert set(errors) == {"title", "summary", "language", "themes"}
    assert "nope" in errors["themes"][0] and "1,001" in errors["summary"][0]
    assert (
        not PracticeCase.objects.exists()
        and not AuditEntry.objects.filter(content_type__model="practicecase").exists()
    )


def test_the_language_defaults_to_the_owner_units(world: World) -> None:
    unit = unit_create("DK-X", parent=world.hospital, language="da")
    role_give(world.contributor, unit, Role.CONTRIBUTOR)
    case = services.case_create(world.contributor, unit, {"title": "Ro", "summary": "Stille"})
    assert case.language == "da"


def test_text_is_kept_as_plain_text(world: World) -> None:
    case = case_make(world.contributor, world.cardiology, practice="a\r\nb\x00 <b>c</b>  ")
    assert case.practice == "a\nb <b>c</b>"


def test_update_records_old_and_new(world: World, draft: PracticeCase) -> None:
    services.case_update(
        world.contributor, draft, {"title": "Quiet nights", "themes": ["noise_rest"]}
    )
    draft.refresh_from_db()
    assert draft.title == "Quiet nights" and draft.themes == ["noise_rest"]
    [entry] = _audit(draft, "update")
    assert entry.changes["title"] == {"old": "Quiet hours at night", "new": "Quiet nights"}
    services.case_update(world.contributor, draft, {"title": "Quiet nights"})  # no change
    assert _audit(draft, "update").count() == 1


def test_who_may_write_publish_and_withdraw(world: World, draft: PracticeCase) -> None:
    with pytest.raises(PermissionDenied):  # viewer of the hospital: sees it, may not edit
        services.case_update(world.viewer, draft, {"title": "x"})
    with pytest.raises(Http404):  # another organisation: a draft is not theirs to see
        services.case_update(world.stranger, draft, {"title": "x"})
    with pytest.raises(PermissionDenied):  # contributors write, leads publish
        services.case_publish(world.contributor, draft)
    with pytest.raises(PermissionDenied):
        services.case_create(world.viewer, world.cardiology, TEXT)
    published = services.case_publish(world.lead, draft)
    assert published.status == CaseStatus.PUBLISHED and published.published_at is not None
    with pytest.raises(PermissionDenied):  # published: the stranger reads it, no more
        services.case_withdraw(world.stranger, published)
    with pytest.raises(ValidationError):
        services.case_publish(world.lead, published)
    withdrawn = services.case_withdraw(world.quality, published)
    assert withdrawn.status == CaseStatus.WITHDRAWN
    statuses = [e.changes["status"] for e in _audit(draft, "status").order_by("pk")]
    assert statuses == [
        {"old": "draft", "new": "published"},
        {"old": "published", "new": "withdrawn"},
    ]


def test_a_case_needs_problem_and_practice_to_be_published(world: World) -> None:
    case = case_make(world.contributor, world.cardiology, problem="", practice=" ")
    with pytest.raises(ValidationError) as caught:
        services.case_publish(world.lead, case)
    assert set(caught.value.message_dict) == {"problem", "practice"}
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


def test_adoption_by_a_unit_of_another_organisation(world: World, published: PracticeCase) -> None:
    adoption = services.adoption_create(
        world.stranger,
        published,
        world.other_org,
        {"status": "in_progress", "started_on": dt.date(2026, 3, 1), "note": "Trying it"},
    )
    assert adoption.status == AdoptionStatus.IN_PROGRESS
    [entry] = _audit(adoption, "create")
    assert entry.unit == world.other_org
    with pytest.raises(ValidationError) as caught:
        services.adoption_create(world.stranger, published, world.other_org)
    assert "unit" in caught.value.message_dict
    indicator = standard_indicator("ALOS")
    services.adoption_update(
        world.stranger, adoption, {"status": "adopted", "indicator": indicator}
    )
    adoption.refresh_from_db()
    assert adoption.indicator == indicator and adoption.status == "adopted"
    assert _audit(adoption, "update").get().changes["status"] == {
        "old": "in_progress",
        "new": "adopted",
    }
    pk = adoption.pk
    services.adoption_delete(world.stranger, adoption)
    assert not PracticeAdoption.objects.exists()
    assert AuditEntry.objects.filter(object_id=str(pk), action="delete").count() == 1


def test_adoption_rules(world: World, draft: PracticeCase, published: PracticeCase) -> None:
    with pytest.raises(ValidationError):  # a draft is not for adoption yet
        services.adoption_create(world.quality, draft, world.surgery)
    with pytest.raises(PermissionDenied):  # a viewer of surgery may not adopt for it
        services.adoption_create(world.viewer, published, world.surgery)
    with pytest.raises(Http404):  # a unit outside the actor's reach
        services.adoption_create(world.quality, published, world.other_org)
    with pytest.raises(ValidationError) as caught:  # the unit that developed it
        services.adoption_create(world.quality, published, world.cardiology)
    assert "unit" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # in progress needs a start
        services.adoption_create(world.quality, published, world.surgery, {"status": "adopted"})
    assert "started_on" in caught.value.message_dict
    outsider = unit_create("OTHER-IND", parent=world.other_org)
    foreign = standard_indicator("ALOS")
    foreign.pk = None
    foreign.code = "OWN_ONLY"
    foreign.owner = world.other_org
    foreign.save()
    with pytest.raises(ValidationError) as caught:  # another organisation's own indicator
        services.adoption_create(world.quality, published, world.surgery, {"indicator": foreign.pk})
    assert "indicator" in caught.value.message_dict
    assert outsider.pk and not PracticeAdoption.objects.exists()


def test_a_contributor_elsewhere_may_not_change_someone_elses_adoption(
    world: World, published: PracticeCase
) -> None:
    adoption = services.adoption_create(world.quality, published, world.surgery)
    other = user_create("other-contributor")
    role_give(other, world.other_org, Role.CONTRIBUTOR)
    with pytest.raises(Http404):
        services.adoption_update(other, adoption, {"note": "x"})
    with pytest.raises(PermissionDenied):
        services.adoption_delete(world.viewer, adoption)


def test_publishing_again_records_the_earlier_date(world: World, published: PracticeCase) -> None:
    first = published.published_at
    services.case_withdraw(world.lead, published)
    again = services.case_publish(world.lead, published)
    entry = AuditEntry.objects.filter(object_id=str(published.pk), action="status").latest("pk")
    assert entry.changes["published_at"] == {
        "old": first.isoformat(),
        "new": again.published_at.isoformat(),
    }
