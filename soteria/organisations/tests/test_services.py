"""Writes to the tree: validation, moves, audit."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from soteria.audit.models import AuditEntry
from soteria.organisations import services
from soteria.organisations.models import Membership, OrgUnit, Role
from soteria.testing.factories import unit_create


def test_unit_create_sets_path_and_depth_and_inherits_language(world):
    unit = services.unit_create(
        actor=world.admin,
        code="HOSP-NEU",
        kind="department",
        name={"en": "Neurology"},
        parent=world.hospital,
    )
    assert unit.path == f"{world.hospital.path}{unit.pk}/"
    assert unit.depth == 2
    assert unit.language == world.hospital.language


def test_duplicate_codes_are_rejected_with_a_field_error(world):
    with pytest.raises(ValidationError) as error:
        services.unit_create(
            actor=world.admin,
            code="HOSP-CARD",
            kind="department",
            name={"en": "x"},
            parent=world.hospital,
        )
    assert "code" in error.value.message_dict


def test_bad_codes_and_empty_names_are_rejected(world):
    with pytest.raises(ValidationError) as error:
        services.unit_create(
            actor=world.admin,
            code="bad code",
            kind="department",
            name={"en": "  "},
            parent=world.hospital,
        )
    assert {"code", "name"} <= set(error.value.message_dict)


def test_moving_a_unit_under_its_own_descendant_is_refused(world):
    before = OrgUnit.objects.get(pk=world.hospital.pk).path
    with pytest.raises(ValidationError) as error:
        services.unit_update(actor=world.admin, unit=world.hospital, parent=world.cardiology)
    assert "parent" in error.value.message_dict
    assert OrgUnit.objects.get(pk=world.hospital.pk).path == before


def test_moving_a_unit_moves_its_subtree(world):
    ward = unit_create("HOSP-CARD-W", parent=world.cardiology, kind="ward")
    services.unit_update(actor=world.admin, unit=world.cardiology, parent=world.region)
    ward.refresh_from_db()
    world.cardiology.refresh_from_db()
    assert ward.path == f"{world.region.path}{world.cardiology.pk}/{ward.pk}/"
    assert ward.depth == 2
    entry = AuditEntry.objects.filter(object_id=str(world.cardiology.pk), action="move").get()
    assert entry.changes["parent"]["new"].startswith("REG")


def test_only_administrators_change_the_tree(world):
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=world.quality, unit=world.cardiology, name={"en": "X"})
    with pytest.raises(PermissionDenied):
        services.unit_update(actor=world.admin, unit=world.cardiology, parent=None)


def test_a_unit_with_children_or_strategies_cannot_be_deleted(world):
    with pytest.raises(ValidationError):
        services.unit_delete(actor=world.admin, unit=world.hospital)
    services.unit_delete(actor=world.admin, unit=world.surgery)
    assert not OrgUnit.objects.filter(code="HOSP-SURG").exists()


def test_membership_set_replaces_the_role_and_is_audited(world):
    services.membership_set(
        actor=world.admin, unit=world.cardiology, user=world.viewer, role=Role.CONTRIBUTOR
    )
    services.membership_set(
        actor=world.admin, unit=world.cardiology, user=world.viewer, role=Role.UNIT_LEAD
    )
    membership = Membership.objects.get(unit=world.cardiology, user=world.viewer)
    assert membership.role == Role.UNIT_LEAD
    actions = list(
        AuditEntry.objects.filter(
            content_type__model="membership", object_id=str(membership.pk)
        ).values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "update"]


def test_a_failed_write_leaves_nothing_behind(world):
    count = OrgUnit.objects.count()
    audit = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.unit_create(
            actor=world.admin, code="", kind="nope", name={}, parent=world.hospital
        )
    assert OrgUnit.objects.count() == count
    assert AuditEntry.objects.count() == audit
