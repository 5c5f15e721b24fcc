"""Builds the demo organisations, strategies and users — through the services layer, so
demo data is made exactly the way users make data, audit history included.

Deterministic and idempotent: an organisation whose root unit already exists is left as
it is, and users and roles are set, not added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from soteria.demo.content import ORGANISATIONS, STRATEGIES
from soteria.demo.indicators import link_objective_indicators
from soteria.organisations import services as unit_services
from soteria.organisations.models import OrgUnit, Role, UnitKind
from soteria.strategy import services as strategy_services
from soteria.strategy.models import (
    BudgetLine,
    Deliverable,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    Priority,
    Programme,
    StrategyVersion,
    SuccessFactor,
    Value,
    VersionStatus,
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    organisation_language: str
    #: Which unit of that organisation: "root", or the n-th department (0-based).
    where: str | int
    first_name: str
    last_name: str

    @property
    def password(self) -> str:
        return f"{self.username}-demo"


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("admin", Role.ADMINISTRATOR, "*", "root", "Ada", "Admin"),
    DemoUser("quality", Role.QUALITY_MANAGER, "pl", "root", "Katarzyna", "Wiśniewska"),
    DemoUser("lead", Role.UNIT_LEAD, "pl", 1, "Piotr", "Zieliński"),
    DemoUser("contributor", Role.CONTRIBUTOR, "pl", 1, "Marta", "Nowak"),
    DemoUser("viewer", Role.VIEWER, "da", "root", "Mette", "Holm"),
    DemoUser("lan", Role.UNIT_LEAD, "vi", "root", "Lan", "Nguyễn"),
    DemoUser("aino", Role.QUALITY_MANAGER, "fi", "root", "Aino", "Korhonen"),
)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _create_units(spec: dict[str, Any], parent: OrgUnit | None, language: str) -> None:
    unit = unit_services.unit_create(
        actor=None,
        code=spec["code"],
        kind=spec["kind"],
        name=spec["name"],
        parent=parent,
        language=language,
        time_zone=spec.get("time_zone"),
    )
    for child in spec.get("children", []):
        _create_units(child, unit, language)


def _build_strategy(root: OrgUnit, spec: dict[str, Any]) -> StrategyVersion:
    units = {unit.code: unit for unit in root.subtree()}
    version = strategy_services.strategy_create(
        actor=None,
        unit=root,
        code=spec["code"],
        title=spec["title"],
        valid_from=_date(spec.get("valid_from")),
        valid_to=_date(spec.get("valid_to")),
        mission=spec.get("mission", {}),
        vision=spec.get("vision", {}),
    )
    create: Callable[..., Any] = strategy_services.element_create
    for value in spec.get("values", []):
        create(
            actor=None,
            version=version,
            model=Value,
            name=value["name"],
            description=value.get("description", {}),
        )
    priorities = {}
    for priority in spec.get("priorities", []):
        priorities[priority["code"]] = create(
            actor=None,
            version=version,
            model=Priority,
            code=priority["code"],
            title=priority["title"],
            description=priority.get("description", {}),
        )
    for factor in spec.get("success_factors", []):
        create(
            actor=None,
            version=version,
            model=SuccessFactor,
            code=factor["code"],
            title=factor["title"],
            description=factor.get("description", {}),
        )
    for p in spec.get("programmes", []):
        programme = create(
            actor=None,
            version=version,
            model=Programme,
            code=p["code"],
            title=p["title"],
            description=p.get("description", {}),
            owner_unit=units[p["owner_unit"]],
        )
        for o in p.get("objectives", []):
            objective = create(
                actor=None,
                version=version,
                model=Objective,
                programme=programme,
                code=o["code"],
                title=o["title"],
                description=o.get("description", {}),
                owner_unit=units[o["owner_unit"]],
                priority=priorities.get(o.get("priority")),
            )
            for i in o.get("initiatives", []):
                _build_initiative(version, objective, units, i)
    link_objective_indicators(version, root.code, units)
    return version


def _build_initiative(
    version: StrategyVersion, objective: Objective, units: dict[str, OrgUnit], i: dict[str, Any]
) -> None:
    create = strategy_services.element_create
    initiative = create(
        actor=None,
        version=version,
        model=Initiative,
        objective=objective,
        code=i["code"],
        title=i["title"],
        description=i.get("description", {}),
        owner_unit=units[i["owner_unit"]],
        start=_date(i.get("start")),
        end=_date(i.get("end")),
        status=i.get("status", "planned"),
    )
    for f in i.get("funding", []):
        create(
            actor=None,
            version=version,
            model=FundingSource,
            initiative=initiative,
            programme_name=f["programme_name"],
            funder=f.get("funder", {}),
            amount=Decimal(f["amount"]),
            currency=f["currency"],
        )
    for b in i.get("budget", []):
        create(
            actor=None,
            version=version,
            model=BudgetLine,
            initiative=initiative,
            category=b["category"],
            planned=Decimal(b["planned"]),
            spent=Decimal(b.get("spent", "0")),
            currency=b["currency"],
        )
    for m in i.get("milestones", []):
        create(
            actor=None,
            version=version,
            model=Milestone,
            initiative=initiative,
            title=m["title"],
            due=_date(m["due"]),
            status=m.get("status", "planned"),
        )
    for d in i.get("deliverables", []):
        create(
            actor=None,
            version=version,
            model=Deliverable,
            initiative=initiative,
            title=d["title"],
            status=d.get("status", "planned"),
        )


def _approve(version: StrategyVersion, spec: dict[str, Any]) -> StrategyVersion:
    return strategy_services.version_transition(
        actor=None,
        version=version,
        status=VersionStatus.APPROVED,
        approving_body=spec["approving_body"],
        decision_date=_date(spec["decision_date"]),
    )


def _draft_revision(approved: StrategyVersion, language: str) -> None:
    """A draft version 2 with a few changes, so that "compare versions" has a story."""
    draft = strategy_services.version_copy(actor=None, version=approved)
    revision_note = {
        "en": "Mid-term revision: sharper vision, one objective reworded, one added.",
        "pl": "Aktualizacja śródokresowa: doprecyzowana wizja, jeden cel przeformułowany, "
        "jeden dodany.",
    }
    vision = dict(draft.vision)
    vision["en"] = vision.get("en", "") + " — measurably, every half-year."
    if language == "pl":
        vision["pl"] = vision.get("pl", "") + " — mierzalnie, co pół roku."
    strategy_services.version_update(
        actor=None, version=draft, vision=vision, change_note=revision_note
    )
    objective = Objective.objects.filter(version=draft).order_by("order").first()
    if objective is not None:
        title = dict(objective.title)
        title["en"] = title.get("en", "") + " (by 2027)"
        if language == "pl":
            title["pl"] = title.get("pl", "") + " (do 2027 r.)"
        strategy_services.element_update(actor=None, element=objective, title=title)
        strategy_services.element_create(
            actor=None,
            version=draft,
            model=Objective,
            programme=objective.programme,
            code="O-NEW-1",
            title={
                "en": "Publish half-year results of every programme to staff",
                "pl": "Publikować półroczne wyniki każdego programu dla personelu",
            },
            owner_unit=objective.owner_unit,
            priority=objective.priority,
        )


def _departments(root: OrgUnit) -> list[OrgUnit]:
    return list(root.subtree().filter(kind=UnitKind.DEPARTMENT).order_by("path"))


def ensure_users(roots: dict[str, OrgUnit]) -> list[DemoUser]:
    User = get_user_model()
    for demo in DEMO_USERS:
        user, _created = User.objects.get_or_create(
            username=demo.username,
            defaults={"first_name": demo.first_name, "last_name": demo.last_name},
        )
        user.set_password(demo.password)
        user.is_active = True
        user.save()
        languages = (
            list(roots) if demo.organisation_language == "*" else [demo.organisation_language]
        )
        for language in languages:
            root = roots.get(language)
            if root is None:
                continue
            unit = root if demo.where == "root" else _departments(root)[int(demo.where)]
            unit_services.membership_set(actor=None, unit=unit, user=user, role=demo.role)
    return list(DEMO_USERS)


@transaction.atomic
def build_demo(log: Callable[[str], None] = print) -> list[DemoUser]:
    roots: dict[str, OrgUnit] = {}
    organisation: dict[str, Any]
    for organisation in ORGANISATIONS:
        language = str(organisation["language"])
        root = OrgUnit.objects.filter(code=organisation["code"]).first()
        if root is None:
            _create_units(organisation, None, language)
            root = OrgUnit.objects.get(code=organisation["code"])
            spec = STRATEGIES[organisation["code"]]
            approved = _approve(_build_strategy(root, spec), spec)
            if language == "pl":
                _draft_revision(approved, language)
            log(f"Built {organisation['code']}: {root.subtree().count()} units.")
        else:
            log(f"{organisation['code']} already present; left as it is.")
        roots[language] = root
    return ensure_users(roots)
