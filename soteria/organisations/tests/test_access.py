"""The access rules: roles apply downwards, never upwards or sideways."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import Role
from soteria.testing.factories import role_give, unit_create, user_create


def test_a_role_applies_to_the_unit_and_its_descendants(world):
    assert access.role_on(world.lead, world.cardiology) == Role.UNIT_LEAD
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    assert access.role_on(world.lead, ward) == Role.UNIT_LEAD


def test_a_role_does_not_apply_upwards_or_sideways(world):
    assert access.role_on(world.lead, world.hospital) is None
    assert access.role_on(world.lead, world.surgery) is None
    assert not access.can(world.lead, Action.VIEW, world.surgery)


def test_the_highest_role_on_the_path_wins(world):
    role_give(world.viewer, world.cardiology, Role.UNIT_LEAD)
    access.forget(world.viewer)
    assert access.role_on(world.viewer, world.cardiology) == Role.UNIT_LEAD
    assert access.role_on(world.viewer, world.surgery) == Role.VIEWER


@pytest.mark.parametrize(
    ("user", "action", "allowed"),
    [
        ("viewer", Action.VIEW, True),
        ("viewer", Action.EDIT, False),
        ("contributor", Action.EDIT, True),
        ("contributor", Action.MANAGE, False),
        ("lead", Action.MANAGE, True),
        ("lead", Action.ADMINISTER, False),
        ("quality", Action.MANAGE, True),
        ("quality", Action.ADMINISTER, False),
        ("admin", Action.ADMINISTER, True),
    ],
)
def test_each_role_allows_its_actions_and_those_below(world, user, action, allowed):
    assert access.can(getattr(world, user), action, world.cardiology) is allowed


def test_require_hides_what_cannot_be_seen_and_forbids_what_cannot_be_done(world):
    with pytest.raises(Http404):
        access.require(world.stranger, Action.VIEW, world.hospital)
    with pytest.raises(PermissionDenied):
        access.require(world.viewer, Action.EDIT, world.hospital)
    access.require(world.contributor, Action.EDIT, world.cardiology)


def test_units_for_lists_only_reachable_subtrees(world):
    codes = set(access.units_for(world.lead).values_list("code", flat=True))
    assert codes == {"HOSP-CARD"}
    assert set(access.units_for(world.stranger).values_list("code", flat=True)) == {"OTHER"}
    admin_codes = set(
        access.units_for(world.admin, Action.ADMINISTER).values_list("code", flat=True)
    )
    assert admin_codes == {"REG", "HOSP", "HOSP-CARD", "HOSP-SURG"}


def test_a_user_without_roles_sees_nothing(db):
    nobody = user_create("nobody")
    unit = unit_create("X1", kind="hospital")
    assert not access.units_for(nobody).exists()
    assert not access.can(nobody, Action.VIEW, unit)


def test_inactive_users_lose_every_right(world):
    world.admin.is_active = False
    access.forget(world.admin)
    assert not access.can(world.admin, Action.VIEW, world.region)


def test_prefix_match_does_not_confuse_unit_1_with_unit_12(db):
    """Paths end with '/', so the subtree of /1/ never includes /12/."""
    units = [unit_create(f"P{i}", kind="hospital") for i in range(13)]
    user = user_create("u")
    role_give(user, units[0], Role.VIEWER)
    visible = set(access.units_for(user).values_list("code", flat=True))
    assert visible == {"P0"}
