"""What the indicator page looks up before it draws anything — the definition, the default
unit, the units to move to and to compare — answered from the org-unit tree and the
definitions kept in memory, exactly as the database queries they replace answer it: for
every user of every kind (roles, none, inactive, platform administrators) and every
definition (standard, owned at each level, inactive), with and without a kept generation.
The unit dashboard's usable definitions likewise."""

from __future__ import annotations

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from soteria.core import generation
from soteria.indicators import reference
from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.selectors import (
    definitions_for,
    definitions_visible_to,
    may_see_definition,
)
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, Role
from soteria.scorecards import freshness, indicator_page
from soteria.testing.factories import role_give, standard_indicator, unit_create, user_create


def _owned(code: str, owner: OrgUnit | None, *, active: bool = True) -> IndicatorDefinition:
    copy = standard_indicator("ALOS")
    copy.pk = None
    copy.code, copy.owner, copy.active = code, owner, active
    copy.save()
    return copy


def _expected_default(user, definition: IndicatorDefinition) -> OrgUnit | None:
    """The query the page used to run."""
    units = access.units_for(user)
    if definition.owner is not None:
        units = units.filter(path__startswith=definition.owner.path)
    return units.order_by("depth", "path").first()


def _expected_children(user, unit: OrgUnit) -> list[OrgUnit]:
    return indicator_page._by_name(access.units_for(user).filter(parent_id=unit.pk))


@pytest.fixture
def cast(world):
    """Users of every kind and definitions owned at every level."""
    ward = unit_create("HOSP-CARD-W1", parent=world.cardiology, kind="ward")
    two_places = user_create("two-places")
    role_give(two_places, world.surgery, Role.VIEWER)
    role_give(two_places, world.other_org, Role.CONTRIBUTOR)
    on_ward = user_create("on-ward")
    role_give(on_ward, ward, Role.UNIT_LEAD)
    inactive = user_create("inactive")
    role_give(inactive, world.hospital, Role.VIEWER)
    inactive.is_active = False
    inactive.save()
    root = user_create("root", is_superuser=True)
    sleeping_root = user_create("sleeping-root", is_superuser=True, is_active=False)
    users = [
        world.admin,
        world.quality,
        world.lead,
        world.contributor,
        world.viewer,
        world.stranger,
        two_places,
        on_ward,
        inactive,
        root,
        sleeping_root,
    ]
    definitions = [
        standard_indicator("ALOS"),
        standard_indicator("READMISSION_30D"),
        _owned("OWN_REGION", world.region),
        _owned("OWN_HOSPITAL", world.hospital),
        _owned("OWN_CARDIOLOGY", world.cardiology),
        _owned("OWN_WARD", ward),
        _owned("OWN_OTHER", world.other_org),
        _owned("RETIRED", None, active=False),
    ]
    return users, definitions, list(OrgUnit.objects.order_by("path"))


def _fresh(user):
    """The user as a request loads it (no grants remembered from an earlier call)."""
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("kept", [False, True], ids=["queried", "kept"])
def test_lookups_answer_as_the_queries_they_replace(cast, kept):
    users, definitions, units = cast
    if kept:
        generation.enter(freshness.current())
    for user in users:
        visible = set(definitions_visible_to(_fresh(user)).values_list("pk", flat=True))
        for definition in definitions:
            reader = _fresh(user)
            assert may_see_definition(reader, definition) == (definition.pk in visible), (
                user.username,
                definition.code,
            )
            if definition.pk in visible:
                assert indicator_page.visible_definition(reader, definition.code) == definition
                assert indicator_page.default_unit(reader, definition) == _expected_default(
                    reader, definition
                ), (user.username, definition.code)
            else:
                with pytest.raises(Http404):
                    indicator_page.visible_definition(reader, definition.code)
        for unit in units:
            reader = _fresh(user)
            if not access.can(reader, Action.VIEW, unit):
                continue
            nav = indicator_page.navigation(reader, unit)
            assert nav.children == _expected_children(reader, unit)
            assert nav.ancestors == [
                u
                for u in OrgUnit.objects.filter(pk__in=unit.ancestor_ids[:-1]).order_by("depth")
                if access.can(reader, Action.VIEW, u)
            ]
            mode, compared = indicator_page.compared_units(reader, definitions[0], unit)
            if mode == "siblings" and unit.parent_id is not None:
                parent = OrgUnit.objects.get(pk=unit.parent_id)
                expected = _expected_children(reader, parent)
                if all(u.pk != unit.pk for u in expected):
                    expected = indicator_page._by_name([*expected, unit])
                assert compared == expected
    with pytest.raises(Http404):
        indicator_page.visible_definition(_fresh(users[0]), "NO_SUCH_CODE")
    for unit in units:
        assert set(reference.usable_at(unit)) == set(
            definitions_for(unit).values_list("pk", flat=True)
        ), unit.code


@pytest.mark.usefixtures("cast")
def test_kept_lookups_need_no_query(world):
    generation.enter(freshness.current())
    reader = _fresh(world.quality)
    indicator_page.visible_definition(reader, "ALOS")  # reads what is kept, and the grants
    indicator_page.navigation(reader, world.hospital)
    with CaptureQueriesContext(connection) as queries:
        definition = indicator_page.visible_definition(reader, "OWN_CARDIOLOGY")
        indicator_page.default_unit(reader, definition)
        indicator_page.navigation(reader, world.cardiology)
        indicator_page.compared_units(reader, definition, world.cardiology)
    assert len(queries) == 0
