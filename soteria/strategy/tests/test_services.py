"""Strategy writes: lifecycle, freezing, copying, comparing, permissions, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from soteria.audit.models import AuditEntry
from soteria.strategy import selectors, services
from soteria.strategy.models import (
    ELEMENT_MODELS,
    BudgetLine,
    Initiative,
    Milestone,
    Objective,
    Priority,
    Programme,
    StrategyVersion,
    VersionStatus,
)
from soteria.testing.factories import strategy_build


def _draft(world) -> StrategyVersion:
    return services.version_copy(actor=world.quality, version=world.strategy)


def test_copy_makes_a_draft_with_every_element_and_the_same_keys(world):
    draft = _draft(world)
    assert draft.status == VersionStatus.DRAFT
    assert draft.number == 2
    assert draft.based_on == world.strategy
    for model in ELEMENT_MODELS:
        old = set(model.objects.filter(version=world.strategy).values_list("key", flat=True))
        new = set(model.objects.filter(version=draft).values_list("key", flat=True))
        assert old == new and old, model
    objective = Objective.objects.get(version=draft)
    assert objective.programme.version == draft
    assert objective.priority.version == draft
    assert Initiative.objects.get(version=draft).objective == objective


def test_an_unchanged_copy_has_no_differences(world):
    result = selectors.version_diff(world.strategy, _draft(world))
    assert result["elements"] == []
    assert set(result["version_fields"]) == {"decision_date"}


def test_diff_reports_added_removed_and_changed_elements(world):
    draft = _draft(world)
    objective = Objective.objects.get(version=draft)
    services.element_update(actor=world.quality, element=objective, title={"en": "Paperless"})
    services.element_delete(actor=world.quality, element=Milestone.objects.get(version=draft))
    services.element_create(
        actor=world.quality, version=draft, model=Priority, code="P2", title={"en": "Access"}
    )
    changes = {
        (c.model.__name__, c.kind)
        for c in selectors.version_diff(world.strategy, draft)["elements"]
    }
    assert changes == {("Objective", "changed"), ("Milestone", "removed"), ("Priority", "added")}
    changed = next(
        c for c in selectors.version_diff(world.strategy, draft)["elements"] if c.kind == "changed"
    )
    assert changed.fields == {
        "title": {"old": {"en": "Electronic records"}, "new": {"en": "Paperless"}}
    }


def test_approved_versions_keep_content_but_accept_progress(world):
    initiative = Initiative.objects.get(version=world.strategy)
    with pytest.raises(ValidationError):
        services.element_update(actor=world.quality, element=initiative, title={"en": "X"})
    services.element_update(actor=world.quality, element=initiative, status="completed")
    line = BudgetLine.objects.get(version=world.strategy)
    services.element_update(actor=world.contributor, element=line, spent=Decimal("130000"))
    with pytest.raises(ValidationError):
        services.element_create(
            actor=world.quality,
            version=world.strategy,
            model=Priority,
            code="P9",
            title={"en": "x"},
        )
    with pytest.raises(ValidationError):
        services.version_update(actor=world.quality, version=world.strategy, vision={"en": "x"})


def test_lifecycle_and_approval_needs_body_and_date(world):
    draft = _draft(world)
    services.version_transition(actor=world.quality, version=draft, status="consultation")
    with pytest.raises(ValidationError) as error:
        services.version_transition(
            actor=world.quality, version=draft, status="approved", approving_body={}
        )
    # the version kept the approving body copied from v1, so clear it explicitly:
    services.version_transition(actor=world.quality, version=draft, status="draft")
    services.version_update(actor=world.quality, version=draft, approving_body={})
    with pytest.raises(ValidationError) as error:
        services.version_transition(actor=world.quality, version=draft, status="approved")
    assert {"approving_body", "decision_date"} <= set(error.value.message_dict)
    services.version_transition(
        actor=world.quality,
        version=draft,
        status="approved",
        approving_body={"en": "Board"},
        decision_date=dt.date(2026, 9, 1),
    )
    world.strategy.refresh_from_db()
    assert world.strategy.status == VersionStatus.ARCHIVED
    with pytest.raises(ValidationError):
        services.version_transition(actor=world.quality, version=world.strategy, status="draft")


def test_dates_in_the_wrong_order_and_negative_money_are_rejected(world):
    draft = _draft(world)
    initiative = Initiative.objects.get(version=draft)
    with pytest.raises(ValidationError) as error:
        services.element_update(
            actor=world.quality,
            element=initiative,
            start=dt.date(2027, 1, 1),
            end=dt.date(2026, 1, 1),
        )
    assert "end" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.element_create(
            actor=world.quality,
            version=draft,
            model=BudgetLine,
            initiative=initiative,
            category={"en": "x"},
            planned=Decimal("-1"),
            currency="EUR",
        )
    assert "planned" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.version_update(
            actor=world.quality,
            version=draft,
            valid_from=dt.date(2029, 1, 1),
            valid_to=dt.date(2028, 1, 1),
        )


def test_duplicate_codes_within_a_version_are_rejected(world):
    draft = _draft(world)
    with pytest.raises(ValidationError):
        services.element_create(
            actor=world.quality, version=draft, model=Priority, code="P1", title={"en": "again"}
        )


def test_elements_cannot_point_into_another_version_or_organisation(world):
    draft = _draft(world)
    old_programme = Programme.objects.get(version=world.strategy)
    with pytest.raises(ValidationError) as error:
        services.element_create(
            actor=world.quality,
            version=draft,
            model=Objective,
            programme=old_programme,
            code="O9",
            title={"en": "x"},
            owner_unit=world.hospital,
        )
    assert "programme" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.element_create(
            actor=world.quality,
            version=draft,
            model=Programme,
            code="PX",
            title={"en": "x"},
            owner_unit=world.other_org,
        )
    assert "owner_unit" in error.value.message_dict


def test_contributors_edit_their_own_units_elements_only(world):
    draft = _draft(world)
    objective = Objective.objects.get(version=draft)  # owned by cardiology
    services.element_update(actor=world.contributor, element=objective, title={"en": "Mine"})
    programme = Programme.objects.get(version=draft)  # owned by the hospital
    with pytest.raises(PermissionDenied):
        services.element_update(actor=world.contributor, element=programme, title={"en": "x"})
    with pytest.raises(PermissionDenied):
        services.element_update(actor=world.viewer, element=objective, title={"en": "x"})
    with pytest.raises(Http404):
        services.element_update(actor=world.stranger, element=objective, title={"en": "x"})
    with pytest.raises(PermissionDenied):
        services.version_copy(actor=world.contributor, version=world.strategy)


def test_every_change_is_audited_with_old_and_new_values(world):
    draft = _draft(world)
    objective = Objective.objects.get(version=draft)
    services.element_update(actor=world.lead, element=objective, title={"en": "New title"})
    entry = AuditEntry.objects.filter(
        object_id=str(objective.pk), content_type__model="objective"
    ).first()
    assert entry.actor == world.lead
    assert entry.action == "update"
    assert entry.changes == {
        "title": {"old": {"en": "Electronic records"}, "new": {"en": "New title"}}
    }


def test_a_version_is_deleted_only_while_draft(world):
    with pytest.raises(ValidationError):
        services.version_delete(actor=world.quality, version=world.strategy)
    draft = _draft(world)
    services.version_delete(actor=world.quality, version=draft)
    assert not StrategyVersion.objects.filter(pk=draft.pk).exists()


def test_strategies_are_read_within_the_subtree_they_govern(world):
    visible = {s.pk for s in selectors.strategies_for(world.contributor)}
    assert world.strategy.strategy_id in visible
    assert (
        not selectors.strategies_for(world.stranger).filter(pk=world.strategy.strategy_id).exists()
    )
    other = strategy_build(world.surgery, code="S-SURG")
    assert not selectors.strategies_for(world.contributor).filter(pk=other.strategy_id).exists()
