"""Update-round pages: who gets 200, 403 and 404, forms reaching the services, the reminder."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from soteria.indicators.models import IndicatorDefinition, PeriodLock
from soteria.rounds import services
from soteria.rounds.models import InitiativeUpdate, UpdateRound
from soteria.strategy.models import Initiative
from soteria.testing.factories import standard_indicator

USERS = ("admin", "quality", "lead", "contributor", "viewer", "stranger")


@pytest.fixture
def defs(world):
    """The two hand-entered indicators, entered at every unit (hospital included)."""
    codes = ("EDOC_SHARE", "STAFF_TRAINING_HOURS")
    found = [standard_indicator(code) for code in codes]
    IndicatorDefinition.objects.filter(code__in=codes).update(entered_at=[])
    return found


@pytest.fixture
def later() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


@pytest.fixture
def hosp_round(world, defs, later) -> UpdateRound:
    return services.round_open(world.quality, world.hospital, "2026Q1", later)


def i1(world) -> Initiative:
    return Initiative.objects.get(version=world.strategy, code="I1")


def statuses(client, world, method, url, data=None) -> dict[str, int]:
    out = {}
    for name in USERS:
        client.force_login(getattr(world, name))
        response = client.post(url, data or {}) if method == "post" else client.get(url)
        out[name] = response.status_code
    return out


# --- permissions ------------------------------------------------------------------------


def test_who_may_see_the_round_pages(client, world, hosp_round):
    detail = reverse("round-detail", args=[hosp_round.pk])
    completion = reverse("round-completion", args=[hosp_round.pk])
    csv_url = reverse("round-completion-csv", args=[hosp_round.pk])
    everyone_but_the_stranger = {name: 200 for name in USERS} | {"stranger": 404}
    assert statuses(client, world, "get", detail) == everyone_but_the_stranger
    office = {
        "admin": 200,
        "quality": 200,
        "lead": 403,
        "contributor": 403,
        "viewer": 403,
        "stranger": 404,
    }
    assert statuses(client, world, "get", completion) == office
    assert statuses(client, world, "get", csv_url) == office
    opening = statuses(client, world, "get", reverse("round-open"))
    assert opening == office | {"stranger": 200}  # the stranger opens rounds of OTHER
    client.force_login(world.quality)
    assert client.get(reverse("round-close", args=[hosp_round.pk])).status_code == 405


def test_viewer_cannot_open_or_close_and_the_stranger_gets_404(client, world, hosp_round, later):
    close = reverse("round-close", args=[hosp_round.pk])
    reopen = reverse("round-reopen", args=[hosp_round.pk])
    client.force_login(world.viewer)
    data = {"unit": world.hospital.pk, "period": "2026Q2", "due": later.isoformat()}
    assert client.post(reverse("round-open"), data).status_code == 403
    assert client.post(close).status_code == 403
    assert client.post(reopen).status_code == 403
    client.force_login(world.lead)
    assert client.post(close).status_code == 403
    client.force_login(world.stranger)
    assert client.post(close).status_code == 404
    assert client.post(reopen).status_code == 404
    response = client.post(reverse("round-open"), data)  # HOSP is not theirs to choose
    assert response.status_code == 400 and "unit" in response.context["form"].errors
    assert UpdateRound.objects.count() == 1
    hosp_round.refresh_from_db()
    assert hosp_round.is_open and not PeriodLock.objects.exists()


def test_the_list_holds_only_the_users_rounds(client, world, hosp_round, later):
    other = services.round_open(world.stranger, world.other_org, "2026Q1", later)
    client.force_login(world.contributor)
    html = client.get(reverse("round-list")).content.decode()
    assert reverse("round-detail", args=[hosp_round.pk]) in html
    assert reverse("round-detail", args=[other.pk]) not in html
    assert reverse("round-open") not in html  # a contributor does not open rounds
    client.force_login(world.stranger)
    html = client.get(reverse("round-list")).content.decode()
    assert reverse("round-detail", args=[other.pk]) in html
    assert reverse("round-detail", args=[hosp_round.pk]) not in html


# --- opening ----------------------------------------------------------------------------


def test_opening_through_the_form_and_one_open_round_per_unit_and_period(client, world, later):
    client.force_login(world.quality)
    page = client.get(reverse("round-open"), {"unit": "HOSP-CARD"})
    assert page.status_code == 200 and page.context["form"].initial["unit"] == world.cardiology.pk
    data = {"unit": world.hospital.pk, "period": "2026Q1", "due": later.isoformat()}
    response = client.post(reverse("round-open"), data)
    opened = UpdateRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("round-detail", args=[opened.pk])
    again = client.post(reverse("round-open"), data)
    assert again.status_code == 400
    assert "already open for Hospital" in again.context["form"].errors["period"][0]
    assert "already open for Hospital" in again.content.decode()
    bad = client.post(reverse("round-open"), data | {"period": "Q1"})
    assert "is not a period" in bad.context["form"].errors["period"][0]
    assert UpdateRound.objects.count() == 1


# --- my updates -------------------------------------------------------------------------


def test_the_round_page_lists_my_updates(client, world, hosp_round):
    client.force_login(world.contributor)
    response = client.get(reverse("round-detail", args=[hosp_round.pk]))
    html = response.content.decode()
    enter_group = {key: items for key, _title, items in response.context["groups"]}
    assert len(enter_group["enter"]) == 6
    assert "?period=202601&amp;unit=HOSP-CARD#c" in html
    assert f'name="i{i1(world).pk}-commentary"' in html
    assert "HOSP-SURG" not in html
    assert "Completion overview" not in html
    client.force_login(world.viewer)
    html = client.get(reverse("round-detail", args=[hosp_round.pk])).content.decode()
    assert "Nothing is asked of you in this round" in html


def test_an_initiative_update_through_the_page(client, world, hosp_round):
    url = reverse("round-initiative-update", args=[hosp_round.pk, i1(world).pk])
    key = f"i{i1(world).pk}"
    client.force_login(world.contributor)
    empty = client.post(url, {f"{key}-status": "on_hold", f"{key}-commentary": ""})
    assert empty.status_code == 400 and not InitiativeUpdate.objects.exists()
    response = client.post(
        url, {f"{key}-status": "on_hold", f"{key}-commentary": "Waiting for the vendor."}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#{key}")
    update = InitiativeUpdate.objects.get()
    assert (update.status, update.author) == ("on_hold", world.contributor)
    assert i1(world).status == "on_hold"
    history = client.get(reverse("history", args=["rounds.InitiativeUpdate", update.pk]))
    assert history.status_code == 200
    statuses_ = statuses(
        client, world, "post", url, {f"{key}-status": "completed", f"{key}-commentary": "x"}
    )
    assert statuses_["viewer"] == 403 and statuses_["stranger"] == 404


def test_commentary_is_rendered_escaped(client, world, hosp_round):
    services.initiative_update_save(
        world.contributor,
        hosp_round,
        i1(world),
        "in_progress",
        '<script>alert("x")</script>\nline two',
    )
    client.force_login(world.lead)
    html = client.get(reverse("round-detail", args=[hosp_round.pk])).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>line two" in html
    assert '<script>alert("x")' not in html


def test_closing_and_reopening_through_the_page(client, world, hosp_round):
    client.force_login(world.quality)
    response = client.post(reverse("round-close", args=[hosp_round.pk]), follow=True)
    html = response.content.decode()
    assert "The round is closed and 2026Q1 is locked" in html
    assert "19 items were not done" in html
    hosp_round.refresh_from_db()
    assert not hosp_round.is_open and PeriodLock.objects.filter(period="2026Q1").exists()
    # the contributor is told, and the form is gone
    client.force_login(world.contributor)
    page = client.get(reverse("round-detail", args=[hosp_round.pk])).content.decode()
    assert "initiative updates can no longer be saved" in page
    assert "-commentary" not in page
    key = f"i{i1(world).pk}"
    url = reverse("round-initiative-update", args=[hosp_round.pk, i1(world).pk])
    refused = client.post(url, {f"{key}-status": "on_hold", f"{key}-commentary": "x"}, follow=True)
    assert "initiative updates can no longer be saved" in refused.content.decode()
    assert not InitiativeUpdate.objects.exists()
    # closing twice says so
    client.force_login(world.quality)
    twice = client.post(reverse("round-close", args=[hosp_round.pk]), follow=True)
    assert "already closed" in twice.content.decode()
    reopened = client.post(reverse("round-reopen", args=[hosp_round.pk]), follow=True)
    assert "open again" in reopened.content.decode()
    assert not PeriodLock.objects.exists()


# --- completion -------------------------------------------------------------------------


def test_the_completion_page_and_csv(client, world, hosp_round):
    services.initiative_update_save(world.contributor, hosp_round, i1(world), "on_hold", "x")
    client.force_login(world.quality)
    page = client.get(reverse("round-completion", args=[hosp_round.pk]))
    assert page.context["result"].total.done == 1
    html = page.content.decode()
    assert "5 %" in html and "Cardiology" in html and "contributor" in html
    download = client.get(reverse("round-completion-csv", args=[hosp_round.pk]))
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert ["unit", "HOSP-CARD", "Cardiology", "1", "0", "6", "7", "14", "no"] in rows


def test_overdue_rows_are_marked(client, world, defs):
    late = services.round_open(world.quality, world.hospital, "2025Q4", dt.date(2026, 1, 15))
    client.force_login(world.quality)
    if timezone.localdate() <= late.due:
        pytest.skip("the clock is before the due date")
    html = client.get(reverse("round-completion", args=[late.pk])).content.decode()
    assert html.count("round-row--overdue") >= 3
    assert "overdue" in html


# --- the reminder -----------------------------------------------------------------------


def test_the_reminder_in_the_navigation(client, world, hosp_round, later):
    client.force_login(world.contributor)
    html = client.get(reverse("home")).content.decode()
    due = date_format(later, "DATE_FORMAT")
    assert f"7 updates due by {due}" in html
    assert reverse("round-detail", args=[hosp_round.pk]) in html
    assert "round-reminder--overdue" not in html
    client.force_login(world.viewer)
    assert "updates due" not in client.get(reverse("home")).content.decode()


def test_an_overdue_reminder_looks_and_reads_different(client, world, defs):
    due = timezone.localdate() - dt.timedelta(days=1)
    services.round_open(world.quality, world.cardiology, "2026Q1", due)
    client.force_login(world.contributor)
    html = client.get(reverse("home")).content.decode()
    assert "round-reminder--overdue" in html
    assert f"7 updates overdue, due {date_format(due, 'DATE_FORMAT')}" in html


def test_pages_ask_once_for_open_rounds_when_none_is_open(client, world, defs):
    client.force_login(world.contributor)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("home"))
    rounds = [q["sql"] for q in first.captured_queries if "rounds_updateround" in q["sql"]]
    assert len(rounds) == 1
    # The answer is cached for the user and the day under the data generation.
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("home"))
    assert not [q for q in again.captured_queries if "rounds_updateround" in q["sql"]]
