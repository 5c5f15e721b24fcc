"""Target pages through the web client: who sees what and who may change it."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from soteria.audit.models import AuditEntry
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, Source, Target
from soteria.indicators.target_excel import COLUMNS
from soteria.indicators.targets import target_approve, target_set
from soteria.strategy.models import Objective
from soteria.testing.factories import standard_indicator

CODE = "READMISSION_30D"


@pytest.fixture
def ratio(world):
    return standard_indicator(CODE)


@pytest.fixture
def card(world, ratio):
    return target_set(world.lead, ratio, world.cardiology, "2026", 8, 2, "Board decision")


@pytest.fixture
def surg(world, ratio):
    return target_set(world.quality, ratio, world.surgery, "2026", 9, 1)


def as_user(client, user):
    client.force_login(user)
    return client


def form(value=7, tolerance=1, note="", **extra):
    return {"value": value, "tolerance": tolerance, "note": note, **extra}


def xlsx(*rows) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(list(COLUMNS))
    for row in rows:
        book.active.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("targets.xlsx", buffer.getvalue())


# --- strangers and viewers ---------------------------------------------------------------------


def test_strangers_get_404_on_every_target_of_another_organisation(client, world, card):
    as_user(client, world.stranger)
    for name in ("target-edit", "target-delete"):
        assert client.get(reverse(name, args=[card.pk])).status_code == 404, name
        assert client.post(reverse(name, args=[card.pk]), form()).status_code == 404, name
    assert client.post(reverse("target-approve", args=[card.pk])).status_code == 404
    assert client.get(reverse("history", args=["indicators.target", card.pk])).status_code == 404
    objective = Objective.objects.get(version=world.strategy)
    assert client.get(reverse("objective-status", args=[objective.pk])).status_code == 404
    html = client.get(reverse("target-list", args=[CODE])).content.decode()
    assert "HOSP-CARD" not in html and "Board decision" not in html
    card.refresh_from_db()
    assert card.value == 8 and card.approved_at is None


def test_another_organisations_own_indicator_is_404(client, world):
    IndicatorDefinition.objects.create(
        code="THEIRS",
        name={"en": "Theirs"},
        unit="count",
        direction="higher",
        source=Source.MANUAL,
        owner=world.other_org,
    )
    as_user(client, world.viewer)
    assert client.get(reverse("target-list", args=["THEIRS"])).status_code == 404
    assert client.get(reverse("target-create", args=["THEIRS"])).status_code == 404
    assert client.get(reverse("target-download") + "?indicator=THEIRS").status_code == 404
    assert "THEIRS" not in client.get(reverse("target-index")).content.decode()
    as_user(client, world.stranger)
    assert client.get(reverse("target-list", args=["THEIRS"])).status_code == 200


def test_viewers_read_targets_but_every_write_is_403(client, world, card):
    as_user(client, world.viewer)
    html = client.get(reverse("target-list", args=[CODE])).content.decode()
    assert "Board decision" in html
    assert reverse("target-edit", args=[card.pk]) not in html
    assert reverse("target-approve", args=[card.pk]) not in html
    assert client.get(reverse("target-edit", args=[card.pk])).status_code == 403
    assert client.post(reverse("target-edit", args=[card.pk]), form()).status_code == 403
    assert client.post(reverse("target-approve", args=[card.pk])).status_code == 403
    assert client.post(reverse("target-delete", args=[card.pk])).status_code == 403
    assert client.get(reverse("target-create", args=[CODE])).status_code == 403
    response = client.post(
        reverse("target-create", args=[CODE]),
        form(unit=world.hospital.pk, period="2026"),
    )
    assert response.status_code == 403
    assert client.get(reverse("target-upload")).status_code == 403
    response = client.post(
        reverse("target-upload"), {"file": xlsx((CODE, "HOSP", "2026", 1, 0, ""))}
    )
    assert response.status_code == 403
    assert Target.objects.count() == 1
    card.refresh_from_db()
    assert (card.value, card.approved_at) == (8, None)


# --- unit leads --------------------------------------------------------------------------------


def test_a_lead_sets_a_target_for_their_unit_and_the_history_shows_it(client, world, ratio):
    as_user(client, world.lead)
    url = reverse("target-create", args=[CODE])
    page = client.get(url).content.decode()
    assert "HOSP-CARD" in page and "HOSP-SURG" not in page
    response = client.post(url, form(unit=world.cardiology.pk, period="2026Q1", note="ok"))
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.unit, target.period, target.value, target.set_by) == (
        world.cardiology,
        "2026Q1",
        7,
        world.lead,
    )
    history = client.get(reverse("history", args=["indicators.target", target.pk]))
    assert history.status_code == 200 and "lead" in history.content.decode()


def test_a_lead_may_not_set_or_change_a_siblings_target(client, world, surg):
    as_user(client, world.lead)
    response = client.post(
        reverse("target-create", args=[CODE]), form(unit=world.surgery.pk, period="2026Q1")
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert client.get(reverse("target-edit", args=[surg.pk])).status_code == 404
    assert client.post(reverse("target-edit", args=[surg.pk]), form()).status_code == 404
    assert client.post(reverse("target-delete", args=[surg.pk])).status_code == 404
    assert Target.objects.count() == 1
    assert Target.objects.get().value == 9


def test_a_lead_changes_their_target_and_may_not_approve_it(client, world, card):
    as_user(client, world.lead)
    target_approve(world.quality, card)
    response = client.post(reverse("target-edit", args=[card.pk]), form(value=7.5, tolerance=2))
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.value == 7.5 and card.approved_at is None  # a change withdraws the approval
    assert client.post(reverse("target-approve", args=[card.pk])).status_code == 403
    card.refresh_from_db()
    assert card.approved_at is None


def test_bad_input_shows_field_messages_and_saves_nothing(client, world, card):
    as_user(client, world.lead)
    response = client.post(
        reverse("target-create", args=[CODE]), form(unit=world.cardiology.pk, period="2026Q5")
    )
    assert response.status_code == 200
    assert "is not a period" in response.content.decode()
    response = client.post(reverse("target-edit", args=[card.pk]), form(tolerance=-1))
    assert response.status_code == 200
    assert Target.objects.count() == 1 and Target.objects.get().tolerance == 2


def test_the_quality_manager_approves_a_department_target(client, world, card):
    as_user(client, world.quality)
    html = client.get(reverse("target-list", args=[CODE])).content.decode()
    assert reverse("target-approve", args=[card.pk]) in html
    response = client.post(reverse("target-approve", args=[card.pk]))
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.approved_by == world.quality
    assert client.get(reverse("target-approve", args=[card.pk])).status_code == 405


def test_the_approve_button_is_not_offered_to_whoever_set_the_target(client, world, ratio):
    own = target_set(world.quality, ratio, world.cardiology, "2026", 8)
    as_user(client, world.quality)
    html = client.get(reverse("target-list", args=[CODE])).content.decode()
    assert reverse("target-approve", args=[own.pk]) not in html
    response = client.post(reverse("target-approve", args=[own.pk]), follow=True)
    assert "You set this target yourself" in response.content.decode()
    own.refresh_from_db()
    assert own.approved_at is None


def test_a_lead_deletes_their_target_after_confirming(client, world, card):
    as_user(client, world.lead)
    assert client.get(reverse("target-delete", args=[card.pk])).status_code == 200
    assert client.post(reverse("target-delete", args=[card.pk])).status_code == 302
    assert not Target.objects.exists()
    assert AuditEntry.objects.filter(content_type__model="target", action="delete").exists()


# --- what the list shows -----------------------------------------------------------------------


def test_the_list_says_where_each_target_comes_from_and_rates_values(client, world, ratio):
    target_set(None, ratio, world.hospital, "2026", 10, 1)
    target_set(None, ratio, world.cardiology, "2026Q1", 8, 1)
    IndicatorValue.objects.create(
        definition=ratio,
        unit=world.surgery,
        period="202602",
        period_type="month",
        period_start="2026-02-01",
        value=10.5,
        definition_version=ratio.version,
    )
    as_user(client, world.viewer)
    html = client.get(reverse("target-list", args=[CODE]) + "?period=202602").content.decode()
    assert "inherited from HOSP, 2026" in html  # Surgery
    assert "from 2026Q1" in html  # Cardiology's own quarter
    assert "at risk" in html  # Surgery's 10.5 against 10 ± 1, lower is better
    assert "REG" not in html.split('<main id="main">')[1]
    as_user(client, world.lead)
    html = client.get(reverse("target-list", args=[CODE]) + "?period=202602").content.decode()
    main = html.split('<main id="main">')[1]
    assert "HOSP-CARD" in main and "HOSP-SURG" not in main


def test_a_bad_period_in_the_address_falls_back_with_a_message(client, world, ratio):
    as_user(client, world.viewer)
    response = client.get(reverse("target-list", args=[CODE]) + "?period=nonsense")
    assert response.status_code == 200
    assert "is not a period" in response.content.decode()


# --- Excel -------------------------------------------------------------------------------------


def test_the_download_holds_only_what_the_user_may_see(client, world, card, surg):
    as_user(client, world.lead)
    response = client.get(reverse("target-download") + f"?indicator={CODE}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[1] for row in rows[1:]] == ["HOSP-CARD"]


def test_an_upload_sets_targets_and_a_bad_one_lists_every_problem(client, world, card):
    as_user(client, world.lead)
    response = client.post(
        reverse("target-upload"),
        {
            "file": xlsx(
                (CODE, "HOSP-CARD", "2026Q3", 6, 1, ""), (CODE, "HOSP-SURG", "2026", 6, 1, "")
            )
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "row 3, column unit: &#x27;HOSP-SURG&#x27; is not an org unit you can reach." in html
    assert Target.objects.count() == 1
    response = client.post(
        reverse("target-upload"),
        {"file": xlsx((CODE, "HOSP-CARD", "2026Q3", 6, 1, ""))},
        follow=True,
    )
    assert "1 targets created, 0 changed, 0 unchanged." in response.content.decode()
    assert Target.objects.count() == 2


# --- objective status --------------------------------------------------------------------------


def test_the_objective_status_page_shows_the_parts_and_the_rule(client, world, ratio):
    target_set(None, ratio, world.hospital, "2026", 8, 1)
    IndicatorValue.objects.create(
        definition=ratio,
        unit=world.cardiology,
        period="2026",
        period_type="year",
        period_start="2026-01-01",
        value=7,
        definition_version=ratio.version,
    )
    objective = Objective.objects.get(version=world.strategy)
    # the old address leads to the objective's scorecard, for the same period
    url = reverse("objective-status", args=[objective.pk]) + "?period=2026"
    as_user(client, world.viewer)
    response = client.get(url, follow=True)
    assert response.redirect_chain == [
        (reverse("scorecard-objective", args=[objective.pk]) + "?period=2026", 302)
    ]
    html = response.content.decode()
    assert "Green when the weighted score is at least 75 %" in html
    assert "inherited from HOSP" in html
    assert "2 of 3 weighted points" in html  # indicator green (2), Go-live overdue (0 of 1)
    # a reader of the strategy without a role on the measured unit sees the status, not figures
    as_user(client, world.lead)
    objective.owner_unit = world.surgery
    objective.save()
    html = client.get(url, follow=True).content.decode()
    assert "its figures are not shown" in html
