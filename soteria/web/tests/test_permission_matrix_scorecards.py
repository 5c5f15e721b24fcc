"""Adversarial permission campaign, part two: indicators, scorecards and update rounds.

Every named URL of ``soteria/indicators/urls.py``, ``soteria/scorecards/urls.py`` and
``soteria/rounds/urls.py`` (GET and POST) and the indicator API (``/api/v1/indicators/``,
``/api/v1/analytics/``), for each of the six named users of the first campaign
(``test_permission_matrix``, whose helpers and ``Case`` style this module reuses).

The rules under test (docs/permissions.md, sections Indicators and Update rounds):

- no role reaching the object: **404**; may see but not act: **403**; never a 500;
- a refused write leaves the database exactly as it was (no rows, no audit entries);
- the scorecard pages and their downloads (CSV, SVG: comparison and funnel), dashboards,
  the portfolio, the round lists, the indicator catalogue and the analytics API hold only
  the units (and the organisation's own indicators) the user may see — a head of
  department (``lead`` of HOSP-CARD) never gets HOSP-SURG's, the hospital's or OTHER's
  figures.

The world is the first campaign's plus a third department (HOSP-ICU, so that a funnel plot
of the hospital's departments is drawn), a second HOSP strategy owned by HOSP-SURG, an
OTHER strategy, stored values with recognisable denominators, targets with recognisable
values, hand-entered values, period locks, update rounds and computations. It is built
once per module and committed; each test runs in its own rolled-back transaction.

Bugs this campaign found are pinned as regression tests at the end of the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from rest_framework.test import APIClient

from soteria.audit.models import AuditEntry
from soteria.indicators import manual
from soteria.indicators.forms import DefinitionForm
from soteria.indicators.models import (
    ComputeRun,
    IndicatorDefinition,
    IndicatorValue,
    ManualValue,
    PeriodLock,
    Target,
)
from soteria.indicators.periods import parse as parse_period
from soteria.indicators.services import definition_save
from soteria.indicators.targets import target_delete, target_set
from soteria.organisations.models import OrgUnit
from soteria.rounds import services as round_services
from soteria.rounds.models import InitiativeUpdate, UpdateRound
from soteria.scorecards.models import Pin
from soteria.strategy.models import Initiative, Objective, StrategyVersion
from soteria.testing.factories import (
    World,
    standard_indicator,
    strategy_build,
    unit_create,
    user_create,
    world_build,
)
from soteria.web.tests.test_permission_matrix import (
    ADMINS,
    EVERYONE,
    HOSP_MANAGE,
    NOBODY,
    READERS,
    STATE_MODELS,
    STRANGER,
    USERS,
    VISIBLE_UNITS,
    Case,
    _no_raise,
    _wipe,
    api_client,
    code_tokens,
    expected_code,
    form_data,
    seeing,
    web_client,
)

# --- who may see and do what in this world ---------------------------------------------------

ICU = "HOSP-ICU"  # the third department, added by this module
UNITS: dict[str, set[str]] = {
    name: VISIBLE_UNITS[name] | ({ICU} if "HOSP" in VISIBLE_UNITS[name] else set())
    for name in USERS
}
ALL = {"REG", "HOSP", "HOSP-CARD", "HOSP-SURG", ICU, "OTHER"}


def sees(code: str) -> frozenset[str]:
    """Users with a role on the unit or above it (HOSP-ICU: those who see HOSP)."""
    return seeing("HOSP") if code == ICU else seeing(code)


def within(code: str) -> frozenset[str]:
    """Users with a role on, above or below the unit: those taking part in its round,
    reading its strategies and period locks."""
    below = {c for c in ALL if c.startswith(code + "-")}
    return frozenset(u for u in USERS if UNITS[u] & ({code} | below)) | sees(code)


def manages(code: str) -> frozenset[str]:
    """Unit leads and above on a unit (set targets, approve hand-entered values)."""
    return sees(code) & ({"admin", "quality", "lead"} if code != "OTHER" else STRANGER)


def edits(code: str) -> frozenset[str]:
    """Contributors and above on a unit (enter values, update initiatives)."""
    return manages(code) | ({"contributor"} if code == "HOSP-CARD" else set())


def quality(code: str) -> frozenset[str]:
    """Quality managers and above on a unit (lock periods, run the rounds)."""
    return sees(code) & ({"admin", "quality"} if code != "OTHER" else STRANGER)


MAY_DEFINE = ADMINS | STRANGER  # administrators of an organisation
MAY_MANAGE_SOMEWHERE = frozenset({"admin", "quality", "lead", "stranger"})
MAY_EDIT_SOMEWHERE = MAY_MANAGE_SOMEWHERE | {"contributor"}
QUALITY_SOMEWHERE = frozenset({"admin", "quality", "stranger"})

PERIOD = "2025Q4"
READMISSION = "READMISSION_30D"  # a standard ratio (percent), drawn as a funnel
HOURS = "PM_HOURS"  # hand-entered, shared by everyone (no owner)
REG_OWN = "PM_REG_OWN"  # the region's own indicator (hand-entered)
OTHER_OWN = "PM_OTHER_OWN"  # the other organisation's own indicator (hand-entered)

#: Recognisable figures: the denominator of each unit's stored READMISSION_30D value for
#: PERIOD and the value of its 2025 target.
DENOMINATORS = {
    "HOSP-CARD": 7311,
    "HOSP-SURG": 7322,
    ICU: 7333,
    "HOSP": 7344,
    "REG": 7355,
    "OTHER": 7366,
}
TARGETS = {"HOSP-CARD": 8711, "HOSP": 8722, "HOSP-SURG": 8733, "OTHER": 8766}


def ancestors(code: str) -> set[str]:
    """The units above a unit."""
    return {c for c in ALL if code.startswith(c + "-")} | (
        {"REG"} if code.startswith("HOSP") else set()
    )


# --- the scene --------------------------------------------------------------------------------


@dataclass
class Scene:
    world: World
    ids: dict[str, int]

    def user(self, name: str) -> Any:
        return getattr(self.world, name)

    def unit(self, code: str) -> OrgUnit:
        return OrgUnit.objects.get(code=code)

    def __getitem__(self, key: str) -> int:
        return self.ids[key]


def _build() -> dict[str, int]:
    world = world_build()
    icu = unit_create(ICU, parent=world.hospital, name={"en": "Intensive care"})
    units = {u.code: u for u in OrgUnit.objects.all()}
    surgery_plan = strategy_build(world.hospital, owner=world.surgery, code="S2")
    other_plan = strategy_build(world.other_org, code="OS")
    Initiative.objects.filter(version=surgery_plan).update(title={"en": "Theatre robots"})
    Initiative.objects.filter(version=other_plan).update(title={"en": "Harbour clinic"})
    readmission = standard_indicator(READMISSION)
    common = {"direction": "higher", "source": "manual", "decimals": 1}
    hours = IndicatorDefinition.objects.create(
        code=HOURS, name={"en": "Training hours"}, unit="hours", **common
    )
    # an organisation's own indicators, defined through the service (their history shows)
    reg_own, other_own = (
        definition_save(
            None,
            IndicatorDefinition(code=code),
            {"name": {"en": label}, "unit": "count", "owner": owner, **common},
        )
        for code, label, owner in (
            (REG_OWN, "Regional own count", world.region),
            (OTHER_OWN, "Harbour own count", world.other_org),
        )
    )
    period = parse_period(PERIOD)
    for code, denominator in DENOMINATORS.items():
        numerator = denominator // 10
        IndicatorValue.objects.create(
            definition=readmission,
            unit=units[code],
            period=period.code,
            period_type=period.type.value,
            period_start=period.start,
            numerator=numerator,
            denominator=denominator,
            value=numerator * 100 / denominator,
            definition_version=readmission.version,
        )
    for definition, code in ((reg_own, "HOSP-CARD"), (reg_own, "HOSP-SURG"), (other_own, "OTHER")):
        IndicatorValue.objects.create(
            definition=definition,
            unit=units[code],
            period=period.code,
            period_type=period.type.value,
            period_start=period.start,
            value=DENOMINATORS[code],
            definition_version=definition.version,
        )
    targets = {
        "HOSP-CARD": target_set(
            world.lead, readmission, world.cardiology, "2025", TARGETS["HOSP-CARD"]
        ),
        "HOSP": target_set(None, readmission, world.hospital, "2025", TARGETS["HOSP"]),
        # set by the quality manager: four eyes keep them from approving it
        "HOSP-SURG": target_set(
            world.quality, readmission, world.surgery, "2025", TARGETS["HOSP-SURG"]
        ),
        "OTHER": target_set(None, readmission, world.other_org, "2025", TARGETS["OTHER"]),
    }
    locks = {
        "HOSP": manual.period_lock(None, world.hospital, "2023"),
        "HOSP-SURG": manual.period_lock(None, world.surgery, "2024"),
        "OTHER": manual.period_lock(None, world.other_org, "2023"),
    }
    values = {
        # entered and submitted by the contributor: the unit lead approves it
        "HOSP-CARD": manual.manual_enter(
            world.contributor, hours, world.cardiology, "202501", 7, submit=True
        ),
        "HOSP-SURG": manual.manual_enter(None, hours, world.surgery, "202501", 8, submit=True),
        "OTHER": manual.manual_enter(None, other_own, world.other_org, "202501", 9, submit=True),
    }
    due = dt.date(2025, 4, 15)
    rounds = {
        "HOSP": round_services.round_open(None, world.hospital, "2025Q1", due),
        "HOSP-closed": round_services.round_open(
            None, world.hospital, "2024Q4", dt.date(2025, 1, 15)
        ),
        "HOSP-SURG": round_services.round_open(None, world.surgery, "2025Q2", dt.date(2025, 7, 15)),
        "OTHER": round_services.round_open(None, world.other_org, "2025Q1", due),
        "OTHER-closed": round_services.round_open(None, world.other_org, "2024Q4", due),
    }
    for key in ("HOSP-closed", "OTHER-closed"):
        rounds[key] = round_services.round_close(None, rounds[key])
    runs = {
        "REG": ComputeRun.objects.create(scope={"roots": [world.region.pk]}),
        "OTHER": ComputeRun.objects.create(scope={"roots": [world.other_org.pk]}),
        "all": ComputeRun.objects.create(scope={}),
    }
    versions = {"S1": world.strategy, "S2": surgery_plan, "OS": other_plan}
    ids = {"icu": icu.pk}
    for name, version in versions.items():
        ids[f"version-{name}"] = version.pk
        ids[f"objective-{name}"] = Objective.objects.get(version=version).pk
        ids[f"initiative-{name}"] = Initiative.objects.get(version=version).pk
    ids |= {f"target-{k}": v.pk for k, v in targets.items()}
    ids |= {f"lock-{k}": v.pk for k, v in locks.items()}
    ids |= {f"value-{k}": v.pk for k, v in values.items()}
    ids |= {f"round-{k}": v.pk for k, v in rounds.items()}
    ids |= {f"run-{k}": v.pk for k, v in runs.items()}
    return ids


def _wipe_more() -> None:
    """What this module adds to the first campaign's world, before its own wipe."""
    UpdateRound.objects.all().delete()  # protects its unit
    ComputeRun.objects.all().delete()
    IndicatorDefinition.objects.filter(code__startswith="PM_").delete()
    IndicatorDefinition.objects.filter(standard=False, owner__isnull=True).delete()
    _wipe()


@pytest.fixture(scope="module")
def _scene_ids(django_db_setup: Any, django_db_blocker: Any) -> Any:
    """Build the world once for the module and commit it (see the module docstring)."""
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=fast):
        try:
            yield _build()
        finally:
            _wipe_more()


@pytest.fixture
def scene(_scene_ids: dict[str, int], db: None) -> Scene:
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    users = {user.username: user for user in get_user_model().objects.all()}
    world = World(
        region=units["REG"],
        hospital=units["HOSP"],
        cardiology=units["HOSP-CARD"],
        surgery=units["HOSP-SURG"],
        other_org=units["OTHER"],
        strategy=StrategyVersion.objects.get(pk=_scene_ids["version-S1"]),
        **{name: users[name] for name in USERS},
    )
    return Scene(world, dict(_scene_ids))


# --- the matrix -------------------------------------------------------------------------------

MORE_STATE = (
    IndicatorDefinition,
    IndicatorValue,
    Target,
    ManualValue,
    PeriodLock,
    ComputeRun,
    UpdateRound,
    InitiativeUpdate,
    Pin,
)


def db_state() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every domain table of both campaigns (and the audit log), as stored
    (raw rows: reading them through the models costs more than the requests under test)."""
    out = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in (*STATE_MODELS, *MORE_STATE):
            meta = model._meta
            cursor.execute(f"SELECT * FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
            out[meta.label] = cursor.fetchall()
    return out


@dataclass(frozen=True)
class Probe(Case):
    """A :class:`Case` with outcomes off the 200/403/404 rule for some users.

    ``special``: user → status, for refusals that are not a 403 or a 404 (a form that does
    not offer the unit answers 200 or 400 with the error; four eyes send back with a
    message; the analytics API calls an unknown unit a bad request). Such requests must
    write nothing. ``audited``: whether an allowed write leaves an audit entry.
    """

    special: Mapping[str, int] = field(default_factory=dict)
    audited: bool = True


def _run(case: Case, scene: Scene, send: Callable[[Any, str, Any], Any]) -> None:
    """Send the case's request for every named user; compare the whole table at once."""
    special = case.special if isinstance(case, Probe) else {}
    audited_write = case.audited if isinstance(case, Probe) else True
    url = case.url(scene)
    data = case.data(scene) if case.data else None
    before = db_state()
    actual: dict[str, Any] = {}
    expected: dict[str, Any] = {}
    for name in USERS:
        user = scene.user(name)
        code = special.get(name) or expected_code(name, case.ok, case.visible, case.ok_code)
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
        writes = name in case.ok and name not in special and case.writes
        actual[name] = (response.status_code, changed, audited)
        expected[name] = (code, writes, writes and audited_write)
    assert actual == expected
    assert db_state() == before


def _u(name: str, *args: Any) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=args)


def _pk(name: str, key: str, query: str = "") -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=[s[key]]) + query


def _q(name: str, query: str, *args: Any) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=args) + query


def _refuse(users: frozenset[str], status: int) -> dict[str, int]:
    return {name: status for name in users}


# indicators: definitions and computations

INDICATOR_GET: list[Case] = [
    Case("indicator-list", "get", _u("indicator-list"), EVERYONE, EVERYONE),
    Case("indicator-create", "get", _u("indicator-create"), MAY_DEFINE, EVERYONE),
    Case("indicator-runs", "get", _u("indicator-runs"), EVERYONE, EVERYONE),
    *(
        Case(f"indicator-run-{key}", "get", _pk("indicator-run", f"run-{key}"), who, who)
        for key, who in (("REG", READERS), ("OTHER", STRANGER), ("all", EVERYONE))
    ),
    Case("indicator-run-unknown", "get", _u("indicator-run", 999999), NOBODY, NOBODY),
    *(
        Case(f"indicator-detail-{code}", "get", _u("indicator-detail", code), who, who)
        for code, who in (
            (READMISSION, EVERYONE),
            (HOURS, EVERYONE),
            (REG_OWN, READERS),
            (OTHER_OWN, STRANGER),
            ("NOPE", NOBODY),
        )
    ),
    Case(
        "indicator-detail-hidden-unit",
        "get",
        _q("indicator-detail", "?unit=HOSP-SURG&period_type=quarter", READMISSION),
        EVERYONE,  # an unseen unit falls back to the first the user sees
        EVERYONE,
    ),
    *(
        Case(f"indicator-edit-{code}", "get", _u("indicator-edit", code), ok, who)
        for code, ok, who in (
            (READMISSION, NOBODY, EVERYONE),  # the standard set: platform administrators
            (HOURS, NOBODY, EVERYONE),  # no owner: the same
            (REG_OWN, ADMINS, READERS),
            (OTHER_OWN, STRANGER, STRANGER),
            ("NOPE", NOBODY, NOBODY),
        )
    ),
]


def _definition_form(s: Scene, **overrides: Any) -> dict[str, Any]:
    form = DefinitionForm(instance=IndicatorDefinition(), user=s.user("admin"))
    return form_data(
        form,
        code="PM_NEW",
        name_en="New measure",
        unit="count",
        direction="higher",
        source="manual",
        entry_period="month",
        numerator="",
        denominator="",
        multiplier="1",
        active="on",
        **overrides,
    )


def _definition_edit(code: str) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        definition = IndicatorDefinition.objects.get(code=code)
        form = DefinitionForm(instance=definition, user=s.user("admin"))
        values = form_data(form, name_en="Renamed")
        if definition.owner_id:
            values["owner"] = str(definition.owner_id)
        values["active"] = "on"
        return values

    return data


INDICATOR_POST: list[Case] = [
    Probe(
        "indicator-create-owned-by-REG",
        "post",
        _u("indicator-create"),
        ADMINS,
        EVERYONE,
        302,
        lambda s: _definition_form(s, owner=str(s.unit("REG").pk)),
        special={"stranger": 200},  # REG is not offered: the form comes back with the error
    ),
    Probe(
        "indicator-create-owned-by-OTHER",
        "post",
        _u("indicator-create"),
        STRANGER,
        EVERYONE,
        302,
        lambda s: _definition_form(s, owner=str(s.unit("OTHER").pk)),
        special={"admin": 200},
    ),
    *(
        Case(
            f"indicator-edit-{code}",
            "post",
            _u("indicator-edit", code),
            ok,
            who,
            302,
            _definition_edit(code),
        )
        for code, ok, who in (
            (READMISSION, NOBODY, EVERYONE),
            (REG_OWN, ADMINS, READERS),
            (OTHER_OWN, STRANGER, STRANGER),
        )
    ),
    Probe(
        "indicator-runs-compute",
        "post",
        _u("indicator-runs"),
        MAY_MANAGE_SOMEWHERE,  # unit leads and above, for their organisations
        EVERYONE,
        302,
        lambda s: {},
        audited=False,  # a queued computation is a record of its own, not an audited change
    ),
]

# indicators: targets

TARGET_GET: list[Case] = [
    Case("target-index", "get", _u("target-index"), EVERYONE, EVERYONE),
    Case("target-download", "get", _u("target-download"), EVERYONE, EVERYONE),
    *(
        Case(
            f"target-download-{code}", "get", _q("target-download", f"?indicator={code}"), who, who
        )
        for code, who in ((READMISSION, EVERYONE), (REG_OWN, READERS), (OTHER_OWN, STRANGER))
    ),
    Case(
        "target-download-unknown", "get", _q("target-download", "?indicator=NOPE"), NOBODY, NOBODY
    ),
    Case("target-upload", "get", _u("target-upload"), MAY_MANAGE_SOMEWHERE, EVERYONE),
    *(
        Case(f"target-list-{code}", "get", _q("target-list", "?period=2025", code), who, who)
        for code, who in (
            (READMISSION, EVERYONE),
            (REG_OWN, READERS),
            (OTHER_OWN, STRANGER),
            ("NOPE", NOBODY),
        )
    ),
    *(
        Case(f"target-create-{code}", "get", _u("target-create", code), ok, who)
        for code, ok, who in (
            (READMISSION, MAY_MANAGE_SOMEWHERE, EVERYONE),
            (REG_OWN, MAY_MANAGE_SOMEWHERE - STRANGER, READERS),
            (OTHER_OWN, STRANGER, STRANGER),
        )
    ),
    *(
        Case(f"{name}-{code}", "get", _pk(name, f"target-{code}"), manages(code), sees(code))
        for name in ("target-edit", "target-delete")
        for code in ("HOSP-CARD", "HOSP", "HOSP-SURG", "OTHER")
    ),
    Case("target-edit-unknown", "get", _u("target-edit", 999999), NOBODY, NOBODY),
    *(
        Case(
            f"objective-status-{name}",
            "get",
            _pk("objective-status", f"objective-{name}", "?period=2025Q4"),
            who,
            who,
            302,  # moved to the objective's scorecard
        )
        for name, who in (("S1", READERS), ("S2", READERS), ("OS", STRANGER))
    ),
    Case("objective-status-unknown", "get", _u("objective-status", 999999), NOBODY, NOBODY),
]


def _target_form(unit: str, period: str = "2027") -> Callable[[Scene], dict[str, Any]]:
    return lambda s: {
        "unit": str(s.unit(unit).pk),
        "period": period,
        "value": "12.5",
        "tolerance": "1",
        "note": "campaign",
    }


def _target_book(*rows: list[Any]) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["code", "unit", "period", "target", "tolerance", "note"])
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        out.seek(0)
        out.name = "targets.xlsx"
        return {"file": out}

    return data


TARGET_POST: list[Case] = [
    *(
        Probe(
            f"target-create-{code}-at-{unit}",
            "post",
            _u("target-create", code),
            ok,
            who,
            302,
            _target_form(unit),
            special=special,
        )
        for code, unit, ok, who, special in (
            (
                READMISSION,
                "HOSP-CARD",
                manages("HOSP-CARD"),
                EVERYONE,
                {"stranger": 200},  # HOSP-CARD is not offered
            ),
            (
                READMISSION,
                "HOSP-SURG",
                manages("HOSP-SURG"),
                EVERYONE,
                _refuse(STRANGER | {"lead"}, 200),
            ),
            (
                READMISSION,
                "OTHER",
                STRANGER,
                EVERYONE,
                _refuse(MAY_MANAGE_SOMEWHERE - STRANGER, 200),
            ),
            # the region's own indicator: the other organisation does not learn it exists
            (REG_OWN, "HOSP-CARD", manages("HOSP-CARD"), READERS, {}),
            (REG_OWN, "OTHER", NOBODY, READERS, _refuse(MAY_MANAGE_SOMEWHERE - STRANGER, 200)),
        )
    ),
    *(
        Probe(
            f"target-edit-{code}",
            "post",
            _pk("target-edit", f"target-{code}"),
            manages(code),
            sees(code),
            302,
            lambda s: {"value": "42", "tolerance": "2", "note": "changed"},
        )
        for code in ("HOSP-CARD", "HOSP", "HOSP-SURG", "OTHER")
    ),
    *(
        Probe(
            f"target-approve-{code}",
            "post",
            _pk("target-approve", f"target-{code}"),
            ok,
            sees(code),
            302,
            lambda s: {},
            special=special,
        )
        for code, ok, special in (
            # approved one level up: the department's by the hospital, the hospital's by the
            # region, a root's on itself; four eyes: not by whoever set it
            ("HOSP-CARD", HOSP_MANAGE, {}),
            ("HOSP", ADMINS, {}),
            ("HOSP-SURG", HOSP_MANAGE, {"quality": 302}),
            ("OTHER", STRANGER, {}),
        )
    ),
    *(
        Case(
            f"target-delete-{code}",
            "post",
            _pk("target-delete", f"target-{code}"),
            manages(code),
            sees(code),
            302,
            lambda s: {},
        )
        for code in ("HOSP-CARD", "HOSP", "HOSP-SURG", "OTHER")
    ),
    Probe(
        "target-upload-HOSP-CARD",
        "post",
        _u("target-upload"),
        manages("HOSP-CARD"),
        EVERYONE,
        302,
        _target_book([READMISSION, "HOSP-CARD", "2027", 5, 1, "x"]),
        special={"stranger": 200},  # the row is refused with the stranger's permissions
    ),
    Probe(
        "target-upload-REG_OWN-at-OTHER",
        "post",
        _u("target-upload"),
        NOBODY,
        EVERYONE,
        302,
        _target_book([REG_OWN, "OTHER", "2027", 5, 1, "x"]),
        special=_refuse(MAY_MANAGE_SOMEWHERE, 200),
    ),
]

# indicators: hand-entered values and period locks


def _entry(code: str, unit: str, period: str = "202502") -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        definition = IndicatorDefinition.objects.get(code=code)
        target = s.unit(unit)
        key = f"c{definition.pk}-{target.pk}"
        return {
            "definition": str(definition.pk),
            "unit": str(target.pk),
            "period": period,
            "action": "submit",
            f"{key}-numerator": "5",
            f"{key}-comment": "campaign",
        }

    return data


def _value_book(*rows: list[Any]) -> Callable[[Scene], dict[str, Any]]:
    def data(s: Scene) -> dict[str, Any]:
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(
            ["Indicator", "Indicator name", "Unit", "Unit name", "Period", "Value", "Out of"]
        )
        for row in rows:
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        out.seek(0)
        out.name = "values.xlsx"
        return {"file": out, "submit": "on"}

    return data


MANUAL_GET: list[Case] = [
    Case("manual-entry", "get", _q("manual-entry", "?period=202501"), EVERYONE, EVERYONE),
    *(
        Case(
            f"manual-entry-within-{code}",
            "get",
            _q("manual-entry", f"?period=202501&unit={code}"),
            sees(code),
            sees(code),
        )
        for code in ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER", "NOPE")
    ),
    Case("manual-approvals", "get", _u("manual-approvals"), EVERYONE, EVERYONE),
    Case("manual-excel", "get", _u("manual-excel"), EVERYONE, EVERYONE),
    *(
        Case(
            f"manual-template-{code}",
            "get",
            lambda s, code=code: (
                reverse("manual-template") + f"?unit={s.unit(code).pk}&period=202501"
            ),
            edits(code),
            sees(code),
        )
        for code in ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    Case(
        "manual-template-unknown",
        "get",
        _q("manual-template", "?unit=999999&period=202501"),
        NOBODY,
        NOBODY,
    ),
    Case("manual-locks", "get", _u("manual-locks"), EVERYONE, EVERYONE),
]

MANUAL_POST: list[Case] = [
    *(
        Probe(
            f"manual-entry-{code}-at-{unit}",
            "post",
            _q("manual-entry", "?period=202502"),
            ok,
            who,
            302,
            _entry(code, unit),
            special=special,
        )
        for code, unit, ok, who, special in (
            (HOURS, "HOSP-CARD", edits("HOSP-CARD"), sees("HOSP-CARD"), {}),
            (HOURS, "HOSP-SURG", edits("HOSP-SURG"), sees("HOSP-SURG"), {}),
            (HOURS, "OTHER", STRANGER, STRANGER, {}),
            (REG_OWN, "HOSP-CARD", edits("HOSP-CARD"), sees("HOSP-CARD"), {}),
            # another organisation's own indicator: not even its existence is confirmed
            (OTHER_OWN, "HOSP-CARD", NOBODY, NOBODY, {}),
            (REG_OWN, "OTHER", NOBODY, NOBODY, {}),
        )
    ),
    *(
        Probe(
            f"manual-approve-{code}",
            "post",
            _pk("manual-approve", f"value-{code}"),
            manages(code),
            sees(code),
            302,
            lambda s: {},
        )
        for code in ("HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    *(
        Case(
            f"manual-return-{code}",
            "post",
            _pk("manual-return", f"value-{code}"),
            manages(code),
            sees(code),
            302,
            lambda s, code=code: {f"r{s[f'value-{code}']}-note": "check the hours"},
        )
        for code in ("HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    Probe(
        "manual-excel-upload-HOSP-CARD",
        "post",
        _u("manual-excel"),
        edits("HOSP-CARD"),
        EVERYONE,
        302,
        _value_book([HOURS, "", "HOSP-CARD", "", "202503", 6, None]),
        special={"stranger": 400},  # the row is refused with the stranger's permissions
    ),
    Probe(
        "manual-excel-upload-REG_OWN-at-OTHER",
        "post",
        _u("manual-excel"),
        NOBODY,
        EVERYONE,
        302,
        _value_book([REG_OWN, "", "OTHER", "", "202503", 6, None]),
        special=_refuse(MAY_EDIT_SOMEWHERE, 400),
    ),
    *(
        Probe(
            f"manual-locks-lock-{code}",
            "post",
            _u("manual-locks"),
            quality(code),
            EVERYONE,
            302,
            lambda s, code=code: {"unit": str(s.unit(code).pk), "period": "2022", "reason": "x"},
            special=_refuse(QUALITY_SOMEWHERE - quality(code), 200),  # the unit is not offered
        )
        for code in ("HOSP-CARD", "OTHER")
    ),
    *(
        Case(
            f"manual-unlock-{code}",
            "post",
            _pk("manual-unlock", f"lock-{code}"),
            quality(code),
            within(code),  # a lock governs the subtree below it
            302,
            lambda s: {},
        )
        for code in ("HOSP", "HOSP-SURG", "OTHER")
    ),
    Case("manual-unlock-unknown", "post", _u("manual-unlock", 999999), NOBODY, NOBODY, 302),
]

# scorecards


def _indicator(name: str, code: str, query: str) -> Callable[[Scene], str]:
    return lambda s: reverse(name, args=[code]) + query


SCORECARD_GET: list[Case] = [
    Case("scorecard-house-index", "get", _u("scorecard-house-index"), EVERYONE, EVERYONE),
    *(
        Case(f"scorecard-house-{v}", "get", _pk("scorecard-house", f"version-{v}"), who, who)
        for v, who in (("S1", READERS), ("S2", READERS), ("OS", STRANGER))
    ),
    *(
        Case(
            f"scorecard-house-S1-at-{code}",
            "get",
            _pk("scorecard-house", "version-S1", f"?unit={code}&period={PERIOD}"),
            who,
            who,
        )
        for code, who in (
            ("HOSP", sees("HOSP")),
            ("HOSP-CARD", sees("HOSP-CARD")),
            ("HOSP-SURG", sees("HOSP-SURG")),
            ("OTHER", NOBODY),  # outside the strategy
            ("REG", NOBODY),  # above the strategy
        )
    ),
    Case("scorecard-house-unknown", "get", _u("scorecard-house", 999999), NOBODY, NOBODY),
    *(
        Case(
            f"scorecard-objective-{v}",
            "get",
            _pk("scorecard-objective", f"objective-{v}", f"?period={PERIOD}"),
            who,
            who,
        )
        for v, who in (("S1", READERS), ("S2", READERS), ("OS", STRANGER))
    ),
    Case(
        "scorecard-objective-S2-at-HOSP-SURG",
        "get",
        _pk("scorecard-objective", "objective-S2", "?unit=HOSP-SURG"),
        sees("HOSP-SURG"),
        sees("HOSP-SURG"),
    ),
    *(
        Case(
            f"{name}-{code}-default",
            "get",
            _indicator(name, code, f"?period={PERIOD}"),
            who,
            who,
        )
        for name in ("scorecard-indicator", "scorecard-indicator-csv", "scorecard-indicator-svg")
        for code, who in (
            (READMISSION, EVERYONE),
            (REG_OWN, READERS),
            (OTHER_OWN, STRANGER),
            ("NOPE", NOBODY),
        )
    ),
    *(
        Case(
            f"{name}-{READMISSION}-at-{unit}",
            "get",
            _indicator(name, READMISSION, f"?unit={unit}&period={PERIOD}"),
            sees(unit),
            sees(unit),
        )
        for name, units in (
            ("scorecard-indicator", ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER", "NOPE")),
            ("scorecard-indicator-csv", ("HOSP-SURG", "OTHER")),
            ("scorecard-indicator-svg", ("HOSP-SURG", "OTHER")),
        )
        for unit in units
    ),
    Case(
        "scorecard-indicator-OTHER_OWN-at-HOSP",  # not used there, even for someone who sees both
        "get",
        _indicator("scorecard-indicator", REG_OWN, "?unit=OTHER"),
        NOBODY,
        NOBODY,
    ),
    *(
        Case(
            f"scorecard-indicator-csv-comparison-at-{unit}",
            "get",
            _indicator(
                "scorecard-indicator-csv",
                READMISSION,
                f"?unit={unit}&period={PERIOD}&table=comparison",
            ),
            sees(unit),
            sees(unit),
        )
        for unit in ("HOSP-CARD", "OTHER")
    ),
    *(
        Case(
            f"scorecard-indicator-svg-{chart}-at-HOSP",
            "get",
            _indicator(
                "scorecard-indicator-svg", READMISSION, f"?unit=HOSP&period={PERIOD}&chart={chart}"
            ),
            sees("HOSP"),
            sees("HOSP"),
        )
        for chart in ("comparison", "funnel")
    ),
    Probe(
        "scorecard-indicator-svg-unknown-chart",  # refused before anything is looked up
        "get",
        _indicator("scorecard-indicator-svg", OTHER_OWN, "?chart=pie"),
        EVERYONE,
        EVERYONE,
        400,
    ),
    Case("scorecard-portfolio", "get", _u("scorecard-portfolio"), EVERYONE, EVERYONE),
    *(
        Case(
            f"scorecard-portfolio-{code}{fmt}",
            "get",
            _q("scorecard-portfolio", f"?unit={code}&period={PERIOD}{fmt}"),
            sees(code),
            sees(code),
        )
        for code in ("HOSP", "HOSP-CARD", "HOSP-SURG", "OTHER", "NOPE")
        for fmt in ("", "&format=csv")
        if not fmt or code in ("HOSP-SURG", "OTHER")
    ),
    *(
        Case(
            f"scorecard-dashboard-{code}",
            "get",
            _q("scorecard-dashboard", f"?period={PERIOD}", code),
            sees(code),
            sees(code),
        )
        for code in (*sorted(ALL), "NOPE")
    ),
    Probe(
        "scorecard-pin-get-not-offered",
        "get",
        _u("scorecard-pin", "HOSP-CARD"),
        EVERYONE,
        EVERYONE,
        405,
    ),
]

SCORECARD_POST: list[Case] = [
    *(
        Probe(
            f"scorecard-pin-{code}-at-{unit}",
            "post",
            _u("scorecard-pin", unit),
            ok,
            who,
            302,
            lambda s, code=code: {"indicator": code, "pinned": "1", "period": PERIOD},
        )
        for code, unit, ok, who in (
            (READMISSION, "HOSP-CARD", sees("HOSP-CARD"), sees("HOSP-CARD")),
            (READMISSION, "HOSP-SURG", sees("HOSP-SURG"), sees("HOSP-SURG")),
            (READMISSION, "OTHER", STRANGER, STRANGER),
            (REG_OWN, "HOSP-CARD", sees("HOSP-CARD"), sees("HOSP-CARD")),
            # another organisation's own indicator is "not found", as an unknown code is
            (OTHER_OWN, "HOSP-CARD", NOBODY, NOBODY),
            (REG_OWN, "OTHER", NOBODY, NOBODY),
            ("NOPE", "HOSP-CARD", NOBODY, NOBODY),
        )
    ),
]

# update rounds

ROUND_GET: list[Case] = [
    Case("round-list", "get", _u("round-list"), EVERYONE, EVERYONE),
    Case("round-open", "get", _u("round-open"), QUALITY_SOMEWHERE, EVERYONE),
    *(
        Case(
            f"round-open-for-{code}",
            "get",
            _q("round-open", f"?unit={code}"),
            quality(code),
            # without any quality role: 403 whatever the unit
            sees(code) | (EVERYONE - QUALITY_SOMEWHERE),
        )
        for code in ("HOSP", "HOSP-SURG", "OTHER", "NOPE")
    ),
    *(
        Case(
            f"{name}-{key}",
            "get",
            _pk(name, f"round-{key}"),
            ok,
            who,
        )
        for key, unit in (
            ("HOSP", "HOSP"),
            ("HOSP-closed", "HOSP"),
            ("HOSP-SURG", "HOSP-SURG"),
            ("OTHER", "OTHER"),
        )
        for name, ok, who in (
            ("round-detail", within(unit), within(unit)),
            ("round-completion", quality(unit), within(unit)),
            ("round-completion-csv", quality(unit), within(unit)),
        )
    ),
    Case("round-detail-unknown", "get", _u("round-detail", 999999), NOBODY, NOBODY),
]


def _update(s: Scene, initiative_key: str) -> dict[str, Any]:
    prefix = f"i{s[f'initiative-{initiative_key}']}"
    return {f"{prefix}-status": "on_hold", f"{prefix}-commentary": "Slipping"}


def _round_form(code: str) -> Callable[[Scene], dict[str, Any]]:
    return lambda s: {"unit": str(s.unit(code).pk), "period": "2025Q3", "due": "2025-10-15"}


ROUND_POST: list[Case] = [
    *(
        Probe(
            f"round-open-{code}",
            "post",
            _u("round-open"),
            quality(code),
            EVERYONE,
            302,
            _round_form(code),
            special=_refuse(QUALITY_SOMEWHERE - quality(code), 400),  # the unit is not offered
        )
        for code in ("HOSP-CARD", "OTHER")
    ),
    *(
        Probe(
            f"round-initiative-update-{round_key}-{initiative_key}",
            "post",
            lambda s, r=round_key, i=initiative_key: reverse(
                "round-initiative-update", args=[s[f"round-{r}"], s[f"initiative-{i}"]]
            ),
            ok,
            who,
            302,
            lambda s, i=initiative_key: _update(s, i),
            special=special,
        )
        for round_key, initiative_key, ok, who, special in (
            ("HOSP", "S1", edits("HOSP-CARD"), sees("HOSP-CARD"), {}),  # owned by HOSP-CARD
            ("HOSP", "S2", edits("HOSP-SURG"), sees("HOSP-SURG"), {}),  # owned by HOSP-SURG
            ("HOSP", "OS", NOBODY, NOBODY, {}),  # another organisation's initiative
            # HOSP-SURG's round: the lead does not take part; HOSP-CARD's initiative is not
            # asked for in it (the form comes back with the error)
            ("HOSP-SURG", "S1", NOBODY, sees("HOSP-SURG"), _refuse(quality("HOSP"), 400)),
            ("OTHER", "OS", STRANGER, STRANGER, {}),
        )
    ),
    Probe(
        "round-initiative-update-closed-round",
        "post",
        lambda s: reverse(
            "round-initiative-update", args=[s["round-HOSP-closed"], s["initiative-S1"]]
        ),
        NOBODY,
        sees("HOSP-CARD"),
        302,
        lambda s: _update(s, "S1"),
        special=_refuse(edits("HOSP-CARD"), 302),  # back to the round, which is closed
    ),
    *(
        Case(
            f"{name}-{key}",
            "post",
            _pk(name, f"round-{key}"),
            quality(unit),
            within(unit),
            302,
            lambda s: {},
        )
        for name, key, unit in (
            ("round-close", "HOSP", "HOSP"),
            ("round-close", "HOSP-SURG", "HOSP-SURG"),
            ("round-close", "OTHER", "OTHER"),
            ("round-reopen", "HOSP-closed", "HOSP"),
            ("round-reopen", "OTHER-closed", "OTHER"),
        )
    ),
]

# the history of indicator objects (the audit's page): as the objects themselves are read


def _history(model: str, key: str) -> Callable[[Scene], str]:
    return lambda s: reverse("history", args=[model, s[key]])


def _definition_history(code: str) -> Callable[[Scene], str]:
    return lambda s: reverse(
        "history",
        args=["indicators.indicatordefinition", IndicatorDefinition.objects.get(code=code).pk],
    )


HISTORY_GET: list[Case] = [
    # a target or a hand-entered value needs a role on its unit
    *(
        Case(
            f"history-target-{code}",
            "get",
            _history("indicators.target", f"target-{code}"),
            sees(code),
            sees(code),
        )
        for code in ("HOSP-CARD", "HOSP", "HOSP-SURG", "OTHER")
    ),
    *(
        Case(
            f"history-manualvalue-{code}",
            "get",
            _history("indicators.manualvalue", f"value-{code}"),
            sees(code),
            sees(code),
        )
        for code in ("HOSP-CARD", "HOSP-SURG", "OTHER")
    ),
    # a period lock and a round govern the subtree below them
    *(
        Case(
            f"history-periodlock-{code}",
            "get",
            _history("indicators.periodlock", f"lock-{code}"),
            within(code),
            within(code),
        )
        for code in ("HOSP", "HOSP-SURG", "OTHER")
    ),
    *(
        Case(
            f"history-updateround-{key}",
            "get",
            _history("rounds.updateround", f"round-{key}"),
            within(unit),
            within(unit),
        )
        for key, unit in (("HOSP", "HOSP"), ("HOSP-SURG", "HOSP-SURG"), ("OTHER", "OTHER"))
    ),
    # an organisation's own indicator is read within that organisation
    *(
        Case(f"history-definition-{code}", "get", _definition_history(code), who, who)
        for code, who in ((REG_OWN, READERS), (OTHER_OWN, STRANGER))
    ),
]

# refusals that must come before any validation: nobody learns more from a bad request

REFUSED_FIRST: list[Case] = [
    Probe(
        "target-edit-invalid-HOSP-CARD",
        "post",
        _pk("target-edit", "target-HOSP-CARD"),
        NOBODY,
        sees("HOSP-CARD"),
        302,
        lambda s: {"value": "not a number", "tolerance": "-1"},
        special=_refuse(manages("HOSP-CARD"), 200),
    ),
    Probe(
        "manual-return-without-a-note-HOSP-CARD",
        "post",
        _pk("manual-return", "value-HOSP-CARD"),
        NOBODY,
        sees("HOSP-CARD"),
        302,
        lambda s: {},
        special=_refuse(manages("HOSP-CARD"), 400),
    ),
    Probe(
        "manual-entry-invalid-HOSP-CARD",
        "post",
        _q("manual-entry", "?period=202502"),
        NOBODY,
        sees("HOSP-CARD"),
        302,
        lambda s: {**_entry(HOURS, "HOSP-CARD")(s), "period": "soon"},
        special=_refuse(edits("HOSP-CARD"), 200),
    ),
    Probe(
        "round-close-already-closed",
        "post",
        _pk("round-close", "round-HOSP-closed"),
        NOBODY,
        within("HOSP"),
        302,
        lambda s: {},
        special=_refuse(quality("HOSP"), 302),  # back to the round with "already closed"
    ),
    Probe(
        "round-reopen-already-open",
        "post",
        _pk("round-reopen", "round-HOSP"),
        NOBODY,
        within("HOSP"),
        302,
        lambda s: {},
        special=_refuse(quality("HOSP"), 302),
    ),
    Probe(
        "round-open-invalid",
        "post",
        _u("round-open"),
        NOBODY,
        EVERYONE,
        302,
        lambda s: {"unit": "", "period": "never", "due": ""},
        special=_refuse(QUALITY_SOMEWHERE, 400),
    ),
    Probe(
        "indicator-create-invalid",
        "post",
        _u("indicator-create"),
        NOBODY,
        EVERYONE,
        302,
        lambda s: {"code": "bad code"},
        special=_refuse(MAY_DEFINE, 200),
    ),
]

# the API

API: list[Case] = [
    Case("api-indicators-list", "get", lambda s: "/api/v1/indicators/", EVERYONE, EVERYONE),
    *(
        Case(
            f"api-indicators-{code}", "get", lambda s, c=code: f"/api/v1/indicators/{c}/", who, who
        )
        for code, who in (
            (READMISSION, EVERYONE),
            (HOURS, EVERYONE),
            (REG_OWN, READERS),
            (OTHER_OWN, STRANGER),
            ("NOPE", NOBODY),
        )
    ),
    Case(
        "api-indicators-post-not-offered",
        "post",
        lambda s: "/api/v1/indicators/",
        EVERYONE,
        EVERYONE,
        405,
        lambda s: {"code": "X"},
        writes=False,
    ),
    *(
        Probe(
            f"api-analytics-{code}-at-{unit}{'-children' if children else ''}",
            "get",
            lambda s, c=code, u=unit, ch=children: (
                f"/api/v1/analytics/?dx={c}&pe={PERIOD}&ou={u}" + ("&children=true" if ch else "")
            ),
            ok,
            ok,
            # an unseen unit (or another organisation's own indicator) is answered as unknown
            special=_refuse(EVERYONE - ok, 400),
        )
        for code, unit, children, ok in (
            (READMISSION, "HOSP-CARD", False, sees("HOSP-CARD")),
            (READMISSION, "HOSP-SURG", False, sees("HOSP-SURG")),
            (READMISSION, "HOSP", True, sees("HOSP")),
            (READMISSION, "OTHER", False, sees("OTHER")),
            (REG_OWN, "HOSP-CARD", True, sees("HOSP-CARD")),
            (REG_OWN, "OTHER", False, NOBODY),
            (OTHER_OWN, "HOSP-CARD", False, NOBODY),
            (OTHER_OWN, "OTHER", False, STRANGER),
        )
    ),
]


@pytest.mark.parametrize("case", [c.param() for c in INDICATOR_GET + TARGET_GET + MANUAL_GET])
def test_indicator_pages(case: Case, scene: Scene, client: Any) -> None:
    _run(case, scene, lambda user, url, data: web_client(client, user).get(url))


@pytest.mark.parametrize("case", [c.param() for c in INDICATOR_POST + TARGET_POST + MANUAL_POST])
def test_indicator_writes(case: Case, scene: Scene, client: Any) -> None:
    def send(user: Any, url: str, data: Any) -> Any:
        for value in (data or {}).values():
            if hasattr(value, "seek"):
                value.seek(0)
        return web_client(client, user).post(url, data)

    _run(case, scene, send)


@pytest.mark.parametrize("case", [c.param() for c in SCORECARD_GET + ROUND_GET])
def test_scorecard_and_round_pages(case: Case, scene: Scene, client: Any) -> None:
    _run(case, scene, lambda user, url, data: web_client(client, user).get(url))


@pytest.mark.parametrize("case", [c.param() for c in HISTORY_GET])
def test_history_of_indicator_objects(case: Case, scene: Scene, client: Any) -> None:
    _run(case, scene, lambda user, url, data: web_client(client, user).get(url))


@pytest.mark.parametrize("case", [c.param() for c in SCORECARD_POST + ROUND_POST + REFUSED_FIRST])
def test_scorecard_and_round_writes(case: Case, scene: Scene, client: Any) -> None:
    _run(case, scene, lambda user, url, data: web_client(client, user).post(url, data))


@pytest.mark.parametrize("case", [c.param() for c in API])
def test_indicator_api(case: Case, scene: Scene) -> None:
    def send(user: Any, url: str, data: Any) -> Any:
        client = api_client(user)
        if case.method == "get":
            return client.get(url)
        return getattr(client, case.method)(url, data, format="json")

    _run(case, scene, send)


WEB = INDICATOR_GET + INDICATOR_POST + TARGET_GET + TARGET_POST + MANUAL_GET + MANUAL_POST
WEB += SCORECARD_GET + SCORECARD_POST + ROUND_GET + ROUND_POST + HISTORY_GET + REFUSED_FIRST


def test_the_matrices_cover_every_route(scene: Scene) -> None:
    """Every named route of the three urlconfs is in a matrix, with GET and with POST where
    it takes a POST; the indicator API is too."""
    from django.urls import Resolver404, resolve

    from soteria.indicators import urls as indicator_urls
    from soteria.rounds import urls as round_urls
    from soteria.scorecards import urls as scorecard_urls

    covered: dict[str, set[str]] = {}
    for case in WEB:
        try:
            name = resolve(case.url(scene).split("?")[0]).url_name
        except Resolver404:
            continue
        covered.setdefault(name, set()).add(case.method)
    names = {
        p.name
        for conf in (indicator_urls, scorecard_urls, round_urls)
        for p in conf.urlpatterns
        if getattr(p, "name", None)
    }
    assert len(names) == 40
    assert names - set(covered) == set()
    post_only = {
        "target-approve",
        "manual-approve",
        "manual-return",
        "manual-unlock",
        "scorecard-pin",
        "round-initiative-update",
        "round-close",
        "round-reopen",
    }
    writes = post_only | {
        "indicator-create",
        "indicator-edit",
        "indicator-runs",
        "target-upload",
        "target-edit",
        "target-delete",
        "target-create",
        "manual-entry",
        "manual-excel",
        "manual-locks",
        "round-open",
    }
    assert {n for n in writes if "post" not in covered[n]} == set()
    assert {n for n in names - post_only if "get" not in covered[n]} == set()
    api = {case.url(scene).split("?")[0] for case in API}
    assert "/api/v1/analytics/" in api and "/api/v1/indicators/" in api


def test_anonymous_visitors_are_sent_to_the_login_page(scene: Scene, client: Any) -> None:
    before = db_state()
    for case in WEB:
        data = case.data(scene) if case.data else None
        response = getattr(client, case.method)(case.url(scene), data)
        assert response.status_code == 302, case.id
        assert response["Location"].startswith("/login/?next="), case.id
    assert db_state() == before


def test_anonymous_and_inactive_api_callers_get_401(scene: Scene) -> None:
    inactive = api_client(user_create("gone", is_active=False))
    for case in API:
        for api in (APIClient(), inactive):
            call = getattr(api, case.method)
            url = case.url(scene)
            response = call(url) if case.method == "get" else call(url, {}, format="json")
            assert response.status_code == 401, case.id


# --- what the pages and downloads hold --------------------------------------------------------


def hidden_units(name: str) -> set[str]:
    """Units whose figures the user must never get: those they cannot see."""
    return ALL - UNITS[name]


def foreign_codes(name: str) -> set[str]:
    """Unit codes the user must never meet: neither visible nor above a visible unit (targets
    and strategies are inherited from above, so their units may be named)."""
    above = {a for code in UNITS[name] for a in ancestors(code)}
    return ALL - UNITS[name] - above


def _figure(number: int) -> str:
    digits = str(number)
    return rf"(?<![\d.,]){digits[0]}[,.\s\u00a0\u202f]?{digits[1:]}(?!\d)"


def leaks(name: str, text: str, *, figures_only: bool = False) -> set[str]:
    """What of the hidden units the text holds: their codes, names, figures and targets.

    ``figures_only`` for strategy pages, which name the owner units of what they show
    (the strategy is readable in its whole subtree): only figures and targets count."""
    found = set() if figures_only else {c for c in code_tokens(text) if c in foreign_codes(name)}
    if not figures_only and ICU in foreign_codes(name) and ICU in text:
        found.add(ICU)
    names = {
        "HOSP-SURG": "Surgery",
        ICU: "Intensive care",
        "OTHER": "Other hospital",
        "HOSP-CARD": "Cardiology",
    }
    for code in hidden_units(name):
        hidden_name = code in names and code in foreign_codes(name) and names[code] in text
        if hidden_name and not figures_only:
            found.add(f"name of {code}")
        if code in DENOMINATORS and re.search(_figure(DENOMINATORS[code]), text):
            found.add(f"figure of {code}")
        if code in TARGETS and re.search(_figure(TARGETS[code]), text):
            found.add(f"target of {code}")
    return found


def _text(response: Any) -> str:
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats-officedocument"):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            ",".join("" if c is None else str(c) for c in row)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    # the language switcher sends the user back to the page asked for: an echo, not a leak
    return re.sub(r'name="next" value="[^"]*"', "", response.content.decode())


def _scorecard_urls(unit: str) -> list[str]:
    page = reverse("scorecard-indicator", args=[READMISSION]) + f"?unit={unit}&period={PERIOD}"
    csv_url = reverse("scorecard-indicator-csv", args=[READMISSION])
    svg = reverse("scorecard-indicator-svg", args=[READMISSION])
    return [
        page,
        f"{csv_url}?unit={unit}&period={PERIOD}&table=series",
        f"{csv_url}?unit={unit}&period={PERIOD}&table=comparison",
        f"{svg}?unit={unit}&period={PERIOD}&chart=spc",
        f"{svg}?unit={unit}&period={PERIOD}&chart=comparison",
        f"{svg}?unit={unit}&period={PERIOD}&chart=funnel",
        reverse("scorecard-dashboard", args=[unit]) + f"?period={PERIOD}",
    ]


@pytest.mark.parametrize("name", USERS)
def test_scorecards_of_every_visible_unit_hold_only_visible_units(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    for unit in sorted(UNITS[name]):
        for url in _scorecard_urls(unit):
            response = client.get(url)
            if "chart=funnel" in url and response.status_code == 404:
                continue  # not drawn: fewer than three units with a value
            assert response.status_code == 200, url
            assert leaks(name, _text(response)) == set(), url


@pytest.mark.parametrize("name", USERS)
def test_the_comparison_table_holds_exactly_the_visible_peers(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    url = reverse("scorecard-indicator-csv", args=[READMISSION])
    for unit in sorted(UNITS[name]):
        response = client.get(f"{url}?unit={unit}&period={PERIOD}&table=comparison")
        rows = list(csv.reader(io.StringIO(response.content.decode())))[1:]
        codes = {row[0] for row in rows}
        assert codes <= UNITS[name], unit
        assert unit in codes
        for row in rows:  # the figures are the unit's own
            assert row[6] == str(DENOMINATORS[row[0]]), row


def test_the_head_of_department_gets_no_funnel_of_the_hospital(scene: Scene, client: Any) -> None:
    """The hospital's funnel plot compares its three departments; the lead of one of them
    asking for it, or for their department's (beside its siblings), gets no other figures."""
    svg = reverse("scorecard-indicator-svg", args=[READMISSION])
    web_client(client, scene.user("quality"))
    drawn = client.get(f"{svg}?unit=HOSP&period={PERIOD}&chart=funnel")
    assert drawn.status_code == 200
    text = drawn.content.decode()
    assert "Surgery" in text and "Intensive care" in text  # the control
    web_client(client, scene.user("lead"))
    assert client.get(f"{svg}?unit=HOSP&period={PERIOD}&chart=funnel").status_code == 404
    alone = client.get(f"{svg}?unit=HOSP-CARD&period={PERIOD}&chart=funnel")
    assert alone.status_code == 404  # one unit compared: no funnel
    assert leaks("lead", alone.content.decode()) == set()


@pytest.mark.parametrize("name", USERS)
def test_objective_scorecards_and_houses_hold_only_visible_units(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    keys = ("OS",) if name == "stranger" else ("S1", "S2")
    for key in keys:
        for url in (
            reverse("scorecard-objective", args=[scene[f"objective-{key}"]]) + f"?period={PERIOD}",
            reverse("scorecard-house", args=[scene[f"version-{key}"]]) + f"?period={PERIOD}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert leaks(name, response.content.decode(), figures_only=True) == set(), url
    html = client.get(reverse("scorecard-house-index")).content.decode()
    assert leaks(name, html) == set()
    houses = {int(pk) for pk in re.findall(r'href="/scorecards/versions/(\d+)/', html)}
    assert houses == {scene[f"version-{key}"] for key in keys}


PORTFOLIO_TITLES = {
    "EHR roll-out": "HOSP-CARD",
    "Theatre robots": "HOSP-SURG",
    "Harbour clinic": "OTHER",
}


@pytest.mark.parametrize("name", USERS)
def test_the_portfolio_lists_only_initiatives_of_visible_units(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    for query in ("", "?format=csv", f"?unit={min(UNITS[name], key=len)}"):
        text = client.get(reverse("scorecard-portfolio") + query).content.decode()
        shown = {owner for title, owner in PORTFOLIO_TITLES.items() if title in text}
        assert shown == {owner for owner in PORTFOLIO_TITLES.values() if owner in UNITS[name]}
        assert leaks(name, text) == set(), query


ROUNDS_TAKEN_PART_IN = {
    "admin": {"HOSP", "HOSP-closed", "HOSP-SURG"},
    "quality": {"HOSP", "HOSP-closed", "HOSP-SURG"},
    "lead": {"HOSP", "HOSP-closed"},
    "contributor": {"HOSP", "HOSP-closed"},
    "viewer": {"HOSP", "HOSP-closed", "HOSP-SURG"},
    "stranger": {"OTHER", "OTHER-closed"},
}


@pytest.mark.parametrize("name", USERS)
def test_round_pages_list_only_rounds_and_updates_within_reach(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    html = client.get(reverse("round-list")).content.decode()
    listed = {int(pk) for pk in re.findall(r'href="/rounds/(\d+)/"', html)}
    assert listed == {scene[f"round-{key}"] for key in ROUNDS_TAKEN_PART_IN[name]}
    assert leaks(name, html) == set()
    for key in ROUNDS_TAKEN_PART_IN[name]:
        detail = client.get(reverse("round-detail", args=[scene[f"round-{key}"]]))
        text = detail.content.decode()
        assert leaks(name, text) == set(), key
        initiatives = {t for t in PORTFOLIO_TITLES if t in text}
        assert {PORTFOLIO_TITLES[t] for t in initiatives} <= UNITS[name], key


@pytest.mark.parametrize("name", USERS)
def test_indicator_lists_hold_an_organisations_own_indicators_only_within_it(
    name: str, scene: Scene, client: Any
) -> None:
    own = {REG_OWN} if name != "stranger" else {OTHER_OWN}
    web_client(client, scene.user(name))
    for url in (reverse("indicator-list"), reverse("target-index")):
        html = client.get(url).content.decode()
        assert {c for c in (REG_OWN, OTHER_OWN) if c in html} == own, url
        assert READMISSION in html and HOURS in html, url
    codes = {
        d["code"]
        for d in api_client(scene.user(name))
        .get("/api/v1/indicators/?page_size=1000")
        .json()["results"]
    }
    assert {c for c in (REG_OWN, OTHER_OWN) if c in codes} == own
    assert READMISSION in codes


@pytest.mark.parametrize("name", USERS)
def test_indicator_and_target_pages_hold_only_visible_units(
    name: str, scene: Scene, client: Any
) -> None:
    web_client(client, scene.user(name))
    for url in (
        reverse("indicator-detail", args=[READMISSION]) + "?period_type=quarter",
        reverse("indicator-detail", args=[READMISSION]) + "?period_type=quarter&unit=HOSP-SURG",
        reverse("target-list", args=[READMISSION]) + "?period=2025",
        reverse("target-list", args=[READMISSION]) + f"?period={PERIOD}",
        reverse("target-index"),
        reverse("target-download"),
        reverse("target-download") + f"?indicator={READMISSION}",
        reverse("manual-entry") + "?period=202501",
        reverse("manual-approvals"),
        reverse("manual-locks"),
        reverse("manual-excel"),
        reverse("indicator-runs"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert leaks(name, _text(response)) == set(), url


@pytest.mark.parametrize("name", USERS)
def test_the_analytics_api_answers_only_visible_units(name: str, scene: Scene) -> None:
    api = api_client(scene.user(name))
    for code in sorted(ALL):
        response = api.get(
            f"/api/v1/analytics/?dx={READMISSION},{HOURS}&pe={PERIOD},2025&ou={code}&children=1"
        )
        if code not in UNITS[name]:
            assert response.status_code == 400, code
            assert set(response.json()) == {"ou"}, code
            continue
        body = response.json()
        assert {row[2] for row in body["rows"]} <= UNITS[name], code
        assert set(body["metaData"]["items"]) - {READMISSION, HOURS} <= UNITS[name], code
        assert leaks(name, response.content.decode()) == set(), code
    mine = ",".join(sorted(UNITS[name]))
    answer = api.get(f"/api/v1/analytics/?dx={READMISSION}&pe={PERIOD}&ou={mine}&format=csv")
    assert answer.status_code == 200
    rows = list(csv.reader(io.StringIO(answer.content.decode())))
    assert {row[2] for row in rows[1:]} == UNITS[name]
    assert leaks(name, answer.content.decode()) == set()


# --- regressions (each was a bug) -------------------------------------------------------------


def unchanged(send: Callable[[], Any]) -> Any:
    """Send a request that must be refused; assert nothing changed and return the response."""
    before = db_state()
    response = send()
    assert db_state() == before
    return response


HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "url",
    [
        f"/indicators/runs/{HUGE}/",
        f"/indicators/targets/{HUGE}/edit/",
        f"/indicators/targets/{HUGE}/delete/",
        f"/indicators/objectives/{HUGE}/status/",
        f"/indicators/manual/excel/template/?unit={HUGE}&period=202501",
        "/indicators/manual/excel/template/?unit=1&period=never",
        "/indicators/manual/?unit=NOPE&period=999999",
        "/indicators/manual/?period=2025Q9",
        f"/indicators/{READMISSION}/targets/?period=zzz",
        f"/indicators/{READMISSION}/targets/new/?unit=HOSP/x&period=zz",
        f"/indicators/{READMISSION}/?unit=&period_type=fortnight",
        "/indicators/targets/download/?indicator=%00",
        f"/rounds/{HUGE}/",
        f"/rounds/{HUGE}/completion.csv",
        "/rounds/new/?unit=HOSP/x",
        f"/scorecards/versions/{HUGE}/",
        f"/scorecards/objectives/{HUGE}/",
        f"/scorecards/indicators/{READMISSION}/?period=9999Q4",
        f"/scorecards/indicators/{READMISSION}/?period=0000",
        f"/scorecards/indicators/{READMISSION}/?unit=hosp",
        f"/scorecards/indicators/{READMISSION}/data.csv?table=comparison&period=202613",
        f"/scorecards/indicators/{READMISSION}/chart.svg?chart=funnel&unit=OTHER",
        "/scorecards/units/HOSP/?period=2025Q9",
        "/scorecards/initiatives/?unit=HOSP&period=x&status=zzz&group=zzz&funding=%00",
        f"/api/v1/analytics/?dx={READMISSION}&pe=2025Q9&ou=HOSP",
        "/api/v1/analytics/?dx=,,,&pe=;;&ou=%00",
        f"/api/v1/indicators/{HUGE}/",
    ],
)
def test_odd_inputs_are_never_a_500(url: str, scene: Scene, client: Any) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    assert unchanged(lambda: client.get(url)).status_code in (200, 302, 400, 404), url


@pytest.mark.parametrize(
    ("route", "data"),
    [
        ("manual-entry", {"definition": HUGE, "unit": HUGE, "period": "202501"}),
        ("manual-entry", {"definition": "", "unit": "abc", "period": "202501"}),
        ("manual-locks", {"unit": "abc", "period": "2022"}),
        ("round-open", {"unit": HUGE, "period": "2025Q3", "due": "2025-10-15"}),
        ("indicator-create", {"code": "PM_X", "owner": "abc"}),
    ],
)
def test_odd_form_inputs_are_never_a_500(
    route: str, data: dict[str, str], scene: Scene, client: Any
) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    response = unchanged(lambda: client.post(reverse(route), data))
    assert response.status_code in (200, 400, 404), route


def test_odd_pins_are_never_a_500(scene: Scene, client: Any) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    for data in ({}, {"indicator": "%00"}, {"indicator": READMISSION, "period": "../../x"}):
        response = unchanged(
            lambda data=data: client.post(reverse("scorecard-pin", args=["HOSP"]), data)
        )
        assert response.status_code in (302, 404), data


# --- regressions (each was a bug) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code", "unit"),
    [
        ("stranger", REG_OWN, "OTHER"),
        ("admin", OTHER_OWN, "HOSP-CARD"),
        ("lead", OTHER_OWN, "HOSP-CARD"),
    ],
)
def test_bug_analytics_answers_another_organisations_own_indicator(
    name: str, code: str, unit: str, scene: Scene
) -> None:
    """It answered with the indicator's name in ``metaData`` (and its values, had the unit
    any): an organisation's own indicators are unknown outside it, like unseen units."""
    api = api_client(scene.user(name))
    for fmt in ("", "&format=csv"):
        asked = api.get(f"/api/v1/analytics/?dx={code}&pe={PERIOD}&ou={unit}{fmt}")
        unknown = api.get(f"/api/v1/analytics/?dx=PM_NOPE&pe={PERIOD}&ou={unit}{fmt}")
        assert asked.status_code == unknown.status_code == 400
        text = asked.content.decode()
        assert text.replace(code, "PM_NOPE") == unknown.content.decode()
        assert "own count" not in text


@pytest.mark.parametrize(
    ("name", "code", "unit"),
    [
        ("stranger", REG_OWN, "OTHER"),
        ("lead", OTHER_OWN, "HOSP-CARD"),
        ("admin", OTHER_OWN, "HOSP"),
    ],
)
def test_bug_pinning_another_organisations_own_indicator_confirms_it_exists(
    name: str, code: str, unit: str, scene: Scene, client: Any
) -> None:
    """It sent back to the dashboard with "not used at this unit" where an unknown code is
    "not found"."""
    web_client(client, scene.user(name))
    url = reverse("scorecard-pin", args=[unit])
    for indicator in (code, "PM_NOPE"):
        response = unchanged(lambda i=indicator: client.post(url, {"indicator": i, "pinned": "1"}))
        assert response.status_code == 404, indicator


@pytest.mark.parametrize(
    ("name", "code", "unit"),
    [
        ("stranger", REG_OWN, "OTHER"),
        ("viewer", OTHER_OWN, "HOSP-CARD"),
        ("admin", OTHER_OWN, "HOSP-CARD"),
    ],
)
def test_bug_entering_another_organisations_own_indicator_confirms_it_exists(
    name: str, code: str, unit: str, scene: Scene, client: Any
) -> None:
    """The entry page took any hand-entered definition by its id: the page came back (or a
    viewer got a 403) where an unknown id is "not found"."""
    web_client(client, scene.user(name))
    url = reverse("manual-entry") + "?period=202502"
    data = _entry(code, unit)(scene)
    for definition in (data["definition"], "999999"):
        response = unchanged(lambda d=definition: client.post(url, {**data, "definition": d}))
        assert response.status_code == 404, definition


@pytest.mark.parametrize("name", ["lead", "contributor"])
def test_bug_the_history_of_a_target_above_is_read_from_below(
    name: str, scene: Scene, client: Any
) -> None:
    """Reading a target needs a role on its unit; its history page let a head of department
    read the hospital's target (who set it, and every value it had)."""
    url = reverse("history", args=["indicators.target", scene["target-HOSP"]])
    viewer = web_client(client, scene.user("viewer")).get(url)
    assert viewer.status_code == 200 and re.search(
        _figure(TARGETS["HOSP"]), viewer.content.decode()
    )
    assert web_client(client, scene.user(name)).get(url).status_code == 404
    target_delete(None, Target.objects.get(pk=scene["target-HOSP"]))  # then read by its entries
    assert client.get(url).status_code == 404
    assert web_client(client, scene.user("viewer")).get(url).status_code == 200


@pytest.mark.parametrize("unit", ["²", "١٢", "٣"])
def test_bug_manual_template_with_a_non_ascii_digit_is_a_500(
    unit: str, scene: Scene, client: Any
) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    url = reverse("manual-template") + f"?unit={unit}&period=202501"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("field_name", ["definition", "unit"])
@pytest.mark.parametrize("given", ["abc", "²", "1.5", "-1"])
def test_bug_manual_entry_with_a_non_numeric_id_is_a_500(
    field_name: str, given: str, scene: Scene, client: Any
) -> None:
    web_client(_no_raise(client), scene.user("admin"))
    data = {**_entry(HOURS, "HOSP-CARD")(scene), field_name: given}
    url = reverse("manual-entry") + "?period=202502"
    assert unchanged(lambda: client.post(url, data)).status_code == 404


# --- found, not fixed: outside the views (see the reasons) ------------------------------------


def _upload_problems(client: Any, route: str, form: str, data: dict[str, Any]) -> list[str]:
    response = unchanged(lambda: client.post(reverse(route), data))
    assert response.status_code in (200, 400)
    form_errors = response.context[form].errors
    return [message for messages in form_errors.values() for message in messages]


def test_a_target_upload_does_not_confirm_another_organisations_indicator(
    scene: Scene, client: Any
) -> None:
    web_client(client, scene.user("stranger"))
    problems = {
        code: _upload_problems(
            client, "target-upload", "form", _target_book([code, "OTHER", "2027", 5, 1, "x"])(scene)
        )
        for code in (REG_OWN, "PM_NOPE")
    }
    assert [p.replace(REG_OWN, "PM_NOPE") for p in problems[REG_OWN]] == problems["PM_NOPE"]


def test_a_value_upload_does_not_confirm_another_organisations_indicator(
    scene: Scene, client: Any
) -> None:
    web_client(client, scene.user("stranger"))
    problems = {
        code: _upload_problems(
            client,
            "manual-excel",
            "upload_form",
            _value_book([code, "", "OTHER", "", "202503", 6, None])(scene),
        )
        for code in (REG_OWN, "PM_NOPE")
    }
    assert [p.replace(REG_OWN, "PM_NOPE") for p in problems[REG_OWN]] == problems["PM_NOPE"]
