"""Factories for tests: small functions that build data through the services layer."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue, Target
from soteria.organisations import services as unit_services
from soteria.organisations.models import OrgUnit, Role
from soteria.strategy import services as strategy_services
from soteria.strategy.models import (
    BudgetLine,
    Deliverable,
    FundingSource,
    Initiative,
    Milestone,
    Objective,
    ObjectiveIndicator,
    Priority,
    Programme,
    StrategyVersion,
    SuccessFactor,
    Value,
    VersionStatus,
)

_seq = itertools.count(1)


def user_create(username: str | None = None, **extra: Any) -> Any:
    username = username or f"user{next(_seq)}"
    return get_user_model().objects.create_user(
        username=username, password=f"{username}-pw", **extra
    )


def unit_create(
    code: str | None = None, parent: OrgUnit | None = None, kind: str = "department", **extra: Any
) -> OrgUnit:
    code = code or f"U{next(_seq)}"
    return unit_services.unit_create(
        actor=None,
        code=code,
        kind=kind,
        name=extra.pop("name", {"en": f"Unit {code}"}),
        parent=parent,
        **extra,
    )


def role_give(user: Any, unit: OrgUnit, role: Role) -> None:
    unit_services.membership_set(actor=None, unit=unit, user=user, role=role)


def strategy_build(
    unit: OrgUnit, owner: OrgUnit | None = None, approve: bool = True, code: str = "S1"
) -> StrategyVersion:
    """A small but complete strategy: every element type once."""
    owner = owner or unit
    version = strategy_services.strategy_create(
        actor=None,
        unit=unit,
        code=code,
        title={"en": "Strategy 2025–2028", "pl": "Strategia 2025–2028"},
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2028, 12, 31),
        mission={"en": "Health first"},
        vision={"en": "The best regional hospital"},
    )
    create = strategy_services.element_create
    create(actor=None, version=version, model=Value, name={"en": "Respect"})
    priority = create(
        actor=None, version=version, model=Priority, code="P1", title={"en": "Safe care"}
    )
    create(
        actor=None, version=version, model=SuccessFactor, code="CSF1", title={"en": "Skilled staff"}
    )
    programme = create(
        actor=None,
        version=version,
        model=Programme,
        code="PR1",
        title={"en": "Digitalisation"},
        owner_unit=unit,
    )
    objective = create(
        actor=None,
        version=version,
        model=Objective,
        programme=programme,
        code="O1",
        title={"en": "Electronic records"},
        owner_unit=owner,
        priority=priority,
    )
    create(
        actor=None,
        version=version,
        model=ObjectiveIndicator,
        objective=objective,
        indicator=standard_indicator("READMISSION_30D"),
        weight=2,
    )
    initiative = create(
        actor=None,
        version=version,
        model=Initiative,
        objective=objective,
        code="I1",
        title={"en": "EHR roll-out"},
        owner_unit=owner,
        start=dt.date(2025, 1, 1),
        end=dt.date(2026, 6, 30),
        status="in_progress",
    )
    create(
        actor=None,
        version=version,
        model=FundingSource,
        initiative=initiative,
        programme_name={"en": "Recovery fund"},
        amount=Decimal("1000000"),
        currency="EUR",
    )
    create(
        actor=None,
        version=version,
        model=BudgetLine,
        initiative=initiative,
        category={"en": "Servers"},
        planned=Decimal("500000"),
        spent=Decimal("120000"),
        currency="EUR",
    )
    create(
        actor=None,
        version=version,
        model=Milestone,
        initiative=initiative,
        title={"en": "Go-live"},
        due=dt.date(2026, 6, 30),
    )
    create(
        actor=None,
        version=version,
        model=Deliverable,
        initiative=initiative,
        title={"en": "Scanned archive"},
    )
    if approve:
        version = strategy_services.version_transition(
            actor=None,
            version=version,
            status=VersionStatus.APPROVED,
            approving_body={"en": "Supervisory board"},
            decision_date=dt.date(2025, 3, 1),
        )
    return version


def standard_indicator(code: str) -> IndicatorDefinition:
    """A definition of the standard set (loaded on migrate; loaded here if a test flushed it)."""
    definition = IndicatorDefinition.objects.filter(code=code).first()
    if definition is None:
        from soteria.indicators.services import standard_set_load

        standard_set_load()
        definition = IndicatorDefinition.objects.get(code=code)
    return definition


@dataclass
class World:
    """Two organisations and a named user per role (Healthchecks-style)."""

    region: OrgUnit
    hospital: OrgUnit
    cardiology: OrgUnit
    surgery: OrgUnit
    other_org: OrgUnit
    admin: Any
    quality: Any
    lead: Any
    contributor: Any
    viewer: Any
    stranger: Any
    strategy: StrategyVersion


def world_build() -> World:
    region = unit_create("REG", kind="region", name={"en": "Region", "da": "Region"})
    hospital = unit_create("HOSP", parent=region, kind="hospital", name={"en": "Hospital"})
    cardiology = unit_create("HOSP-CARD", parent=hospital, name={"en": "Cardiology"})
    surgery = unit_create("HOSP-SURG", parent=hospital, name={"en": "Surgery"})
    other_org = unit_create("OTHER", kind="hospital", name={"en": "Other hospital"})
    users = {
        name: user_create(name)
        for name in ("admin", "quality", "lead", "contributor", "viewer", "stranger")
    }
    role_give(users["admin"], region, Role.ADMINISTRATOR)
    role_give(users["quality"], hospital, Role.QUALITY_MANAGER)
    role_give(users["lead"], cardiology, Role.UNIT_LEAD)
    role_give(users["contributor"], cardiology, Role.CONTRIBUTOR)
    role_give(users["viewer"], hospital, Role.VIEWER)
    role_give(users["stranger"], other_org, Role.ADMINISTRATOR)
    strategy = strategy_build(hospital, owner=cardiology)
    return World(region, hospital, cardiology, surgery, other_org, strategy=strategy, **users)


def indicator_value_create(*args: Any, **kwargs: Any) -> IndicatorValue:
    """One stored (computed) value of an indicator for a unit and period (``2026S1``):
    :func:`indicator_value_build`, with its arguments, saved."""
    value_row = indicator_value_build(*args, **kwargs)
    value_row.save()
    return value_row


def indicator_value_build(
    definition: IndicatorDefinition,
    unit: OrgUnit,
    code: str,
    value: float | None,
    numerator: float | None = None,
    denominator: float | None = None,
    *,
    partial: bool = False,
    reason: str = "",
) -> IndicatorValue:
    """A stored (computed) value of an indicator for a unit and period (``2026S1``), not
    saved: rows for ``bulk_create``, as a run writes them (then send ``values_stored``)."""
    period = periods.parse(code)
    return IndicatorValue(
        definition=definition,
        unit=unit,
        period=period.code,
        period_type=period.type.value,
        period_start=period.start,
        value=value,
        numerator=numerator,
        denominator=denominator,
        no_value_reason=reason,
        definition_version=definition.version,
        partial=partial,
    )


def target_create(
    definition: IndicatorDefinition, unit: OrgUnit, code: str, value: float, tolerance: float = 0
) -> Target:
    """A target row (not through the approval workflow)."""
    period = periods.parse(code)
    return Target.objects.create(
        definition=definition,
        unit=unit,
        period=period.code,
        period_start=period.start,
        value=value,
        tolerance=tolerance,
    )
