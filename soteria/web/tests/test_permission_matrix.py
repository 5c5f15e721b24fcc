"""Adversarial permission campaign: every web URL and every API endpoint, for every named user.

The rules under test (docs/permissions.md):

- a user with no role reaching an object gets **404**; one who may see it but not act gets
  **403**;
- lists (pages, the unit picker, the API) hold only what the user may see;
- a refused or failed write leaves the database exactly as it was: no half-saved objects
  and no audit entries.

Each matrix case is one test that tries the request for every named user and compares the
whole ``{user: outcome}`` table with the expected one, so a failure shows every deviation at
once. Writes run inside a savepoint that is rolled back after each user, so every user starts
from the same data. The world is built once per module (see ``_scene_ids``); each test runs in
its own rolled-back transaction on top of it.

Bugs this campaign found are pinned as regression tests near the end of the file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from soteria.api.serializers import ELEMENT_SERIALIZERS
from soteria.audit.models import AuditEntry
from soteria.core.forms import TranslatedTextField
from soteria.core.i18n import LANGUAGE_CODES
from soteria.organisations.forms import UnitForm
from soteria.organisations.models import Membership, OrgUnit
from soteria.strategy.forms import StrategyEditForm, VersionForm, element_form_class
from soteria.strategy.models import (
    ELEMENT_MODELS,
    ELEMENTS_BY_SLUG,
    Element,
    Initiative,
    Objective,
    Strategy,
    StrategyVersion,
    VersionStatus,
)
from soteria.strategy.services import element_create, element_delete, version_copy
from soteria.testing.factories import World, strategy_build, user_create, world_build

# --- who may see and do what in the world ----------------------------------------------------

USERS = ("admin", "quality", "lead", "contributor", "viewer", "stranger")

VISIBLE_UNITS: dict[str, set[str]] = {
    "admin": {"REG", "HOSP", "HOSP-CARD", "HOSP-SURG"},
    "quality": {"HOSP", "HOSP-CARD", "HOSP-SURG"},
    "lead": {"HOSP-CARD"},
    "contributor": {"HOSP-CARD"},
    "viewer": {"HOSP", "HOSP-CARD", "HOSP-SURG"},
    "stranger": {"OTHER"},
}
ALL_CODES = {"REG", "HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER"}


def seeing(code: str) -> frozenset[str]:
    """Users with a role on the unit or above it."""
    return frozenset(u for u in USERS if code in VISIBLE_UNITS[u])


NOBODY: frozenset[str] = frozenset()
EVERYONE = frozenset(USERS)
ADMINS = frozenset({"admin"})  # administrator of the REG tree
STRANGER = frozenset({"stranger"})  # administrator of OTHER
READERS = EVERYONE - STRANGER  # everyone with a role in the HOSP strategy's subtree
HOSP_VIEW = seeing("HOSP")
HOSP_MANAGE = frozenset({"admin", "quality"})
HOSP_EDIT = frozenset({"admin", "quality"})
CARD_MANAGE = frozenset({"admin", "quality", "lead"})
CARD_EDIT = frozenset({"admin", "quality", "lead", "contributor"})

ROOF_SLUGS = ("value", "priority", "success-factor", "programme")  # owned by HOSP itself
SLUGS = tuple(model.slug for model in ELEMENT_MODELS)
#: Who may edit each element of the HOSP strategy: the roof and the programme belong to
#: HOSP; the objective, the initiative and everything below it are owned by HOSP-CARD.
EDITORS = {slug: HOSP_EDIT if slug in ROOF_SLUGS else CARD_EDIT for slug in SLUGS}
PARENT_SLUG = {
    "objective": "programme",
    "objective-indicator": "objective",
    "initiative": "objective",
    "funding": "initiative",
    "budget": "initiative",
    "milestone": "initiative",
    "deliverable": "initiative",
}
LABEL_FIELD = {"value": "name", "funding": "programme_name", "budget": "category"}
PROGRESS_CHANGE = {
    "initiative": {"status": "completed"},
    "budget": {"spent": "130000.00"},
    "milestone": {"status": "done"},
    "deliverable": {"status": "delivered"},
}


def label_field(slug: str) -> str:
    return LABEL_FIELD.get(slug, "title")


def change(slug: str, *, form: bool = False) -> dict[str, Any]:
    """An edit of the element: its label, or for an objective's indicator its weight."""
    if slug == "objective-indicator":
        return {"weight": 3}
    return (
        {f"{label_field(slug)}_en": "Changed"} if form else {label_field(slug): {"en": "Changed"}}
    )


# --- the scene --------------------------------------------------------------------------------


@dataclass
class Scene:
    """The world, a draft copy of its approved HOSP strategy and an approved OTHER strategy."""

    world: World
    approved: StrategyVersion
    draft: StrategyVersion
    other: StrategyVersion
    _cache: dict[str, Any] = field(default_factory=dict)

    def user(self, name: str) -> Any:
        return getattr(self.world, name)

    def unit(self, code: str) -> OrgUnit:
        return OrgUnit.objects.get(code=code)

    def el(self, version: StrategyVersion, slug: str) -> Element:
        return ELEMENTS_BY_SLUG[slug].objects.get(version=version)

    def membership(self, username: str, code: str) -> Membership:
        return Membership.objects.get(user__username=username, unit__code=code)

    @property
    def other_draft(self) -> StrategyVersion:
        if "other_draft" not in self._cache:
            self._cache["other_draft"] = version_copy(actor=None, version=self.other)
        return self._cache["other_draft"]

    @property
    def spare(self) -> Strategy:
        """A HOSP strategy with a draft version only, so that it may be deleted."""
        if "spare" not in self._cache:
            version = strategy_build(self.world.hospital, approve=False, code="S2")
            self._cache["spare"] = version.strategy
        return self._cache["spare"]


def _wipe() -> None:
    """Remove everything the module's scene committed (parents after their children)."""
    AuditEntry.objects.all().delete()
    Strategy.objects.all().delete()
    Membership.objects.all().delete()
    for unit in OrgUnit.objects.order_by("-depth"):
        unit.delete()
    Token.objects.all().delete()
    Session.objects.all().delete()
    get_user_model().objects.all().delete()


@pytest.fixture(scope="module")
def _scene_ids(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Build the world once for the whole module and commit it.

    Every test still runs in its own transaction (the ``db`` fixture), rolled back at its
    end, so each starts from exactly this data; the data goes away after the module.
    """
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        world = world_build()
        draft = version_copy(actor=None, version=world.strategy)
        other = strategy_build(world.other_org, code="OS")
        yield {"approved": world.strategy.pk, "draft": draft.pk, "other": other.pk}
        _wipe()


@pytest.fixture
def scene(_scene_ids: dict[str, int], db: None) -> Scene:
    """Fresh Python objects for the module's data (no cached grants or stale fields)."""
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    users = {user.username: user for user in get_user_model().objects.all()}
    world = World(
        region=units["REG"],
        hospital=units["HOSP"],
        cardiology=units["HOSP-CARD"],
        surgery=units["HOSP-SURG"],
        other_org=units["OTHER"],
        strategy=StrategyVersion.objects.get(pk=_scene_ids["approved"]),
        **{name: users[name] for name in USERS},
    )
    return Scene(
        world=world,
        approved=world.strategy,
        draft=StrategyVersion.objects.get(pk=_scene_ids["draft"]),
        other=StrategyVersion.objects.get(pk=_scene_ids["other"]),
    )


# --- helpers ----------------------------------------------------------------------------------

STATE_MODELS = (OrgUnit, Membership, Strategy, StrategyVersion, *ELEMENT_MODELS, AuditEntry)


def db_state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every domain table (and the audit log)."""
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in STATE_MODELS}


def api_client(user: Any) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def web_client(client: Any, user: Any) -> Any:
    client.logout()
    client.force_login(user)
    return client


def expected_code(user: str, ok: frozenset[str], visible: frozenset[str], ok_code: int) -> int:
    if user in ok:
        return ok_code
    if user in visible | ok:
        return 403
    return 404


def form_data(form: Any, **overrides: Any) -> dict[str, Any]:
    """POST data that re-submits an unbound form's initial values."""
    data: dict[str, Any] = {}
    for name, form_field in form.fields.items():
        value = form[name].value()
        if isinstance(form_field, TranslatedTextField):
            texts = value if isinstance(value, dict) else {}
            for code in LANGUAGE_CODES:
                data[f"{name}_{code}"] = texts.get(code, "")
        elif value is None:
            data[name] = ""
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif isinstance(value, list | tuple):  # multiple choices: one value each
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    data.update(overrides)
    return data


def element_form_data(element: Element, *, new_code: bool = False, **overrides: Any) -> dict:
    model = type(element)
    form = element_form_class(model)(instance=element, version=element.version)
    data = form_data(form, **overrides)
    if new_code and "code" in data:
        data["code"] = "NEW9"
    return data


def element_payload(element: Element, *, new_code: bool = False, **overrides: Any) -> dict:
    """API payload with every writable field of ``element`` (as its serializer shows it)."""
    data = dict(ELEMENT_SERIALIZERS[element.slug](element).data)
    data.pop("id")
    data.pop("key")
    if new_code and "code" in data:
        data["code"] = "NEW9"
    data.update(overrides)
    return data


def codes_in_links(html: str) -> set[str]:
    return set(re.findall(r'href="/units/([A-Z0-9._-]+)/', html))


def picker_codes(html: str) -> set[str]:
    match = re.search(r'<select id="unit-picker".*?</select>', html, re.S)
    assert match, "the unit picker is missing"
    return set(re.findall(r'value="([^"]+)"', match.group(0)))


def version_links(html: str) -> set[int]:
    return {int(pk) for pk in re.findall(r'href="/versions/(\d+)/', html)}


def code_tokens(html: str) -> set[str]:
    return {
        code
        for code in ALL_CODES
        if re.search(rf"(?<![A-Z0-9._-]){re.escape(code)}(?![A-Z0-9._-])", html)
    }


# --- matrix cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    method: str
    url: Callable[[Scene], str]
    ok: frozenset[str]
    visible: frozenset[str]
    ok_code: int = 200
    data: Callable[[Scene], dict[str, Any]] | None = None
    #: Whether the request, when allowed, changes the database.
    writes: bool = True

    def param(self) -> Any:
        return pytest.param(self, id=self.id)


def _u(name: str, *args: Any) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=args)


def _history(model: str, pk: Callable[[Scene], Any]) -> Callable[[Scene], str]:
    return lambda s: reverse("history", args=[model, pk(s)])


def _element_model_name(slug: str) -> str:
    return f"strategy.{ELEMENTS_BY_SLUG[slug]._meta.model_name}"


def _create_url(slug: str, version: str) -> Callable[[Scene], str]:
    def url(s: Scene) -> str:
        v = getattr(s, version)
        base = reverse("element-create", args=[v.pk, slug])
        parent = PARENT_SLUG.get(slug)
        return f"{base}?parent={s.el(v, parent).pk}" if parent else base

    return url


def _element_url(name: str, slug: str, version: str) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=[slug, s.el(getattr(s, version), slug).pk])


WEB_GET: list[Case] = [
    Case("home", "get", _u("home"), EVERYONE, EVERYONE),
    Case("unit-tree", "get", _u("unit-tree"), EVERYONE, EVERYONE),
    *(
        Case(f"unit-detail-{code}", "get", _u("unit-detail", code), seeing(code), seeing(code))
        for code in sorted(ALL_CODES)
    ),
    Case("unit-detail-unknown", "get", _u("unit-detail", "NOPE"), NOBODY, NOBODY),
    Case("unit-create-root", "get", _u("unit-create"), NOBODY, EVERYONE),
    *(
        Case(
            f"unit-create-below-{code}",
            "get",
            lambda s, code=code: reverse("unit-create") + f"?parent={code}",
            (ADMINS if code != "OTHER" else STRANGER),
            seeing(code),
        )
        for code in ("REG", "HOSP", "HOSP-CARD", "OTHER")
    ),
    Case("unit-create-below-unknown", "get", lambda s: "/units/new/?parent=NOPE", NOBODY, NOBODY),
    *(
        Case(
            f"{name}-{code}",
            "get",
            _u(name, code),
            (ADMINS if code != "OTHER" else STRANGER),
            seeing(code),
        )
        for name in ("unit-edit", "unit-delete", "membership-add", "unit-logo")
        for code in ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    Case("strategy-create-HOSP", "get", _u("strategy-create", "HOSP"), HOSP_MANAGE, HOSP_VIEW),
    Case(
        "strategy-create-HOSP-CARD",
        "get",
        _u("strategy-create", "HOSP-CARD"),
        CARD_MANAGE,
        seeing("HOSP-CARD"),
    ),
    Case("strategy-create-OTHER", "get", _u("strategy-create", "OTHER"), STRANGER, STRANGER),
    *(
        Case(
            f"{page}-{which}",
            "get",
            lambda s, page=page, which=which: reverse(page, args=[getattr(s, which).strategy_id]),
            ok if which == "approved" else STRANGER,
            READERS if which == "approved" else STRANGER,
        )
        for page, ok in (("strategy-edit", HOSP_MANAGE), ("strategy-delete", ADMINS))
        for which in ("approved", "other")
    ),
    Case("strategy-edit-unknown", "get", lambda s: "/strategies/999999/edit/", NOBODY, NOBODY),
    *(
        Case(
            f"version-house-{v}",
            "get",
            lambda s, v=v: reverse("version-house", args=[getattr(s, v).pk]),
            who,
            who,
        )
        for v, who in (("approved", READERS), ("draft", READERS), ("other", STRANGER))
    ),
    *(
        Case(
            f"{name}-{v}",
            "get",
            lambda s, name=name, v=v: reverse(name, args=[getattr(s, v).pk]),
            manage,
            who,
        )
        for name in ("version-edit", "version-status", "version-delete")
        for v, manage, who in (
            ("approved", HOSP_MANAGE, READERS),
            ("draft", HOSP_MANAGE, READERS),
            ("other", STRANGER, STRANGER),
        )
    ),
    Case(
        "version-compare-draft-with-approved",
        "get",
        lambda s: reverse("version-compare", args=[s.draft.pk]) + f"?with={s.approved.pk}",
        READERS,
        READERS,
    ),
    Case(
        "version-compare-other",
        "get",
        lambda s: reverse("version-compare", args=[s.other.pk]),
        STRANGER,
        STRANGER,
    ),
    *(
        Case(
            f"initiative-detail-{v}",
            "get",
            lambda s, v=v: reverse(
                "initiative-detail", args=[s.el(getattr(s, v), "initiative").pk]
            ),
            who,
            who,
        )
        for v, who in (("approved", READERS), ("draft", READERS), ("other", STRANGER))
    ),
    # element pages, every slug
    *(
        Case(
            f"element-create-draft-{slug}",
            "get",
            _create_url(slug, "draft"),
            # the page asks about the parent given in ?parent=; for elements with an owner
            # unit it also opens for editors of any unit below (they may add what they own;
            # the POST then checks the owner chosen)
            HOSP_EDIT if slug in ROOF_SLUGS and slug != "programme" else CARD_EDIT,
            READERS,
        )
        for slug in SLUGS
    ),
    *(
        Case(f"element-create-other-{slug}", "get", _create_url(slug, "other"), STRANGER, STRANGER)
        for slug in SLUGS
    ),
    *(
        Case(
            f"{name}-draft-{slug}", "get", _element_url(name, slug, "draft"), EDITORS[slug], READERS
        )
        for name in ("element-edit", "element-delete")
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-edit-approved-{slug}",
            "get",
            _element_url("element-edit", slug, "approved"),
            EDITORS[slug],
            READERS,
            # approved: a form with the progress fields, or back to the page with a note
            ok_code=200 if ELEMENTS_BY_SLUG[slug].progress_fields else 302,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-edit-other-{slug}",
            "get",
            _element_url("element-edit", slug, "other"),
            STRANGER,
            STRANGER,
            ok_code=200 if ELEMENTS_BY_SLUG[slug].progress_fields else 302,
        )
        for slug in SLUGS
    ),
    # history pages
    *(
        Case(
            f"history-unit-{code}",
            "get",
            _history("organisations.orgunit", lambda s, code=code: s.unit(code).pk),
            seeing(code),
            seeing(code),
        )
        for code in sorted(ALL_CODES)
    ),
    Case(
        "history-membership-quality-on-HOSP",
        "get",
        _history("organisations.membership", lambda s: s.membership("quality", "HOSP").pk),
        ADMINS,
        ADMINS,
    ),
    Case(
        "history-membership-stranger-on-OTHER",
        "get",
        _history("organisations.membership", lambda s: s.membership("stranger", "OTHER").pk),
        STRANGER,
        STRANGER,
    ),
    Case(
        "history-strategy",
        "get",
        _history("strategy.strategy", lambda s: s.approved.strategy_id),
        READERS,
        READERS,
    ),
    Case(
        "history-strategy-other",
        "get",
        _history("strategy.strategy", lambda s: s.other.strategy_id),
        STRANGER,
        STRANGER,
    ),
    *(
        Case(
            f"history-version-{v}",
            "get",
            _history("strategy.strategyversion", lambda s, v=v: getattr(s, v).pk),
            who,
            who,
        )
        for v, who in (("approved", READERS), ("draft", READERS), ("other", STRANGER))
    ),
    *(
        Case(
            f"history-{v}-{slug}",
            "get",
            _history(
                _element_model_name(slug), lambda s, v=v, slug=slug: s.el(getattr(s, v), slug).pk
            ),
            who,
            who,
        )
        for slug in SLUGS
        for v, who in (("approved", READERS), ("other", STRANGER))
    ),
    Case("history-unknown-model", "get", lambda s: "/history/strategy.nothing/1/", NOBODY, NOBODY),
    Case("history-not-a-model", "get", lambda s: "/history/nomodel/1/", NOBODY, NOBODY),
    Case(
        "history-abstract-element", "get", lambda s: "/history/strategy.element/1/", NOBODY, NOBODY
    ),
    Case(
        "history-user", "get", lambda s: f"/history/auth.user/{s.world.admin.pk}/", NOBODY, NOBODY
    ),
    Case(
        "history-unknown-pk", "get", lambda s: "/history/strategy.objective/999999/", NOBODY, NOBODY
    ),
    Case(
        "history-huge-pk",
        "get",
        lambda s: "/history/strategy.objective/99999999999999999999999/",
        NOBODY,
        NOBODY,
    ),
]


def _post_unit(code: str) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        names = {f"name_{c}": "" for c in LANGUAGE_CODES}
        return {
            "code": "NEW-UNIT",
            "kind": "ward",
            **names,
            "name_en": "New ward",
            "parent": s.unit(code).pk,
            "language": "en",
        }

    return data


def _unit_edit_data(code: str) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        unit = s.unit(code)
        return form_data(UnitForm(instance=unit, user=s.world.admin), name_en="Renamed")

    return data


def _strategy_form(s: Scene) -> dict[str, Any]:
    titles = {f"title_{c}": "" for c in LANGUAGE_CODES}
    return {**titles, "code": "NEWS", "title_en": "New strategy", "valid_from": "", "valid_to": ""}


WEB_POST: list[Case] = [
    *(
        Case(
            f"unit-create-below-{code}",
            "post",
            lambda s, code=code: reverse("unit-create") + f"?parent={code}",
            ADMINS if code != "OTHER" else STRANGER,
            seeing(code),
            302,
            _post_unit(code),
        )
        for code in ("HOSP", "HOSP-CARD", "OTHER")
    ),
    Case(
        "unit-create-root",
        "post",
        _u("unit-create"),
        NOBODY,
        EVERYONE,
        302,
        lambda s: {**_post_unit("HOSP")(s), "parent": ""},
    ),
    *(
        Case(
            f"unit-logo-remove-{code}",
            "post",
            _u("unit-logo", code),
            ADMINS if code != "OTHER" else STRANGER,
            seeing(code),
            302,
            lambda s: {"remove": "on"},
            writes=False,  # no logo to remove: nothing changes, for anyone
        )
        for code in ("HOSP", "HOSP-CARD", "OTHER")
    ),
    *(
        Case(
            f"unit-edit-{code}",
            "post",
            _u("unit-edit", code),
            ADMINS,
            seeing(code),
            302,
            _unit_edit_data(code),
        )
        # (root units: see the regression test at the end)
        for code in ("HOSP", "HOSP-CARD")
    ),
    *(
        Case(
            f"unit-delete-{code}",
            "post",
            _u("unit-delete", code),
            ADMINS if code != "OTHER" else STRANGER,
            seeing(code),
            302,
            lambda s: {},
            # HOSP has children: the page refuses with a message and deletes nothing
            writes=code != "HOSP",
        )
        for code in ("HOSP", "HOSP-SURG")
    ),
    *(
        Case(
            f"membership-add-{code}",
            "post",
            _u("membership-add", code),
            ADMINS if code != "OTHER" else STRANGER,
            seeing(code),
            302,
            lambda s, code=code: {
                "username": "viewer" if code == "OTHER" else "stranger",
                "role": "10",
            },
        )
        for code in ("HOSP", "HOSP-CARD", "OTHER")
    ),
    *(
        Case(
            f"membership-remove-{user}-on-{code}",
            "post",
            lambda s, user=user, code=code: reverse(
                "membership-remove", args=[s.membership(user, code).pk]
            ),
            ADMINS if code != "OTHER" else STRANGER,
            seeing(code),
            302,
            lambda s: {},
        )
        for user, code in (("viewer", "HOSP"), ("contributor", "HOSP-CARD"), ("stranger", "OTHER"))
    ),
    *(
        Case(
            f"strategy-create-{code}",
            "post",
            _u("strategy-create", code),
            ok,
            seeing(code),
            302,
            _strategy_form,
        )
        for code, ok in (("HOSP", HOSP_MANAGE), ("HOSP-CARD", CARD_MANAGE), ("OTHER", STRANGER))
    ),
    *(
        Case(
            f"strategy-edit-{which}",
            "post",
            lambda s, which=which: reverse("strategy-edit", args=[getattr(s, which).strategy_id]),
            HOSP_MANAGE if which == "approved" else STRANGER,
            READERS if which == "approved" else STRANGER,
            302,
            lambda s, which=which: form_data(
                StrategyEditForm(instance=getattr(s, which).strategy), title_en="Renamed"
            ),
        )
        for which in ("approved", "other")
    ),
    Case(
        "strategy-delete-approved",
        "post",
        lambda s: reverse("strategy-delete", args=[s.approved.strategy_id]),
        ADMINS,
        READERS,
        302,  # back to the house with "an approved strategy cannot be deleted"
        lambda s: {},
        writes=False,
    ),
    Case(
        "strategy-delete-draft-only",
        "post",
        lambda s: reverse("strategy-delete", args=[s.spare.pk]),
        ADMINS,
        READERS,
        302,
        lambda s: {},
    ),
    Case(
        "version-edit-draft",
        "post",
        lambda s: reverse("version-edit", args=[s.draft.pk]),
        HOSP_MANAGE,
        READERS,
        302,
        lambda s: form_data(VersionForm(instance=s.draft), mission_en="Changed mission"),
    ),
    Case(
        "version-edit-approved",
        "post",
        lambda s: reverse("version-edit", args=[s.approved.pk]),
        HOSP_MANAGE,
        READERS,
        200,  # the form comes back with "can no longer be changed"
        lambda s: form_data(VersionForm(instance=s.approved), mission_en="Changed mission"),
        writes=False,
    ),
    Case(
        "version-status-draft",
        "post",
        lambda s: reverse("version-status", args=[s.draft.pk]),
        HOSP_MANAGE,
        READERS,
        302,
        lambda s: {"status": "consultation", "decision_date": ""},
    ),
    Case(
        "version-status-approved-archive",
        "post",
        lambda s: reverse("version-status", args=[s.approved.pk]),
        HOSP_MANAGE,
        READERS,
        302,
        lambda s: {"status": "archived", "decision_date": ""},
    ),
    Case(
        "version-status-other",
        "post",
        lambda s: reverse("version-status", args=[s.other.pk]),
        STRANGER,
        STRANGER,
        302,
        lambda s: {"status": "archived", "decision_date": ""},
    ),
    *(
        Case(
            f"version-copy-{v}",
            "post",
            lambda s, v=v: reverse("version-copy", args=[getattr(s, v).pk]),
            ok,
            who,
            302,
            lambda s: {},
        )
        for v, ok, who in (("approved", HOSP_MANAGE, READERS), ("other", STRANGER, STRANGER))
    ),
    Case(
        "version-delete-draft",
        "post",
        lambda s: reverse("version-delete", args=[s.draft.pk]),
        HOSP_MANAGE,
        READERS,
        302,
        lambda s: {},
    ),
    Case(
        "version-delete-approved",
        "post",
        lambda s: reverse("version-delete", args=[s.approved.pk]),
        HOSP_MANAGE,
        READERS,
        302,  # back to the house with "only drafts can be deleted"
        lambda s: {},
        writes=False,
    ),
    *(
        Case(
            f"element-create-draft-{slug}",
            "post",
            lambda s, slug=slug: reverse("element-create", args=[s.draft.pk, slug]),
            EDITORS[slug],
            READERS,
            302,
            lambda s, slug=slug: element_form_data(s.el(s.draft, slug), new_code=True),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-create-other-draft-{slug}",
            "post",
            lambda s, slug=slug: reverse("element-create", args=[s.other_draft.pk, slug]),
            STRANGER,
            STRANGER,
            302,
            lambda s, slug=slug: element_form_data(s.el(s.other_draft, slug), new_code=True),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-edit-draft-{slug}",
            "post",
            _element_url("element-edit", slug, "draft"),
            EDITORS[slug],
            READERS,
            302,
            lambda s, slug=slug: element_form_data(s.el(s.draft, slug), **change(slug, form=True)),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-edit-approved-progress-{slug}",
            "post",
            _element_url("element-edit", slug, "approved"),
            EDITORS[slug],
            READERS,
            302,
            lambda s, slug=slug: PROGRESS_CHANGE[slug],
        )
        for slug in PROGRESS_CHANGE
    ),
    *(
        Case(
            f"element-delete-draft-{slug}",
            "post",
            _element_url("element-delete", slug, "draft"),
            EDITORS[slug],
            READERS,
            302,
            lambda s: {},
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-delete-approved-{slug}",
            "post",
            _element_url("element-delete", slug, "approved"),
            EDITORS[slug],
            READERS,
            302,  # back with "approved versions keep their content"
            lambda s: {},
            writes=False,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"element-delete-other-{slug}",
            "post",
            _element_url("element-delete", slug, "other_draft"),
            STRANGER,
            STRANGER,
            302,
            lambda s: {},
        )
        for slug in ("value", "objective", "milestone")
    ),
]


def _api_unit(code: str) -> Callable[[Scene], dict[str, Any]]:
    return lambda s: {"code": "NEW-UNIT", "kind": "ward", "name": {"en": "New"}, "parent": code}


def _api_unit_put(code: str) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        unit = s.unit(code)
        return {
            "code": unit.code,
            "kind": unit.kind,
            "name": {"en": "Renamed"},
            "parent": unit.parent.code if unit.parent else None,
            "language": unit.language,
        }

    return data


def _unit_admins(code: str) -> frozenset[str]:
    return STRANGER if code == "OTHER" else ADMINS


API: list[Case] = [
    # units
    Case("units-list", "get", lambda s: "/api/v1/units/", EVERYONE, EVERYONE),
    *(
        Case(
            f"units-retrieve-{code}",
            "get",
            lambda s, code=code: f"/api/v1/units/{code}/",
            seeing(code),
            seeing(code),
        )
        for code in sorted(ALL_CODES)
    ),
    Case("units-retrieve-unknown", "get", lambda s: "/api/v1/units/NOPE/", NOBODY, NOBODY),
    *(
        Case(
            f"units-create-below-{code}",
            "post",
            lambda s: "/api/v1/units/",
            _unit_admins(code),
            seeing(code),
            201,
            _api_unit(code),
        )
        for code in ("REG", "HOSP", "HOSP-CARD", "OTHER")
    ),
    Case(
        "units-create-root",
        "post",
        lambda s: "/api/v1/units/",
        NOBODY,
        EVERYONE,
        201,
        _api_unit_root := (
            lambda s: {"code": "NEW-ROOT", "kind": "region", "name": {"en": "Root"}}
        ),
    ),
    *(
        Case(
            f"units-{method}-{code}",
            method,
            lambda s, code=code: f"/api/v1/units/{code}/",
            _unit_admins(code),
            seeing(code),
            200,
            (lambda s: {"name": {"en": "Renamed"}}) if method == "patch" else _api_unit_put(code),
        )
        for method in ("patch", "put")
        for code in ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    *(
        Case(
            f"units-delete-{code}",
            "delete",
            lambda s, code=code: f"/api/v1/units/{code}/",
            _unit_admins(code),
            seeing(code),
            ok_code,
            writes=ok_code == 204,
        )
        # HOSP has children (400); HOSP-CARD owns strategy elements (400)
        for code, ok_code in (("HOSP", 400), ("HOSP-CARD", 400), ("HOSP-SURG", 204))
    ),
    # memberships
    Case("memberships-list", "get", lambda s: "/api/v1/memberships/", EVERYONE, EVERYONE),
    *(
        Case(
            f"memberships-retrieve-{user}-on-{code}",
            "get",
            lambda s, user=user, code=code: f"/api/v1/memberships/{s.membership(user, code).pk}/",
            _unit_admins(code),
            _unit_admins(code),
        )
        for user, code in (("quality", "HOSP"), ("contributor", "HOSP-CARD"), ("stranger", "OTHER"))
    ),
    *(
        Case(
            f"memberships-create-on-{code}",
            "post",
            lambda s: "/api/v1/memberships/",
            _unit_admins(code),
            seeing(code),
            201,
            lambda s, code=code: {
                "unit": code,
                "user": "viewer" if code == "OTHER" else "stranger",
                "role": 10,
            },
        )
        for code in ("REG", "HOSP", "HOSP-CARD", "OTHER")
    ),
    *(
        Case(
            f"memberships-delete-{user}-on-{code}",
            "delete",
            lambda s, user=user, code=code: f"/api/v1/memberships/{s.membership(user, code).pk}/",
            _unit_admins(code),
            _unit_admins(code),  # memberships are invisible to non-administrators
            204,
        )
        for user, code in (("viewer", "HOSP"), ("contributor", "HOSP-CARD"), ("stranger", "OTHER"))
    ),
    Case(
        "memberships-patch-not-offered",
        "patch",
        lambda s: f"/api/v1/memberships/{s.membership('viewer', 'HOSP').pk}/",
        EVERYONE,
        EVERYONE,
        405,
        lambda s: {"role": 50},
        writes=False,
    ),
    # indicator definitions: the standard set is for everyone with a role
    Case("indicators-list", "get", lambda s: "/api/v1/indicators/", EVERYONE, EVERYONE),
    Case("indicators-retrieve", "get", lambda s: "/api/v1/indicators/ALOS/", EVERYONE, EVERYONE),
    # strategies
    Case("strategies-list", "get", lambda s: "/api/v1/strategies/", EVERYONE, EVERYONE),
    Case(
        "strategies-retrieve",
        "get",
        lambda s: f"/api/v1/strategies/{s.approved.strategy_id}/",
        READERS,
        READERS,
    ),
    Case(
        "strategies-retrieve-other",
        "get",
        lambda s: f"/api/v1/strategies/{s.other.strategy_id}/",
        STRANGER,
        STRANGER,
    ),
    *(
        Case(
            f"strategies-create-on-{code}",
            "post",
            lambda s: "/api/v1/strategies/",
            ok,
            who,
            201,
            lambda s, code=code: {"unit": code, "code": "NEWS", "title": {"en": "New"}},
        )
        for code, ok, who in (
            ("HOSP", HOSP_MANAGE, READERS),  # readers of the HOSP strategy get 403
            ("HOSP-CARD", CARD_MANAGE, READERS),
            ("HOSP-SURG", HOSP_MANAGE, HOSP_VIEW),
            ("OTHER", STRANGER, STRANGER),
        )
    ),
    Case(
        "strategies-delete-approved",
        "delete",
        lambda s: f"/api/v1/strategies/{s.approved.strategy_id}/",
        ADMINS,
        READERS,
        400,  # an approved strategy cannot be deleted
        writes=False,
    ),
    Case(
        "strategies-delete-draft-only",
        "delete",
        lambda s: f"/api/v1/strategies/{s.spare.pk}/",
        ADMINS,
        READERS,
        204,
    ),
    Case(
        "strategies-patch-not-offered",
        "patch",
        lambda s: f"/api/v1/strategies/{s.approved.strategy_id}/",
        EVERYONE,
        EVERYONE,
        405,
        lambda s: {"code": "X"},
        writes=False,
    ),
    # versions
    Case("versions-list-not-offered", "get", lambda s: "/api/v1/versions/", NOBODY, NOBODY),
    *(
        Case(
            f"versions-retrieve-{v}",
            "get",
            lambda s, v=v: f"/api/v1/versions/{getattr(s, v).pk}/",
            who,
            who,
        )
        for v, who in (("approved", READERS), ("draft", READERS), ("other", STRANGER))
    ),
    Case(
        "versions-patch-draft",
        "patch",
        lambda s: f"/api/v1/versions/{s.draft.pk}/",
        HOSP_MANAGE,
        READERS,
        200,
        lambda s: {"mission": {"en": "Changed"}},
    ),
    Case(
        "versions-put-draft",
        "put",
        lambda s: f"/api/v1/versions/{s.draft.pk}/",
        HOSP_MANAGE,
        READERS,
        200,
        lambda s: {
            "approving_body": {},
            "decision_date": None,
            "valid_from": "2025-01-01",
            "valid_to": "2029-12-31",
            "mission": {"en": "Changed"},
            "vision": {"en": "Changed"},
            "change_note": {},
        },
    ),
    Case(
        "versions-patch-approved",
        "patch",
        lambda s: f"/api/v1/versions/{s.approved.pk}/",
        HOSP_MANAGE,
        READERS,
        400,  # frozen
        lambda s: {"mission": {"en": "Changed"}},
        writes=False,
    ),
    Case(
        "versions-patch-other",
        "patch",
        lambda s: f"/api/v1/versions/{s.other_draft.pk}/",
        STRANGER,
        STRANGER,
        200,
        lambda s: {"mission": {"en": "Changed"}},
    ),
    Case(
        "versions-delete-draft",
        "delete",
        lambda s: f"/api/v1/versions/{s.draft.pk}/",
        HOSP_MANAGE,
        READERS,
        204,
    ),
    Case(
        "versions-delete-approved",
        "delete",
        lambda s: f"/api/v1/versions/{s.approved.pk}/",
        HOSP_MANAGE,
        READERS,
        400,
        writes=False,
    ),
    *(
        Case(
            f"versions-copy-{v}",
            "post",
            lambda s, v=v: f"/api/v1/versions/{getattr(s, v).pk}/copy/",
            ok,
            who,
            201,
            lambda s: {},
        )
        for v, ok, who in (("approved", HOSP_MANAGE, READERS), ("other", STRANGER, STRANGER))
    ),
    Case(
        "versions-transition-draft",
        "post",
        lambda s: f"/api/v1/versions/{s.draft.pk}/transition/",
        HOSP_MANAGE,
        READERS,
        200,
        lambda s: {"status": "consultation"},
    ),
    Case(
        "versions-transition-approved-archive",
        "post",
        lambda s: f"/api/v1/versions/{s.approved.pk}/transition/",
        HOSP_MANAGE,
        READERS,
        200,
        lambda s: {"status": "archived"},
    ),
    Case(
        "versions-transition-other",
        "post",
        lambda s: f"/api/v1/versions/{s.other.pk}/transition/",
        STRANGER,
        STRANGER,
        200,
        lambda s: {"status": "archived"},
    ),
    Case(
        "versions-diff",
        "get",
        lambda s: f"/api/v1/versions/{s.draft.pk}/diff/?with={s.approved.pk}",
        READERS,
        READERS,
    ),
    Case(
        "versions-diff-other",
        "get",
        lambda s: f"/api/v1/versions/{s.other_draft.pk}/diff/?with={s.other.pk}",
        STRANGER,
        STRANGER,
    ),
    # elements, every slug
    *(
        Case(
            f"elements-{slug}-list",
            "get",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/",
            EVERYONE,
            EVERYONE,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-retrieve-{v}",
            "get",
            lambda s, slug=slug, v=v: f"/api/v1/elements/{slug}/{s.el(getattr(s, v), slug).pk}/",
            who,
            who,
        )
        for slug in SLUGS
        for v, who in (("approved", READERS), ("other", STRANGER))
    ),
    *(
        Case(
            f"elements-{slug}-create-draft",
            "post",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/",
            EDITORS[slug],
            READERS,
            201,
            lambda s, slug=slug: element_payload(s.el(s.draft, slug), new_code=True),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-create-other-draft",
            "post",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/",
            STRANGER,
            STRANGER,
            201,
            lambda s, slug=slug: element_payload(s.el(s.other_draft, slug), new_code=True),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-patch-draft",
            "patch",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.draft, slug).pk}/",
            EDITORS[slug],
            READERS,
            200,
            lambda s, slug=slug: change(slug),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-put-draft",
            "put",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.draft, slug).pk}/",
            EDITORS[slug],
            READERS,
            200,
            lambda s, slug=slug: element_payload(s.el(s.draft, slug), **change(slug)),
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-patch-approved",
            "patch",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.approved, slug).pk}/",
            EDITORS[slug],
            READERS,
            200 if slug in PROGRESS_CHANGE else 400,
            lambda s, slug=slug: PROGRESS_CHANGE.get(slug) or change(slug),
            writes=slug in PROGRESS_CHANGE,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-delete-draft",
            "delete",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.draft, slug).pk}/",
            EDITORS[slug],
            READERS,
            204,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-delete-approved",
            "delete",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.approved, slug).pk}/",
            EDITORS[slug],
            READERS,
            400,
            writes=False,
        )
        for slug in SLUGS
    ),
    *(
        Case(
            f"elements-{slug}-delete-other",
            "delete",
            lambda s, slug=slug: f"/api/v1/elements/{slug}/{s.el(s.other_draft, slug).pk}/",
            STRANGER,
            STRANGER,
            204,
        )
        for slug in SLUGS
    ),
]


# --- the matrices -----------------------------------------------------------------------------


def _run_matrix(case: Case, scene: Scene, send: Callable[[Any, str, Any], Any]) -> None:
    """Try the case's request for every named user and compare the whole outcome table.

    Writes run inside a savepoint that is rolled back after each user; for them the outcome
    is (status, whether any domain row changed, whether an audit entry by the user appeared).
    """
    url = case.url(scene)
    data = case.data(scene) if case.data else None
    before = db_state()
    actual: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for name in USERS:
        user = scene.user(name)
        code = expected_code(name, case.ok, case.visible, case.ok_code)
        if case.method == "get":
            actual[name] = send(user, url, data).status_code
            expected[name] = code
            continue
        audits = AuditEntry.objects.filter(actor=user).count()
        with transaction.atomic():
            response = send(user, url, data)
            changed = db_state() != before
            audited = AuditEntry.objects.filter(actor=user).count() > audits
            transaction.set_rollback(True)
        writes = name in case.ok and case.writes
        actual[name] = (response.status_code, changed, audited)
        expected[name] = (code, writes, writes)
    assert actual == expected
    assert db_state() == before


@pytest.mark.parametrize("case", [c.param() for c in WEB_GET])
def test_web_pages(case: Case, scene: Scene, client: Any) -> None:
    _run_matrix(case, scene, lambda user, url, data: web_client(client, user).get(url))


@pytest.mark.parametrize("case", [c.param() for c in WEB_POST])
def test_web_writes(case: Case, scene: Scene, client: Any) -> None:
    _run_matrix(case, scene, lambda user, url, data: web_client(client, user).post(url, data))


@pytest.mark.parametrize("case", [c.param() for c in API])
def test_api_endpoints(case: Case, scene: Scene) -> None:
    def send(user: Any, url: str, data: Any) -> Any:
        client = api_client(user)
        if case.method == "get":
            return client.get(url)
        return getattr(client, case.method)(url, data, format="json")

    _run_matrix(case, scene, send)


def test_anonymous_visitors_are_sent_to_the_login_page(scene: Scene, client: Any) -> None:
    requests = [
        (case, case.url(scene), case.data(scene) if case.data else None)
        for case in WEB_GET + WEB_POST
    ]
    before = db_state()
    for case, url, data in requests:
        response = getattr(client, case.method)(url, data)
        assert response.status_code == 302, case.id
        assert response["Location"].startswith("/login/?next="), case.id
    assert db_state() == before


def test_anonymous_and_inactive_api_callers_get_401(scene: Scene) -> None:
    from django.urls import Resolver404, resolve

    inactive = api_client(user_create("gone", is_active=False))
    requests = [(case, case.url(scene), case.data(scene) if case.data else None) for case in API]
    before = db_state()
    for case, url, data in requests:
        try:
            resolve(url.split("?")[0])
            expected = 401
        except Resolver404:
            expected = 404  # no such route, whoever asks
        for client in (APIClient(), inactive):
            call = getattr(client, case.method)
            response = call(url) if case.method == "get" else call(url, data, format="json")
            assert response.status_code == expected, (case.id, client is inactive)
    assert db_state() == before


def test_the_matrices_cover_every_route(scene: Scene) -> None:
    """Every named page and every API route (custom actions included) is in a matrix."""
    from django.urls import Resolver404, resolve

    from soteria import urls as web_urls
    from soteria.api.urls import router

    urls = {case.url(scene).split("?")[0] for case in WEB_GET + WEB_POST + API}
    names = set()
    for url in urls:
        try:
            names.add(resolve(url).url_name)
        except Resolver404:
            continue
    in_scope = {
        "soteria.web.views",
        "soteria.organisations.views",
        "soteria.strategy.views",
        "soteria.audit.views",
    }
    pages = {
        p.name
        for p in web_urls.urlpatterns
        if getattr(p, "name", None) and getattr(p.callback, "__module__", "") in in_scope
    }
    assert "version-house" in pages and "history" in pages
    assert pages - {"healthz", "unit-go"} <= names
    for prefix, _viewset, _basename in router.registry:
        if prefix == "imports":
            continue  # the data warehouse (added after this campaign) has its own tests
        assert any(url.startswith(f"/api/v1/{prefix}/") for url in urls), prefix
    for action in ("copy", "transition", "diff"):
        assert any(url.endswith(f"/{action}/") for url in urls), action


# --- lists and pickers hold only what the user may see ---------------------------------------

HOME_TOPS = {
    "admin": {"REG"},
    "quality": {"HOSP"},
    "lead": {"HOSP-CARD"},
    "contributor": {"HOSP-CARD"},
    "viewer": {"HOSP"},
    "stranger": {"OTHER"},
}


def _readable_versions(scene: Scene, name: str) -> set[int]:
    strategy = scene.other.strategy if name == "stranger" else scene.approved.strategy
    return set(strategy.versions.values_list("pk", flat=True))


@pytest.mark.parametrize("name", USERS)
def test_home_page_lists_only_reachable_organisations_and_strategies(
    name: str, scene: Scene, client: Any
) -> None:
    html = web_client(client, scene.user(name)).get(reverse("home")).content.decode()
    main = html.split('<main id="main">')[1]
    assert codes_in_links(main) == HOME_TOPS[name]
    current = scene.other if name == "stranger" else scene.approved
    assert version_links(main) == {current.pk}
    assert picker_codes(html) == VISIBLE_UNITS[name]
    assert not code_tokens(html) - VISIBLE_UNITS[name]


@pytest.mark.parametrize("name", USERS)
def test_unit_tree_and_picker_list_exactly_the_visible_units(
    name: str, scene: Scene, client: Any
) -> None:
    html = web_client(client, scene.user(name)).get(reverse("unit-tree")).content.decode()
    tree = re.search(r'<ul class="tree">.*?</section>', html, re.S).group(0)
    assert codes_in_links(tree) == VISIBLE_UNITS[name]
    assert picker_codes(html) == VISIBLE_UNITS[name]
    assert code_tokens(html) == VISIBLE_UNITS[name]
    assert "New organisation" not in html  # only superusers create roots


@pytest.mark.parametrize("name", USERS)
def test_unit_detail_pages_link_only_to_visible_units_versions_and_memberships(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    readable = _readable_versions(scene, name)
    for code in sorted(VISIBLE_UNITS[name]):
        html = client.get(reverse("unit-detail", args=[code])).content.decode()
        assert codes_in_links(html) <= VISIBLE_UNITS[name], code
        assert not code_tokens(html) - VISIBLE_UNITS[name], code
        assert picker_codes(html) == VISIBLE_UNITS[name]
        assert version_links(html) <= readable, code
        shown = {int(pk) for pk in re.findall(r'action="/memberships/(\d+)/remove/"', html)}
        unit = scene.unit(code)
        administers = name == "admin" or (name == "stranger" and code == "OTHER")
        expected = set(unit.memberships.values_list("pk", flat=True)) if administers else set()
        assert shown == expected, code
        assert ("Give a role" in html) == administers


@pytest.mark.parametrize("name", sorted(READERS))
def test_strategy_pages_link_only_to_visible_units(name: str, scene: Scene, client: Any) -> None:
    web_client(client, scene.user(name))
    initiative = scene.el(scene.draft, "initiative")
    for url in (
        reverse("version-house", args=[scene.draft.pk]),
        reverse("initiative-detail", args=[initiative.pk]),
        reverse("version-compare", args=[scene.draft.pk]) + f"?with={scene.approved.pk}",
        reverse("history", args=["strategy.strategyversion", scene.draft.pk]),
    ):
        html = client.get(url).content.decode()
        assert codes_in_links(html) <= VISIBLE_UNITS[name], url
        assert picker_codes(html) == VISIBLE_UNITS[name], url
        assert version_links(html) <= _readable_versions(scene, name), url
        assert scene.other.pk not in version_links(html)


@pytest.mark.parametrize("name", USERS)
def test_api_unit_list_holds_exactly_the_visible_units(name: str, scene: Scene) -> None:
    results = api_client(scene.user(name)).get("/api/v1/units/").json()["results"]
    assert {u["code"] for u in results} == VISIBLE_UNITS[name]


ADMINISTERED_MEMBERSHIPS = {
    "admin": {
        ("REG", "admin"),
        ("HOSP", "quality"),
        ("HOSP", "viewer"),
        ("HOSP-CARD", "lead"),
        ("HOSP-CARD", "contributor"),
    },
    "stranger": {("OTHER", "stranger")},
}


@pytest.mark.parametrize("name", USERS)
def test_api_membership_list_holds_only_administered_units(name: str, scene: Scene) -> None:
    results = api_client(scene.user(name)).get("/api/v1/memberships/").json()["results"]
    assert {(m["unit"], m["user"]) for m in results} == ADMINISTERED_MEMBERSHIPS.get(name, set())


@pytest.mark.parametrize("name", USERS)
def test_api_strategy_list_holds_only_readable_strategies(name: str, scene: Scene) -> None:
    results = api_client(scene.user(name)).get("/api/v1/strategies/").json()["results"]
    expected = scene.other if name == "stranger" else scene.approved
    assert [s["id"] for s in results] == [expected.strategy_id]
    assert {v["id"] for v in results[0]["versions"]} == _readable_versions(scene, name)


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("name", USERS)
def test_api_element_lists_hold_only_readable_versions(name: str, slug: str, scene: Scene) -> None:
    client = api_client(scene.user(name))
    results = client.get(f"/api/v1/elements/{slug}/").json()["results"]
    assert {e["version"] for e in results} == _readable_versions(scene, name)
    model = ELEMENTS_BY_SLUG[slug]
    readable_pks = set(
        model.objects.filter(version_id__in=_readable_versions(scene, name)).values_list(
            "pk", flat=True
        )
    )
    assert {e["id"] for e in results} == readable_pks
    # filtering by an unreadable version gives nothing, not the other organisation's rows
    unreadable = scene.approved if name == "stranger" else scene.other
    assert client.get(f"/api/v1/elements/{slug}/?version={unreadable.pk}").json()["results"] == []


# --- sneaky inputs ----------------------------------------------------------------------------


def _unchanged(send: Callable[[], Any]) -> Any:
    """Send a request that must be refused; assert nothing changed and return the response."""
    before = db_state()
    response = send()
    assert db_state() == before
    return response


@pytest.mark.parametrize("name", ["lead", "contributor", "viewer"])
@pytest.mark.parametrize("slug", ROOF_SLUGS)
def test_creating_roof_elements_in_a_readable_draft_is_forbidden(
    name: str, slug: str, scene: Scene, client: Any
) -> None:
    user = scene.user(name)
    payload = element_payload(scene.el(scene.draft, slug), new_code=True)
    response = _unchanged(
        lambda: api_client(user).post(f"/api/v1/elements/{slug}/", payload, format="json")
    )
    assert response.status_code == 403
    data = element_form_data(scene.el(scene.draft, slug), new_code=True)
    url = reverse("element-create", args=[scene.draft.pk, slug])
    response = _unchanged(lambda: web_client(client, user).post(url, data))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "owner", "status"),
    [
        ("quality", "OTHER", 400),  # not within the strategy's unit
        ("quality", "REG", 400),  # above the strategy's unit
        ("contributor", "OTHER", 403),
        ("contributor", "HOSP-SURG", 403),  # inside the strategy, out of the contributor's reach
        ("contributor", "HOSP", 403),
        ("lead", "HOSP-SURG", 403),
        ("stranger", "OTHER", 404),
    ],
)
@pytest.mark.parametrize("slug", ["objective", "initiative", "programme"])
def test_api_create_with_an_owner_unit_out_of_reach_is_refused(
    name: str, owner: str, status: int, slug: str, scene: Scene
) -> None:
    if slug == "programme" and name in {"contributor", "lead"}:
        status = 403  # programmes are edited on the strategy's unit only
    if slug == "initiative" and name in {"contributor", "lead"} and owner != "OTHER":
        # an initiative below the contributor's own objective stays in reach (the objective's
        # owner may edit it), so only the strategy's subtree rule applies
        status = 201
    if slug == "initiative" and name in {"contributor", "lead"} and owner == "OTHER":
        status = 400
    payload = element_payload(scene.el(scene.draft, slug), new_code=True, owner_unit=owner)
    client = api_client(scene.user(name))
    before = db_state()
    response = client.post(f"/api/v1/elements/{slug}/", payload, format="json")
    assert response.status_code == status, response.content
    if status == 400:
        assert "owner_unit" in response.json()
    if status != 201:
        assert db_state() == before


@pytest.mark.parametrize(
    ("name", "owner", "status"),
    [
        ("contributor", "HOSP-SURG", 403),  # would hand the objective to another department
        ("contributor", "HOSP", 403),
        ("lead", "HOSP-SURG", 403),
        ("contributor", "OTHER", 400),
        ("contributor", "REG", 400),
        ("quality", "OTHER", 400),
        ("quality", "HOSP-SURG", 200),
        ("viewer", "HOSP-CARD", 403),
        ("stranger", "OTHER", 404),
    ],
)
def test_api_moving_an_objective_to_an_owner_out_of_reach(
    name: str, owner: str, status: int, scene: Scene
) -> None:
    objective = scene.el(scene.draft, "objective")
    url = f"/api/v1/elements/objective/{objective.pk}/"
    before = db_state()
    response = api_client(scene.user(name)).patch(url, {"owner_unit": owner}, format="json")
    assert response.status_code == status, response.content
    objective.refresh_from_db()
    if status == 200:
        assert objective.owner_unit.code == owner
    else:
        assert db_state() == before


@pytest.mark.parametrize("name", ["contributor", "quality"])
@pytest.mark.parametrize("owner", ["OTHER", "REG"])
@pytest.mark.parametrize("slug", ["objective", "initiative", "programme"])
def test_web_forms_refuse_owner_units_outside_the_strategy(
    name: str, owner: str, slug: str, scene: Scene, client: Any
) -> None:
    element = scene.el(scene.draft, slug)
    web_client(client, scene.user(name))
    owner_pk = scene.unit(owner).pk
    for url, data in (
        (
            reverse("element-create", args=[scene.draft.pk, slug]),
            element_form_data(element, new_code=True, owner_unit=owner_pk),
        ),
        (
            reverse("element-edit", args=[slug, element.pk]),
            element_form_data(element, owner_unit=owner_pk),
        ),
    ):
        if slug == "programme" and name == "contributor":
            continue  # not the contributor's programme at all: see the matrix and the xfails
        response = _unchanged(lambda url=url, data=data: client.post(url, data))
        if response.status_code == 403:
            # refused outright: an owner unit out of the strategy gives no right to create
            assert "element-create" in url or url.startswith("/versions/")
            assert name != "quality"
            continue
        assert response.status_code == 200, url
        assert "owner_unit" in response.context["form"].errors


@pytest.mark.parametrize(
    ("name", "status"), [("contributor", 403), ("lead", 403), ("quality", 302)]
)
def test_web_objective_may_not_be_handed_to_another_department(
    name: str, status: int, scene: Scene, client: Any
) -> None:
    objective = scene.el(scene.draft, "objective")
    data = element_form_data(objective, owner_unit=scene.world.surgery.pk)
    url = reverse("element-edit", args=["objective", objective.pk])
    before = db_state()
    response = web_client(client, scene.user(name)).post(url, data)
    assert response.status_code == status
    objective.refresh_from_db()
    assert (objective.owner_unit == scene.world.surgery) == (status == 302)
    if status != 302:
        assert db_state() == before


def test_contributor_may_not_add_funding_to_another_departments_initiative(
    scene: Scene, client: Any
) -> None:
    programme = scene.el(scene.draft, "programme")
    surgery = scene.world.surgery
    objective = element_create(
        actor=None,
        version=scene.draft,
        model=Objective,
        programme=programme,
        code="O2",
        title={"en": "Surgery objective"},
        owner_unit=surgery,
    )
    initiative = element_create(
        actor=None,
        version=scene.draft,
        model=Initiative,
        objective=objective,
        code="I2",
        title={"en": "Surgery initiative"},
        owner_unit=surgery,
    )
    funding = scene.el(scene.draft, "funding")
    payload = element_payload(funding, initiative=initiative.pk)
    contributor = scene.user("contributor")
    response = _unchanged(
        lambda: api_client(contributor).post("/api/v1/elements/funding/", payload, format="json")
    )
    assert response.status_code == 403
    # nor move its own funding line there
    response = _unchanged(
        lambda: api_client(contributor).patch(
            f"/api/v1/elements/funding/{funding.pk}/", {"initiative": initiative.pk}, format="json"
        )
    )
    assert response.status_code == 403
    # nor open the surgery initiative's pages for editing
    web_client(client, contributor)
    assert (
        client.get(reverse("element-edit", args=["initiative", initiative.pk])).status_code == 403
    )
    url = reverse("element-create", args=[scene.draft.pk, "funding"]) + f"?parent={initiative.pk}"
    assert client.get(url).status_code == 403
    response = _unchanged(
        lambda: client.post(
            reverse("element-create", args=[scene.draft.pk, "funding"]),
            element_form_data(funding, initiative=initiative.pk),
        )
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("slug", "parent_field", "parent_slug"),
    [
        ("objective", "programme", "programme"),
        ("objective", "priority", "priority"),
        ("initiative", "objective", "objective"),
        ("funding", "initiative", "initiative"),
        ("milestone", "initiative", "initiative"),
    ],
)
@pytest.mark.parametrize("source", ["other", "approved"])
def test_parents_from_another_version_or_organisation_are_refused(
    slug: str, parent_field: str, parent_slug: str, source: str, scene: Scene, client: Any
) -> None:
    foreign = scene.el(getattr(scene, source), parent_slug)
    element = scene.el(scene.draft, slug)
    quality = scene.user("quality")
    # API: create and update
    payload = element_payload(element, new_code=True, **{parent_field: foreign.pk})
    response = _unchanged(
        lambda: api_client(quality).post(f"/api/v1/elements/{slug}/", payload, format="json")
    )
    assert response.status_code == 400 and parent_field in response.json()
    response = _unchanged(
        lambda: api_client(quality).patch(
            f"/api/v1/elements/{slug}/{element.pk}/", {parent_field: foreign.pk}, format="json"
        )
    )
    assert response.status_code == 400 and parent_field in response.json()
    # web: the foreign id is not a valid choice
    web_client(client, quality)
    for url, data in (
        (
            reverse("element-create", args=[scene.draft.pk, slug]),
            element_form_data(element, new_code=True, **{parent_field: foreign.pk}),
        ),
        (
            reverse("element-edit", args=[slug, element.pk]),
            element_form_data(element, **{parent_field: foreign.pk}),
        ),
    ):
        response = _unchanged(lambda url=url, data=data: client.post(url, data))
        assert response.status_code == 200
        assert parent_field in response.context["form"].errors


def test_web_create_ignores_a_foreign_parent_in_the_query_string(scene: Scene, client: Any) -> None:
    foreign = scene.el(scene.other, "initiative")
    web_client(client, scene.user("contributor"))
    url = reverse("element-create", args=[scene.draft.pk, "milestone"]) + f"?parent={foreign.pk}"
    # the foreign parent is not looked up: the probe has no owner, so the contributor is refused
    assert client.get(url).status_code == 403
    web_client(client, scene.user("quality"))
    page = client.get(url)
    assert page.status_code == 200
    choices = page.context["form"].fields["initiative"].choices
    offered = {pk.value for pk, _label in choices if pk}
    assert offered == {scene.el(scene.draft, "initiative").pk}


def test_api_element_update_cannot_move_an_element_to_another_version(scene: Scene) -> None:
    objective = scene.el(scene.draft, "objective")
    response = api_client(scene.user("quality")).patch(
        f"/api/v1/elements/objective/{objective.pk}/",
        {"version": scene.other_draft.pk, "title": {"en": "Moved?"}},
        format="json",
    )
    assert response.status_code == 200
    objective.refresh_from_db()
    assert objective.version_id == scene.draft.pk
    assert response.json()["version"] == scene.draft.pk


@pytest.mark.parametrize(
    ("name", "version", "status"),
    [
        ("stranger", "draft", 404),  # a HOSP version
        ("admin", "other_draft", 404),  # an OTHER version
        ("quality", "other_draft", 404),
    ],
)
def test_api_creating_elements_in_an_unreachable_version(
    name: str, version: str, status: int, scene: Scene
) -> None:
    target = getattr(scene, version)
    payload = element_payload(scene.el(target, "value"))
    response = _unchanged(
        lambda: api_client(scene.user(name)).post("/api/v1/elements/value/", payload, format="json")
    )
    assert response.status_code == status


# units: parents, moves, memberships


@pytest.mark.parametrize(
    ("name", "code", "parent", "status"),
    [
        ("admin", "HOSP-CARD", "OTHER", 404),  # into another organisation
        ("admin", "HOSP", "HOSP-CARD", 400),  # under its own descendant
        ("admin", "HOSP", "HOSP", 400),  # under itself
        ("admin", "REG", "HOSP-SURG", 400),
        ("admin", "HOSP", None, 403),  # only superusers make roots
        ("stranger", "OTHER", "HOSP", 404),  # into an organisation out of reach
        ("stranger", "OTHER", "REG", 404),
        ("quality", "HOSP-CARD", "HOSP-SURG", 403),  # may see both, administers neither
        ("viewer", "HOSP-SURG", "HOSP-CARD", 403),
        ("lead", "HOSP-CARD", "HOSP", 403),
        ("admin", "HOSP-CARD", "HOSP-SURG", 200),  # control: a legal move
    ],
)
def test_api_unit_moves(
    name: str, code: str, parent: str | None, status: int, scene: Scene
) -> None:
    before = db_state()
    response = api_client(scene.user(name)).patch(
        f"/api/v1/units/{code}/", {"parent": parent}, format="json"
    )
    assert response.status_code == status, response.content
    if status == 400:
        assert "parent" in response.json()
    if status == 200:
        moved = scene.unit(code)
        assert moved.parent.code == parent
        assert moved.path == f"{scene.unit(parent).path}{moved.pk}/"
        assert AuditEntry.objects.filter(actor=scene.user(name), action="move").count() == 1
    else:
        assert db_state() == before


@pytest.mark.parametrize(
    ("name", "parent", "status"),
    [
        ("admin", "OTHER", 404),
        ("stranger", "HOSP", 404),
        ("stranger", "HOSP-CARD", 404),
        ("quality", "HOSP", 403),
        ("lead", "HOSP-CARD", 403),
        ("contributor", "HOSP-SURG", 404),
        ("admin", "NOPE", 400),
    ],
)
def test_api_unit_create_under_a_parent_out_of_reach(
    name: str, parent: str, status: int, scene: Scene
) -> None:
    payload = {"code": "SNEAK", "kind": "ward", "name": {"en": "x"}, "parent": parent}
    response = _unchanged(
        lambda: api_client(scene.user(name)).post("/api/v1/units/", payload, format="json")
    )
    assert response.status_code == status
    assert not OrgUnit.objects.filter(code="SNEAK").exists()


@pytest.mark.parametrize(
    ("code", "parent"),
    [
        ("HOSP", "HOSP-CARD"),  # own descendant
        ("HOSP", "HOSP"),  # itself
        ("HOSP-CARD", "OTHER"),  # another organisation
        ("HOSP-CARD", "NOPE"),
    ],
)
def test_web_unit_edit_refuses_parents_out_of_reach_or_below(
    code: str, parent: str, scene: Scene, client: Any
) -> None:
    unit = scene.unit(code)
    parent_pk = scene.unit(parent).pk if parent != "NOPE" else 999999
    data = form_data(UnitForm(instance=unit, user=scene.world.admin), parent=parent_pk)
    web_client(client, scene.user("admin"))
    response = _unchanged(lambda: client.post(reverse("unit-edit", args=[code]), data))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    choices = response.context["form"].fields["parent"].choices
    assert {pk.value for pk, _label in choices if pk} == set(
        OrgUnit.objects.filter(path__startswith=scene.world.region.path)
        .exclude(path__startswith=unit.path)
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize(("name", "parent"), [("admin", "OTHER"), ("stranger", "HOSP")])
def test_web_unit_create_refuses_a_foreign_parent_id(
    name: str, parent: str, scene: Scene, client: Any
) -> None:
    own = "HOSP" if name == "admin" else "OTHER"
    data = _post_unit(own)(scene)
    data["parent"] = scene.unit(parent).pk
    web_client(client, scene.user(name))
    response = _unchanged(lambda: client.post(reverse("unit-create") + f"?parent={own}", data))
    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    # and naming the foreign unit as the page's parent is a 404
    response = _unchanged(lambda: client.post(reverse("unit-create") + f"?parent={parent}", data))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "unit", "status"),
    [
        ("admin", "OTHER", 404),
        ("stranger", "HOSP", 404),
        ("stranger", "REG", 404),
        ("quality", "HOSP", 403),
        ("quality", "HOSP-SURG", 403),
        ("lead", "HOSP-CARD", 403),
        ("lead", "HOSP", 404),
        ("contributor", "HOSP-SURG", 404),
        ("viewer", "HOSP", 403),
    ],
)
def test_memberships_on_units_out_of_reach(
    name: str, unit: str, status: int, scene: Scene, client: Any
) -> None:
    user = scene.user(name)
    # giving oneself administrator rights is the obvious attack
    payload = {"unit": unit, "user": name, "role": 50}
    response = _unchanged(
        lambda: api_client(user).post("/api/v1/memberships/", payload, format="json")
    )
    assert response.status_code == status
    web_client(client, user)
    response = _unchanged(
        lambda: client.post(
            reverse("membership-add", args=[unit]), {"username": name, "role": "50"}
        )
    )
    assert response.status_code == status


@pytest.mark.parametrize(
    ("name", "user", "unit", "status"),
    [
        ("quality", "viewer", "HOSP", 403),
        ("lead", "contributor", "HOSP-CARD", 403),
        ("contributor", "lead", "HOSP-CARD", 403),
        ("viewer", "quality", "HOSP", 403),
        ("stranger", "admin", "REG", 404),
        ("admin", "stranger", "OTHER", 404),
        ("lead", "quality", "HOSP", 404),
    ],
)
def test_web_membership_removal_out_of_reach(
    name: str, user: str, unit: str, status: int, scene: Scene, client: Any
) -> None:
    membership = scene.membership(user, unit)
    web_client(client, scene.user(name))
    url = reverse("membership-remove", args=[membership.pk])
    response = _unchanged(lambda: client.post(url))
    assert response.status_code == status
    assert client.get(url).status_code == 405  # never on GET
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_for_a_user_who_has_one_replaces_it_and_is_audited(scene: Scene) -> None:
    admin = scene.user("admin")
    response = api_client(admin).post(
        "/api/v1/memberships/", {"unit": "HOSP", "user": "viewer", "role": 20}, format="json"
    )
    assert response.status_code == 201
    assert scene.membership("viewer", "HOSP").role == 20
    assert Membership.objects.filter(user__username="viewer").count() == 1
    entry = AuditEntry.objects.filter(actor=admin).get()
    assert entry.action == "update" and entry.changes["role"] == {"old": 10, "new": 20}


# bad values


BAD_AMOUNTS = ["-1", "-0.01", "99999999999999999", "1e20", "0.001", "NaN", "Infinity", "abc"]


@pytest.mark.parametrize("amount", BAD_AMOUNTS)
@pytest.mark.parametrize(
    ("slug", "money_field"), [("funding", "amount"), ("budget", "planned"), ("budget", "spent")]
)
def test_bad_amounts_are_refused_everywhere(
    amount: str, slug: str, money_field: str, scene: Scene, client: Any
) -> None:
    element = scene.el(scene.draft, slug)
    quality = scene.user("quality")
    api = api_client(quality)
    response = _unchanged(
        lambda: api.post(
            f"/api/v1/elements/{slug}/",
            element_payload(element, **{money_field: amount}),
            format="json",
        )
    )
    assert response.status_code == 400 and money_field in response.json()
    response = _unchanged(
        lambda: api.patch(
            f"/api/v1/elements/{slug}/{element.pk}/", {money_field: amount}, format="json"
        )
    )
    assert response.status_code == 400 and money_field in response.json()
    web_client(client, quality)
    for url, data in (
        (
            reverse("element-create", args=[scene.draft.pk, slug]),
            element_form_data(element, **{money_field: amount}),
        ),
        (
            reverse("element-edit", args=[slug, element.pk]),
            element_form_data(element, **{money_field: amount}),
        ),
    ):
        response = _unchanged(lambda url=url, data=data: client.post(url, data))
        assert response.status_code == 200
        assert money_field in response.context["form"].errors


@pytest.mark.parametrize("amount", ["-1", "99999999999999999"])
def test_bad_progress_amounts_on_an_approved_version(
    amount: str, scene: Scene, client: Any
) -> None:
    budget = scene.el(scene.approved, "budget")
    contributor = scene.user("contributor")
    response = _unchanged(
        lambda: api_client(contributor).patch(
            f"/api/v1/elements/budget/{budget.pk}/", {"spent": amount}, format="json"
        )
    )
    assert response.status_code == 400 and "spent" in response.json()
    web_client(client, contributor)
    response = _unchanged(
        lambda: client.post(reverse("element-edit", args=["budget", budget.pk]), {"spent": amount})
    )
    assert response.status_code == 200 and "spent" in response.context["form"].errors


def test_approved_progress_update_cannot_smuggle_content_changes(scene: Scene, client: Any) -> None:
    initiative = scene.el(scene.approved, "initiative")
    contributor = scene.user("contributor")
    # API: a progress field together with a frozen one is refused as a whole
    response = _unchanged(
        lambda: api_client(contributor).patch(
            f"/api/v1/elements/initiative/{initiative.pk}/",
            {"status": "completed", "title": {"en": "Hacked"}},
            format="json",
        )
    )
    assert response.status_code == 400
    # web: the form only has the progress fields; extra POST fields are ignored
    web_client(client, contributor)
    response = client.post(
        reverse("element-edit", args=["initiative", initiative.pk]),
        {
            "status": "completed",
            "title_en": "Hacked",
            "owner_unit": scene.world.surgery.pk,
            "code": "HACK",
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.status == "completed"
    assert initiative.title == {"en": "EHR roll-out"}
    assert initiative.owner_unit == scene.world.cardiology
    assert initiative.code == "I1"


def test_end_before_start_is_refused_everywhere(scene: Scene, client: Any) -> None:
    quality = scene.user("quality")
    api = api_client(quality)
    initiative = scene.el(scene.draft, "initiative")
    bad = {"start": "2026-05-01", "end": "2026-01-01"}
    response = _unchanged(
        lambda: api.post(
            "/api/v1/elements/initiative/",
            element_payload(initiative, new_code=True, **bad),
            format="json",
        )
    )
    assert response.status_code == 400 and "end" in response.json()
    response = _unchanged(
        lambda: api.patch(f"/api/v1/elements/initiative/{initiative.pk}/", bad, format="json")
    )
    assert response.status_code == 400 and "end" in response.json()
    # only one side changes, against the stored other side
    response = _unchanged(
        lambda: api.patch(
            f"/api/v1/elements/initiative/{initiative.pk}/", {"end": "2024-01-01"}, format="json"
        )
    )
    assert response.status_code == 400 and "end" in response.json()
    response = _unchanged(
        lambda: api.patch(
            f"/api/v1/versions/{scene.draft.pk}/", {"valid_to": "2024-01-01"}, format="json"
        )
    )
    assert response.status_code == 400 and "valid_to" in response.json()
    web_client(client, quality)
    response = _unchanged(
        lambda: client.post(
            reverse("element-edit", args=["initiative", initiative.pk]),
            element_form_data(initiative, **bad),
        )
    )
    assert response.status_code == 200 and "end" in response.context["form"].errors
    response = _unchanged(
        lambda: client.post(
            reverse("version-edit", args=[scene.draft.pk]),
            form_data(VersionForm(instance=scene.draft), valid_to="2024-01-01"),
        )
    )
    assert response.status_code == 200 and "valid_to" in response.context["form"].errors
    data = {**_strategy_form(scene), "valid_from": "2026-01-01", "valid_to": "2025-01-01"}
    response = _unchanged(lambda: client.post(reverse("strategy-create", args=["HOSP"]), data))
    assert response.status_code == 200 and "valid_to" in response.context["form"].errors


def test_a_failed_approval_archives_nothing(scene: Scene, client: Any) -> None:
    """Approving archives the previous approved version; if the approval then fails, the
    archiving must be rolled back with it."""
    body = {
        "status": "approved",
        "approving_body": {"en": "x" * 301},  # longer than the field allows
        "decision_date": "2026-01-01",
    }
    url = f"/api/v1/versions/{scene.draft.pk}/transition/"
    response = _unchanged(lambda: api_client(scene.user("quality")).post(url, body, format="json"))
    assert response.status_code == 400
    assert StrategyVersion.objects.get(pk=scene.approved.pk).status == VersionStatus.APPROVED
    web_client(client, scene.user("quality"))
    response = _unchanged(
        lambda: client.post(
            reverse("version-status", args=[scene.draft.pk]),
            {"status": "approved", "approving_body_en": "x" * 301, "decision_date": "2026-01-01"},
        )
    )
    assert response.status_code == 200
    assert StrategyVersion.objects.get(pk=scene.approved.pk).status == VersionStatus.APPROVED


@pytest.mark.parametrize(
    ("slug", "code"),
    [
        ("priority", "P1"),
        ("success-factor", "CSF1"),
        ("programme", "PR1"),
        ("objective", "O1"),
        ("initiative", "I1"),
    ],
)
def test_duplicate_element_codes_are_refused(
    slug: str, code: str, scene: Scene, client: Any
) -> None:
    quality = scene.user("quality")
    api = api_client(quality)
    element = scene.el(scene.draft, slug)
    response = _unchanged(
        lambda: api.post(f"/api/v1/elements/{slug}/", element_payload(element), format="json")
    )
    assert response.status_code == 400, response.content
    web_client(client, quality)
    response = _unchanged(
        lambda: client.post(
            reverse("element-create", args=[scene.draft.pk, slug]), element_form_data(element)
        )
    )
    assert response.status_code == 200 and "code" in response.context["form"].errors
    # renaming a second element to the taken code
    second = api.post(
        f"/api/v1/elements/{slug}/", element_payload(element, new_code=True), format="json"
    )
    assert second.status_code == 201
    response = _unchanged(
        lambda: api.patch(
            f"/api/v1/elements/{slug}/{second.json()['id']}/", {"code": code}, format="json"
        )
    )
    assert response.status_code == 400
    # the same code in another version is fine: codes are unique per version only
    assert ELEMENTS_BY_SLUG[slug].objects.filter(code=code).count() == 3


def test_duplicate_unit_and_strategy_codes_are_refused(scene: Scene, client: Any) -> None:
    admin = scene.user("admin")
    api = api_client(admin)
    for payload in (
        {"code": "HOSP-CARD", "kind": "ward", "name": {"en": "x"}, "parent": "HOSP"},
        {"code": "OTHER", "kind": "ward", "name": {"en": "x"}, "parent": "HOSP"},
    ):
        response = _unchanged(
            lambda payload=payload: api.post("/api/v1/units/", payload, format="json")
        )
        assert response.status_code == 400 and "code" in response.json()
    response = _unchanged(
        lambda: api.patch("/api/v1/units/HOSP-SURG/", {"code": "HOSP-CARD"}, format="json")
    )
    assert response.status_code == 400 and "code" in response.json()
    response = _unchanged(
        lambda: api.post(
            "/api/v1/strategies/",
            {"unit": "HOSP", "code": "S1", "title": {"en": "x"}},
            format="json",
        )
    )
    assert response.status_code == 400
    web_client(client, admin)
    data = {**_post_unit("HOSP")(scene), "code": "HOSP-CARD"}
    response = _unchanged(lambda: client.post(reverse("unit-create") + "?parent=HOSP", data))
    assert response.status_code == 200 and "code" in response.context["form"].errors
    data = {**_strategy_form(scene), "code": "S1"}
    response = _unchanged(lambda: client.post(reverse("strategy-create", args=["HOSP"]), data))
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("slug", ["bogus", "element", "Value", "values", "strategyversion"])
def test_unknown_element_slugs_are_404(slug: str, scene: Scene, client: Any) -> None:
    web_client(client, scene.user("quality"))
    value = scene.el(scene.draft, "value")
    for url in (
        reverse("element-create", args=[scene.draft.pk, slug]),
        reverse("element-edit", args=[slug, value.pk]),
        reverse("element-delete", args=[slug, value.pk]),
    ):
        assert _unchanged(lambda url=url: client.get(url)).status_code == 404
        assert _unchanged(lambda url=url: client.post(url, {"name_en": "x"})).status_code == 404
    api = api_client(scene.user("quality"))
    assert api.get(f"/api/v1/elements/{slug}/").status_code == 404
    response = _unchanged(
        lambda: api.post(
            f"/api/v1/elements/{slug}/",
            {"version": scene.draft.pk, "name": {"en": "x"}},
            format="json",
        )
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/versions/abc/",
        "/versions/-1/",
        "/versions/1.5/edit/",
        "/versions/99999999999999999999999/",
        "/versions/99999999999999999999999/edit/",
        "/initiatives/abc/",
        "/initiatives/99999999999999999999999/",
        "/elements/value/abc/edit/",
        "/elements/value/99999999999999999999999/delete/",
        "/units/hosp/",
        "/units/NOPE/edit/",
        "/memberships/abc/remove/",
    ],
)
def test_web_non_integer_and_unknown_ids_are_404(url: str, scene: Scene, client: Any) -> None:
    web_client(client, scene.user("admin"))
    assert _unchanged(lambda: client.get(url)).status_code == 404
    assert _unchanged(lambda: client.post(url)).status_code in (404, 405)


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/api/v1/versions/abc/"),
        ("get", "/api/v1/versions/-1/"),
        ("get", "/api/v1/versions/1.5/"),
        ("get", "/api/v1/versions/99999999999999999999999/"),
        ("post", "/api/v1/versions/abc/copy/"),
        ("post", "/api/v1/versions/abc/transition/"),
        ("get", "/api/v1/versions/abc/diff/"),
        ("get", "/api/v1/strategies/abc/"),
        ("delete", "/api/v1/strategies/abc/"),
        ("get", "/api/v1/memberships/abc/"),
        ("delete", "/api/v1/memberships/abc/"),
        ("get", "/api/v1/elements/value/abc/"),
        ("patch", "/api/v1/elements/value/abc/"),
        ("delete", "/api/v1/elements/value/abc/"),
        ("get", "/api/v1/elements/value/99999999999999999999999/"),
        ("get", "/api/v1/units/hosp/"),
        ("delete", "/api/v1/units/hosp/"),
    ],
)
def test_api_non_integer_and_unknown_ids_are_404(method: str, url: str, scene: Scene) -> None:
    api = api_client(scene.user("admin"))
    call = getattr(api, method)
    response = _unchanged(lambda: call(url) if method == "get" else call(url, {}, format="json"))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("name", "other", "status"),
    [
        ("quality", "abc", 400),
        ("quality", "", 400),
        ("quality", "other", 404),  # another organisation's version
        ("quality", "spare", 400),  # a readable version of another strategy
        ("stranger", "approved", 404),
        ("quality", "99999999999999999999999", 404),
    ],
)
def test_api_diff_with_bad_or_unreachable_versions(
    name: str, other: str, status: int, scene: Scene
) -> None:
    lookup = {
        "other": lambda: scene.other.pk,
        "spare": lambda: scene.spare.versions.get().pk,
        "approved": lambda: scene.approved.pk,
    }
    target = lookup[other]() if other in lookup else other
    base = scene.other if name == "stranger" else scene.draft
    response = api_client(scene.user(name)).get(f"/api/v1/versions/{base.pk}/diff/?with={target}")
    assert response.status_code == status
    if status == 400:
        assert "with" in response.json()


@pytest.mark.parametrize("other", ["abc", "other", "spare", "99999999999999999999999"])
def test_web_compare_with_bad_or_unreachable_versions_is_404(
    other: str, scene: Scene, client: Any
) -> None:
    lookup = {"other": lambda: scene.other.pk, "spare": lambda: scene.spare.versions.get().pk}
    target = lookup[other]() if other in lookup else other
    web_client(client, scene.user("quality"))
    url = reverse("version-compare", args=[scene.draft.pk]) + f"?with={target}"
    assert client.get(url).status_code == 404


def test_the_unit_picker_redirect_does_not_open_units_out_of_reach(
    scene: Scene, client: Any
) -> None:
    web_client(client, scene.user("lead"))
    for code, status in (("HOSP", 404), ("OTHER", 404), ("NOPE", 404), ("HOSP-CARD", 200)):
        response = client.get(reverse("unit-go") + f"?code={code}", follow=True)
        assert response.status_code == status, code


# history of objects out of reach, including deleted ones


@pytest.mark.parametrize("slug", ["value", "objective", "funding"])
def test_history_of_a_deleted_element_is_shown_to_readers_only(
    slug: str, scene: Scene, client: Any
) -> None:
    element = scene.el(scene.draft, slug)
    pk = element.pk
    element_delete(actor=scene.user("quality"), element=element)
    url = reverse("history", args=[_element_model_name(slug), pk])
    for name in USERS:
        response = web_client(client, scene.user(name)).get(url)
        assert response.status_code == (404 if name == "stranger" else 200), name
    html = web_client(client, scene.user("viewer")).get(url).content.decode()
    assert "quality" in html and "deleted" in html


def test_history_of_a_deleted_unit_follows_its_former_parent(scene: Scene, client: Any) -> None:
    surgery = scene.world.surgery
    pk = surgery.pk
    response = api_client(scene.user("admin")).delete("/api/v1/units/HOSP-SURG/")
    assert response.status_code == 204
    url = reverse("history", args=["organisations.orgunit", pk])
    actual = {name: web_client(client, scene.user(name)).get(url).status_code for name in USERS}
    assert actual == {name: 200 if name in HOSP_VIEW else 404 for name in USERS}


def test_history_of_a_removed_membership_is_for_administrators_only(
    scene: Scene, client: Any
) -> None:
    membership = scene.membership("contributor", "HOSP-CARD")
    pk = membership.pk
    response = api_client(scene.user("admin")).delete(f"/api/v1/memberships/{pk}/")
    assert response.status_code == 204
    url = reverse("history", args=["organisations.membership", pk])
    actual = {name: web_client(client, scene.user(name)).get(url).status_code for name in USERS}
    assert actual == {name: 200 if name == "admin" else 404 for name in USERS}


def test_history_of_the_other_organisation_is_404_even_for_superior_roles(
    scene: Scene, client: Any
) -> None:
    web_client(client, scene.user("admin"))
    other_objective = scene.el(scene.other, "objective")
    for model, pk in (
        ("organisations.orgunit", scene.world.other_org.pk),
        ("strategy.strategy", scene.other.strategy_id),
        ("strategy.strategyversion", scene.other.pk),
        ("strategy.objective", other_objective.pk),
        ("organisations.membership", scene.membership("stranger", "OTHER").pk),
    ):
        response = client.get(reverse("history", args=[model, pk]))
        assert response.status_code == 404, model


# successful writes are audited with the actor, refused ones are not (see the matrices)


def test_a_successful_element_write_records_the_actor(scene: Scene) -> None:
    contributor = scene.user("contributor")
    objective = scene.el(scene.draft, "objective")
    response = api_client(contributor).patch(
        f"/api/v1/elements/objective/{objective.pk}/", {"title": {"en": "New title"}}, format="json"
    )
    assert response.status_code == 200
    entry = AuditEntry.objects.get(actor=contributor)
    assert entry.action == "update"
    assert entry.unit == scene.world.hospital
    assert entry.changes == {
        "title": {"old": {"en": "Electronic records"}, "new": {"en": "New title"}}
    }


# --- regressions (each was a bug) -------------------------------------------------------------------------------


def _no_raise(client: Any) -> Any:
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("code", ["a/b", "HOSP/edit"])
def test_bug_unit_go_with_a_slash_is_a_500(code: str, scene: Scene, client: Any) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    response = client.get(reverse("unit-go") + f"?code={code}")
    assert response.status_code in (302, 404)


@pytest.mark.parametrize(
    ("model", "pk"),
    [
        ("strategy.objective", "abc"),
        ("organisations.orgunit", "1.5"),
        ("strategy.strategyversion", " "),
    ],
)
def test_bug_history_with_a_non_integer_pk_is_a_500(
    model: str, pk: str, scene: Scene, client: Any
) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    assert client.get(f"/history/{model}/{pk}/").status_code == 404


@pytest.mark.parametrize("version", ["²", "99999999999999999999999"])
def test_bug_element_list_version_filter_is_a_500(version: str, scene: Scene) -> None:
    client = _no_raise(api_client(scene.user("quality")))
    response = client.get(f"/api/v1/elements/value/?version={version}")
    assert response.status_code in (200, 400)


def test_bug_web_delete_of_a_unit_owning_elements_is_a_500(scene: Scene, client: Any) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    before = db_state()
    response = client.post(reverse("unit-delete", args=["HOSP-CARD"]))
    assert db_state() == before  # rolled back all the same
    assert response.status_code == 302
    assert response["Location"] == reverse("unit-detail", args=["HOSP-CARD"])


@pytest.mark.parametrize("name", ["lead", "contributor", "viewer"])
@pytest.mark.parametrize("channel", ["api", "web"])
def test_bug_creating_in_an_approved_version_without_rights_is_not_403(
    name: str, channel: str, scene: Scene, client: Any
) -> None:
    value = scene.el(scene.approved, "value")
    user = scene.user(name)
    if channel == "api":
        send = lambda: api_client(user).post(  # noqa: E731
            "/api/v1/elements/value/", element_payload(value), format="json"
        )
    else:
        web_client(client, user)
        send = lambda: client.post(  # noqa: E731
            reverse("element-create", args=[scene.approved.pk, "value"]), element_form_data(value)
        )
    assert _unchanged(send).status_code == 403


@pytest.mark.parametrize("name", ["viewer", "lead", "contributor"])
def test_bug_invalid_element_create_post_by_a_reader_is_not_403(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    url = reverse("element-create", args=[scene.draft.pk, "priority"])
    assert _unchanged(lambda: client.post(url, {"code": "bad code"})).status_code == 403


def _viewer_bad_requests(scene: Scene) -> dict[str, tuple[str, str, dict[str, Any]]]:
    priority = scene.el(scene.draft, "priority")
    return {
        "transition": ("post", f"/api/v1/versions/{scene.draft.pk}/transition/", {"status": "x"}),
        "version-patch": ("patch", f"/api/v1/versions/{scene.draft.pk}/", {"valid_from": "x"}),
        "unit-patch": ("patch", "/api/v1/units/HOSP/", {"kind": "x"}),
        "element-patch": ("patch", f"/api/v1/elements/priority/{priority.pk}/", {"order": -5}),
    }


@pytest.mark.parametrize(
    "request_name", ["transition", "version-patch", "unit-patch", "element-patch"]
)
def test_bug_api_validates_before_refusing_a_viewer(request_name: str, scene: Scene) -> None:
    method, url, body = _viewer_bad_requests(scene)[request_name]
    client = api_client(scene.user("viewer"))
    response = _unchanged(lambda: getattr(client, method)(url, body, format="json"))
    assert response.status_code == 403


def test_viewer_with_a_valid_body_gets_403_on_the_same_endpoints(scene: Scene) -> None:
    """Control for the bug above: with a well-formed body the refusal is a 403."""
    priority = scene.el(scene.draft, "priority")
    client = api_client(scene.user("viewer"))
    for method, url, body in (
        ("post", f"/api/v1/versions/{scene.draft.pk}/transition/", {"status": "consultation"}),
        ("patch", f"/api/v1/versions/{scene.draft.pk}/", {"valid_from": "2025-02-01"}),
        ("patch", "/api/v1/units/HOSP/", {"kind": "region"}),
        ("patch", f"/api/v1/elements/priority/{priority.pk}/", {"order": 5}),
    ):
        response = _unchanged(lambda: getattr(client, method)(url, body, format="json"))
        assert response.status_code == 403, url


@pytest.mark.parametrize("name", ["lead", "contributor", "quality", "viewer"])
def test_bug_api_unit_parent_reveals_units_out_of_reach(name: str, scene: Scene) -> None:
    client = api_client(scene.user(name))
    results = client.get("/api/v1/units/").json()["results"]
    parents = {u["parent"] for u in results} - {None}
    assert parents <= VISIBLE_UNITS[name]


@pytest.mark.parametrize(("name", "code"), [("stranger", "OTHER"), ("admin", "REG")])
def test_bug_root_administrators_cannot_rename_their_root_on_the_web(
    name: str, code: str, scene: Scene, client: Any
) -> None:
    user = scene.user(name)
    unit = scene.unit(code)
    assert (
        api_client(user)
        .patch(f"/api/v1/units/{code}/", {"language": "da"}, format="json")
        .status_code
        == 200
    )
    data = form_data(UnitForm(instance=unit, user=user), name_en="Renamed")
    response = web_client(client, user).post(reverse("unit-edit", args=[code]), data)
    assert response.status_code == 302
