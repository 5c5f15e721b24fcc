"""The pages: who reads and does what (404 outside reach, 403 when visible but not allowed),
filters, the list's query count, escaping, forms with an error summary."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from soteria.organisations.models import Role
from soteria.practices import services
from soteria.practices.models import CaseStatus, PracticeAdoption, PracticeCase
from soteria.practices.tests.conftest import case_make
from soteria.testing.factories import World, role_give, unit_create, user_create


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_draft_is_hidden_from_other_units(world: World, draft: PracticeCase) -> None:
    surgeon = user_create("surgeon")
    role_give(surgeon, world.surgery, Role.UNIT_LEAD)
    for user in (world.stranger, surgeon):
        client = _client(user)
        assert client.get(reverse("practice-detail", args=[draft.pk])).status_code == 404
        assert client.get(reverse("practice-edit", args=[draft.pk])).status_code == 404
        assert client.post(reverse("practice-publish", args=[draft.pk])).status_code == 404
        assert draft.title not in client.get(reverse("practice-list")).content.decode()
    viewer = _client(world.viewer)  # a viewer of the hospital sees its departments' drafts
    assert viewer.get(reverse("practice-detail", args=[draft.pk])).status_code == 200
    assert draft.title in viewer.get(reverse("practice-list")).content.decode()


def test_a_published_case_is_read_by_another_region(world: World, published: PracticeCase) -> None:
    stranger = _client(world.stranger)  # a role in another organisation only
    page = stranger.get(reverse("practice-detail", args=[published.pk]))
    assert page.status_code == 200 and published.title in page.content.decode()
    assert published.title in stranger.get(reverse("practice-list")).content.decode()
    assert stranger.get(reverse("practice-edit", args=[published.pk])).status_code == 403
    assert stranger.post(reverse("practice-withdraw", args=[published.pk])).status_code == 403
    nobody = _client(user_create("nobody"))  # signed in, no role anywhere
    assert nobody.get(reverse("practice-detail", args=[published.pk])).status_code == 404
    body = nobody.get(reverse("practice-list")).content.decode()
    assert published.title not in body and "Cardiology" not in body


def test_viewer_may_not_edit_and_contributor_may_not_publish(
    world: World, draft: PracticeCase
) -> None:
    viewer = _client(world.viewer)
    assert viewer.get(reverse("practice-edit", args=[draft.pk])).status_code == 403
    assert viewer.post(reverse("practice-edit", args=[draft.pk]), {}).status_code == 403
    assert viewer.get(reverse("practice-new")).status_code == 403
    contributor = _client(world.contributor)
    assert contributor.post(reverse("practice-publish", args=[draft.pk])).status_code == 403
    assert (
        "Publish</button>"
        not in contributor.get(reverse("practice-detail", args=[draft.pk])).content.decode()
    )
    lead = _client(world.lead)
    assert lead.post(reverse("practice-publish", args=[draft.pk])).status_code == 302
    draft.refresh_from_db()
    assert draft.status == CaseStatus.PUBLISHED


def test_create_and_edit_through_the_form(world: World) -> None:
    client = _client(world.contributor)
    page = client.post(
        reverse("practice-new"),
        {"owner": world.cardiology.pk, "title": "", "summary": "", "language": "en"},
    )
    body = page.content.decode()
    assert page.status_code == 200 and 'id="error-summary"' in body
    assert 'href="#id_title"' in body and not PracticeCase.objects.exists()
    page = client.post(
        reverse("practice-new"),
        {
            "owner": world.cardiology.pk,
            "title": "Phone follow-up",
            "summary": "A nurse calls two days after discharge.",
            "practice": "Calls",
            "language": "fi",
            "themes": ["discharge"],
        },
    )
    case = PracticeCase.objects.get()
    assert page.status_code == 302 and page["Location"] == reverse(
        "practice-detail", args=[case.pk]
    )
    assert (case.owner, case.language, case.themes) == (world.cardiology, "fi", ["discharge"])
    page = client.post(
        reverse("practice-edit", args=[case.pk]),
        {"title": "Phone follow-up", "summary": "New", "language": "fi", "themes": ["nope"]},
    )
    assert page.status_code == 200 and "Select a valid choice" in page.content.decode()
    client.post(
        reverse("practice-edit", args=[case.pk]),
        {"title": "Phone follow-up", "summary": "New", "language": "fi", "themes": ["waiting"]},
    )
    case.refresh_from_db()
    assert case.summary == "New" and case.themes == ["waiting"]


def test_adopt_on_the_case_page_and_see_only_adoptions_in_reach(
    world: World, published: PracticeCase
) -> None:
    stranger = _client(world.stranger)
    page = stranger.post(
        reverse("practice-adopt", args=[published.pk]),
        {"unit": world.other_org.pk, "status": "adopted"},  # no start date
    )
    assert page.status_code == 200 and "Say when the unit started" in page.content.decode()
    page = stranger.post(
        reverse("practice-adopt", args=[published.pk]),
        {"unit": world.other_org.pk, "status": "adopted", "started_on": "2026-02-01"},
    )
    adoption = PracticeAdoption.objects.get()
    assert page["Location"] == reverse("practice-adoption", args=[adoption.pk])
    services.adoption_create(world.quality, published, world.surgery)
    body = _client(world.viewer).get(reverse("practice-detail", args=[published.pk])).content
    body = body.decode()
    assert "Surgery" in body and "Other hospital" not in body
    assert "And 1 more unit elsewhere." in body
    viewer = _client(world.viewer)
    assert viewer.get(reverse("practice-adoption", args=[adoption.pk])).status_code == 404
    own = PracticeAdoption.objects.get(unit=world.surgery)
    assert viewer.get(reverse("practice-adoption", args=[own.pk])).status_code == 200
    assert viewer.post(reverse("practice-adoption", args=[own.pk]), {}).status_code == 403
    assert viewer.post(reverse("practice-adoption-remove", args=[own.pk])).status_code == 403
    assert (
        viewer.post(
            reverse("practice-adopt", args=[published.pk]), {"unit": world.surgery.pk}
        ).status_code
        == 403
    )


def test_html_in_a_case_is_shown_as_text(world: World) -> None:
    case = case_make(
        world.contributor,
        world.cardiology,
        title="<script>alert(1)</script>",
        practice="<img src=x onerror=alert(2)>\nline two",
        publish_by=world.lead,
    )
    for url in (reverse("practice-detail", args=[case.pk]), reverse("practice-list")):
        body = _client(world.stranger).get(url).content.decode()
        assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body
        assert "<img src=x" not in body


def test_filters(world: World) -> None:
    discharge = case_make(world.contributor, world.cardiology, publish_by=world.lead)
    quiet = case_make(
        world.contributor, world.cardiology, title="Quiet hours", summary="Lights out at 22",
        themes=["noise_rest"], language="pl", publish_by=world.lead,
    )  # fmt: skip
    draft = case_make(world.contributor, world.cardiology, title="Unfinished draft")
    unit_create("OTHER-W", parent=world.other_org)
    far = case_make(
        world.stranger,
        world.other_org,
        title="Far away",
        themes=["food"],
        publish_by=world.stranger,
    )
    client = _client(world.quality)

    def titles(**query) -> set[str]:
        body = client.get(reverse("practice-list"), query).content.decode()
        return {c.title for c in (discharge, quiet, draft, far) if c.title in body}

    assert titles() == {discharge.title, quiet.title, draft.title, far.title}
    assert titles(q="lights") == {quiet.title}
    assert titles(theme="noise_rest") == {quiet.title}
    assert titles(theme="medication") == {discharge.title, draft.title}
    assert titles(language="pl") == {quiet.title}
    assert titles(unit=world.other_org.code) == {far.title}
    assert titles(status="draft") == {draft.title}


def _more(world: World, n: int) -> None:
    units = [unit_create(parent=world.hospital) for _ in range(3)]
    for i in range(n):
        case = case_make(world.admin, units[i % 3], title=f"Case {i}", publish_by=world.admin)
        for unit in (world.surgery, world.other_org):
            PracticeAdoption.objects.create(case=case, unit=unit, started_on=dt.date.today())


def _queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("practice-list"), {"theme": "discharge"})
    assert page.status_code == 200
    return len(captured)


def test_the_list_page_makes_a_fixed_number_of_queries(world: World) -> None:
    client = _client(world.stranger)
    _more(world, 3)
    client.get(reverse("practice-list"))  # warm the page shell's cache (picker, rounds)
    small = _queries(client)
    _more(world, 30)  # more than a page
    client.get(reverse("practice-list"))
    large = _queries(client)
    assert small == large and large <= 12


def test_a_withdrawn_case_is_back_with_its_unit_but_adoptions_stay(
    world: World, published: PracticeCase
) -> None:
    adoption = services.adoption_create(world.stranger, published, world.other_org)
    lead = _client(world.lead)
    assert lead.post(reverse("practice-withdraw", args=[published.pk])).status_code == 302
    stranger = _client(world.stranger)
    assert stranger.get(reverse("practice-detail", args=[published.pk])).status_code == 404
    page = stranger.get(reverse("practice-adoption", args=[adoption.pk]))  # still theirs
    assert page.status_code == 200 and "withdrawn by the unit" in page.content.decode()
    assert (
        _client(world.viewer).get(reverse("practice-detail", args=[published.pk])).status_code
        == 200
    )
    assert lead.post(reverse("practice-publish", args=[published.pk])).status_code == 302
    assert stranger.get(reverse("practice-detail", args=[published.pk])).status_code == 200


def test_history_of_drafts_and_adoptions_is_not_read_from_below(world: World) -> None:
    """Regression: the shared history page let anyone with a role *below* the owner unit read
    a draft's texts (and an adoption's note) through /history/…."""
    from soteria.practices.tests.conftest import case_make

    draft = case_make(world.quality, world.hospital, title="Hospital draft")
    url = reverse("history", args=["practices.PracticeCase", draft.pk])
    client = Client()
    client.force_login(world.contributor)  # cardiology, below the hospital
    assert client.get(url).status_code == 404
    client.force_login(world.quality)  # on the hospital
    assert client.get(url).status_code == 200
    shared = case_make(world.contributor, world.cardiology, publish_by=world.lead)
    adoption = services.adoption_create(
        world.quality, shared, world.hospital, {"status": "considering", "note": "Board only"}
    )
    url = reverse("history", args=["practices.PracticeAdoption", adoption.pk])
    client.force_login(world.contributor)
    assert client.get(url).status_code == 404
    client.force_login(world.quality)
    assert "Board only" in client.get(url).content.decode()
