import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from soteria.strategy.models import *
from soteria.strategy.services import version_copy
from soteria.audit.models import AuditEntry
from soteria.organisations.models import *


def api(user):
    c = APIClient()
    t, _ = Token.objects.get_or_create(user=user)
    c.credentials(HTTP_AUTHORIZATION=f"Token {t.key}")
    return c


def test_probe(client, world):
    client.raise_request_exception = False
    client.force_login(world.admin)
    for url in [
        "/units/go/?code=a/b",
        "/history/strategy.objective/abc/",
        "/history/organisations.orgunit/1.5/",
        f"/versions/{world.strategy.pk}/compare/?with=99999999999999999999999999",
        "/versions/99999999999999999999999/",
        "/history/auth.user/1/",
        "/history/strategy.element/1/",
    ]:
        print(url, client.get(url).status_code)
    r = client.post("/units/HOSP-CARD/delete/")
    print(
        "delete card",
        r.status_code,
        OrgUnit.objects.filter(code="HOSP-CARD").exists(),
        AuditEntry.objects.filter(action="delete").count(),
    )
    a = api(world.admin)
    for url in [
        "/api/v1/elements/value/?version=²",
        "/api/v1/elements/value/?version=99999999999999999999999",
        f"/api/v1/versions/{world.strategy.pk}/diff/?with=99999999999999999999999",
        "/api/v1/versions/99999999999999999999999/",
        "/api/v1/elements/value/99999999999999999999999/",
        "/api/v1/elements/value/abc/",
    ]:
        try:
            print(url, a.get(url).status_code)
        except Exception as e:
            print(url, "EXC", repr(e))
    r = a.delete("/api/v1/units/HOSP-CARD/")
    print("api delete card", r.status_code, r.content)
    v = api(world.viewer)
    r = v.post(
        "/api/v1/elements/value/",
        {"version": world.strategy.pk, "name": {"en": "x"}},
        format="json",
    )
    print("viewer create value approved", r.status_code, r.content)
    client.force_login(world.viewer)
    r = client.post(
        reverse("element-create", args=[world.strategy.pk, "value"]), {"name_en": "x", "order": 1}
    )
    print("viewer web create approved", r.status_code)
    draft = version_copy(actor=None, version=world.strategy)
    r = client.post(reverse("element-create", args=[draft.pk, "value"]), {})
    print("viewer web create draft invalid", r.status_code)
    r = v.patch(
        f"/api/v1/elements/value/{Value.objects.get(version=draft).pk}/",
        {"name": "notadict"},
        format="json",
    )
    print("viewer api patch invalid", r.status_code, r.content)
    r = a.patch(
        f"/api/v1/elements/value/{Value.objects.get(version=draft).pk}/",
        {"name": ["x"]},
        format="json",
    )
    print("admin api patch list name", r.status_code, r.content)
    r = a.patch(
        f"/api/v1/elements/value/{Value.objects.get(version=draft).pk}/",
        {"name": {"en": {"a": 1}}},
        format="json",
    )
    print("admin api patch nested name", r.status_code, r.content)
