"""The public response page: anonymous, CSRF, one-time nonce, rate limit, nothing about the
visitor stored, errors linked to fields, script never rendered."""

from __future__ import annotations

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from soteria.experience import services
from soteria.experience.models import Comment, Response
from soteria.experience.tests.helpers import distribute, survey_from
from soteria.testing.factories import World

pytestmark = pytest.mark.usefixtures("public_pages")


@pytest.fixture
def dist(world: World):
    return distribute(survey_from(world.hospital, "FFT"), world.cardiology)


def _url(d) -> str:
    return reverse("experience-respond", args=[d.token])


def _nonce(html: str) -> str:
    return re.search(r'name="nonce" value="([^"]+)"', html).group(1)


def test_form_is_public_accessible_and_translated(client: Client, dist) -> None:
    page = client.get(_url(dist))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<fieldset" in html and "<legend" in html
    assert "Overall, how was your experience of our service?" in html
    assert 'type="radio" name="q-FFT" value="VG"' in html
    assert 'for="q-FFT_COMMENT"' in html  # the textarea has its label
    assert 'hreflang="pl"' in html
    polish = client.get(_url(dist) + "?lang=pl").content.decode()
    assert "Jak ogólnie oceniasz swoje doświadczenie" in polish
    assert '<html lang="pl">' in polish
    assert not Session.objects.exists()


def test_a_response_is_stored_once_and_nothing_about_the_visitor(client: Client, dist) -> None:
    nonce = _nonce(client.get(_url(dist)).content.decode())
    data = {"nonce": nonce, "lang": "en", "q-FFT": "G", "q-FFT_COMMENT": "Kind nurses 😊"}
    answer = client.post(_url(dist), data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Phone/1.0")
    assert answer.status_code == 302
    assert client.get(answer["Location"]).status_code == 200
    again = client.post(_url(dist), data, REMOTE_ADDR="203.0.113.9")
    assert again.status_code == 200 and "already have these answers" in again.content.decode()
    assert Response.objects.count() == 1
    response = Response.objects.get()
    assert response.submitted_at.minute == 0 and response.submitted_at.second == 0
    stored = repr(list(Response.objects.values())) + repr(list(Comment.objects.values()))
    assert "203.0.113.9" not in stored and "Phone/1.0" not in stored
    assert all("203.0.113.9" not in str(k) for k in cache._cache)  # type: ignore[attr-defined]
    assert not Session.objects.exists()


def test_errors_are_summarised_and_linked_to_fields(client: Client, dist) -> None:
    nonce = _nonce(client.get(_url(dist)).content.decode())
    page = client.post(_url(dist), {"nonce": nonce, "q-FFT_COMMENT": "x" * 5001})
    assert page.status_code == 400
    html = page.content.decode()
    assert 'id="error-summary"' in html and 'href="#q-FFT"' in html
    assert "Please answer this question." in html
    assert "Please keep your answer under 5,000 characters" in html
    assert 'aria-invalid="true"' in html
    assert "x" * 5001 in html  # the text is kept for the person to shorten
    assert not Response.objects.exists()
    fixed = client.post(_url(dist), {"nonce": nonce, "q-FFT": "VG"})
    assert fixed.status_code == 302  # the same form, corrected, goes through


def test_script_in_answers_is_never_rendered(client: Client, dist, world: World) -> None:
    nonce = _nonce(client.get(_url(dist)).content.decode())
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    page = client.post(_url(dist), {"nonce": nonce, "q-FFT": evil, "q-FFT_COMMENT": evil})
    html = page.content.decode()
    assert page.status_code == 400 and "<script>alert" not in html and "&lt;script&gt;" in html
    client.post(_url(dist), {"nonce": nonce, "q-FFT": "VG", "q-FFT_COMMENT": evil})
    assert Comment.objects.get().text.startswith("<script>")
    staff = Client()
    staff.force_login(world.quality)
    for i in range(5):  # enough responses for comments to be shown
        staff_nonce = _nonce(client.get(_url(dist)).content.decode())
        client.post(_url(dist), {"nonce": staff_nonce, "q-FFT": "G"})
    results = staff.get(
        reverse("experience-results", args=[dist.survey_id])
        + "?period="
        + Response.objects.first().submitted_at.strftime("%Y")
    )
    body = results.content.decode()
    assert "&lt;script&gt;alert" in body and "<script>alert" not in body
    assert "<img src=x" not in body


def test_csrf_is_enforced(dist) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.get(_url(dist))
    nonce = _nonce(page.content.decode())
    assert strict.post(_url(dist), {"nonce": nonce, "q-FFT": "VG"}).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    ok = strict.post(_url(dist), {"nonce": nonce, "q-FFT": "VG", "csrfmiddlewaretoken": token})
    assert ok.status_code == 302


def test_forged_or_foreign_nonce_is_refused(client: Client, dist, world: World) -> None:
    other = distribute(survey_from(world.hospital, "FFT", code="FFT2"), world.surgery)
    foreign = _nonce(client.get(_url(other)).content.decode())
    for nonce in ("forged", foreign):
        page = client.post(_url(dist), {"nonce": nonce, "q-FFT": "VG"})
        html = page.content.decode()
        assert page.status_code == 400 and "has expired" in html
        assert 'value="VG" checked' in html  # the answers are kept
        assert _nonce(html) not in ("forged", foreign)  # a fresh form to send
    assert not Response.objects.exists()


def test_rate_limit_per_address(client: Client, dist, settings) -> None:
    settings.SOTERIA_EXPERIENCE_RATE_LIMIT = 2
    codes = []
    for _ in range(3):
        nonce = _nonce(client.get(_url(dist)).content.decode())
        codes.append(client.post(_url(dist), {"nonce": nonce, "q-FFT": "VG"}).status_code)
    assert codes == [302, 302, 429]
    nonce = _nonce(client.get(_url(dist)).content.decode())
    other = client.post(_url(dist), {"nonce": nonce, "q-FFT": "VG"}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_closed_and_unknown_links(client: Client, dist) -> None:
    services.distribution_set_active(actor=None, distribution=dist, active=False)
    assert client.get(_url(dist)).status_code == 410
    assert client.get(reverse("experience-respond", args=["nope"])).status_code == 404


def test_links_open_and_close_on_their_dates(client: Client, world: World) -> None:
    import datetime as dt

    from django.utils import timezone

    survey = survey_from(world.hospital, "FFT")
    today = timezone.localdate()
    later = services.distribution_create(
        actor=None, survey=survey, unit=world.cardiology, opens_on=today + dt.timedelta(days=2)
    )
    assert client.get(_url(later)).status_code == 410
    ended = services.distribution_create(
        actor=None, survey=survey, unit=world.surgery, closes_on=today - dt.timedelta(days=1)
    )
    assert client.get(_url(ended)).status_code == 410
    with pytest.raises(Exception, match="cannot close before it opens"):
        services.distribution_create(
            actor=None,
            survey=survey,
            unit=world.hospital,
            opens_on=today,
            closes_on=today - dt.timedelta(days=1),
        )


def test_an_expired_form_is_not_stored(client: Client, dist, monkeypatch) -> None:
    from soteria.experience import public

    nonce = _nonce(client.get(_url(dist)).content.decode())
    monkeypatch.setattr(public, "NONCE_MAX_AGE", -1)  # every nonce is now too old
    page = client.post(_url(dist), {"nonce": nonce, "q-FFT": "G"})
    assert page.status_code == 400 and not Response.objects.exists()
