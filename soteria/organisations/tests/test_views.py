"""Org-unit pages: tree, create, edit, move, delete, roles."""

from __future__ import annotations

from django.urls import reverse

from soteria.organisations.models import Membership, OrgUnit, Role


def _unit_form(**overrides):
    data = {
        "code": "HOSP-ICU",
        "kind": "department",
        "parent": "",
        "language": "en",
        "name_en": "Intensive care",
        "name_pl": "OIT",
        "name_vi": "",
        "name_fi": "",
        "name_da": "",
    }
    data.update(overrides)
    return data


def test_the_tree_nests_units_and_lists_only_reachable_ones(client, world):
    client.force_login(world.quality)
    html = client.get(reverse("unit-tree")).content.decode()
    assert "Cardiology" in html and "Surgery" in html
    assert "Region" not in html.split("<main")[1] and "Other hospital" not in html


def test_an_administrator_creates_a_unit_with_names_in_two_languages(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("unit-create") + "?parent=HOSP", _unit_form(parent=world.hospital.pk)
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="HOSP-ICU")
    assert unit.name == {"en": "Intensive care", "pl": "OIT"}
    assert unit.parent == world.hospital


def test_a_new_unit_takes_its_parents_time_zone_unless_given_one(client, world):
    OrgUnit.objects.filter(pk=world.hospital.pk).update(time_zone="Europe/Warsaw")
    client.force_login(world.admin)
    client.post(reverse("unit-create") + "?parent=HOSP", _unit_form(parent=world.hospital.pk))
    assert OrgUnit.objects.get(code="HOSP-ICU").time_zone == "Europe/Warsaw"
    client.post(
        reverse("unit-create") + "?parent=HOSP",
        _unit_form(parent=world.hospital.pk, code="HOSP-ER", time_zone="Europe/Helsinki"),
    )
    assert OrgUnit.objects.get(code="HOSP-ER").time_zone == "Europe/Helsinki"
    response = client.post(
        reverse("unit-create") + "?parent=HOSP",
        _unit_form(parent=world.hospital.pk, code="HOSP-X", time_zone="Mars/Olympus"),
    )
    assert response.status_code == 200
    assert "Mars/Olympus" in response.content.decode()
    assert not OrgUnit.objects.filter(code="HOSP-X").exists()


def test_the_unit_form_rejects_bad_input_with_field_messages(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("unit-create") + "?parent=HOSP",
        _unit_form(parent=world.hospital.pk, code="HOSP-CARD", name_en="", name_pl=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Org unit with this Code already exists." in html
    assert "This field is required." in html
    response = client.post(
        reverse("unit-edit", args=["HOSP"]),
        _unit_form(code="HOSP", kind="hospital", name_en="Hospital", parent=world.cardiology.pk),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    world.hospital.refresh_from_db()
    assert world.hospital.parent == world.region


def test_roles_are_given_and_removed_through_the_unit_page(client, world):
    client.force_login(world.admin)
    response = client.post(
        reverse("membership-add", args=["HOSP-SURG"]),
        {"username": "viewer", "role": Role.CONTRIBUTOR},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=world.viewer, unit=world.surgery)
    page = client.get(reverse("unit-detail", args=["HOSP-SURG"])).content.decode()
    assert "viewer" in page and "Contributor" in page
    response = client.post(
        reverse("membership-add", args=["HOSP-SURG"]), {"username": "nobody", "role": Role.VIEWER}
    )
    assert "No active user has this user name." in response.content.decode()
    assert client.post(reverse("membership-remove", args=[membership.pk])).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_only_administrators_reach_unit_administration(client, world):
    client.force_login(world.quality)
    assert client.get(reverse("unit-edit", args=["HOSP-CARD"])).status_code == 403
    assert client.get(reverse("membership-add", args=["HOSP-CARD"])).status_code == 403
    assert client.get(reverse("unit-create") + "?parent=HOSP").status_code == 403
    assert client.get(reverse("unit-create")).status_code == 403
    client.force_login(world.lead)
    assert client.get(reverse("unit-edit", args=["HOSP"])).status_code == 404


def test_deleting_a_unit_with_children_is_refused_with_a_message(client, world):
    client.force_login(world.admin)
    response = client.post(reverse("unit-delete", args=["HOSP"]), follow=True)
    assert "Remove or move the units below this one first." in response.content.decode()
    assert OrgUnit.objects.filter(code="HOSP").exists()
    assert client.post(reverse("unit-delete", args=["HOSP-SURG"])).status_code == 302
    assert not OrgUnit.objects.filter(code="HOSP-SURG").exists()
