"""A NUL character in a request is a clear 400, on every database (PostgreSQL refuses NUL in
any text value, even in a lookup, which used to surface as a server error)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "url",
    [
        "/indicators/targets/download/?indicator=%00",
        "/api/v1/analytics/?dx=ALOS&pe=2026&ou=%00",
        "/scorecards/indicators/ALOS/?unit=HOSP%00",
        "/units/go/?code=%00",
    ],
)
def test_a_nul_in_the_query_is_a_bad_request(world, client, url):
    client.force_login(world.quality)
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_form_is_a_bad_request_and_changes_nothing(world, client):
    from soteria.scorecards.models import Pin

    client.force_login(world.quality)
    response = client.post(
        reverse("scorecard-pin", args=["HOSP"]), {"indicator": "ALOS\x00", "pinned": "1"}
    )
    assert response.status_code == 400
    assert not Pin.objects.exists()


def test_ordinary_requests_pass(world, client):
    client.force_login(world.quality)
    assert client.get("/scorecards/indicators/ALOS/?unit=HOSP&period=2026Q1").status_code == 200
