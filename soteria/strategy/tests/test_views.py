"""Strategy pages through the web client: what each role sees and may do."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from soteria.audit.models import AuditEntry
from soteria.strategy.models import (
    ELEMENT_MODELS,
    BudgetLine,
    Initiative,
    Objective,
    Priority,
    StrategyVersion,
)
from soteria.strategy.services import version_copy


def _login(client, user):
    client.force_login(user)
    return client


def test_the_house_shows_roof_and_rooms(client, world):
    response = _login(client, world.viewer).get(reverse("version-house", args=[world.strategy.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Health first",
        "The best regional hospital",
        "Respect",
        "Safe care",
        "Skilled staff",
        "Digitalisation",
        "Electronic records",
        "EHR roll-out",
    ):
        assert text in html


def test_the_house_is_served_in_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    _login(client, world.quality)
    draft = version_copy(actor=None, version=world.strategy)
    for n in range(5):
        objective = Objective.objects.get(version=draft, code="O1")
        objective.pk = None
        objective.code = f"O1{n}"
        objective.key = uuid.uuid4()
        objective.save()
    with django_assert_max_num_queries(25):
        assert client.get(reverse("version-house", args=[draft.pk])).status_code == 200


def test_strangers_get_404_everywhere(client, world):
    _login(client, world.stranger)
    initiative = Initiative.objects.get(version=world.strategy)
    urls = [
        reverse("version-house", args=[world.strategy.pk]),
        reverse("version-edit", args=[world.strategy.pk]),
        reverse("version-compare", args=[world.strategy.pk]),
        reverse("initiative-detail", args=[initiative.pk]),
        reverse("element-edit", args=["initiative", initiative.pk]),
        reverse("element-create", args=[world.strategy.pk, "priority"]),
        reverse("history", args=["strategy.initiative", initiative.pk]),
        reverse("unit-detail", args=["HOSP"]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("version-copy", args=[world.strategy.pk])).status_code == 404


def test_viewers_may_read_but_not_change(client, world):
    _login(client, world.viewer)
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    assert client.get(reverse("element-edit", args=["objective", objective.pk])).status_code == 403
    response = client.post(
        reverse("element-edit", args=["objective", objective.pk]), {"title_en": "Hacked"}
    )
    assert response.status_code == 403
    objective.refresh_from_db()
    assert objective.title == {"en": "Electronic records"}


def _objective_form(objective, **overrides):
    data = {
        "programme": objective.programme_id,
        "code": objective.code,
        "owner_unit": objective.owner_unit_id,
        "priority": objective.priority_id or "",
        "order": objective.order,
        "title_en": "Paper-free by 2027",
        "title_pl": "Bez papieru do 2027",
        "description_en": "",
    }
    data.update(overrides)
    return data


def test_a_contributor_edits_their_units_objective_and_the_change_is_audited(client, world):
    _login(client, world.contributor)
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    url = reverse("element-edit", args=["objective", objective.pk])
    response = client.post(url, _objective_form(objective))
    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.title == {"en": "Paper-free by 2027", "pl": "Bez papieru do 2027"}
    entry = AuditEntry.objects.filter(
        content_type__model="objective", object_id=str(objective.pk)
    ).first()
    assert entry.actor == world.contributor
    history = client.get(reverse("history", args=["strategy.objective", objective.pk]))
    assert "Paper-free by 2027" in history.content.decode()


def test_invalid_input_gets_field_messages_and_saves_nothing(client, world):
    _login(client, world.quality)
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    response = client.post(
        reverse("element-edit", args=["objective", objective.pk]),
        _objective_form(objective, code="O1", title_en="", title_pl=""),
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    initiative = Initiative.objects.get(version=draft)
    response = client.post(
        reverse("element-edit", args=["initiative", initiative.pk]),
        {
            "objective": objective.pk,
            "code": "I1",
            "title_en": "x",
            "owner_unit": initiative.owner_unit_id,
            "start": "2026-05-01",
            "end": "2026-01-01",
            "status": "planned",
            "order": 1,
        },
    )
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    response = client.post(
        reverse("element-create", args=[draft.pk, "budget"]),
        {
            "initiative": initiative.pk,
            "category_en": "x",
            "planned": "-5",
            "spent": "0",
            "currency": "EUR",
            "order": 1,
        },
    )
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    response = client.post(
        reverse("element-create", args=[draft.pk, "priority"]),
        {"code": "P1", "title_en": "Duplicate", "order": 1},
    )
    assert "already has the code P1" in response.content.decode()
    assert Priority.objects.filter(version=draft).count() == 1
    assert BudgetLine.objects.filter(version=draft).count() == 1


def test_every_element_type_can_be_created_edited_and_deleted(client, world):
    _login(client, world.quality)
    draft = version_copy(actor=None, version=world.strategy)
    for model in ELEMENT_MODELS:
        url = reverse("element-create", args=[draft.pk, model.slug])
        page = client.get(url)
        assert page.status_code == 200, model
        form = page.context["form"]
        data = {}
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            if hasattr(field, "fields"):  # translated text
                for code in ("en", "pl", "vi", "fi", "da"):
                    data[f"{name}_{code}"] = ""
                data[f"{name}_en"] = f"New {name}"
            elif hasattr(field, "queryset"):
                data[name] = (
                    value.pk if hasattr(value, "pk") else (value or field.queryset.first().pk)
                )
            elif name == "code":
                data[name] = "NEW1"
            elif name in {"start", "due"}:
                data[name] = "2026-01-01"
            elif name == "end":
                data[name] = "2026-12-31"
            elif name in {"amount", "planned", "spent"}:
                data[name] = "100"
            elif getattr(field, "choices", None):
                data[name] = value or list(field.choices)[-1][0]
            else:
                data[name] = value if value is not None else "1"
        response = client.post(url, data)
        assert response.status_code == 302, (
            model,
            response.context and response.context["form"].errors,
        )
        created = model.objects.filter(version=draft).order_by("-pk").first()
        label_field = next(
            (n for n in ("title", "name", "programme_name", "category") if hasattr(created, n)),
            None,
        )
        edit = reverse("element-edit", args=[model.slug, created.pk])
        if label_field:
            data[f"{label_field}_en"] = "Edited"
        else:  # an objective's indicator: no text of its own
            data["weight"] = 3
        assert client.post(edit, data).status_code == 302
        created.refresh_from_db()
        if label_field:
            assert getattr(created, label_field)["en"] == "Edited"
        else:
            assert created.weight == 3
        assert (
            client.post(reverse("element-delete", args=[model.slug, created.pk])).status_code == 302
        )
        assert not model.objects.filter(pk=created.pk).exists()


def test_approved_version_edit_form_offers_only_progress(client, world):
    _login(client, world.quality)
    initiative = Initiative.objects.get(version=world.strategy)
    page = client.get(reverse("element-edit", args=["initiative", initiative.pk]))
    assert list(page.context["form"].fields) == ["status"]
    response = client.post(
        reverse("element-edit", args=["initiative", initiative.pk]), {"status": "completed"}
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "completed"


def test_version_workflow_through_pages(client, world):
    _login(client, world.quality)
    response = client.post(reverse("version-copy", args=[world.strategy.pk]))
    draft = StrategyVersion.objects.get(strategy=world.strategy.strategy, number=2)
    assert response.url == reverse("version-house", args=[draft.pk])
    url = reverse("version-status", args=[draft.pk])
    response = client.post(url, {"status": "approved", "decision_date": ""})
    assert response.status_code == 200  # the approving body was copied, the date was not
    assert "Give the date of the approving decision." in response.content.decode()
    response = client.post(url, {"status": "approved", "decision_date": "2026-10-01"})
    assert response.status_code == 302
    draft.refresh_from_db()
    world.strategy.refresh_from_db()
    assert (draft.status, world.strategy.status) == ("approved", "archived")
    response = client.post(url, {"status": "draft"})
    assert response.status_code == 200  # approved → draft is not a permitted change


def test_compare_page_lists_changes(client, world):
    _login(client, world.quality)
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    client.post(
        reverse("element-edit", args=["objective", objective.pk]), _objective_form(objective)
    )
    page = client.get(reverse("version-compare", args=[draft.pk]) + f"?with={world.strategy.pk}")
    html = page.content.decode()
    assert "Paper-free by 2027" in html and "Electronic records" in html


@pytest.mark.parametrize("language", ["pl", "vi", "fi", "da", "en"])
def test_pages_render_in_every_language(client, world, language):
    _login(client, world.quality)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    for url in (
        reverse("home"),
        reverse("unit-tree"),
        reverse("version-house", args=[world.strategy.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_approved_elements_without_progress_fields_redirect_with_a_note(client, world):
    _login(client, world.quality)
    objective = Objective.objects.get(version=world.strategy)
    response = client.get(reverse("element-edit", args=["objective", objective.pk]), follow=True)
    assert "Draft a new version to change the strategy itself." in response.content.decode()


def test_the_house_offers_edit_links_only_where_the_user_may_edit(client, world):
    draft = version_copy(actor=None, version=world.strategy)
    objective = Objective.objects.get(version=draft)
    programme = objective.programme
    objective_edit = reverse("element-edit", args=["objective", objective.pk])
    programme_edit = reverse("element-edit", args=["programme", programme.pk])
    html = _login(client, world.contributor).get(reverse("version-house", args=[draft.pk]))
    html = html.content.decode()
    assert objective_edit in html and programme_edit not in html
    html = _login(client, world.viewer).get(reverse("version-house", args=[draft.pk]))
    html = html.content.decode()
    assert objective_edit not in html and programme_edit not in html
    html = _login(client, world.quality).get(reverse("version-house", args=[draft.pk]))
    html = html.content.decode()
    assert objective_edit in html and programme_edit in html


def test_a_strategy_is_renamed_and_deleted_only_when_nothing_is_approved(client, world):
    strategy = world.strategy.strategy
    _login(client, world.quality)
    response = client.post(
        reverse("strategy-edit", args=[strategy.pk]),
        {"code": "S1", "title_en": "Strategy 2025–2030", "title_pl": ""},
    )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.title == {"en": "Strategy 2025–2030"}
    assert client.post(reverse("strategy-delete", args=[strategy.pk])).status_code == 403
    _login(client, world.admin)
    response = client.post(reverse("strategy-delete", args=[strategy.pk]), follow=True)
    assert "An approved strategy cannot be deleted" in response.content.decode()
    assert type(strategy).objects.filter(pk=strategy.pk).exists()
