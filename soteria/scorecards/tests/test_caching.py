"""Caching of the scorecard pages: every kind of change shows at once (no stale page), and
no reader ever gets what another reader may not see."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.audit.models import AuditAction
from soteria.audit.services import audit_record
from soteria.core.numbers import display
from soteria.indicators import periods
from soteria.indicators.manual import manual_approve, manual_enter, period_lock
from soteria.indicators.models import ComputeRun, IndicatorValue, RunStatus
from soteria.indicators.targets import target_set
from soteria.organisations.models import Role
from soteria.scorecards import caching, freshness
from soteria.scorecards.models import DataGeneration, Pin
from soteria.strategy.models import Objective, ObjectiveIndicator, VersionStatus
from soteria.testing.factories import role_give, standard_indicator, unit_create, user_create

PERIOD = "2026Q1"


def _get(client: Client, url: str, **headers: str) -> str:
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def _house(client, world, unit="HOSP"):
    url = reverse("scorecard-house", args=[world.strategy.pk])
    return _get(client, f"{url}?unit={unit}&period={PERIOD}")


def _objective_url(world, unit="HOSP"):
    objective = Objective.objects.get(version=world.strategy, code="O1")
    url = reverse("scorecard-objective", args=[objective.pk])
    return f"{url}?unit={unit}&period={PERIOD}"


def _dashboard(client, unit="HOSP-CARD", period=PERIOD):
    url = reverse("scorecard-dashboard", args=[unit])
    return _get(client, f"{url}?period={period}")


def _indicator(client, unit="HOSP-CARD", code="READMISSION_30D"):
    url = reverse("scorecard-indicator", args=[code])
    return _get(client, f"{url}?unit={unit}&period={PERIOD}")


def _o1_row(html: str) -> str:
    found = re.search(
        r'<li class="live-objective[^"]*" id="live-objective-\d+">.*?</li>', html, re.S
    )
    assert found is not None
    return found.group(0)


@pytest.fixture
def readmissions(world):
    return standard_indicator("READMISSION_30D")


# --- the generation -----------------------------------------------------------------------


def test_the_token_is_created_once_and_changes_at_every_bump(db):
    DataGeneration.objects.all().delete()
    first = freshness.current()
    assert freshness.current() == first and DataGeneration.objects.count() == 1
    freshness.bump()
    second = freshness.current()
    assert second != first
    assert DataGeneration.objects.get().changes == 1
    DataGeneration.objects.all().delete()
    freshness.bump()  # without the row: made anew, with a new token
    assert freshness.current() not in (first, second)


def test_the_token_is_one_query(world):
    freshness.current()
    with CaptureQueriesContext(connection) as queries:
        freshness.current()
    assert len(queries) == 1


def _changes(world, readmissions):
    """Each kind of change that must make the pages stale (name → the change)."""

    def value():
        IndicatorValue.objects.create(
            definition=readmissions,
            unit=world.cardiology,
            period=PERIOD,
            period_type="quarter",
            period_start=dt.date(2026, 1, 1),
            value=7,
            definition_version=readmissions.version,
        )

    def run():
        ComputeRun.objects.create(status=RunStatus.SUCCEEDED)

    def target():
        target_set(None, readmissions, world.hospital, "2026", 10, 2)

    def element():
        objective = Objective.objects.get(version=world.strategy, code="O1")
        objective.title = {"en": "Paperless wards"}
        objective.save()

    def link():
        objective = Objective.objects.get(version=world.strategy, code="O1")
        ObjectiveIndicator.objects.filter(objective=objective).delete()

    def version():
        world.strategy.status = VersionStatus.ARCHIVED
        world.strategy.save()

    def lock():
        period_lock(world.quality, world.hospital, PERIOD)

    def unit():
        world.surgery.name = {"en": "Operating theatres"}
        world.surgery.save()

    def new_unit():
        unit_create("HOSP-NEW", parent=world.hospital, name={"en": "New"})

    def membership():
        role_give(world.viewer, world.region, Role.VIEWER)

    def pin():
        Pin.objects.create(user=world.viewer, definition=readmissions, unit=world.cardiology)

    def audited():
        audit_record(
            actor=None,
            action=AuditAction.UPDATE,
            instance=world.hospital,
            unit=world.hospital,
            changes={"note": ["a", "b"]},
        )

    def definition():
        readmissions.decimals = 3
        readmissions.save()

    return {f.__name__: f for f in (value, run, target, element, link, version, lock, unit,
                                    new_unit, membership, pin, audited, definition)}  # fmt: skip


@pytest.mark.parametrize(
    "change",
    [
        "value",
        "run",
        "target",
        "element",
        "link",
        "version",
        "lock",
        "unit",
        "new_unit",
        "membership",
        "pin",
        "audited",
        "definition",
    ],
)
def test_every_kind_of_change_bumps_the_generation(world, readmissions, change):
    before = freshness.current()
    _changes(world, readmissions)[change]()
    assert freshness.current() != before


def test_bulk_deleting_values_stays_a_fast_delete(world, readmissions):
    """No deletion receiver on values: a run replaces hundreds of thousands of rows with one
    DELETE (a receiver would make Django load and signal each one)."""
    for code in ("2026Q1", "2026Q2", "2026Q3"):
        period = periods.parse(code)
        IndicatorValue.objects.create(
            definition=readmissions,
            unit=world.cardiology,
            period=code,
            period_type="quarter",
            period_start=period.start,
            value=1,
            definition_version=1,
        )
    with CaptureQueriesContext(connection) as queries:
        IndicatorValue.objects.filter(definition=readmissions).delete()
    deletes = [q for q in queries if q["sql"].startswith("DELETE")]
    selects = [
        q for q in queries if "indicators_indicatorvalue" in q["sql"] and "SELECT" in q["sql"]
    ]
    assert len(deletes) == 1 and not selects


# --- no stale page --------------------------------------------------------------------------


def test_a_computation_run_shows_its_new_values(client, world, readmissions):
    client.force_login(world.quality)
    url = _objective_url(world)
    assert "12.5" not in _get(client, url)
    assert "12.5" not in _get(client, url)  # cached now
    # a run writes its rows in bulk (no signal per row), then saves itself
    period = periods.parse(PERIOD)
    IndicatorValue.objects.bulk_create(
        [
            IndicatorValue(
                definition=readmissions,
                unit=world.cardiology,
                period=PERIOD,
                period_type=period.type.value,
                period_start=period.start,
                value=12.5,
                definition_version=readmissions.version,
            )
        ]
    )
    ComputeRun.objects.create(status=RunStatus.SUCCEEDED, values_written=1)
    assert "12.5" in _get(client, url)


def test_a_target_change_changes_the_status(client, world, readmissions, values_set):
    values_set(readmissions, world.cardiology, {PERIOD: 9})
    client.force_login(world.quality)
    assert "live-objective--none" in _o1_row(_house(client, world))
    target_set(world.quality, readmissions, world.hospital, "2026", 10, 2)
    assert "live-objective--green" in _o1_row(_house(client, world))
    target_set(world.quality, readmissions, world.hospital, "2026", 5, 1)
    assert "live-objective--red" in _o1_row(_house(client, world))


def test_a_hand_entered_value_shows_once_approved(client, world):
    edoc = standard_indicator("EDOC_SHARE")
    client.force_login(world.lead)
    month = "202602"  # entered per month
    assert "EDOC_SHARE" not in _dashboard(client, period=month)
    value = manual_enter(world.contributor, edoc, world.cardiology, month, 40, 50, submit=True)
    assert "EDOC_SHARE" not in _dashboard(client, period=month)  # not approved: not counted
    manual_approve(world.lead, value)
    html = _dashboard(client, period=month)
    assert "EDOC_SHARE" in html and "80.0" in html


def test_a_strategy_edit_shows(client, world):
    client.force_login(world.quality)
    assert "Electronic records" in _house(client, world)
    objective = Objective.objects.get(version=world.strategy, code="O1")
    objective.title = {"en": "Paperless wards"}
    objective.save()
    html = _house(client, world)
    assert "Paperless wards" in html and "Electronic records" not in html


def test_a_new_link_between_objective_and_indicator_shows(client, world):
    client.force_login(world.quality)
    url = _objective_url(world)
    assert "ALOS" not in _get(client, url)
    objective = Objective.objects.get(version=world.strategy, code="O1")
    ObjectiveIndicator.objects.create(
        version=world.strategy, objective=objective, indicator=standard_indicator("ALOS")
    )
    assert "ALOS" in _get(client, url)


def test_a_version_status_change_shows_on_the_dashboard(client, world):
    client.force_login(world.quality)
    assert "READMISSION_30D" in _dashboard(client)
    world.strategy.status = VersionStatus.ARCHIVED
    world.strategy.save()
    assert "READMISSION_30D" not in _dashboard(client)


def test_an_org_unit_change_shows(client, world):
    client.force_login(world.quality)
    assert "Surgery" in _house(client, world)
    world.surgery.name = {"en": "Operating theatres"}
    world.surgery.save()
    html = _house(client, world)
    assert "Operating theatres" in html and "Surgery" not in html


def test_each_language_has_its_own_page(client, world):
    client.force_login(world.quality)
    english = _house(client, world)
    polish = _get(
        client,
        reverse("scorecard-house", args=[world.strategy.pk]) + f"?unit=HOSP&period={PERIOD}",
        **{"Accept-Language": "pl"},
    )
    assert 'lang="pl"' in polish
    assert "Mission" in english and "Mission" not in polish
    assert "Mission" in _house(client, world)


def test_a_pin_shows_on_its_owners_dashboard_only(client, world, readmissions):
    twin = user_create("twin")
    role_give(twin, world.hospital, Role.QUALITY_MANAGER)  # the same rights as quality
    client.force_login(world.quality)
    assert "Unpin" not in _dashboard(client)
    pin = Pin.objects.create(user=world.quality, definition=readmissions, unit=world.cardiology)
    assert "Unpin" in _dashboard(client)
    other = Client()
    other.force_login(twin)
    assert "Unpin" not in _dashboard(other)
    pin.delete()  # the pins are kept per generation: an unpin starts a new one
    assert "Unpin" not in _dashboard(client)


def test_a_cached_page_is_served_without_working_it_out_again(client, world):
    client.force_login(world.quality)
    url = _objective_url(world)
    caching.clear()
    with CaptureQueriesContext(connection) as cold:
        _get(client, url)
    with CaptureQueriesContext(connection) as warm:
        again = _get(client, url)
    assert len(warm) < len(cold)
    assert "Electronic records" in again


# --- never another reader's page -----------------------------------------------------------


def test_rights_keys_differ_by_rights_and_agree_for_equal_rights(world):
    twin = user_create("twin")
    role_give(twin, world.hospital, Role.QUALITY_MANAGER)
    keys = {
        name: caching.rights_key(getattr(world, name))
        for name in ("admin", "quality", "lead", "contributor", "viewer", "stranger")
    }
    assert len(set(keys.values())) == len(keys)
    assert caching.rights_key(twin) == keys["quality"]
    role_give(twin, world.other_org, Role.VIEWER)
    twin = type(twin).objects.get(pk=twin.pk)  # grants are cached on the user object
    assert caching.rights_key(twin) != keys["quality"]


@pytest.mark.parametrize("first", ["quality", "lead"])
def test_the_objective_page_never_shows_figures_of_units_the_reader_may_not_see(
    world, readmissions, values_set, first
):
    """The objective is also measured at surgery: its figures are the quality manager's to
    see, not the head of cardiology's — whichever of them opens the page first."""
    objective = Objective.objects.get(version=world.strategy, code="O1")
    ObjectiveIndicator.objects.create(
        version=world.strategy, objective=objective, indicator=readmissions, unit=world.surgery
    )
    values_set(readmissions, world.surgery, {PERIOD: 42.75})
    clients = {}
    for name in ("quality", "lead"):
        clients[name] = Client()
        clients[name].force_login(getattr(world, name))
    url = _objective_url(world, unit="HOSP-CARD")
    order = [first, "lead" if first == "quality" else "quality"]
    pages = {name: _get(clients[name], url) for name in order}
    shown = display(42.75, readmissions.decimals)  # as the value cell writes it
    assert f'<td class="num">{shown}' in pages["quality"]
    assert f'<td class="num">{shown}' not in pages["lead"]
    assert shown not in pages["lead"]


@pytest.mark.parametrize("first", ["quality", "lead"])
def test_the_indicator_page_compares_only_units_the_reader_may_see(
    world, readmissions, values_set, first
):
    values_set(readmissions, world.cardiology, {PERIOD: 9})
    values_set(readmissions, world.surgery, {PERIOD: 31.5})
    clients = {}
    for name in ("quality", "lead"):
        clients[name] = Client()
        clients[name].force_login(getattr(world, name))
    order = [first, "lead" if first == "quality" else "quality"]
    pages = {name: _indicator(clients[name]) for name in order}
    assert "Surgery" in pages["quality"]
    assert "Surgery" not in pages["lead"] and "31.5" not in pages["lead"]


@pytest.mark.parametrize("first", ["wide", "narrow"])
def test_the_house_offers_only_units_the_reader_may_see(world, first):
    """The same house (cardiology, same period) for a viewer of the hospital and a viewer of
    cardiology only: the unit trail leads up to the hospital for the first alone."""
    narrow = user_create("narrow")
    role_give(narrow, world.cardiology, Role.VIEWER)
    readers = {"wide": Client(), "narrow": Client()}
    readers["wide"].force_login(world.viewer)
    readers["narrow"].force_login(narrow)
    order = [first, "narrow" if first == "wide" else "wide"]
    pages = {name: _house(readers[name], world, unit="HOSP-CARD") for name in order}
    up = "?unit=HOSP&amp;period="
    assert up in pages["wide"]
    assert up not in pages["narrow"]


def test_the_dashboard_form_carries_the_readers_own_csrf_token(world, readmissions):
    """Two readers with the same rights share the cached dashboard, but each pins with their
    own CSRF token (a cached page never holds one)."""
    twin = user_create("twin")
    role_give(twin, world.hospital, Role.QUALITY_MANAGER)
    for user in (world.quality, twin):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        html = _dashboard(browser)
        assert caching.CSRF_SLOT not in html
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert token is not None
        response = browser.post(
            reverse("scorecard-pin", args=["HOSP-CARD"]),
            {
                "csrfmiddlewaretoken": token.group(1),
                "indicator": "READMISSION_30D",
                "pinned": "1",
                "period": PERIOD,
            },
        )
        assert response.status_code == 302
        assert Pin.objects.filter(user=user, definition=readmissions).exists()


# --- grants kept per generation ----------------------------------------------------------


def test_grants_are_kept_per_generation_and_a_revoked_role_is_seen_at_once(world):
    """The pages keep each user's grants under the data generation (no membership query per
    request); a membership removed or changed starts a new generation, so the very next
    request checks against the new grants — for a page already cached too."""
    from soteria.core import generation
    from soteria.organisations import access
    from soteria.organisations.models import Membership
    from soteria.organisations.services import membership_remove, membership_set

    def fresh(user):
        return type(user).objects.get(pk=user.pk)  # a request's own user object

    generation.enter(freshness.current())
    try:
        before = access.grants(fresh(world.lead))
        with CaptureQueriesContext(connection) as captured:
            assert access.grants(fresh(world.lead)) == before
        assert not [q for q in captured.captured_queries if "membership" in q["sql"]]
    finally:
        generation.leave()
    with CaptureQueriesContext(connection) as captured:  # no generation: read each time
        access.grants(fresh(world.lead))
    assert [q for q in captured.captured_queries if "membership" in q["sql"]]

    client = Client()
    client.force_login(world.lead)
    url = reverse("scorecard-dashboard", args=["HOSP-CARD"])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # cached, grants kept
    membership = Membership.objects.get(user=world.lead, unit=world.cardiology)
    membership_remove(actor=world.admin, membership=membership)
    assert client.get(url).status_code == 404
    membership_set(actor=world.admin, unit=world.cardiology, user=world.lead, role=Role.VIEWER)
    assert client.get(url).status_code == 200
    assert caching.rights_key(fresh(world.lead)) != caching.rights_key(world.quality)


def test_a_part_is_built_in_the_language_of_its_key(db):
    """The build holds the request's language (``active_language`` without asking Django),
    and gives it back afterwards; a rendering inside with another language keeps its own."""
    from django.utils import translation

    from soteria.core import i18n

    seen = []

    def build() -> str:
        seen.append((i18n._rendering.get(), i18n.active_language()))
        with translation.override("da"), i18n.rendering_in("da"):
            seen.append((i18n._rendering.get(), translation.gettext("Unit")))
        return "built"

    caching.clear()
    with translation.override("fi"):
        assert caching.cached(caching.key("test", "t"), build) == "built"
        assert i18n._rendering.get() is None
    assert seen[0] == ("fi", "fi")
    with translation.override("da"):
        danish = translation.gettext("Unit")
    assert danish != "Unit" and seen[1] == ("da", danish)
