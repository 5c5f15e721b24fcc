"""The history page: every change, old → new, shown only to those who may read the object."""

from __future__ import annotations

from django.urls import reverse

from soteria.organisations import services as unit_services
from soteria.organisations.models import Membership


def test_unit_history_shows_old_and_new_values(client, world):
    unit_services.unit_update(actor=world.admin, unit=world.surgery, name={"en": "General surgery"})
    client.force_login(world.admin)
    page = client.get(reverse("history", args=["organisations.orgunit", world.surgery.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Surgery" in html and "General surgery" in html and "admin" in html


def test_history_is_hidden_from_those_who_may_not_read(client, world):
    client.force_login(world.contributor)  # a role on cardiology only
    url = reverse("history", args=["organisations.orgunit", world.hospital.pk])
    assert client.get(url).status_code == 404
    membership = Membership.objects.get(user=world.viewer)
    url = reverse("history", args=["organisations.membership", membership.pk])
    client.force_login(world.viewer)
    assert client.get(url).status_code == 404
    client.force_login(world.admin)
    assert client.get(url).status_code == 200


def test_history_survives_deletion(client, world):
    pk = world.surgery.pk
    unit_services.unit_delete(actor=world.admin, unit=world.surgery)
    client.force_login(world.admin)
    page = client.get(reverse("history", args=["organisations.orgunit", pk]))
    assert page.status_code == 200
    assert "deleted" in page.content.decode()


def test_unknown_models_and_objects_are_404(client, world):
    client.force_login(world.admin)
    assert client.get("/history/nope.nothing/1/").status_code == 404
    assert client.get(reverse("history", args=["organisations.orgunit", 99999])).status_code == 404
